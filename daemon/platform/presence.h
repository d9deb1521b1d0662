/* presence.h: the small interface every presence backend implements (X11, Wayland, GNOME), and what they report. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LIMBER_PRESENCE_AWAY,  /* idle for at least the threshold */
  LIMBER_PRESENCE_BACK,  /* the first input after AWAY */
} LimberPresenceEvent;

typedef enum
{
  LIMBER_FULLSCREEN_UNKNOWN = -1,  /* this desktop offers no way to tell */
  LIMBER_FULLSCREEN_NO = 0,
  LIMBER_FULLSCREEN_YES = 1,
} LimberFullscreen;

/* What a backend tells the daemon. Backends only report: they never judge
 * whether the time away was a break. */
typedef struct
{
  /* @at_us (CLOCK_BOOTTIME µs): for AWAY the time of the last input, i.e.
   * when the user left; for BACK the time of the input that ended it. */
  void (*event) (LimberPresenceEvent event, gint64 at_us, gpointer user_data);
  /* The display server went away (session end, crash): the backend is dead;
   * free it from the main loop, not from inside this callback's caller. */
  void (*lost) (gpointer user_data);
  /* Optional: a focused fullscreen window appeared or went, for backends
   * whose display server announces it; others are asked with get_fullscreen. */
  void (*fullscreen_changed) (gboolean fullscreen, gpointer user_data);
} LimberPresenceFuncs;

typedef struct _LimberPresence LimberPresence;

/* One backend's implementation of the calls below. */
typedef struct
{
  const char *name;  /* "x11", "wayland", "gnome": for the log, status --json and STATUS= */
  void (*set_threshold) (LimberPresence *self, gint64 away_after_us);
  void (*expect_return) (LimberPresence *self);
  LimberFullscreen (*get_fullscreen) (LimberPresence *self);  /* NULL: UNKNOWN */
  /* NULL: the backend cannot tell real input from idle inhibitors. */
  gboolean (*set_input_only) (LimberPresence *self, gboolean input_only);
  void (*free) (LimberPresence *self);
} LimberPresenceClass;

/* The part every backend starts its own struct with. */
struct _LimberPresence
{
  const LimberPresenceClass *klass;
  LimberPresenceFuncs funcs;
  gpointer user_data;
  char *note;  /* a caveat of this backend for the log and status (NULL: none) */
};

/* For backends: fills the common part (funcs is copied). */
void limber_presence_init (LimberPresence            *self,
                           const LimberPresenceClass *klass,
                           const LimberPresenceFuncs *funcs,
                           gpointer                   user_data);
/* For backends: a caveat such as "idle inhibitors can hide idleness". */
void limber_presence_set_note (LimberPresence *self,
                               const char     *note);
void limber_presence_report (LimberPresence     *self,
                             LimberPresenceEvent event,
                             gint64              at_us);
void limber_presence_report_lost (LimberPresence *self);
void limber_presence_report_fullscreen (LimberPresence *self,
                                        gboolean        fullscreen);

const char *limber_presence_get_name (LimberPresence *self);
const char *limber_presence_get_note (LimberPresence *self);
/* Sets the idle time after which the user counts as away, and re-arms. If
 * the user is present but already idle past it, AWAY is reported at once
 * (possibly from inside this call). Nothing is reported before the first call. */
void limber_presence_set_threshold (LimberPresence *self,
                                    gint64          away_after_us);
/* After a resume: the user counts as away until the next input, which is
 * reported as BACK. Does nothing while already away. */
void limber_presence_expect_return (LimberPresence *self);
/* [presence] media-playback: with @input_only, only real keyboard and mouse
 * input counts as presence, so an idle inhibitor (a playing video) does not
 * hide a walk away; without, an inhibitor keeps the user present. FALSE when
 * the backend cannot tell the two apart (then inhibitors count, whatever
 * was asked). Call before the first threshold. */
gboolean limber_presence_set_input_only (LimberPresence *self,
                                         gboolean        input_only);
/* Is the focused window fullscreen? A few round trips on X11: ask only at
 * decision points. */
LimberFullscreen limber_presence_get_fullscreen (LimberPresence *self);
void limber_presence_free (LimberPresence *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberPresence, limber_presence_free)

G_END_DECLS
