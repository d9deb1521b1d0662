/* scheduler-events.c: the scheduler's timed events (credit, due, remind, micro, steps), run in time order. */
#include "core/scheduler-private.h"

typedef enum {
  EVENT_NONE,
  /* ties run in this order: a natural break beats anything due at the same moment */
  EVENT_CREDIT,
  EVENT_PAUSE_END,
  EVENT_STEP_END,
  EVENT_HOLD_END,
  EVENT_MICRO_EXPIRE,
  EVENT_POSTURE_EXPIRE,
  EVENT_DUE,
  EVENT_RELEASE,
  EVENT_RECHECK,
  EVENT_REMIND,
  EVENT_POSTURE,
  EVENT_MICRO,
  N_EVENTS,
} LimberEvent;

/* How often a reminder held for a reason the edges can only sample (a
 * fullscreen window on X11) looks again: a tenth of the cap, between 1 s and
 * 1 min, so at most ten wake-ups per hold. */
#define RECHECK_MIN_US (1 * G_USEC_PER_SEC)
#define RECHECK_MAX_US (60 * G_USEC_PER_SEC)

static gint64
recheck_period_us (LimberScheduler *self)
{
  gint64 cap_us = self->settings.defer_cap_us;

  return cap_us > 0 ? CLAMP (cap_us / 10, RECHECK_MIN_US, RECHECK_MAX_US) : RECHECK_MAX_US;
}

static gboolean
can_remind (LimberScheduler *self)
{
  return !limber_scheduler_is_absent (self) && !limber_scheduler_is_paused (self) && !self->routine;
}

/* A held reminder goes out as soon as the user is free, or at the cap. */
static gint64
release_at_us (LimberScheduler *self)
{
  if (!self->held || !can_remind (self))
    return G_MAXINT64;
  if (!limber_scheduler_is_busy (self))
    return self->now_us;
  if (self->settings.defer_cap_us > 0)
    return self->held_since_us + self->settings.defer_cap_us;
  return G_MAXINT64;
}

static gint64
micro_at_us (LimberScheduler *self)
{
  gint64 interval_us = self->settings.micro_interval_us;
  gint64 at_us;

  if (interval_us <= 0 || !self->in_bout || self->due_open || self->popup != LIMBER_POPUP_NONE
      || !can_remind (self))
    return G_MAXINT64;
  at_us = MAX (self->micro_ref_us + interval_us, self->now_us);
  /* A movement break close behind makes the micro-break redundant (while
   * another program's schedule is followed, when its break comes is unknown). */
  if (self->external == LIMBER_EXTERNAL_NONE && limber_scheduler_due_at_us (self) - at_us <= interval_us / 4)
    return G_MAXINT64;
  return at_us;
}

static gint64
event_at_us (LimberScheduler *self, LimberEvent event)
{
  LimberPrompt prompt;

  switch (event)
    {
    case EVENT_CREDIT:
      if (limber_scheduler_is_absent (self) && self->in_bout)
        return self->absent_since_us + self->settings.break_length_us;
      return G_MAXINT64;
    case EVENT_PAUSE_END:
      if (self->paused_until_us != 0 && self->paused_until_us != G_MAXINT64)
        return self->paused_until_us;
      return G_MAXINT64;
    case EVENT_STEP_END:
      return self->routine ? self->step_ends_us : G_MAXINT64;
    case EVENT_HOLD_END:
      return self->routine ? self->hold_until_us : G_MAXINT64;
    case EVENT_MICRO_EXPIRE:
      return self->popup == LIMBER_POPUP_MICRO ? self->micro_expires_us : G_MAXINT64;
    case EVENT_POSTURE_EXPIRE:
      return self->popup == LIMBER_POPUP_POSTURE ? self->posture_expires_us : G_MAXINT64;
    case EVENT_DUE:
      if (!self->in_bout || self->due_open || limber_scheduler_is_absent (self) || self->routine)
        return G_MAXINT64;
      /* Following another program, its due break is the only one. */
      if (self->external != LIMBER_EXTERNAL_NONE)
        return self->external_pending ? self->now_us : G_MAXINT64;
      return limber_scheduler_due_at_us (self);
    case EVENT_RELEASE:
      return release_at_us (self);
    case EVENT_RECHECK:
      if (self->held && can_remind (self) && (self->busy & self->settings.sampled_mask) != 0)
        return self->recheck_us;
      return G_MAXINT64;
    case EVENT_REMIND:
      return self->due_open && can_remind (self) && !self->held ? self->next_show_us : G_MAXINT64;
    case EVENT_POSTURE:
      return limber_scheduler_posture_at_us (self, &prompt);
    case EVENT_MICRO:
      return micro_at_us (self);
    case EVENT_NONE:
    case N_EVENTS:
    default:
      return G_MAXINT64;
    }
}

/* A natural break reached while no popup is open changes nothing the user sees: it is no deadline. */
static gboolean
event_is_visible (LimberScheduler *self, LimberEvent event)
{
  if (event == EVENT_CREDIT)
    return self->popup == LIMBER_POPUP_MOVEMENT || self->popup == LIMBER_POPUP_MICRO;
  return TRUE;
}

static gint64
next_event (LimberScheduler *self, gboolean visible_only, LimberEvent *out_event)
{
  gint64 best_us = G_MAXINT64;
  LimberEvent best = EVENT_NONE;

  for (LimberEvent event = EVENT_CREDIT; event < N_EVENTS; event++)
    {
      gint64 at_us = event_at_us (self, event);

      if (at_us < best_us && (!visible_only || event_is_visible (self, event)))
        {
          best_us = at_us;
          best = event;
        }
    }
  *out_event = best;
  /* Something already late runs now: time never goes back. */
  return best == EVENT_NONE ? G_MAXINT64 : MAX (best_us, self->now_us);
}

gint64
limber_scheduler_next_event_us (LimberScheduler *self, gboolean visible_only)
{
  LimberEvent event;

  return next_event (self, visible_only, &event);
}

static void
show_movement (LimberScheduler *self, gboolean escalate, GArray *actions)
{
  LimberAction action = { 0 };
  guint max = self->settings.max_snoozes;

  if (self->popup == LIMBER_POPUP_MICRO || self->popup == LIMBER_POPUP_POSTURE)
    limber_scheduler_withdraw (self, actions);
  action.kind = LIMBER_ACTION_SHOW_MOVEMENT;
  action.at_us = self->now_us;
  action.sitting_us = self->now_us - self->bout_since_us;
  action.snoozes_left = self->snoozes_used < max ? max - self->snoozes_used : 0;
  action.escalate = escalate;
  action.break_number = self->break_number;
  g_array_append_val (actions, action);
  self->popup = LIMBER_POPUP_MOVEMENT;
}

/* Held back, the reminder waits for the user to be free (or for the cap);
 * the time held counts neither as ignoring it nor as a snooze. */
static void
hold (LimberScheduler *self)
{
  if (!self->held)
    {
      self->held = TRUE;
      self->held_since_us = self->now_us;
    }
  self->recheck_us = self->now_us + recheck_period_us (self);
}

/* Released, it is the first reminder the user sees: normal urgency, Snooze offered. */
static void
run_release (LimberScheduler *self, GArray *actions)
{
  /* Sent anyway at the cap: its re-reminders go on as for any unanswered reminder. */
  self->cap_spent = limber_scheduler_is_busy (self);
  limber_scheduler_unhold (self);
  self->escalated = FALSE;
  show_movement (self, FALSE, actions);
  self->unanswered = TRUE;
  self->next_show_us = self->now_us + self->settings.snooze_us;
}

/* The reminder is due to be shown, or shown again because the last one got no answer. */
static void
run_remind (LimberScheduler *self, GArray *actions)
{
  gboolean escalate = FALSE;

  if (limber_scheduler_is_busy (self) && !self->cap_spent)
    {
      hold (self);
      return;
    }
  if (self->unanswered)
    {
      if (self->escalated)
        {
          /* The escalated reminder got no answer either: the break is ignored; the popup stays. */
          limber_scheduler_emit_stat (self, actions, LIMBER_STAT_IGNORED, self->now_us, self->now_us, TRUE);
          limber_scheduler_resolve_due (self, self->now_us + self->settings.sit_limit_us);
          return;
        }
      if (self->snoozes_used < self->settings.max_snoozes)
        self->snoozes_used++;
      escalate = self->snoozes_used >= self->settings.max_snoozes;
    }
  show_movement (self, escalate, actions);
  self->escalated = escalate;
  self->unanswered = TRUE;
  self->next_show_us = self->now_us + self->settings.snooze_us;
}

static void
run_micro (LimberScheduler *self, GArray *actions)
{
  LimberAction action = { 0 };

  /* A posture reset is for the moment it falls due: one that falls while
   * the user is busy is dropped, and the next comes an interval later. */
  if (limber_scheduler_is_busy (self))
    {
      self->micro_ref_us = self->now_us;
      return;
    }
  action.kind = LIMBER_ACTION_SHOW_MICRO;
  action.at_us = self->now_us;
  action.break_number = self->micro_number++;
  g_array_append_val (actions, action);
  limber_scheduler_emit_stat (self, actions, LIMBER_STAT_MICRO_SHOWN, self->now_us, self->now_us, FALSE);
  self->popup = LIMBER_POPUP_MICRO;
  self->micro_expires_us = self->now_us + self->settings.micro_length_us;
  self->micro_ref_us = self->now_us;
}

static void
run_credit (LimberScheduler *self, GArray *actions)
{
  gint64 start_us = self->absent_since_us;

  if (self->routine)
    {
      /* Away for a whole break during the routine: it counts; the steps go on. */
      self->routine_credited = TRUE;
      self->hold_until_us = G_MAXINT64;
      limber_scheduler_credit_break (self, LIMBER_STAT_TAKEN_GUIDED,
                                     MIN (start_us, self->routine_since_us), actions);
      return;
    }
  /* The user comes back to a clean screen. */
  limber_scheduler_withdraw (self, actions);
  limber_scheduler_credit_break (self, LIMBER_STAT_TAKEN_NATURAL, start_us, actions);
}

static void
run_event (LimberScheduler *self, LimberEvent event, GArray *actions)
{
  switch (event)
    {
    case EVENT_CREDIT:
      run_credit (self, actions);
      break;
    case EVENT_PAUSE_END:
      self->paused_until_us = 0;
      break;
    case EVENT_STEP_END:
      limber_scheduler_routine_next (self, actions);
      break;
    case EVENT_HOLD_END:
      limber_scheduler_routine_abandon (self, self->settings.snooze_us, actions);
      break;
    case EVENT_MICRO_EXPIRE:
    case EVENT_POSTURE_EXPIRE:
      limber_scheduler_withdraw (self, actions);
      break;
    case EVENT_DUE:
      /* A movement break makes a micro-break or a posture prompt redundant. */
      if (self->popup == LIMBER_POPUP_MICRO || self->popup == LIMBER_POPUP_POSTURE)
        limber_scheduler_withdraw (self, actions);
      limber_scheduler_resolve_due (self, 0);
      self->external_pending = FALSE;
      self->due_open = TRUE;
      self->next_show_us = self->now_us;
      limber_scheduler_emit_stat (self, actions, LIMBER_STAT_BREAK_DUE, self->now_us, self->now_us, FALSE);
      break;
    case EVENT_RELEASE:
      run_release (self, actions);
      break;
    case EVENT_RECHECK:
      /* The daemon sampled the busy sources before this tick. */
      self->recheck_us = self->now_us + recheck_period_us (self);
      break;
    case EVENT_REMIND:
      run_remind (self, actions);
      break;
    case EVENT_POSTURE:
      {
        LimberPrompt prompt;

        limber_scheduler_posture_at_us (self, &prompt);
        limber_scheduler_posture_show (self, prompt, actions);
      }
      break;
    case EVENT_MICRO:
      run_micro (self, actions);
      break;
    case EVENT_NONE:
    case N_EVENTS:
    default:
      g_assert_not_reached ();
    }
}

/* Runs every event up to to_us, each at its own time. */
void
limber_scheduler_advance (LimberScheduler *self, gint64 to_us, GArray *actions)
{
  LimberEvent event;
  gint64 at_us;

  while ((at_us = next_event (self, FALSE, &event)) <= to_us)
    {
      self->now_us = at_us;
      run_event (self, event, actions);
    }
  self->now_us = MAX (self->now_us, to_us);
}
