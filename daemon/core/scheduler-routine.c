/* scheduler-routine.c: the guided routine inside the scheduler: steps, finish, hold and abandon. */
#include "core/scheduler-private.h"

static void
show_step (LimberScheduler *self, GArray *actions)
{
  LimberAction action = { 0 };

  action.kind = LIMBER_ACTION_SHOW_STEP;
  action.at_us = self->now_us;
  action.step = self->step;
  action.n_steps = self->steps_us->len;
  action.step_ends_us = self->step_ends_us;
  action.break_number = self->routine_number;
  g_array_append_val (actions, action);
  self->popup = LIMBER_POPUP_STEP;
}

void
limber_scheduler_routine_start (LimberScheduler *self, const gint64 *step_us, guint n_steps,
                                GArray *actions)
{
  if (self->routine || n_steps == 0 || step_us == NULL)
    return;
  g_array_set_size (self->steps_us, 0);
  for (guint i = 0; i < n_steps; i++)
    {
      gint64 length_us = MAX (step_us[i], 0);

      g_array_append_val (self->steps_us, length_us);
    }
  self->routine = TRUE;
  self->routine_number = self->break_number;
  limber_scheduler_unhold (self);
  /* Started inside a break already credited (the user is away): it adds nothing more. */
  self->routine_credited = !self->in_bout;
  self->routine_since_us = self->now_us;
  self->hold_until_us = G_MAXINT64;
  self->step = 0;
  self->step_ends_us = self->now_us + g_array_index (self->steps_us, gint64, 0);
  /* The step replaces any reminder in place; the due break now waits for the routine's outcome. */
  self->unanswered = FALSE;
  self->next_show_us = self->due_open ? self->now_us : G_MAXINT64;
  show_step (self, actions);
}

static void
routine_finish (LimberScheduler *self, GArray *actions)
{
  gint64 start_us = self->routine_since_us;

  self->routine = FALSE;
  self->hold_until_us = G_MAXINT64;
  self->popup = LIMBER_POPUP_NONE;
  limber_scheduler_emit (actions, LIMBER_ACTION_ROUTINE_DONE, self->now_us);
  if (limber_scheduler_is_absent (self))
    start_us = MIN (start_us, self->absent_since_us);
  if (!self->routine_credited)
    limber_scheduler_credit_break (self, LIMBER_STAT_TAKEN_GUIDED, start_us, actions);
  if (!self->in_bout && !limber_scheduler_is_absent (self))
    limber_scheduler_end_break (self, actions);
}

void
limber_scheduler_routine_next (LimberScheduler *self, GArray *actions)
{
  if (!self->routine)
    return;
  self->step++;
  if (self->step >= self->steps_us->len)
    {
      routine_finish (self, actions);
      return;
    }
  self->step_ends_us = self->now_us + g_array_index (self->steps_us, gint64, self->step);
  show_step (self, actions);
}

void
limber_scheduler_routine_abandon (LimberScheduler *self, gint64 again_us, GArray *actions)
{
  if (!self->routine)
    return;
  self->routine = FALSE;
  self->hold_until_us = G_MAXINT64;
  limber_scheduler_withdraw (self, actions);
  if (!self->in_bout)
    {
      /* Already credited (away a whole break meanwhile): a break, not a partial. */
      if (!limber_scheduler_is_absent (self))
        limber_scheduler_end_break (self, actions);
      return;
    }
  limber_scheduler_emit_stat (self, actions, LIMBER_STAT_PARTIAL, self->routine_since_us,
                              self->now_us, self->due_open);
  /* Not a break: the clock runs on, and the reminder comes back like a snooze (or, after
   * "That hurt", no sooner than a whole sit-limit). */
  if (self->due_open)
    limber_scheduler_resolve_due (self, self->now_us + again_us);
}

/* The user is at the keyboard mid-routine: give them time to press Next or go back to stretching. */
void
limber_scheduler_routine_hold (LimberScheduler *self)
{
  if (!self->routine || self->routine_credited)
    return;
  self->hold_until_us = self->now_us + 2 * limber_scheduler_away_after_us (self);
}
