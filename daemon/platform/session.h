/* session.h: the login session from logind (lock state, seat activity, sleep with a delay inhibitor) and the session type. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  /* LockedHint changed (also at start when the session is already locked). */
  void (*locked)   (gboolean locked, gint64 at_us, gpointer user_data);
  /* PrepareForSleep: TRUE right before suspend (call
   * limber_session_release_sleep_lock once state is saved), FALSE on resume. */
  void (*sleeping) (gboolean sleeping, gint64 at_us, gpointer user_data);
  /* Optional: set-up finished; @session_path is NULL without logind or
   * without a session.  Events before this may be missed. */
  void (*ready)    (const char *session_path, gpointer user_data);
  /* Optional: the session's Active changed (also at start when it is already
   * inactive): FALSE while another session has the seat (fast user switching). */
  void (*active)   (gboolean active, gint64 at_us, gpointer user_data);
} LimberSessionFuncs;

typedef struct _LimberSession LimberSession;

/* Connects asynchronously to logind on the system bus.  Without a system bus
 * or logind it logs one g_message and reports nothing more (except ready). */
LimberSession *limber_session_new (const LimberSessionFuncs *funcs,
                                   gpointer                  user_data);
/* Lets the pending suspend go ahead; the delay inhibitor is taken again on
 * resume.  Harmless when no lock is held. */
void           limber_session_release_sleep_lock (LimberSession *self);
/* TRUE while a sleep delay inhibitor is held. */
gboolean       limber_session_has_sleep_lock (LimberSession *self);
void           limber_session_free (LimberSession *self);

/* WAYLAND_DISPLAY set or XDG_SESSION_TYPE=wayland: the X11 backend would
 * only see Xwayland clients' input, so the daemon must not use it. */
gboolean       limber_session_is_wayland (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberSession, limber_session_free)

G_END_DECLS
