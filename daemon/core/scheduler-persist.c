/* scheduler-persist.c: the scheduler's snapshot and restore across daemon restarts. */
#include <string.h>

#include "core/scheduler-private.h"

void
limber_scheduler_take_snapshot (LimberScheduler *self, gint64 now_us, LimberSchedulerSnapshot *out)
{
  now_us = MAX (now_us, self->now_us);
  memset (out, 0, sizeof *out);
  if (!self->in_bout)
    {
      /* In a credited break: the break has happened, whatever the gap. */
      out->sitting_us = 0;
      out->away_us = MAX (now_us - self->interval_since_us, self->settings.break_length_us);
    }
  else if (limber_scheduler_is_absent (self))
    {
      out->sitting_us = self->absent_since_us - self->bout_since_us;
      out->away_us = now_us - self->absent_since_us;
    }
  else
    out->sitting_us = now_us - self->bout_since_us;
  if (self->paused_until_us == 0 || self->paused_until_us == G_MAXINT64)
    out->pause_left_us = self->paused_until_us;
  else
    out->pause_left_us = MAX (self->paused_until_us - now_us, 0);
  out->snoozes_used = self->snoozes_used;
  out->break_number = self->break_number;
  out->micro_number = self->micro_number;
  out->reminder_open = self->popup == LIMBER_POPUP_MOVEMENT;
  out->due_open = self->due_open;
  out->standing = self->posture == LIMBER_POSTURE_STANDING;
  out->prompts = self->prompts;
  /* The spell so far, measured as the sitting clock is: up to the start of an absence. */
  if (self->in_bout)
    out->posture_us = MAX ((limber_scheduler_is_absent (self) ? self->absent_since_us : now_us)
                           - self->spell_since_us, 0);
}

static gint64
restored_pause_until_us (const LimberSchedulerSnapshot *snap, gint64 gap_us, gint64 now_us)
{
  if (snap->pause_left_us == G_MAXINT64)
    return G_MAXINT64;
  if (snap->pause_left_us <= gap_us)
    return 0;
  return now_us + (snap->pause_left_us - gap_us);
}

/* The posture outlasts a restart, and a break (the desk stays where it was); the spell goes
 * on through a short gap, and the prompts it showed are not shown again. */
static void
load_posture (LimberScheduler *self, const LimberSchedulerSnapshot *snap, gboolean was_break, gint64 gap_us)
{
  gboolean standing = snap->standing && self->settings.sit_stand;

  self->posture = standing ? LIMBER_POSTURE_STANDING : LIMBER_POSTURE_SITTING;
  self->prompts = 0;
  /* A sitting desk's spell is its bout. */
  self->spell_since_us = self->bout_since_us;
  if (was_break || !self->settings.sit_stand)
    return;
  self->spell_since_us = self->now_us - gap_us - MAX (snap->posture_us, 0) - MAX (snap->away_us, 0);
  self->prompts = snap->prompts;
}

/* Takes the snapshot's state; the caller runs what became due and reports the state. */
void
limber_scheduler_load_snapshot (LimberScheduler *self, const LimberSchedulerSnapshot *snap,
                                gint64 gap_us, gint64 now_us, GArray *actions)
{
  gboolean due_open, was_break;

  gap_us = MAX (gap_us, 0);
  self->now_us = MAX (now_us, self->now_us);
  now_us = self->now_us;
  /* A restarted daemon starts with the user present, no popup and no routine. */
  self->away = self->locked = self->asleep = self->inactive = FALSE;
  self->routine = FALSE;
  self->hold_until_us = G_MAXINT64;
  self->popup = LIMBER_POPUP_NONE;
  self->in_bout = TRUE;
  self->interval_since_us = self->micro_ref_us = now_us;
  self->floor_us = now_us;
  limber_scheduler_resolve_due (self, 0);
  due_open = snap->due_open || snap->reminder_open;
  /* An unwatched gap may have been spent at the keys: only a break already under way counts. */
  was_break = snap->gap_unwatched ? MAX (snap->away_us, 0) >= self->settings.break_length_us
                                  : gap_us >= self->settings.break_length_us
                                    || MAX (snap->away_us, 0) >= self->settings.break_length_us - gap_us;
  if (was_break)
    {
      self->bout_since_us = now_us;
      if (due_open)
        limber_scheduler_emit_stat (self, actions, LIMBER_STAT_TAKEN_NATURAL, now_us, now_us, TRUE);
    }
  else
    {
      /* A short gap (a restart) was sitting: the clock goes on. */
      self->bout_since_us = now_us - gap_us - MAX (snap->sitting_us, 0) - MAX (snap->away_us, 0);
      self->due_open = due_open;
      self->snoozes_used = due_open ? snap->snoozes_used : 0;
      self->next_show_us = due_open ? now_us : G_MAXINT64;
    }
  load_posture (self, snap, was_break, gap_us);
  self->paused_until_us = restored_pause_until_us (snap, gap_us, now_us);
  self->break_number = snap->break_number;
  self->micro_number = snap->micro_number;
}
