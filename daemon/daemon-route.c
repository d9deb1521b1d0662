/* daemon-route.c: observations into the scheduler, its actions out to the notifier, presence,
 * the history, the control bus and systemd. The route holds no rule of its own. */
#include "daemon-private.h"

#include <string.h>

#include "platform/sdnotify.h"
#include "core/duration.h"
#include "core/status.h"

/* The wall clock is read once per moment, so two times of the same moment keep their distance. */
static gint64
wall_offset_us (LimberDaemon *self, gint64 now_us)
{
  return limber_daemon_wall_now_us (self) - now_us;
}

/* -- statistics -------------------------------------------------------------- */

static void
record_stat (LimberDaemon *self, const LimberAction *a, gint64 now_us)
{
  static const struct { LimberStat stat; LimberCounter counter; } counters[] = {
    { LIMBER_STAT_BREAK_DUE, LIMBER_COUNTER_BREAKS_DUE },
    { LIMBER_STAT_TAKEN_NATURAL, LIMBER_COUNTER_TAKEN_NATURAL },
    { LIMBER_STAT_TAKEN_GUIDED, LIMBER_COUNTER_TAKEN_GUIDED },
    { LIMBER_STAT_PARTIAL, LIMBER_COUNTER_PARTIAL },
    { LIMBER_STAT_SNOOZED, LIMBER_COUNTER_SNOOZED },
    { LIMBER_STAT_SKIPPED, LIMBER_COUNTER_SKIPPED },
    { LIMBER_STAT_IGNORED, LIMBER_COUNTER_IGNORED },
    { LIMBER_STAT_MICRO_SHOWN, LIMBER_COUNTER_MICRO_SHOWN },
    { LIMBER_STAT_MICRO_TAKEN, LIMBER_COUNTER_MICRO_TAKEN },
    { LIMBER_STAT_STOOD_UP, LIMBER_COUNTER_SWITCHES },
  };

  gint64 offset_us = wall_offset_us (self, now_us);

  if (a->stat == LIMBER_STAT_SITTING)
    {
      limber_history_add_sitting (self->history, offset_us + a->from_us,
                                  offset_us + a->to_us);
      return;
    }
  if (a->stat == LIMBER_STAT_STANDING)
    {
      limber_history_add_standing (self->history, offset_us + a->from_us,
                                   offset_us + a->to_us);
      return;
    }
  if (a->stat == LIMBER_STAT_BOUT)
    {
      limber_history_add_bout (self->history, offset_us + a->to_us, a->to_us - a->from_us,
                               self->config->sit_limit_us);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (counters); i++)
    if (counters[i].stat == a->stat)
      limber_history_count (self->history, counters[i].counter, offset_us + a->at_us);
}

/* What of the scheduler's state a restart continues from, beyond the history. */
static void
live_key (LimberDaemon *self, gint64 now_us, LimberLiveKey *key)
{
  LimberSchedulerSnapshot snap;
  LimberStatus status;

  limber_scheduler_snapshot (self->scheduler, now_us, &snap);
  limber_scheduler_get_status (self->scheduler, now_us, &status);
  *key = (LimberLiveKey) {
    .paused_until_us = status.paused_until_us,
    .snoozes_used = snap.snoozes_used,
    .break_number = snap.break_number,
    .reminder_open = snap.reminder_open,
    .due_open = snap.due_open,
  };
}

static gboolean
live_session_changed (LimberDaemon *self, gint64 now_us)
{
  LimberLiveKey key;

  live_key (self, now_us, &key);
  return memcmp (&key, &self->saved_key, sizeof key) != 0;
}

/* -- the main route ---------------------------------------------------------- */

typedef enum {
  DISPATCH_STATUS = 1 << 0,    /* the public status changed */
  DISPATCH_RECORDED = 1 << 1,  /* the history got a record */
} DispatchResult;

static DispatchResult
dispatch (LimberDaemon *self, GArray *actions, gint64 now_us)
{
  DispatchResult changed = 0;

  for (guint i = 0; i < actions->len; i++)
    {
      const LimberAction *a = &g_array_index (actions, LimberAction, i);

      switch (a->kind)
        {
        case LIMBER_ACTION_SHOW_MOVEMENT:
        case LIMBER_ACTION_SHOW_MICRO:
        case LIMBER_ACTION_SHOW_STEP:
        case LIMBER_ACTION_ROUTINE_DONE:
        case LIMBER_ACTION_SHOW_POSTURE:
          limber_daemon_show (self, a);
          break;
        case LIMBER_ACTION_WITHDRAW:
          limber_daemon_popup_withdraw (self);
          break;
        case LIMBER_ACTION_EXPECT_RETURN:
          limber_presence_expect_return (self->presence);
          break;
        case LIMBER_ACTION_STATE_CHANGED:
          changed |= DISPATCH_STATUS;
          break;
        case LIMBER_ACTION_STAT:
          record_stat (self, a, now_us);
          changed |= DISPATCH_STATUS | DISPATCH_RECORDED;
          break;
        default:
          break;
        }
    }
  return changed;
}

/* One line when the scheduler starts holding a reminder back, saying why and for how long. */
static void
log_held (LimberDaemon *self, gint64 now_us)
{
  LimberStatus status;
  g_autofree char *cap = NULL;
  g_autofree char *why = NULL;

  limber_scheduler_get_status (self->scheduler, now_us, &status);
  if (status.held_since_us == 0 || status.held_since_us == self->held_logged_us)
    return;
  self->held_logged_us = status.held_since_us;
  cap = self->config->defer_cap_us > 0 ? limber_duration_format_human (self->config->defer_cap_us) : NULL;
  why = limber_status_format_busy (status.busy);
  g_message ("A reminder is due but you are busy (%s): holding it back%s%s", why,
             cap ? " for at most " : " until you are free", cap ? cap : "");
}

/* Carries out what the scheduler said (from an observation, a reload or a restore). */
void
limber_daemon_carry_out (LimberDaemon *self, GArray *actions)
{
  gint64 now_us = limber_daemon_now_us (self);
  DispatchResult changed = dispatch (self, actions, now_us);

  if (changed & DISPATCH_STATUS)
    {
      log_held (self, now_us);
      limber_daemon_publish_status (self);
    }
  /* Coming and going alone changes nothing a restart needs (and each save is
   * an fsync): save when the history or the live session really changed. */
  if ((changed & DISPATCH_RECORDED) || live_session_changed (self, now_us))
    limber_daemon_save (self);
  limber_daemon_rearm (self);
}

static void
observe_now (LimberDaemon *self, const LimberObservation *obs)
{
  g_autoptr (GArray) actions = g_array_new (FALSE, TRUE, sizeof (LimberAction));

  limber_scheduler_observe (self->scheduler, obs, actions);
  limber_daemon_carry_out (self, actions);
}

/* The reasons the user cannot be interrupted, as the edges know them now;
 * the fullscreen window is sampled (a few X round trips), so only when it
 * matters: at a deadline, and only when the settings honour it. A sample
 * taken for a deadline stands for the state at that deadline: the timer
 * wakes the daemon a moment after it. */
static void
report_busy (LimberDaemon *self, gboolean sample)
{
  gint64 at_us = limber_daemon_now_us (self);

  /* Fullscreen is sampled below; the other reasons are announced by their edges. */
  guint busy = (self->busy & LIMBER_BUSY_FULLSCREEN) | self->calls_busy
               | (self->dnd ? LIMBER_BUSY_DND : 0) | (self->inhibited ? LIMBER_BUSY_INHIBITED : 0);

  if (sample && self->config->defer_fullscreen)
    {
      at_us = MIN (at_us, limber_scheduler_get_next_deadline_us (self->scheduler));
      busy &= ~LIMBER_BUSY_FULLSCREEN;
      if (limber_presence_get_fullscreen (self->presence) == LIMBER_FULLSCREEN_YES)
        busy |= LIMBER_BUSY_FULLSCREEN;
    }
  if (busy == self->busy)
    return;
  self->busy = busy;
  observe_now (self, &(LimberObservation) { .kind = LIMBER_OBSERVATION_BUSY, .at_us = at_us, .busy = busy });
}

void
limber_daemon_report_busy (LimberDaemon *self)
{
  report_busy (self, FALSE);
}

void
limber_daemon_report_fullscreen (LimberDaemon *self, gboolean fullscreen)
{
  guint busy = fullscreen ? self->busy | LIMBER_BUSY_FULLSCREEN : self->busy & ~LIMBER_BUSY_FULLSCREEN;

  if (busy == self->busy)
    return;
  self->busy = busy;
  observe_now (self, &(LimberObservation) { .kind = LIMBER_OBSERVATION_BUSY,
                                            .at_us = limber_daemon_now_us (self), .busy = busy });
}

void
limber_daemon_observe (LimberDaemon *self, const LimberObservation *obs)
{
  if (obs->kind == LIMBER_OBSERVATION_TICK)
    report_busy (self, TRUE);
  observe_now (self, obs);
}

void
limber_daemon_observe_kind (LimberDaemon *self, LimberObservationKind kind)
{
  LimberObservation obs = { .kind = kind, .at_us = limber_daemon_now_us (self) };
  g_autoptr (GArray) steps = NULL;
  g_autofree gint64 *step_us = NULL;

  if (kind == LIMBER_OBSERVATION_START)
    {
      LimberStatus status;

      limber_scheduler_get_status (self->scheduler, obs.at_us, &status);
      steps = limber_daemon_routine_steps (self, self->config, status.break_number);
      step_us = g_new0 (gint64, MAX (steps->len, 1));
      for (guint i = 0; i < steps->len; i++)
        step_us[i] = g_array_index (steps, LimberRoutineStep, i).duration_us;
      obs.step_us = step_us;
      obs.n_steps = steps->len;
    }
  limber_daemon_observe (self, &obs);
}

void
limber_daemon_on_choice (LimberChoice choice, gpointer user_data)
{
  static const LimberObservationKind kinds[] = {
    [LIMBER_CHOICE_START] = LIMBER_OBSERVATION_START,
    [LIMBER_CHOICE_SNOOZE] = LIMBER_OBSERVATION_SNOOZE,
    [LIMBER_CHOICE_SKIP] = LIMBER_OBSERVATION_SKIP,
    [LIMBER_CHOICE_NEXT] = LIMBER_OBSERVATION_NEXT,
    [LIMBER_CHOICE_STOP] = LIMBER_OBSERVATION_STOP,
    [LIMBER_CHOICE_DONE] = LIMBER_OBSERVATION_DONE,
    [LIMBER_CHOICE_DISMISSED] = LIMBER_OBSERVATION_DISMISSED,
    [LIMBER_CHOICE_EXPIRED] = LIMBER_OBSERVATION_EXPIRED,
    [LIMBER_CHOICE_STAND] = LIMBER_OBSERVATION_STAND,
    [LIMBER_CHOICE_SIT] = LIMBER_OBSERVATION_SIT,
    [LIMBER_CHOICE_HURT] = LIMBER_OBSERVATION_HURT,
  };

  g_return_if_fail ((guint) choice < G_N_ELEMENTS (kinds));
  limber_daemon_observe_kind (user_data, kinds[choice]);
}

/* CLOCK_BOOTTIME of the next local midnight: Today turns over then. Worked
 * out afresh at every re-arm, so a changed wall clock or zone is followed. */
static gint64
next_midnight_us (LimberDaemon *self, gint64 now_us)
{
  gint64 wall_us = limber_daemon_wall_now_us (self);
  g_autoptr (GDateTime) second = g_date_time_new_from_unix_local (wall_us / G_USEC_PER_SEC);
  g_autoptr (GDateTime) now = second ? g_date_time_add (second, wall_us % G_USEC_PER_SEC) : NULL;
  g_autoptr (GDateTime) today = NULL;
  g_autoptr (GDateTime) midnight = NULL;

  if (now == NULL)
    return G_MAXINT64;
  today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                 g_date_time_get_day_of_month (now), 0, 0, 0);
  midnight = today ? g_date_time_add_days (today, 1) : NULL;

  if (midnight == NULL)
    return G_MAXINT64;
  return now_us + MAX (g_date_time_difference (midnight, now), 0);
}

void
limber_daemon_stop (LimberDaemon *self, LimberExit status)
{
  if (self->stopping)
    return;
  self->stopping = TRUE;
  self->exit_status = status;
  g_main_loop_quit (self->loop);
}

void
limber_daemon_rearm (LimberDaemon *self)
{
  gint64 now_us = limber_daemon_now_us (self);
  gint64 due_us = limber_scheduler_get_next_deadline_us (self->scheduler);
  g_autoptr (GError) error = NULL;

  self->midnight_us = next_midnight_us (self, now_us);
  if (limber_daemon_set_deadline (self, MIN (due_us, self->midnight_us), &error) || self->stopping)
    return;
  /* Without its one timer limberd would never remind again: stop as on SIGTERM (the state is
   * saved), but with a failure status, and the unit's Restart=on-failure starts a fresh one. */
  g_warning ("The deadline timer failed (%s); saving state and stopping so that the service manager "
             "restarts limberd.", error->message);
  limber_daemon_stop (self, LIMBER_EXIT_FAILURE);
}

/* Midnight: the sitting so far goes to the day it belongs to, and Today is the new day. */
void
limber_daemon_turn_day (LimberDaemon *self)
{
  limber_daemon_save (self);
  limber_daemon_publish_status (self);
}

static gint64
wall_or_zero (gint64 boot_us, gint64 offset_us)
{
  return boot_us <= 0 || boot_us == G_MAXINT64 ? 0 : boot_us + offset_us;
}

/* The bus's Wellbeing: "" (GNOME's movement breaks off), "follow" or "ignore". */
static const char *
wellbeing_mode (LimberDaemon *self)
{
  if (self->wellbeing_state != LIMBER_WELLBEING_ON && self->wellbeing_state != LIMBER_WELLBEING_DUE)
    return "";
  return self->config->gnome_wellbeing == LIMBER_GNOME_WELLBEING_FOLLOW ? "follow" : "ignore";
}

/* What holds a reminder and whether GNOME Wellbeing is followed, in the status line and on the bus. */
static void
publish_manners (LimberDaemon *self, const LimberStatus *st, LimberStatusInfo *info, gint64 offset_us)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  info->busy = st->busy;
  info->wall_held_since_us = wall_or_zero (st->held_since_us, offset_us);
  info->following = st->external != LIMBER_EXTERNAL_NONE;
  for (guint bit = 1; bit != 0 && bit <= st->busy; bit <<= 1)
    if ((st->busy & bit) && limber_busy_to_string (bit) != NULL)
      g_ptr_array_add (names, (gpointer) limber_busy_to_string (bit));
  g_ptr_array_add (names, NULL);
  if (self->bus != NULL)
    limber_bus_set_manners (self->bus, (const char *const *) names->pdata, info->wall_held_since_us,
                            wellbeing_mode (self));
}

void
limber_daemon_publish_status (LimberDaemon *self)
{
  LimberStatus st;
  gint64 now_us = limber_daemon_now_us (self);
  gint64 offset_us;
  g_autofree char *line = NULL;
  g_autofree char *today = NULL;
  LimberStatusInfo info = { .state = NULL };
  const LimberDay *day;
  g_autoptr (LimberDay) empty = NULL;

  limber_scheduler_get_status (self->scheduler, now_us, &st);
  info.state = limber_state_to_string (st.state);
  info.wall_now_us = limber_daemon_wall_now_us (self);
  offset_us = info.wall_now_us - now_us;
  info.wall_sitting_since_us = wall_or_zero (st.sitting_since_us, offset_us);
  info.wall_away_since_us = wall_or_zero (st.away_since_us, offset_us);
  info.wall_next_due_us = wall_or_zero (st.next_due_us, offset_us);
  info.wall_paused_until_us = st.paused_until_us == G_MAXINT64
                                 ? G_MAXINT64 : wall_or_zero (st.paused_until_us, offset_us);
  info.posture = limber_posture_to_string (st.posture);
  info.wall_posture_since_us = wall_or_zero (st.posture_since_us, offset_us);
  publish_manners (self, &st, &info, offset_us);
  line = limber_status_format_absolute (&info);
  /* systemctl status says where presence comes from, e.g. "… at 10:32 (wayland)". */
  if (self->presence != NULL)
    {
      char *with_backend = g_strdup_printf ("%s (%s)", line, limber_presence_get_name (self->presence));

      g_free (line);
      line = with_backend;
    }
  if (g_strcmp0 (line, self->last_status) != 0)
    {
      limber_sdnotify_status ("%s", line);
      g_free (self->last_status);
      self->last_status = g_steal_pointer (&line);
    }
  /* Today is the day under which the history files what happens now. */
  today = limber_history_date_for (info.wall_now_us);
  if (self->bus == NULL || today == NULL)
    return;
  /* A day without a record yet is all zeros, with every key, not an empty Today. */
  day = limber_history_get_day (self->history, today);
  if (day == NULL)
    day = empty = limber_day_new (today);
  limber_bus_set_away_since (self->bus, info.wall_away_since_us);
  limber_bus_set_break_due (self->bus, st.break_due);
  limber_bus_set_posture (self->bus, info.posture, info.wall_posture_since_us);
  limber_bus_set_standing_goal (self->bus, self->config->desk == LIMBER_DESK_SIT_STAND
                                               ? self->config->standing_goal_us : 0);
  limber_bus_set_status (self->bus, info.state, info.wall_sitting_since_us, info.wall_next_due_us,
                           info.wall_paused_until_us, day);
}

void
limber_daemon_save (LimberDaemon *self)
{
  g_autoptr (GArray) actions = g_array_new (FALSE, TRUE, sizeof (LimberAction));
  gint64 now_us = limber_daemon_now_us (self);

  limber_scheduler_flush (self->scheduler, now_us, actions);
  for (guint i = 0; i < actions->len; i++)
    if (g_array_index (actions, LimberAction, i).kind == LIMBER_ACTION_STAT)
      record_stat (self, &g_array_index (actions, LimberAction, i), now_us);
  limber_daemon_save_live (self);
}

void
limber_daemon_save_live (LimberDaemon *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *boot_id = NULL;
  LimberSchedulerSnapshot snap;
  LimberLiveSession live = { 0 };
  gint64 now_us = limber_daemon_now_us (self);

  limber_scheduler_snapshot (self->scheduler, now_us, &snap);
  g_file_get_contents ("/proc/sys/kernel/random/boot_id", &boot_id, NULL, NULL);
  live.wall_saved_us = limber_daemon_wall_now_us (self);
  live.boot_id = boot_id ? g_strstrip (boot_id) : NULL;
  live.boot_saved_us = now_us;
  live.sitting_us = snap.sitting_us;
  live.pause_left_us = snap.pause_left_us;
  live.snoozes_used = snap.snoozes_used;
  live.break_number = snap.break_number;
  live.reminder_open = snap.reminder_open;
  live.due_open = snap.due_open;
  live.away_us = snap.away_us;
  live.micro_number = snap.micro_number;
  live.standing = snap.standing;
  live.posture_us = snap.posture_us;
  live.posture_prompts = snap.prompts;
  /* Only the save at the stop knows that nothing happened after it. */
  live.running = !self->stopping;
  limber_history_set_live (self->history, &live);
  live_key (self, now_us, &self->saved_key);
  if (!limber_history_save (self->history, &error) && !self->save_warned)
    {
      self->save_warned = TRUE;
      g_warning ("%s Reminders go on; the history of this session will be kept once the state "
                 "directory is writable again.", error->message);
    }
  else if (error == NULL)
    self->save_warned = FALSE;
}
