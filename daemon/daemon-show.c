/* daemon-show.c: the scheduler's show actions made into popups, with the text from the catalogue
 * as the user's profile shows it. */
#include "daemon-private.h"

#include "core/wording.h"
#include "settings/profile.h"

/* show_step hands the catalogue's kind to the popup as it is. */
G_STATIC_ASSERT ((int) LIMBER_KIND_HOLD == (int) LIMBER_STEP_HOLD && (int) LIMBER_KIND_REPEAT == (int) LIMBER_STEP_REPEAT
                 && (int) LIMBER_KIND_MOVE == (int) LIMBER_STEP_MOVE);

/* The config's [profile] with the gentle week as last refreshed: the week is read when a
 * movement break is offered (and when it is changed), never in the middle of a routine, so a
 * running routine keeps its steps. */
void
limber_daemon_profile (LimberDaemon *self, const LimberConfig *config, LimberProfile *out)
{
  *out = config->profile;
  out->gentle = self->gentle;
}

void
limber_daemon_refresh_gentle (LimberDaemon *self)
{
  gboolean walk_only = FALSE;
  gint64 until_us = limber_history_get_gentle (self->history, &walk_only);
  gboolean in_force = until_us > limber_daemon_wall_now_us (self);

  self->gentle = !in_force ? LIMBER_GENTLE_OFF : walk_only ? LIMBER_GENTLE_WALK_ONLY : LIMBER_GENTLE_ON;
  if (self->bus != NULL)
    limber_bus_set_gentle (self->bus, !in_force ? "" : walk_only ? "walk-only" : "gentle", in_force ? until_us : 0);
}

/* Which routine a break number stands for is the rotation under the profile: the scheduler
 * keeps the number, so nothing here remembers a routine. */
const LimberRoutine *
limber_daemon_routine_for (LimberDaemon *self, const LimberConfig *config, guint break_number)
{
  LimberProfile profile;

  limber_daemon_profile (self, config, &profile);
  return limber_profile_pick (&profile, config->catalogue, FALSE, break_number);
}

GArray *
limber_daemon_routine_steps (LimberDaemon *self, const LimberConfig *config, guint break_number)
{
  const LimberRoutine *routine = limber_daemon_routine_for (self, config, break_number);
  LimberProfile profile;

  /* The config check keeps the movement rotation non-empty; stay safe anyway. */
  if (routine == NULL)
    return g_array_new (FALSE, TRUE, sizeof (LimberRoutineStep));
  limber_daemon_profile (self, config, &profile);
  return limber_profile_get_steps (&profile, config->catalogue, routine);
}

/* A new wording for this kind of popup, never the one it had last time. */
static guint
next_wording (LimberDaemon *self, LimberReminderKind kind, gboolean seated)
{
  LimberWording w = limber_reminder_wording_for (kind, seated);

  if (w == LIMBER_WORDING_N)
    return 0;
  self->wording_last[w] = limber_wording_next (w, self->wording_last[w], g_random_int ());
  return self->wording_last[w];
}

/* The area a routine is for, for the why of its prompt: its first stretch that does not leave
 * the desk (a walk routine's moves come before the walk). */
static const char *
routine_area (const GArray *steps)
{
  for (guint i = 0; i < steps->len; i++)
    {
      const LimberStretch *s = g_array_index (steps, LimberRoutineStep, i).stretch;
      if (!s->away)
        return limber_area_to_string (s->area);
    }
  return steps->len > 0 ? limber_area_to_string (g_array_index (steps, LimberRoutineStep, 0).stretch->area) : NULL;
}

static void
show_movement (LimberDaemon *self, const LimberAction *a)
{
  const LimberConfig *config = self->config;
  const LimberRoutine *routine;
  g_autoptr (GArray) steps = NULL;
  const LimberStretch *first;
  LimberProfile profile;
  gboolean seated = config->profile.mobility == LIMBER_MOBILITY_SEATED;

  limber_daemon_refresh_gentle (self);
  limber_daemon_profile (self, config, &profile);
  routine = limber_daemon_routine_for (self, config, a->break_number);
  steps = limber_daemon_routine_steps (self, config, a->break_number);
  first = steps->len > 0 ? g_array_index (steps, LimberRoutineStep, 0).stretch : NULL;
  limber_daemon_popup_show (self, &(LimberReminderInput) {
    .kind = LIMBER_REMINDER_MOVEMENT,
    .sitting_us = a->sitting_us,
    .routine_title = routine ? routine->title : NULL,
    .routine_total_us = routine ? limber_profile_total_us (&profile, config->catalogue, routine) : 0,
    .first_step = first ? first->steps[0] : NULL,
    .snoozes_left = a->snoozes_left,
    .snooze_us = config->snooze_us,
    .escalate = a->escalate && config->escalate,
    .sit_stand = config->desk == LIMBER_DESK_SIT_STAND,
    .seated = seated,
    .stand_slowly = limber_profile_stand_slowly (&profile) && !seated,
    .wording = next_wording (self, LIMBER_REMINDER_MOVEMENT, seated),
    .area = routine_area (steps),
  });
}

static void
show_micro (LimberDaemon *self, const LimberAction *a)
{
  LimberProfile profile;
  const LimberRoutine *routine;
  const LimberStretch *stretch = NULL;
  g_autofree char *text = NULL;
  LimberStatus status;
  gint64 now_us = limber_daemon_now_us (self);

  limber_daemon_profile (self, self->config, &profile);
  routine = limber_profile_pick (&profile, self->config->catalogue, TRUE, a->break_number);
  /* A micro-break is one popup: the first stretch of its routine (check-config says so of others). */
  if (routine != NULL && routine->stretch_ids[0] != NULL)
    stretch = limber_profile_resolve (&profile, self->config->catalogue,
                                      limber_catalogue_get_stretch (self->config->catalogue, routine->stretch_ids[0]));
  text = stretch ? g_strjoinv (" ", stretch->steps) : NULL;
  limber_scheduler_get_status (self->scheduler, now_us, &status);
  limber_daemon_popup_show (self, &(LimberReminderInput) {
    .kind = LIMBER_REMINDER_MICRO,
    .sitting_us = status.sitting_since_us > 0 ? now_us - status.sitting_since_us : 0,
    .stretch_title = stretch ? stretch->title : (routine ? routine->title : NULL),
    .step_text = text,
    .hold_us = self->config->micro_length_us,
    .picture = stretch ? stretch->picture : NULL,
    .wording = next_wording (self, LIMBER_REMINDER_MICRO, FALSE),
    .area = stretch ? limber_area_to_string (stretch->area) : NULL,
  });
}

static void
show_step (LimberDaemon *self, const LimberAction *a)
{
  g_autoptr (GArray) steps = limber_daemon_routine_steps (self, self->config, a->break_number);
  const LimberRoutineStep *step;
  const LimberStretch *s;
  g_autofree char *text = NULL;

  /* A reload that changed the running routine ends it (see reload): this cannot miss. */
  if (a->step >= steps->len)
    return;
  step = &g_array_index (steps, LimberRoutineStep, a->step);
  s = step->stretch;
  text = g_strjoinv (" ", s->steps);
  limber_daemon_popup_show (self, &(LimberReminderInput) {
    .kind = LIMBER_REMINDER_STEP,
    .step = a->step,
    .n_steps = a->n_steps,
    .stretch_title = s->title,
    .step_text = text,
    .hold_us = step->duration_us,
    /* The catalogue's kinds and the popup's are the same three, in the same order. */
    .step_kind = (LimberStepKind) s->kind,
    .reps = s->reps,
    .cue = s->cue,
    .side = step->side,
    .caution = s->caution,
    .picture = s->picture,
  });
}

void
limber_daemon_show (LimberDaemon *self, const LimberAction *a)
{
  LimberReminderInput done = { .kind = LIMBER_REMINDER_DONE };
  LimberReminderInput posture = {
    .kind = a->prompt == LIMBER_PROMPT_STAND ? LIMBER_REMINDER_STAND
            : a->prompt == LIMBER_PROMPT_SIT ? LIMBER_REMINDER_SIT : LIMBER_REMINDER_STAND_LIMIT,
    .spell_us = a->spell_us,
  };

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
      limber_daemon_popup_show (self, &done);
      break;
    case LIMBER_ACTION_SHOW_POSTURE:
      posture.wording = next_wording (self, posture.kind, FALSE);
      limber_daemon_popup_show (self, &posture);
      break;
    default:
      g_return_if_reached ();
    }
}

/* Does @old's routine for @break_number run the same steps as @new's, under the gentle week in force? */
gboolean
limber_daemon_same_routine (LimberDaemon *self, const LimberConfig *old, const LimberConfig *new,
                            guint break_number)
{
  const LimberRoutine *old_routine = limber_daemon_routine_for (self, old, break_number);
  const LimberRoutine *new_routine = limber_daemon_routine_for (self, new, break_number);
  g_autoptr (GArray) old_steps = NULL;
  g_autoptr (GArray) new_steps = NULL;

  if (old_routine == NULL || new_routine == NULL || g_strcmp0 (old_routine->id, new_routine->id) != 0)
    return FALSE;
  old_steps = limber_daemon_routine_steps (self, old, break_number);
  new_steps = limber_daemon_routine_steps (self, new, break_number);
  if (old_steps->len != new_steps->len)
    return FALSE;
  for (guint i = 0; i < old_steps->len; i++)
    {
      const LimberRoutineStep *a = &g_array_index (old_steps, LimberRoutineStep, i);
      const LimberRoutineStep *b = &g_array_index (new_steps, LimberRoutineStep, i);

      if (a->duration_us != b->duration_us || g_strcmp0 (a->stretch->id, b->stretch->id) != 0)
        return FALSE;
    }
  return TRUE;
}
