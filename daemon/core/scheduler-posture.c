/* scheduler-posture.c: sitting and standing at a sit-stand desk: the spells, their prompts, a change of posture. */
#include "core/scheduler-private.h"

/* The gentle "you may sit" goes by itself after this: it is news, not a request. */
#define SIT_NOTICE_US (30 * G_USEC_PER_SEC)

/* The desk interval and, on standing up, the sitting bout close now; a new spell starts. */
void
limber_scheduler_posture_change (LimberScheduler *self, LimberPosture posture, GArray *actions)
{
  gint64 now_us = self->now_us;

  if (posture == self->posture)
    return;
  if (self->popup == LIMBER_POPUP_POSTURE)
    limber_scheduler_withdraw (self, actions);
  if (self->in_bout)
    {
      /* Closed at the change even while away or in a routine, so that no time counted as
       * sitting is time the user said they stood; a break credited later starts here at the
       * earliest (credit_break never reaches into a closed interval). */
      if (now_us > self->interval_since_us)
        limber_scheduler_emit_stat (self, actions, limber_scheduler_desk_stat (self), self->interval_since_us,
                                    now_us, FALSE);
      self->interval_since_us = now_us;
      if (self->posture == LIMBER_POSTURE_SITTING && now_us > self->spell_since_us)
        limber_scheduler_emit_stat (self, actions, LIMBER_STAT_BOUT, self->spell_since_us, now_us, FALSE);
    }
  limber_scheduler_emit_stat (self, actions,
                              posture == LIMBER_POSTURE_STANDING ? LIMBER_STAT_STOOD_UP : LIMBER_STAT_SAT_DOWN,
                              now_us, now_us, FALSE);
  self->posture = posture;
  self->spell_since_us = now_us;
  self->prompts = 0;
}

/* A reload to a sitting desk: the user sits from now on, and no posture popup stays up. */
void
limber_scheduler_posture_settings (LimberScheduler *self, GArray *actions)
{
  if (self->settings.sit_stand)
    return;
  if (self->popup == LIMBER_POPUP_POSTURE)
    limber_scheduler_withdraw (self, actions);
  limber_scheduler_posture_change (self, LIMBER_POSTURE_SITTING, actions);
}

static gint64
prompt_at_us (LimberScheduler *self, LimberPrompt prompt, gint64 after_us)
{
  if (after_us <= 0 || (self->prompts & prompt) != 0)
    return G_MAXINT64;
  return self->spell_since_us + after_us;
}

/* When the next prompt of this spell shows, if nothing else happens first; G_MAXINT64 none. */
gint64
limber_scheduler_posture_at_us (LimberScheduler *self, LimberPrompt *out_prompt)
{
  const LimberSchedulerSettings *s = &self->settings;
  gint64 at_us, limit_us;

  /* Prompts wait for a free moment: a busy user, a popup up, a break due or a pause hold them. */
  if (!s->sit_stand || !self->in_bout || self->due_open || self->popup != LIMBER_POPUP_NONE || self->routine
      || limber_scheduler_is_absent (self) || limber_scheduler_is_paused (self) || limber_scheduler_is_busy (self))
    return G_MAXINT64;
  if (self->posture == LIMBER_POSTURE_SITTING)
    {
      *out_prompt = LIMBER_PROMPT_STAND;
      at_us = prompt_at_us (self, LIMBER_PROMPT_STAND, s->sit_before_stand_us);
      /* A movement break close behind gets the user up anyway. */
      if (at_us != G_MAXINT64
          && limber_scheduler_due_at_us (self) - MAX (at_us, self->now_us) <= s->sit_before_stand_us / 4)
        return G_MAXINT64;
    }
  else
    {
      at_us = prompt_at_us (self, LIMBER_PROMPT_SIT, s->stand_before_sit_us);
      limit_us = prompt_at_us (self, LIMBER_PROMPT_STAND_LIMIT, s->stand_limit_us);
      /* Both past (the user was busy, or paused): the limit says more. */
      *out_prompt = MAX (limit_us, self->now_us) <= MAX (at_us, self->now_us) ? LIMBER_PROMPT_STAND_LIMIT
                                                                                : LIMBER_PROMPT_SIT;
      at_us = MIN (at_us, limit_us);
    }
  return at_us == G_MAXINT64 ? G_MAXINT64 : MAX (at_us, self->now_us);
}

void
limber_scheduler_posture_show (LimberScheduler *self, LimberPrompt prompt, GArray *actions)
{
  LimberAction action = { 0 };

  action.kind = LIMBER_ACTION_SHOW_POSTURE;
  action.at_us = self->now_us;
  action.prompt = prompt;
  action.spell_us = self->now_us - self->spell_since_us;
  g_array_append_val (actions, action);
  /* Past stand-limit, "you may sit" would say less than the limit does: it is spent too. */
  self->prompts |= prompt == LIMBER_PROMPT_STAND_LIMIT ? LIMBER_PROMPT_SIT | LIMBER_PROMPT_STAND_LIMIT : prompt;
  self->popup = LIMBER_POPUP_POSTURE;
  self->prompt = prompt;
  self->posture_expires_us = prompt == LIMBER_PROMPT_SIT ? self->now_us + SIT_NOTICE_US : G_MAXINT64;
}
