/* daemon-seams.h: where a test puts fakes under a real LimberDaemon: presence, popups, clock and deadline. */
#pragma once

#include <glib.h>

#include "core/reminder.h"
#include "daemon.h"
#include "platform/notifier.h"
#include "platform/presence.h"

G_BEGIN_DECLS

/* Builds the presence backend, which reports through @funcs with @daemon. The real one is
 * limber_presence_open (backend, force_poll, funcs, daemon, error). */
typedef LimberPresence *(*LimberDaemonPresenceNew) (const LimberPresenceFuncs *funcs,
                                                     gpointer                   daemon,
                                                     gpointer                   user_data,
                                                     GError                   **error);

/* The popups; the real one wraps platform/notifier.h. The user's choices and the server's
 * do-not-disturb come back through the two funcs given to create, called with @daemon and,
 * like the real notifier's, never from inside show, withdraw or notice. */
typedef struct {
  gpointer (*create) (LimberNotifierChoiceFunc choice, LimberNotifierDndFunc dnd, gpointer daemon,
                      gpointer user_data);
  void (*show) (gpointer notifier, const LimberReminderInput *in);
  void (*withdraw) (gpointer notifier);
  void (*notice) (gpointer notifier, const char *text);
  void (*free) (gpointer notifier);
} LimberDaemonNotifierClass;

/* The daemon's clock and its one deadline; the real one is CLOCK_BOOTTIME, a LimberDeadline
 * (platform/deadline.h) and the system's wall clock. */
typedef struct {
  /* @fire (@daemon) runs from the main loop once each time an armed deadline is reached.
   * NULL and @error set when there can be no timer. */
  gpointer (*create) (GSourceFunc fire, gpointer daemon, gpointer user_data, GError **error);
  gint64 (*now_us) (gpointer clock);       /* CLOCK_BOOTTIME µs: every time the scheduler sees */
  gint64 (*wall_now_us) (gpointer clock);  /* µs since the epoch: labels days, finds local midnight */
  /* Replaces the armed due time (CLOCK_BOOTTIME µs); one in the past fires at once, G_MAXINT64
   * disarms. FALSE and @error set when the timer cannot be armed. */
  gboolean (*set_deadline) (gpointer clock, gint64 due_us, GError **error);
  void (*free) (gpointer clock);
} LimberDaemonClockClass;

/* Given in LimberDaemonOptions.seams; a NULL member is the real edge. Each create is called
 * once by limber_daemon_new with @user_data; limber_daemon_free frees what it made. */
struct _LimberDaemonSeams {
  LimberDaemonPresenceNew presence_new;
  const LimberDaemonNotifierClass *notifier;
  const LimberDaemonClockClass *clock;
  gpointer user_data;
};

G_END_DECLS
