/* scheduler.c: the break scheduler's public calls: observations, presence, user choices, status. */
#include "core/scheduler-private.h"

static void
take_settings (LimberScheduler *self, const LimberSchedulerSettings *settings)
{
  self->settings = *settings;
  /* Zero lengths would make events that never move time on. */
  self->settings.sit_limit_us = MAX (self->settings.sit_limit_us, 1);
  self->settings.break_length_us = MAX (self->settings.break_length_us, 1);
  self->settings.micro_length_us = MAX (self->settings.micro_length_us, 1);
  self->settings.micro_interval_us = MAX (self->settings.micro_interval_us, 0);
  self->settings.snooze_us = MAX (self->settings.snooze_us, 1);
}

LimberScheduler *
limber_scheduler_new (const LimberSchedulerSettings *settings, gint64 now_us)
{
  LimberScheduler *self;

  g_return_val_if_fail (settings != NULL, NULL);
  self = g_new0 (LimberScheduler, 1);
  take_settings (self, settings);
  self->now_us = now_us;
  self->in_bout = TRUE;
  self->bout_since_us = self->interval_since_us = self->micro_ref_us = self->spell_since_us = now_us;
  self->next_show_us = G_MAXINT64;
  self->hold_until_us = G_MAXINT64;
  self->recheck_us = G_MAXINT64;
  self->steps_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  limber_scheduler_get_status (self, now_us, &self->reported);
  return self;
}

void
limber_scheduler_free (LimberScheduler *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->steps_us);
  g_free (self);
}

static void
report_state (LimberScheduler *self, GArray *actions)
{
  LimberStatus status;

  limber_scheduler_get_status (self, self->now_us, &status);
  if (status.state == self->reported.state && status.next_due_us == self->reported.next_due_us
      && status.paused_until_us == self->reported.paused_until_us
      && status.reminder_open == self->reported.reminder_open
      && status.sitting_since_us == self->reported.sitting_since_us
      && status.away_since_us == self->reported.away_since_us
      && status.snoozes_used == self->reported.snoozes_used
      && status.break_due == self->reported.break_due
      && status.busy == self->reported.busy
      && status.held_since_us == self->reported.held_since_us
      && status.external == self->reported.external
      && status.posture == self->reported.posture
      && status.posture_since_us == self->reported.posture_since_us)
    return;
  self->reported = status;
  limber_scheduler_emit (actions, LIMBER_ACTION_STATE_CHANGED, self->now_us);
}

void
limber_scheduler_set_settings (LimberScheduler *self, const LimberSchedulerSettings *settings,
                               gint64 now_us, GArray *actions)
{
  g_return_if_fail (self != NULL && settings != NULL && actions != NULL);
  limber_scheduler_advance (self, now_us, actions);
  take_settings (self, settings);
  /* A shorter limit may put the due time in the past: it is now, never earlier. */
  self->floor_us = self->now_us;
  if (self->popup == LIMBER_POPUP_MICRO && self->settings.micro_interval_us == 0)
    limber_scheduler_withdraw (self, actions);
  limber_scheduler_posture_settings (self, actions);
  limber_scheduler_advance (self, self->now_us, actions);
  report_state (self, actions);
}

static void
become_absent (LimberScheduler *self, gint64 since_us)
{
  if (limber_scheduler_is_absent (self))
    return;
  /* Time already closed into a stats interval cannot be taken back. */
  self->absent_since_us = CLAMP (since_us, self->interval_since_us, self->now_us);
}

static void
observe_away (LimberScheduler *self, gint64 since_us)
{
  gint64 clamped_us = CLAMP (since_us, self->interval_since_us, self->now_us);

  if (limber_scheduler_is_absent (self))
    {
      /* Idle before the lock or sleep began: the absence began at the last input. */
      if (self->in_bout && clamped_us < self->absent_since_us)
        self->absent_since_us = clamped_us;
    }
  else
    self->absent_since_us = clamped_us;
  self->away = TRUE;
  /* Gone back to stretching: the routine is not abandoned. */
  self->hold_until_us = G_MAXINT64;
}

static void
user_returns (LimberScheduler *self, GArray *actions)
{
  gint64 away_us = self->now_us - self->absent_since_us;

  if (self->routine)
    {
      if (self->in_bout)
        limber_scheduler_routine_hold (self);
      return;
    }
  if (!self->in_bout)
    {
      limber_scheduler_end_break (self, actions);
      return;
    }
  /* Shorter than a break (the event runner credited anything longer). */
  if (away_us >= self->settings.micro_length_us && self->settings.micro_interval_us > 0)
    {
      if (self->popup == LIMBER_POPUP_MICRO)
        limber_scheduler_withdraw (self, actions);
      limber_scheduler_emit_stat (self, actions, LIMBER_STAT_MICRO_TAKEN, self->absent_since_us,
                                  self->now_us, FALSE);
      self->micro_ref_us = self->now_us;
    }
}

static void
observe_presence (LimberScheduler *self, const LimberObservation *obs, GArray *actions)
{
  gboolean was_absent = limber_scheduler_is_absent (self);

  switch (obs->kind)
    {
    case LIMBER_OBSERVATION_AWAY:
      observe_away (self, obs->since_us);
      return;
    case LIMBER_OBSERVATION_LOCKED:
    case LIMBER_OBSERVATION_ASLEEP:
    case LIMBER_OBSERVATION_INACTIVE:
      become_absent (self, self->now_us);
      self->locked = self->locked || obs->kind == LIMBER_OBSERVATION_LOCKED;
      self->asleep = self->asleep || obs->kind == LIMBER_OBSERVATION_ASLEEP;
      self->inactive = self->inactive || obs->kind == LIMBER_OBSERVATION_INACTIVE;
      return;
    case LIMBER_OBSERVATION_AWAKE:
      /* Away until the first input after the resume, which presence is told to report (no alarm would). */
      if (self->asleep)
        {
          self->away = TRUE;
          limber_scheduler_emit (actions, LIMBER_ACTION_EXPECT_RETURN, self->now_us);
        }
      self->asleep = FALSE;
      return;
    case LIMBER_OBSERVATION_PRESENT:
      /* Input at a lock screen or while inactive is no return; "asleep": we missed the resume. */
      self->away = FALSE;
      self->asleep = FALSE;
      break;
    case LIMBER_OBSERVATION_UNLOCKED:
      self->away = self->locked = self->asleep = FALSE;  /* still inactive: elsewhere */
      break;
    case LIMBER_OBSERVATION_ACTIVE:
      /* Switching back took the user's hand, as an unlock does; still locked, they are not back. */
      self->away = self->inactive = FALSE;
      break;
    default:
      g_assert_not_reached ();
    }
  if (was_absent && !limber_scheduler_is_absent (self))
    user_returns (self, actions);
}

static void
observe_snooze (LimberScheduler *self, GArray *actions)
{
  if (self->popup == LIMBER_POPUP_MICRO)
    {
      limber_scheduler_withdraw (self, actions);
      return;
    }
  limber_scheduler_unhold (self);
  self->snoozes_used++;
  limber_scheduler_emit_stat (self, actions, LIMBER_STAT_SNOOZED, self->now_us, self->now_us, TRUE);
  if (self->popup == LIMBER_POPUP_MOVEMENT)
    limber_scheduler_withdraw (self, actions);
  self->unanswered = FALSE;
  self->escalated = FALSE;
  self->next_show_us = self->now_us + self->settings.snooze_us;
}

static void
observe_skip (LimberScheduler *self, GArray *actions)
{
  if (self->popup == LIMBER_POPUP_MICRO && !self->due_open)
    {
      /* Skipping a micro-break: close it; the next one is a whole interval away. */
      limber_scheduler_withdraw (self, actions);
      self->micro_ref_us = self->now_us;
      return;
    }
  limber_scheduler_withdraw (self, actions);
  limber_scheduler_emit_stat (self, actions, LIMBER_STAT_SKIPPED, self->now_us, self->now_us,
                              self->due_open);
  limber_scheduler_resolve_due (self, 0);
  limber_scheduler_restart_clock (self, actions);
}

static void
observe_dismissed (LimberScheduler *self, GArray *actions)
{
  LimberPopup popup = self->popup;

  /* The user closed it: nothing to withdraw. */
  self->popup = LIMBER_POPUP_NONE;
  if (popup == LIMBER_POPUP_STEP && self->routine)
    {
      limber_scheduler_routine_abandon (self, self->settings.snooze_us, actions);
      return;
    }
  /* Closing the escalated reminder is the last way to ignore it. */
  if (popup == LIMBER_POPUP_MOVEMENT && self->due_open && self->escalated)
    {
      limber_scheduler_emit_stat (self, actions, LIMBER_STAT_IGNORED, self->now_us, self->now_us, TRUE);
      limber_scheduler_resolve_due (self, self->now_us + self->settings.sit_limit_us);
    }
}

static void
observe_pause (LimberScheduler *self, gint64 until_us, GArray *actions)
{
  if (until_us != 0 && until_us <= self->now_us)
    return;
  self->paused_until_us = until_us == 0 ? G_MAXINT64 : until_us;
  if (self->popup != LIMBER_POPUP_NONE && self->popup != LIMBER_POPUP_STEP)
    limber_scheduler_withdraw (self, actions);
  /* A reminder withdrawn by the pause was not ignored: it comes back fresh at the resume. */
  self->unanswered = FALSE;
  self->escalated = FALSE;
  limber_scheduler_unhold (self);
  if (self->due_open)
    self->next_show_us = self->now_us;
}

static void
observe_busy (LimberScheduler *self, guint busy)
{
  self->busy = busy;
  /* The cap was for that busy spell; the next one may hold reminders again. */
  if (!limber_scheduler_is_busy (self))
    self->cap_spent = FALSE;
}

static void
observe_external (LimberScheduler *self, LimberExternal external)
{
  /* Its break coming due declares Limber's, unless one is due already. */
  if (external == LIMBER_EXTERNAL_DUE && self->external != LIMBER_EXTERNAL_DUE)
    self->external_pending = !self->due_open;
  else if (external != LIMBER_EXTERNAL_DUE)
    self->external_pending = FALSE;
  /* Limber's own schedule again: a due time already past is now, never earlier. */
  if (external == LIMBER_EXTERNAL_NONE && self->external != LIMBER_EXTERNAL_NONE)
    self->floor_us = self->now_us;
  self->external = external;
}

/* The other program's break was taken (it saw the user idle for its length):
 * a break, unless Limber counted one since it began or the routine will. */
static void
observe_external_taken (LimberScheduler *self, gint64 since_us, GArray *actions)
{
  gint64 start_us = since_us;

  self->external_pending = FALSE;
  if (!self->in_bout || self->routine || since_us < self->bout_since_us)
    return;
  if (limber_scheduler_is_absent (self))
    start_us = MIN (start_us, self->absent_since_us);
  limber_scheduler_withdraw (self, actions);
  limber_scheduler_credit_break (self, LIMBER_STAT_TAKEN_NATURAL, start_us, actions);
  /* Back already: the break ends now, as a finished routine's does. */
  if (!limber_scheduler_is_absent (self))
    limber_scheduler_end_break (self, actions);
}

/* The server took the popup down by itself: nothing to withdraw. An
 * unanswered reminder stays unanswered and comes back after the snooze time. */
static void
observe_expired (LimberScheduler *self)
{
  self->popup = LIMBER_POPUP_NONE;
}

static void
observe_user (LimberScheduler *self, const LimberObservation *obs, GArray *actions)
{
  /* The one place the rules of each choice live: what is refused here is
   * refused alike from the popup, limberctl and the bus. */
  if (limber_scheduler_check (self, obs->kind) != LIMBER_REFUSAL_NONE)
    return;
  switch (obs->kind)
    {
    case LIMBER_OBSERVATION_START:
      limber_scheduler_routine_start (self, obs->step_us, obs->n_steps, actions);
      break;
    case LIMBER_OBSERVATION_NEXT:
      if (self->routine && self->hold_until_us != G_MAXINT64)
        limber_scheduler_routine_hold (self);
      limber_scheduler_routine_next (self, actions);
      break;
    case LIMBER_OBSERVATION_STOP:
    case LIMBER_OBSERVATION_HURT:
      limber_scheduler_routine_abandon (self, obs->kind == LIMBER_OBSERVATION_HURT ? self->settings.sit_limit_us
                                                                                  : self->settings.snooze_us, actions);
      break;
    case LIMBER_OBSERVATION_SNOOZE:
      observe_snooze (self, actions);
      break;
    case LIMBER_OBSERVATION_SKIP:
      observe_skip (self, actions);
      break;
    case LIMBER_OBSERVATION_DONE:
      if (self->popup != LIMBER_POPUP_MICRO)
        break;
      limber_scheduler_withdraw (self, actions);
      limber_scheduler_emit_stat (self, actions, LIMBER_STAT_MICRO_TAKEN, self->now_us, self->now_us, FALSE);
      self->micro_ref_us = self->now_us;
      break;
    case LIMBER_OBSERVATION_DISMISSED:
      observe_dismissed (self, actions);
      break;
    case LIMBER_OBSERVATION_PAUSE:
      observe_pause (self, obs->until_us, actions);
      break;
    case LIMBER_OBSERVATION_RESUME:
      self->paused_until_us = 0;
      break;
    case LIMBER_OBSERVATION_BUSY:
      break;
    case LIMBER_OBSERVATION_EXPIRED:
      observe_expired (self);
      break;
    case LIMBER_OBSERVATION_EXTERNAL:
      observe_external (self, obs->external);
      break;
    case LIMBER_OBSERVATION_EXTERNAL_TAKEN:
      observe_external_taken (self, obs->since_us, actions);
      break;
    case LIMBER_OBSERVATION_STAND:
    case LIMBER_OBSERVATION_SIT:
      limber_scheduler_posture_change (self, obs->kind == LIMBER_OBSERVATION_STAND ? LIMBER_POSTURE_STANDING
                                                                                  : LIMBER_POSTURE_SITTING, actions);
      break;
    default:
      g_warn_if_reached ();
    }
}

void
limber_scheduler_observe (LimberScheduler *self, const LimberObservation *obs, GArray *actions)
{
  g_return_if_fail (self != NULL && obs != NULL && actions != NULL);
  /* Busy is in force from at_us on: what falls due at at_us already sees it. */
  if (obs->kind == LIMBER_OBSERVATION_BUSY)
    {
      limber_scheduler_advance (self, obs->at_us - 1, actions);
      self->now_us = MAX (self->now_us, obs->at_us);
      observe_busy (self, obs->busy);
    }
  limber_scheduler_advance (self, obs->at_us, actions);
  switch (obs->kind)
    {
    case LIMBER_OBSERVATION_AWAY:
    case LIMBER_OBSERVATION_PRESENT:
    case LIMBER_OBSERVATION_LOCKED:
    case LIMBER_OBSERVATION_UNLOCKED:
    case LIMBER_OBSERVATION_INACTIVE:
    case LIMBER_OBSERVATION_ACTIVE:
    case LIMBER_OBSERVATION_ASLEEP:
    case LIMBER_OBSERVATION_AWAKE:
      observe_presence (self, obs, actions);
      break;
    case LIMBER_OBSERVATION_TICK:
      break;
    default:
      observe_user (self, obs, actions);
      break;
    }
  limber_scheduler_advance (self, self->now_us, actions);
  report_state (self, actions);
}

LimberRefusal
limber_scheduler_check (LimberScheduler *self, LimberObservationKind kind)
{
  g_return_val_if_fail (self != NULL, LIMBER_REFUSAL_NONE);
  switch (kind)
    {
    case LIMBER_OBSERVATION_START:
      return self->routine ? LIMBER_REFUSAL_ROUTINE_RUNNING : LIMBER_REFUSAL_NONE;
    case LIMBER_OBSERVATION_NEXT:
    case LIMBER_OBSERVATION_STOP:
    case LIMBER_OBSERVATION_HURT:
      return self->routine ? LIMBER_REFUSAL_NONE : LIMBER_REFUSAL_NO_ROUTINE;
    case LIMBER_OBSERVATION_SNOOZE:
      if (self->popup == LIMBER_POPUP_MICRO)
        return LIMBER_REFUSAL_NONE;
      if (self->routine)
        return LIMBER_REFUSAL_ROUTINE_RUNNING;
      if (!self->due_open)
        return LIMBER_REFUSAL_NOTHING_DUE;
      return self->snoozes_used < self->settings.max_snoozes ? LIMBER_REFUSAL_NONE
                                                             : LIMBER_REFUSAL_NO_SNOOZE_LEFT;
    case LIMBER_OBSERVATION_SKIP:
      if (self->routine)
        return LIMBER_REFUSAL_ROUTINE_RUNNING;
      if (!self->in_bout)
        return LIMBER_REFUSAL_ON_BREAK;
      return self->due_open || self->popup == LIMBER_POPUP_MICRO ? LIMBER_REFUSAL_NONE
                                                                : LIMBER_REFUSAL_NOTHING_DUE;
    case LIMBER_OBSERVATION_DONE:
      return self->popup == LIMBER_POPUP_MICRO ? LIMBER_REFUSAL_NONE : LIMBER_REFUSAL_NOTHING_DUE;
    case LIMBER_OBSERVATION_RESUME:
      return limber_scheduler_is_paused (self) ? LIMBER_REFUSAL_NONE : LIMBER_REFUSAL_NOT_PAUSED;
    case LIMBER_OBSERVATION_STAND:
    case LIMBER_OBSERVATION_SIT:
      return self->settings.sit_stand ? LIMBER_REFUSAL_NONE : LIMBER_REFUSAL_NO_SIT_STAND;
    default:
      return LIMBER_REFUSAL_NONE;
    }
}

char *
limber_scheduler_refusal_to_text (LimberScheduler *self, LimberRefusal refusal)
{
  g_return_val_if_fail (self != NULL, NULL);
  switch (refusal)
    {
    case LIMBER_REFUSAL_NOTHING_DUE:
      return g_strdup (_("No break is due right now, so there is nothing to answer."));
    case LIMBER_REFUSAL_NO_SNOOZE_LEFT:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "This break has been put off %u time already, the most the "
          "settings allow ([breaks] max-snoozes): take it, or skip it with 'limberctl skip'.", "This break has been put "
          "off %u times already, the most the settings allow ([breaks] max-snoozes): take it, or skip it with "
          "'limberctl skip'.", self->settings.max_snoozes), self->settings.max_snoozes);
    case LIMBER_REFUSAL_ROUTINE_RUNNING:
      return g_strdup (_("A guided break is already running; finish it, or end it with Stop on its popup."));
    case LIMBER_REFUSAL_NO_ROUTINE:
      return g_strdup (_("No guided break is running."));
    case LIMBER_REFUSAL_ON_BREAK:
      return g_strdup (_("You are on a break already: the sitting clock starts again when you are back."));
    case LIMBER_REFUSAL_NOT_PAUSED:
      return g_strdup (_("Limber is not paused, so there is nothing to resume."));
    case LIMBER_REFUSAL_NO_SIT_STAND:
      return g_strdup (_("Limber is set up for a sitting desk ([profile] desk = sitting), so it does not "
                         "track standing; set desk = sit-stand in limber.conf to use stand and sit."));
    case LIMBER_REFUSAL_NONE:
    default:
      return NULL;
    }
}

gint64
limber_scheduler_get_next_deadline_us (LimberScheduler *self)
{
  g_return_val_if_fail (self != NULL, G_MAXINT64);
  return limber_scheduler_next_event_us (self, TRUE);
}

gint64
limber_scheduler_get_away_threshold_us (LimberScheduler *self)
{
  g_return_val_if_fail (self != NULL, G_MAXINT64);
  return limber_scheduler_away_after_us (self);
}

void
limber_scheduler_snapshot (LimberScheduler *self, gint64 now_us, LimberSchedulerSnapshot *out)
{
  g_return_if_fail (self != NULL && out != NULL);
  limber_scheduler_take_snapshot (self, now_us, out);
}

void
limber_scheduler_restore (LimberScheduler *self, const LimberSchedulerSnapshot *snap,
                          gint64 gap_us, gint64 now_us, GArray *actions)
{
  g_return_if_fail (self != NULL && snap != NULL && actions != NULL);
  limber_scheduler_load_snapshot (self, snap, gap_us, now_us, actions);
  limber_scheduler_observe (self, &(LimberObservation) { .kind = LIMBER_OBSERVATION_TICK, .at_us = self->now_us },
                            actions);
}

static gint64
next_due_us (LimberScheduler *self)
{
  gint64 due_us;

  if (limber_scheduler_is_absent (self) || self->routine || !self->in_bout
      || self->paused_until_us == G_MAXINT64)
    return G_MAXINT64;
  if (self->held)
    return self->settings.defer_cap_us > 0 ? self->held_since_us + self->settings.defer_cap_us : G_MAXINT64;
  if (self->due_open)
    due_us = self->next_show_us;
  else if (self->external != LIMBER_EXTERNAL_NONE)
    /* Another program's schedule: Limber's comes when its break does. */
    return self->external_pending ? self->now_us : G_MAXINT64;
  else
    due_us = limber_scheduler_due_at_us (self);
  if (self->paused_until_us != 0)
    due_us = MAX (due_us, self->paused_until_us);
  return due_us;
}

void
limber_scheduler_get_status (LimberScheduler *self, gint64 now_us, LimberStatus *out)
{
  g_return_if_fail (self != NULL && out != NULL);
  if (self->asleep)
    out->state = LIMBER_STATE_ASLEEP;
  else if (self->locked)
    out->state = LIMBER_STATE_LOCKED;
  else if (self->routine)
    out->state = LIMBER_STATE_IN_BREAK;
  else if (limber_scheduler_is_paused (self))
    out->state = LIMBER_STATE_PAUSED;
  else if (self->away || self->inactive)
    out->state = LIMBER_STATE_AWAY;
  else
    out->state = LIMBER_STATE_SITTING;
  out->sitting_since_us = self->in_bout ? self->bout_since_us : 0;
  out->away_since_us = limber_scheduler_is_absent (self) ? self->absent_since_us : 0;
  out->next_due_us = next_due_us (self);
  out->paused_until_us = self->paused_until_us;
  out->reminder_open = self->popup == LIMBER_POPUP_MOVEMENT;
  out->snoozes_used = self->snoozes_used;
  out->break_due = self->due_open;
  out->break_number = self->routine ? self->routine_number : self->break_number;
  out->busy = self->busy;
  out->held_since_us = self->held ? self->held_since_us : 0;
  out->external = self->external;
  out->posture = self->posture;
  out->posture_since_us = self->in_bout ? self->spell_since_us : 0;
}

/* Time from here on may still turn out to be a break (absence or routine): it stays open. */
static gint64
settled_until_us (LimberScheduler *self, gint64 now_us)
{
  gint64 until_us = MAX (now_us, self->now_us);

  if (!self->in_bout)
    return until_us;
  if (limber_scheduler_is_absent (self))
    until_us = MIN (until_us, self->absent_since_us);
  if (self->routine)
    until_us = MIN (until_us, self->routine_since_us);
  return until_us;
}

void
limber_scheduler_flush (LimberScheduler *self, gint64 now_us, GArray *actions)
{
  gint64 until_us;

  g_return_if_fail (self != NULL && actions != NULL);
  until_us = settled_until_us (self, now_us);
  if (until_us <= self->interval_since_us)
    return;
  limber_scheduler_emit_stat (self, actions, self->in_bout ? limber_scheduler_desk_stat (self) : LIMBER_STAT_BREAK,
                              self->interval_since_us, until_us, FALSE);
  self->interval_since_us = until_us;
}

const char *
limber_posture_to_string (LimberPosture posture)
{
  return posture == LIMBER_POSTURE_STANDING ? "standing" : "sitting";
}

const char *
limber_state_to_string (LimberState state)
{
  static const char *const names[] = { "sitting", "away", "locked", "asleep", "paused", "in-break" };

  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (names), "unknown");
  return names[state];
}
