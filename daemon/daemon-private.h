/* daemon-private.h: the LimberDaemon struct, shared by daemon.c (lifecycle,
 * signals, reload) and daemon-route.c (observations in, actions out). */
#pragma once

#include "bus/bus.h"
#include "settings/config.h"
#include "daemon.h"
#include "platform/deadline.h"
#include "history/history.h"
#include "platform/notifier.h"
#include "platform/presence-x11.h"
#include "settings/routine.h"
#include "core/scheduler.h"
#include "platform/session.h"

/* The part of the scheduler's state that a restart continues from; compared
 * to decide whether the live session needs saving. Zero-initialised, no padding
 * surprises: compared with memcmp. */
typedef struct {
  gint64 paused_until_us;
  guint snoozes_used;
  guint break_number;
  gboolean reminder_open;
  gboolean due_open;
} LimberLiveKey;

struct _LimberDaemon {
  GMainLoop *loop;
  LimberExit exit_status;
  char *config_path;              /* the file in force, NULL for the built-in defaults */
  gboolean config_path_explicit;  /* given with --config: never looked up again */
  LimberConfig *config;
  LimberScheduler *scheduler;
  LimberPresence *presence;
  LimberSession *session;
  LimberDeadline *deadline;
  LimberNotifier *notifier;
  LimberHistory *history;
  LimberBus *bus;
  GFileMonitor *config_monitor;
  guint reload_source_id;         /* debounce of file-monitor events */
  guint signal_ids[3];
  gboolean ready;                 /* READY=1 sent */
  gboolean save_warned;           /* the state dir is unwritable: warned once */
  gboolean stopping;

  /* The guided routine in progress (steps of the routine last offered). */
  const LimberRoutine *offered_routine;
  GArray *routine_steps;          /* LimberRoutineStep */
  gint64 *routine_step_us;        /* durations handed to the scheduler */

  /* A reminder held back by good manners (fullscreen, do-not-disturb). */
  gboolean deferred;
  LimberAction deferred_action;
  gint64 deferred_since_us;
  gint64 recheck_due_us;          /* G_MAXINT64: no recheck pending */

  LimberLiveKey saved_key;        /* the live session as last saved */
  char *last_status;              /* last STATUS= sent, to send only changes */
};

/* daemon-route.c */
void limber_daemon_observe (LimberDaemon *self, const LimberObservation *obs);
void limber_daemon_observe_kind (LimberDaemon *self, LimberObservationKind kind);
void limber_daemon_rebind_routine (LimberDaemon *self, const char *routine_id);
/* Quit the loop; limber_daemon_run then saves the state and returns status. Only the first call counts. */
void limber_daemon_stop (LimberDaemon *self, LimberExit status);
void limber_daemon_rearm (LimberDaemon *self);
void limber_daemon_publish_status (LimberDaemon *self);
void limber_daemon_save (LimberDaemon *self);
void limber_daemon_deliver_deferred (LimberDaemon *self, gint64 now_us);
void limber_daemon_on_choice (LimberChoice choice, gpointer user_data);
