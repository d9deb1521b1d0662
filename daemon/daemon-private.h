/* daemon-private.h: the LimberDaemon struct, shared by daemon.c (lifecycle, signals, reload),
 * daemon-route.c (observations in, actions out), daemon-show.c (popups from the catalogue),
 * daemon-care.c (the first-run notice, "That hurt", the gentle week), daemon-seams.c (the
 * clock and the popups behind their seams) and daemon-tray.c (the tray icon). */
#pragma once

#include <glib/gi18n-lib.h>

#include "bus/bus.h"
#include "settings/config.h"
#include "daemon.h"
#include "daemon-seams.h"
#include "history/history.h"
#include "indicator/indicator.h"
#include "platform/calls.h"
#include "platform/inhibitors.h"
#include "platform/presence-open.h"
#include "platform/presence.h"
#include "platform/wellbeing.h"
#include "settings/profile.h"
#include "settings/routine.h"
#include "core/scheduler.h"
#include "core/wording.h"
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
  const LimberDaemonClockClass *clock_class;
  gpointer clock;                 /* the time and the one deadline: real, or a test's fake */
  const LimberDaemonNotifierClass *notifier_class;
  gpointer notifier;              /* the popups: real, or a test's fake */
  LimberHistory *history;
  LimberBus *bus;
  LimberIndicator *indicator;     /* the tray icon, with [indicator] enabled once the bus is reached */
  GFileMonitor *config_monitor;
  guint reload_source_id;         /* debounce of file-monitor events */
  guint signal_ids[3];
  gboolean ready;                 /* READY=1 sent */
  gboolean save_warned;           /* the state dir is unwritable: warned once */
  gboolean stopping;

  /* What the edges say of the user's being busy; the scheduler decides what it means. */
  gboolean dnd;                   /* the notification server's do-not-disturb */
  LimberCalls *calls;             /* with defer-during-calls: camera and microphone (PipeWire) */
  guint calls_busy;               /* LIMBER_BUSY_CAMERA | _MICROPHONE as it last said */
  LimberInhibitors *inhibitors;   /* with defer-inhibited */
  gboolean inhibited;
  LimberWellbeing *wellbeing;     /* GNOME Wellbeing's movement breaks */
  LimberWellbeingState wellbeing_state;
  int wellbeing_logged_mode;      /* the gnome-wellbeing mode last logged */
  LimberExternal external;        /* as last told to the scheduler */
  guint busy;                     /* the LimberBusy mask last reported to the scheduler */
  gint64 held_logged_us;          /* the hold last logged (its held_since_us) */
  LimberPresenceBackend backend;  /* --backend, AUTO by default */
  char **presence_notes;          /* what this desktop cannot give (for the log and the bus) */
  gint64 midnight_us;             /* CLOCK_BOOTTIME of the next local midnight (Today turns over) */
  gint64 armed_us;                /* the deadline the clock was last armed for (G_MAXINT64: none);
                                   * 0 not armed yet, or its arming failed */

  /* What the popups say (daemon-show.c, daemon-care.c). */
  LimberGentle gentle;            /* the gentle week as last refreshed from the history */
  guint wording_last[LIMBER_WORDING_N]; /* the wording each kind of popup had last */

  LimberLiveKey saved_key;        /* the live session as last saved */
  char *last_status;              /* last STATUS= sent, to send only changes */
};

/* daemon-route.c */
/* A TICK first samples what can only be sampled (a fullscreen window). */
void limber_daemon_observe (LimberDaemon *self, const LimberObservation *obs);
/* START carries the steps of the routine on offer. */
void limber_daemon_observe_kind (LimberDaemon *self, LimberObservationKind kind);
/* The scheduler's actions from outside observe (reload, restore). */
void limber_daemon_carry_out (LimberDaemon *self, GArray *actions);
/* self->dnd changed: tell the scheduler. */
void limber_daemon_report_busy (LimberDaemon *self);
void limber_daemon_report_fullscreen (LimberDaemon *self, gboolean fullscreen);
/* Quit the loop; limber_daemon_run then saves the state and returns status. Only the first call counts. */
void limber_daemon_stop (LimberDaemon *self, LimberExit status);
void limber_daemon_rearm (LimberDaemon *self);
void limber_daemon_turn_day (LimberDaemon *self);
void limber_daemon_publish_status (LimberDaemon *self);
void limber_daemon_save (LimberDaemon *self);
/* The live session (and the history as it is) without closing the open interval. At start-up:
 * a crash before the first transition must not lose the bout, and before presence has said
 * whether the user is there, its first moments are nobody's yet. */
void limber_daemon_save_live (LimberDaemon *self);
void limber_daemon_on_choice (LimberChoice choice, gpointer user_data);

/* daemon-manners.c */
/* Starts or stops the busy edges and GNOME Wellbeing's as the configuration says (start, reload). */
void limber_daemon_manners_apply (LimberDaemon *self);
void limber_daemon_manners_stop (LimberDaemon *self);

/* daemon-tray.c */
/* Starts or stops the tray icon as [indicator] enabled says (the bus reached, reload). */
void limber_daemon_tray_apply (LimberDaemon *self);
void limber_daemon_tray_stop (LimberDaemon *self);

/* daemon-seams.c: the real edges behind the seams, and the daemon's one way to each. */
const LimberDaemonClockClass *limber_daemon_real_clock (void);
const LimberDaemonNotifierClass *limber_daemon_real_notifier (void);
gint64 limber_daemon_now_us (LimberDaemon *self);
gint64 limber_daemon_wall_now_us (LimberDaemon *self);
gboolean limber_daemon_set_deadline (LimberDaemon *self, gint64 due_us, GError **error);
void limber_daemon_popup_show (LimberDaemon *self, const LimberReminderInput *in);
void limber_daemon_popup_withdraw (LimberDaemon *self);
void limber_daemon_popup_notice (LimberDaemon *self, const char *text);

/* daemon-show.c */
void limber_daemon_show (LimberDaemon *self, const LimberAction *a);
/* The profile the popups use for @config: its [profile] and the gentle week as last refreshed. */
void limber_daemon_profile (LimberDaemon *self, const LimberConfig *config, LimberProfile *out);
/* Reads the gentle week from the history (it may have ended) and publishes it on the bus. */
void limber_daemon_refresh_gentle (LimberDaemon *self);
const LimberRoutine *limber_daemon_routine_for (LimberDaemon *self, const LimberConfig *config, guint break_number);
/* (transfer full) LimberRoutineStep of the routine for @break_number; empty if none. */
GArray *limber_daemon_routine_steps (LimberDaemon *self, const LimberConfig *config, guint break_number);
gboolean limber_daemon_same_routine (LimberDaemon *self, const LimberConfig *old, const LimberConfig *new,
                                     guint break_number);

/* daemon-care.c */
/* At start: the gentle week from the history, and the first-run notice if it was never shown. */
void limber_daemon_care_start (LimberDaemon *self);
/* The popups' choices: "That hurt" and the gentle week offered after it here, the rest to the
 * scheduler (limber_daemon_on_choice). */
void limber_daemon_care_on_choice (LimberChoice choice, gpointer user_data);
/* The bus's SetGentle: "off", "gentle" or "walk-only" (a week from now). */
gboolean limber_daemon_care_set_gentle (const char *mode, gpointer user_data, GError **error);
