/* scheduler-ledger.c: the scheduler's accounting: actions out, stats, the sitting clock and due breaks. */
#include "scheduler-private.h"

void
limber_scheduler_emit (GArray *actions, LimberActionKind kind, gint64 at_us)
{
  LimberAction action = { 0 };

  action.kind = kind;
  action.at_us = at_us;
  g_array_append_val (actions, action);
}

void
limber_scheduler_emit_stat (LimberScheduler *self, GArray *actions, LimberStat stat,
                            gint64 from_us, gint64 to_us, gboolean was_due)
{
  LimberAction action = { 0 };

  action.kind = LIMBER_ACTION_STAT;
  action.at_us = self->now_us;
  action.stat = stat;
  action.from_us = from_us;
  action.to_us = to_us;
  action.was_due = was_due;
  g_array_append_val (actions, action);
}

void
limber_scheduler_withdraw (LimberScheduler *self, GArray *actions)
{
  if (self->popup == LIMBER_POPUP_NONE)
    return;
  limber_scheduler_emit (actions, LIMBER_ACTION_WITHDRAW, self->now_us);
  self->popup = LIMBER_POPUP_NONE;
}

/* Nothing is held back any more (shown, snoozed, paused, or the break ended). */
void
limber_scheduler_unhold (LimberScheduler *self)
{
  self->held = FALSE;
  self->held_since_us = 0;
  self->recheck_us = G_MAXINT64;
}

void
limber_scheduler_resolve_due (LimberScheduler *self, gint64 floor_us)
{
  limber_scheduler_unhold (self);
  /* The break that was due is over: the next one offers the next routine of the rotation. */
  if (self->due_open)
    self->break_number++;
  self->cap_spent = FALSE;
  self->due_open = FALSE;
  self->unanswered = FALSE;
  self->escalated = FALSE;
  self->snoozes_used = 0;
  self->next_show_us = G_MAXINT64;
  self->due_floor_us = floor_us;
  /* The break another program said was due has been answered or taken. */
  self->external_pending = FALSE;
}

/* The sitting spell closes at end_us: it was a sitting bout (a standing spell is none). */
static void
close_sitting_bout (LimberScheduler *self, GArray *actions, gint64 end_us)
{
  if (self->posture == LIMBER_POSTURE_SITTING && end_us > self->spell_since_us)
    limber_scheduler_emit_stat (self, actions, LIMBER_STAT_BOUT, self->spell_since_us, end_us, FALSE);
}

/* Closes the sitting bout at now (skip): no break time, a new bout starts at once. A
 * standing spell goes on: skipping a break is no reason to stop counting toward stand-limit. */
void
limber_scheduler_restart_clock (LimberScheduler *self, GArray *actions)
{
  gint64 now_us = self->now_us;

  if (now_us > self->interval_since_us)
    limber_scheduler_emit_stat (self, actions, limber_scheduler_desk_stat (self), self->interval_since_us,
                                now_us, FALSE);
  close_sitting_bout (self, actions, now_us);
  if (self->posture == LIMBER_POSTURE_SITTING)
    {
      self->spell_since_us = now_us;
      self->prompts = 0;
    }
  self->bout_since_us = self->interval_since_us = self->micro_ref_us = now_us;
  self->due_floor_us = 0;
}

/* The user is back after a credited break: the sitting clock restarts from zero. */
void
limber_scheduler_end_break (LimberScheduler *self, GArray *actions)
{
  gint64 now_us = self->now_us;

  g_assert (!self->in_bout);
  if (now_us > self->interval_since_us)
    limber_scheduler_emit_stat (self, actions, LIMBER_STAT_BREAK, self->interval_since_us, now_us, FALSE);
  self->in_bout = TRUE;
  self->bout_since_us = self->interval_since_us = self->micro_ref_us = now_us;
  /* A break ends a sitting and a standing spell alike; the posture stays (so does the desk). */
  self->spell_since_us = now_us;
  self->prompts = 0;
  self->due_floor_us = 0;
}

/* A movement break counts from start_us: the sitting interval and the bout close there. */
void
limber_scheduler_credit_break (LimberScheduler *self, LimberStat stat, gint64 start_us,
                               GArray *actions)
{
  if (!self->in_bout)
    return;
  start_us = CLAMP (start_us, self->interval_since_us, self->now_us);
  if (start_us > self->interval_since_us)
    limber_scheduler_emit_stat (self, actions, limber_scheduler_desk_stat (self), self->interval_since_us,
                                start_us, FALSE);
  close_sitting_bout (self, actions, start_us);
  self->in_bout = FALSE;
  self->interval_since_us = start_us;
  limber_scheduler_emit_stat (self, actions, stat, start_us, self->now_us, self->due_open);
  limber_scheduler_resolve_due (self, 0);
}

gint64
limber_scheduler_due_at_us (LimberScheduler *self)
{
  gint64 due_us = self->bout_since_us + self->settings.sit_limit_us;

  return MAX (due_us, MAX (self->floor_us, self->due_floor_us));
}
