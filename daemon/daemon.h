/* daemon.h: LimberDaemon, the one context that owns every module and routes
 * observations to the scheduler and its actions to the edges. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of limberd (documented in limberd(1)). */
typedef enum {
  LIMBER_EXIT_OK = 0,          /* stopped, or the display server (X11, Wayland) went away */
  LIMBER_EXIT_FAILURE = 1,     /* no display, already running, bus lost, timer failed */
  LIMBER_EXIT_USAGE = 2,
  LIMBER_EXIT_CONFIG = 78,     /* the configuration is invalid (sysexits' EX_CONFIG: systemd says "CONFIG") */
} LimberExit;

/* Where a test puts its fakes (daemon-seams.h). */
typedef struct _LimberDaemonSeams LimberDaemonSeams;

typedef struct {
  const char *config_path;     /* NULL: the XDG lookup */
  gboolean force_poll;         /* use the polling idle backend even where XSync works */
  const char *backend;         /* --backend: "x11", "wayland", "gnome"; NULL or "auto": the session's */
  const LimberDaemonSeams *seams;  /* NULL: the real presence, notifier and clock */
} LimberDaemonOptions;

typedef struct _LimberDaemon LimberDaemon;

LimberDaemon *limber_daemon_new (const LimberDaemonOptions *options, LimberExit *exit_status,
                                 GError **error);
LimberExit limber_daemon_run (LimberDaemon *self);
void limber_daemon_free (LimberDaemon *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberDaemon, limber_daemon_free)

G_END_DECLS
