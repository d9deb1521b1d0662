/* daemon-show.c: the scheduler's show actions made into popups, with the text from the catalogue. */
#include "daemon-private.h"

/* Which routine a break number stands for is the catalogue's rotation: the
 * scheduler keeps the number, so nothing here remembers a routine. */
const LimberRoutine *
limber_daemon_routine_for (const LimberConfig *config, guint break_number)
{
  return limber_catalogue_pick (config->catalogue, FALSE, break_number);
}

GArray *
limber_daemon_routine_steps (const LimberConfig *config, guint break_number)
{
  const LimberRoutine *routine = limber_daemon_routine_for (config, break_number);

  /* The config check keeps the movement rotation non-empty; stay safe anyway. */
  if (routine == NULL)
    return g_array_new (FALSE, TRUE, sizeof (LimberRoutineStep));
  return limber_routine_get_steps (config->catalogue, routine);
}

static const LimberStretch *
first_stretch (const LimberConfig *config, const LimberRoutine *routine)
{
  if (routine == NULL || routine->stretch_ids == NULL || routine->stretch_ids[0] == NULL)
    return NULL;
  return limber_catalogue_get_stretch (config->catalogue, routine->stretch_ids[0]);
}

static void
show_movement (LimberDaemon *self, const LimberAction *a)
{
  const LimberConfig *config = self->config;
  const LimberRoutine *routine = limber_daemon_routine_for (config, a->break_number);
  const LimberStretch *stretch = first_stretch (config, routine);
  LimberReminderInput in = {
    .kind = LIMBER_REMINDER_MOVEMENT,
    .sitting_us = a->sitting_us,
    .routine_title = routine ? routine->title : NULL,
    .routine_total_us = routine ? limber_routine_total_us (config->catalogue, routine) : 0,
    .first_step = stretch && stretch->steps ? stretch->steps[0] : NULL,
    .snoozes_left = a->snoozes_left,
    .snooze_us = config->snooze_us,
    .escalate = a->escalate && config->escalate,
    .sit_stand = config->desk == LIMBER_DESK_SIT_STAND,
  };

  limber_daemon_popup_show (self, &in);
}

static void
show_micro (LimberDaemon *self, const LimberAction *a)
{
  const LimberRoutine *routine = limber_catalogue_pick (self->config->catalogue, TRUE, a->break_number);
  const LimberStretch *stretch = first_stretch (self->config, routine);
  g_autofree char *text = stretch && stretch->steps ? g_strjoinv (" ", stretch->steps) : NULL;
  LimberReminderInput in = {
    .kind = LIMBER_REMINDER_MICRO,
    .stretch_title = stretch ? stretch->title : (routine ? routine->title : NULL),
    .step_text = text,
    .hold_us = self->config->micro_length_us,
    .sides = stretch ? stretch->sides : 1,
  };

  limber_daemon_popup_show (self, &in);
}

static void
show_step (LimberDaemon *self, const LimberAction *a)
{
  g_autoptr (GArray) steps = limber_daemon_routine_steps (self->config, a->break_number);
  const LimberRoutineStep *step;
  g_autofree char *text = NULL;
  LimberReminderInput in = { .kind = LIMBER_REMINDER_STEP, .step = a->step, .n_steps = a->n_steps };

  /* A reload that changed the running routine ends it (see reload): this cannot miss. */
  if (a->step >= steps->len)
    return;
  step = &g_array_index (steps, LimberRoutineStep, a->step);
  text = step->stretch->steps ? g_strjoinv (" ", step->stretch->steps) : g_strdup ("");
  in.stretch_title = step->stretch->title;
  in.step_text = text;
  in.hold_us = step->stretch->hold_us;
  in.sides = step->stretch->sides;
  limber_daemon_popup_show (self, &in);
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
      limber_daemon_popup_show (self, &posture);
      break;
    default:
      g_return_if_reached ();
    }
}

/* Does @old's routine for @break_number run the same steps as @new's? */
gboolean
limber_daemon_same_routine (const LimberConfig *old, const LimberConfig *new, guint break_number)
{
  const LimberRoutine *old_routine = limber_daemon_routine_for (old, break_number);
  const LimberRoutine *new_routine = limber_daemon_routine_for (new, break_number);
  g_autoptr (GArray) old_steps = NULL;
  g_autoptr (GArray) new_steps = NULL;

  if (old_routine == NULL || new_routine == NULL || g_strcmp0 (old_routine->id, new_routine->id) != 0)
    return FALSE;
  old_steps = limber_routine_get_steps (old->catalogue, old_routine);
  new_steps = limber_routine_get_steps (new->catalogue, new_routine);
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
