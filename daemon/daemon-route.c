/* daemon-route.c: observations into the scheduler, its actions out to the
 * notifier, the history, the control bus and systemd; good manners (defer a
 * reminder over a fullscreen window or do-not-disturb). */
#include "daemon-private.h"

#include <string.h>

#include "platform/sdnotify.h"
#include "core/status.h"

/* How often a deferred reminder looks again whether it may be shown: a tenth
 * of the cap, so the end of a fullscreen window is noticed well before it,
 * between 1 s and 1 min (at most ten wake-ups per deferral). */
#define DEFER_RECHECK_MIN_US (1 * G_USEC_PER_SEC)
#define DEFER_RECHECK_MAX_US (60 * G_USEC_PER_SEC)

static gint64
wall_of (gint64 boot_us, gint64 now_us)
{
  return g_get_real_time () - (now_us - boot_us);
}

/* -- the routine on offer ---------------------------------------------------- */

static void
prepare_routine (LimberDaemon *self)
{
  if (self->offered_routine == NULL)
    {
      LimberSchedulerSnapshot snap;

      limber_scheduler_snapshot (self->scheduler, limber_now_us (), &snap);
      self->offered_routine = limber_catalogue_pick (self->config->catalogue, FALSE, snap.break_number);
    }
  g_clear_pointer (&self->routine_steps, g_array_unref);
  g_clear_pointer (&self->routine_step_us, g_free);
  /* The config check keeps the movement rotation non-empty; stay safe anyway. */
  self->routine_steps = self->offered_routine != NULL
                          ? limber_routine_get_steps (self->config->catalogue, self->offered_routine)
                          : g_array_new (FALSE, TRUE, sizeof (LimberRoutineStep));
  self->routine_step_us = g_new0 (gint64, MAX (self->routine_steps->len, 1));
  for (guint i = 0; i < self->routine_steps->len; i++)
    self->routine_step_us[i] = g_array_index (self->routine_steps, LimberRoutineStep, i).duration_us;
}

/* After a reload: the routine on offer and the steps of one in progress
 * point into the old catalogue; find them again by id in the new one. A
 * routine the new file dropped or changed loses its remaining step popups. */
void
limber_daemon_rebind_routine (LimberDaemon *self, const char *routine_id)
{
  g_autoptr (GArray) steps = NULL;

  self->offered_routine = routine_id ? limber_catalogue_get_routine (self->config->catalogue, routine_id)
                                     : NULL;
  if (self->routine_steps == NULL)
    return;
  if (self->offered_routine != NULL)
    steps = limber_routine_get_steps (self->config->catalogue, self->offered_routine);
  if (steps != NULL && steps->len == self->routine_steps->len)
    {
      g_array_unref (self->routine_steps);
      self->routine_steps = g_steal_pointer (&steps);
    }
  else
    g_clear_pointer (&self->routine_steps, g_array_unref);
}

void
limber_daemon_observe_kind (LimberDaemon *self, LimberObservationKind kind)
{
  LimberObservation obs = { .kind = kind, .at_us = limber_now_us () };

  if (kind == LIMBER_OBSERVATION_START)
    {
      prepare_routine (self);
      obs.step_us = self->routine_step_us;
      obs.n_steps = self->routine_steps->len;
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
    [LIMBER_CHOICE_EXPIRED] = LIMBER_OBSERVATION_DISMISSED, /* until the scheduler has its own observation */
  };

  g_return_if_fail ((guint) choice < G_N_ELEMENTS (kinds));
  limber_daemon_observe_kind (user_data, kinds[choice]);
}

/* -- showing reminders ------------------------------------------------------- */

static const LimberStretch *
first_stretch (LimberDaemon *self, const LimberRoutine *routine)
{
  if (routine == NULL || routine->stretch_ids == NULL || routine->stretch_ids[0] == NULL)
    return NULL;
  return limber_catalogue_get_stretch (self->config->catalogue, routine->stretch_ids[0]);
}

static void
show_movement (LimberDaemon *self, const LimberAction *a)
{
  const LimberStretch *stretch = first_stretch (self, self->offered_routine);
  LimberReminderInput in = {
    .kind = LIMBER_REMINDER_MOVEMENT,
    .sitting_us = a->sitting_us,
    .routine_title = self->offered_routine ? self->offered_routine->title : NULL,
    .routine_total_us = self->offered_routine
                          ? limber_routine_total_us (self->config->catalogue, self->offered_routine)
                          : 0,
    .first_step = stretch && stretch->steps ? stretch->steps[0] : NULL,
    .snoozes_left = a->snoozes_left,
    .snooze_us = self->config->snooze_us,
    .escalate = a->escalate && self->config->escalate,
  };
  limber_notifier_show (self->notifier, &in);
}

static void
show_micro (LimberDaemon *self, const LimberAction *a)
{
  const LimberRoutine *routine = limber_catalogue_pick (self->config->catalogue, TRUE, a->break_number);
  const LimberStretch *stretch = first_stretch (self, routine);
  g_autofree char *text = stretch && stretch->steps ? g_strjoinv (" ", stretch->steps) : NULL;
  LimberReminderInput in = {
    .kind = LIMBER_REMINDER_MICRO,
    .stretch_title = stretch ? stretch->title : (routine ? routine->title : NULL),
    .step_text = text,
    .hold_us = self->config->micro_length_us,
    .sides = stretch ? stretch->sides : 1,
  };
  limber_notifier_show (self->notifier, &in);
}

static void
show_step (LimberDaemon *self, const LimberAction *a)
{
  const LimberRoutineStep *step;
  g_autofree char *text = NULL;
  LimberReminderInput in = { .kind = LIMBER_REMINDER_STEP, .step = a->step, .n_steps = a->n_steps };

  if (self->routine_steps == NULL || a->step >= self->routine_steps->len)
    return;
  step = &g_array_index (self->routine_steps, LimberRoutineStep, a->step);
  text = step->stretch->steps ? g_strjoinv (" ", step->stretch->steps) : g_strdup ("");
  in.stretch_title = step->stretch->title;
  in.step_text = text;
  in.hold_us = step->stretch->hold_us;
  in.sides = step->stretch->sides;
  limber_notifier_show (self->notifier, &in);
}

static void
show (LimberDaemon *self, const LimberAction *a)
{
  LimberReminderInput done = { .kind = LIMBER_REMINDER_DONE };

  switch (a->kind)
    {
    case LIMBER_ACTION_SHOW_MOVEMENT:
      show_movement (self, a);
      break;
    case LIMBER_ACTION_SHOW_MICRO:
      show_micro (self, a);
      break;
    case LIMBER_ACTION_SHOW_STEP:
      show_step (self, a);
      break;
    case LIMBER_ACTION_ROUTINE_DONE:
      limber_notifier_show (self->notifier, &done);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Good manners: is a reminder unwelcome right now? */
static gboolean
unwelcome (LimberDaemon *self)
{
  if (self->config->defer_fullscreen && limber_presence_get_fullscreen (self->presence) == LIMBER_FULLSCREEN_YES)
    return TRUE;
  return self->config->defer_dnd && limber_notifier_dnd_active (self->notifier);
}

static void
schedule_recheck (LimberDaemon *self, gint64 now_us)
{
  gint64 cap_us = self->config->defer_cap_us;
  gint64 period_us = cap_us > 0 ? CLAMP (cap_us / 10, DEFER_RECHECK_MIN_US, DEFER_RECHECK_MAX_US)
                                : DEFER_RECHECK_MAX_US;
  gint64 due_us = now_us + period_us;

  if (self->config->defer_cap_us > 0)
    due_us = MIN (due_us, self->deferred_since_us + self->config->defer_cap_us);
  self->recheck_due_us = due_us;
}

static void
show_or_defer (LimberDaemon *self, const LimberAction *a)
{
  gint64 now_us = limber_now_us ();

  if (!unwelcome (self))
    {
      self->deferred = FALSE;
      self->recheck_due_us = G_MAXINT64;
      show (self, a);
      return;
    }
  if (!self->deferred)
    {
      g_message ("A reminder is due but a fullscreen window or do-not-disturb is on: holding it back");
      self->deferred = TRUE;
      self->deferred_since_us = now_us;
    }
  self->deferred_action = *a;
  schedule_recheck (self, now_us);
}

void
limber_daemon_deliver_deferred (LimberDaemon *self, gint64 now_us)
{
  gboolean capped = self->config->defer_cap_us > 0 &&
                    now_us >= self->deferred_since_us + self->config->defer_cap_us;
  LimberStatus status;

  if (!capped && unwelcome (self))
    {
      schedule_recheck (self, now_us);
      return;
    }
  self->deferred = FALSE;
  self->recheck_due_us = G_MAXINT64;
  /* One consolidated reminder, telling the sitting time as it is now. */
  limber_scheduler_get_status (self->scheduler, now_us, &status);
  if (self->deferred_action.kind == LIMBER_ACTION_SHOW_MOVEMENT && status.state == LIMBER_STATE_SITTING)
    self->deferred_action.sitting_us = now_us - status.sitting_since_us;
  show (self, &self->deferred_action);
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
  };

  if (a->stat == LIMBER_STAT_SITTING)
    {
      limber_history_add_sitting (self->history, wall_of (a->from_us, now_us), wall_of (a->to_us, now_us));
      return;
    }
  if (a->stat == LIMBER_STAT_BOUT)
    {
      limber_history_add_bout (self->history, wall_of (a->to_us, now_us), a->to_us - a->from_us,
                               self->config->sit_limit_us);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (counters); i++)
    if (counters[i].stat == a->stat)
      limber_history_count (self->history, counters[i].counter, wall_of (a->at_us, now_us));
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
          self->offered_routine = limber_catalogue_pick (self->config->catalogue, FALSE, a->break_number);
          show_or_defer (self, a);
          break;
        case LIMBER_ACTION_SHOW_MICRO:
          show_or_defer (self, a);
          break;
        case LIMBER_ACTION_SHOW_STEP:
        case LIMBER_ACTION_ROUTINE_DONE:
          show (self, a);
          break;
        case LIMBER_ACTION_WITHDRAW:
          self->deferred = FALSE;
          self->recheck_due_us = G_MAXINT64;
          limber_notifier_withdraw (self->notifier);
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

void
limber_daemon_observe (LimberDaemon *self, const LimberObservation *obs)
{
  g_autoptr (GArray) actions = g_array_new (FALSE, TRUE, sizeof (LimberAction));
  gint64 now_us = limber_now_us ();

  DispatchResult changed;

  limber_scheduler_observe (self->scheduler, obs, actions);
  changed = dispatch (self, actions, now_us);
  if (changed & DISPATCH_STATUS)
    limber_daemon_publish_status (self);
  /* Coming and going alone changes nothing a restart needs (and each save is
   * an fsync): save when the history or the live session really changed. */
  if ((changed & DISPATCH_RECORDED) || live_session_changed (self, now_us))
    limber_daemon_save (self);
  limber_daemon_rearm (self);
}

void
limber_daemon_rearm (LimberDaemon *self)
{
  gint64 due_us = limber_scheduler_get_next_deadline_us (self->scheduler);

  if (self->deferred)
    due_us = MIN (due_us, self->recheck_due_us);
  limber_deadline_set (self->deadline, due_us);
}

static gint64
wall_or_zero (gint64 boot_us, gint64 now_us)
{
  return boot_us <= 0 || boot_us == G_MAXINT64 ? 0 : wall_of (boot_us, now_us);
}

void
limber_daemon_publish_status (LimberDaemon *self)
{
  LimberStatus st;
  gint64 now_us = limber_now_us ();
  g_autofree char *line = NULL;
  g_autofree char *today = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  LimberStatusInfo info = { .state = NULL };
  const LimberDay *day;
  g_autoptr (LimberDay) empty = NULL;

  limber_scheduler_get_status (self->scheduler, now_us, &st);
  info.state = limber_state_to_string (st.state);
  info.wall_now_us = g_get_real_time ();
  info.wall_sitting_since_us = wall_or_zero (st.sitting_since_us, now_us);
  info.wall_away_since_us = wall_or_zero (st.away_since_us, now_us);
  info.wall_next_due_us = wall_or_zero (st.next_due_us, now_us);
  info.wall_paused_until_us = st.paused_until_us == G_MAXINT64 ? G_MAXINT64
                                                               : wall_or_zero (st.paused_until_us, now_us);
  line = limber_status_format_absolute (&info);
  if (g_strcmp0 (line, self->last_status) != 0)
    {
      limber_sdnotify_status ("%s", line);
      g_free (self->last_status);
      self->last_status = g_steal_pointer (&line);
    }
  today = g_date_time_format (now, "%Y-%m-%d");
  if (self->bus == NULL)
    return;
  /* A day without a record yet is all zeros, with every key, not an empty Today. */
  day = limber_history_get_day (self->history, today);
  if (day == NULL)
    day = empty = limber_day_new (today);
  limber_bus_set_away_since (self->bus, info.wall_away_since_us);
  limber_bus_set_status (self->bus, info.state, info.wall_sitting_since_us, info.wall_next_due_us,
                           info.wall_paused_until_us, day);
}

void
limber_daemon_save (LimberDaemon *self)
{
  g_autoptr (GArray) actions = g_array_new (FALSE, TRUE, sizeof (LimberAction));
  g_autoptr (GError) error = NULL;
  g_autofree char *boot_id = NULL;
  LimberSchedulerSnapshot snap;
  LimberLiveSession live = { 0 };
  gint64 now_us = limber_now_us ();

  limber_scheduler_flush (self->scheduler, now_us, actions);
  for (guint i = 0; i < actions->len; i++)
    if (g_array_index (actions, LimberAction, i).kind == LIMBER_ACTION_STAT)
      record_stat (self, &g_array_index (actions, LimberAction, i), now_us);
  limber_scheduler_snapshot (self->scheduler, now_us, &snap);
  g_file_get_contents ("/proc/sys/kernel/random/boot_id", &boot_id, NULL, NULL);
  live.wall_saved_us = g_get_real_time ();
  live.boot_id = boot_id ? g_strstrip (boot_id) : NULL;
  live.boot_saved_us = now_us;
  live.sitting_us = snap.sitting_us;
  live.pause_left_us = snap.pause_left_us;
  live.snoozes_used = snap.snoozes_used;
  live.break_number = snap.break_number;
  live.reminder_open = snap.reminder_open;
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
