/* reminder.c: the content of every Limber popup, built purely from what the daemon knows. */
#include "core/reminder.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "core/duration.h"

#define DONE_EXPIRE_US (6 * G_USEC_PER_SEC)
#define MICRO_DEFAULT_US (30 * G_USEC_PER_SEC)

char *
limber_reminder_format_duration (gint64 duration_us)
{
  gint64 s = (MAX (duration_us, 0) + G_USEC_PER_SEC / 2) / G_USEC_PER_SEC;
  g_autofree char *larger = NULL;
  g_autofree char *smaller = NULL;

  if (s < 60)
    return limber_duration_format_part (s, LIMBER_DURATION_SECONDS);
  if (s < 10 * 60)
    {
      larger = limber_duration_format_part (s / 60, LIMBER_DURATION_MINUTES);
      if (s % 60 == 0)
        return g_steal_pointer (&larger);
      smaller = limber_duration_format_part (s % 60, LIMBER_DURATION_SECONDS);
      return limber_duration_join (larger, smaller);
    }
  /* From ten minutes up, seconds are noise: round to the nearest minute. */
  gint64 min = (s + 30) / 60;
  if (min < 60)
    return limber_duration_format_part (min, LIMBER_DURATION_MINUTES);
  larger = limber_duration_format_part (min / 60, LIMBER_DURATION_HOURS);
  if (min % 60 == 0)
    return g_steal_pointer (&larger);
  smaller = limber_duration_format_part (min % 60, LIMBER_DURATION_MINUTES);
  return limber_duration_join (larger, smaller);
}

/* Appends config text, escaped when the body is markup. */
static void
append_text (GString *body, const char *text, gboolean markup)
{
  if (text == NULL)
    return;
  if (markup)
    {
      g_autofree char *escaped = g_markup_escape_text (text, -1);
      g_string_append (body, escaped);
    }
  else
    g_string_append (body, text);
}

/* Config text as it goes into the body: escaped when the body is markup. (transfer full) */
static char *
body_text (const char *text, gboolean markup)
{
  return markup ? g_markup_escape_text (text, -1) : g_strdup (text);
}

/* Appends text in bold where the server shows markup. */
static void
append_bold (GString *body, const char *text, gboolean markup)
{
  if (markup)
    g_string_append (body, "<b>");
  append_text (body, text, markup);
  if (markup)
    g_string_append (body, "</b>");
}

static void
add_action (LimberReminder *r, const char *key, const char *label)
{
  g_ptr_array_add (r->actions, g_strdup (key));
  g_ptr_array_add (r->actions, g_strdup (label));
}

static gboolean
is_set (const char *s)
{
  return s != NULL && *s != '\0';
}

/* The wording line of a movement or micro popup: the prompt and its why. */
static void
append_prompt (GString *body, const LimberReminderInput *in, gboolean markup)
{
  LimberWording w = limber_reminder_wording_for (in->kind, in->seated);
  g_autofree char *sitting = in->sitting_us > 0 ? limber_reminder_format_duration (in->sitting_us) : NULL;
  g_autofree char *prompt = limber_wording_prompt (w, in->wording, in->area, sitting);

  append_text (body, prompt, markup);
  g_string_append_c (body, '\n');
}

static void
build_movement (LimberReminder *r, const LimberReminderInput *in, gboolean actions, gboolean markup)
{
  g_autofree char *sitting = limber_reminder_format_duration (in->sitting_us);
  g_autoptr (GString) body = g_string_new (NULL);

  /* At a sit-stand desk part of that time was standing, and a wheelchair user does not stand
   * up: what is due is moving. */
  /* TRANSLATORS: the summary of a movement break; %s is the time sat ("32 min"). */
  if (in->sit_stand || in->seated)
    r->summary = g_strdup_printf (_("Time to move — %s at the desk"), sitting);
  else
    r->summary = g_strdup_printf (_("Time to stand up — %s sitting"), sitting);
  append_prompt (body, in, markup);
  if (is_set (in->routine_title))
    {
      append_bold (body, in->routine_title, markup);
      if (in->routine_total_us > 0)
        {
          g_autofree char *total = limber_reminder_format_duration (in->routine_total_us);
          g_string_append_printf (body, " · %s", total);
        }
    }
  else
    g_string_append (body, in->seated ? _("Move for a few minutes.") : _("Stand up and move for a few minutes."));
  if (is_set (in->first_step))
    {
      g_autofree char *first = body_text (in->first_step, markup);

      /* Standing up suddenly can make some people light-headed (the brief, 3.7). */
      g_string_append_c (body, '\n');
      /* TRANSLATORS: %s is the routine's first step ("Hand on the desk, step one foot back a stride."). */
      g_string_append_printf (body, in->stand_slowly ? _("First: Stand up slowly. %s") : _("First: %s"), first);
    }

  if (actions)
    {
      /* TRANSLATORS: a button of the movement-break popup. */
      add_action (r, "default", _("Start"));
      if (in->snoozes_left > 0)
        {
          g_autofree char *snooze = limber_reminder_format_duration (in->snooze_us);
          /* TRANSLATORS: a button; %s is how long the break is put off ("5 min"). */
          g_autofree char *label = g_strdup_printf (_("Snooze %s"), snooze);
          add_action (r, "snooze", label);
        }
      /* TRANSLATORS: a button of the movement-break popup. */
      add_action (r, "skip", _("Skip"));
    }
  else
    {
      /* Without buttons the popup still has to say how to answer it. The commands stay as they are. */
      g_string_append_printf (body, "\n\n%s", _("Start: limberctl start"));
      if (in->snoozes_left > 0)
        g_string_append_printf (body, " · %s", _("Snooze: limberctl snooze"));
      g_string_append_printf (body, " · %s", _("Skip: limberctl skip"));
    }
  r->body = g_string_free (g_steal_pointer (&body), FALSE);
  r->critical = in->escalate;
  r->expire_us = 0;
}

/* The time of the step by its kind, and its one safety line: "Hold 20 s. Mild stretch, no pain." */
static void
append_time (GString *body, const LimberReminderInput *in, gboolean markup)
{
  g_autofree char *duration = in->hold_us > 0 ? limber_reminder_format_duration (in->hold_us) : NULL;
  g_autofree char *time = limber_wording_step_time (in->step_kind, in->reps, in->cue, in->side, duration);

  if (time == NULL)
    return;
  if (body->len > 0)
    g_string_append_c (body, '\n');
  append_bold (body, time, markup);
  g_string_append_printf (body, " %s", limber_wording_step_safety (in->step_kind));
}

static void
build_step (LimberReminder *r, const LimberReminderInput *in, gboolean actions, gboolean markup)
{
  g_autoptr (GString) body = g_string_new (NULL);
  const char *title = is_set (in->stretch_title) ? in->stretch_title : _("Stretch");

  /* TRANSLATORS: a step's summary: the stretch's title, then which step of how many. */
  if (in->n_steps > 1)
    r->summary = g_strdup_printf (_("%s (%u of %u)"), title, MIN (in->step + 1, in->n_steps), in->n_steps);
  else
    r->summary = g_strdup (title);
  /* The side switch is said once, when it is time: the second side has its own popup. */
  if (in->side == 2)
    {
      append_bold (body, _("Switch sides now."), markup);
      g_string_append_printf (body, " %s", _("Same again on the other side."));
    }
  else
    append_text (body, in->step_text, markup);
  append_time (body, in, markup);
  if (is_set (in->caution))
    {
      g_autofree char *caution = body_text (in->caution, markup);

      /* TRANSLATORS: %s is the stretch's caution ("Chest up and low back still: do not arch it."). */
      g_string_append_c (body, '\n');
      g_string_append_printf (body, _("Care: %s"), caution);
    }
  if (actions)
    {
      /* TRANSLATORS: buttons of a step of the guided routine. */
      add_action (r, "next", _("Next"));
      add_action (r, "stop", _("Stop"));
      add_action (r, "hurt", _("That hurt"));
    }
  r->body = g_string_free (g_steal_pointer (&body), FALSE);
  r->image_path = g_strdup (in->picture);
  r->resident = TRUE;
  r->expire_us = 0;
  if (in->n_steps > 0)
    r->progress = (int) (MIN (in->step + 1, in->n_steps) * 100 / in->n_steps);
}

static void
build_micro (LimberReminder *r, const LimberReminderInput *in, gboolean actions, gboolean markup)
{
  g_autoptr (GString) body = g_string_new (NULL);
  gint64 length_us = in->hold_us > 0 ? in->hold_us : MICRO_DEFAULT_US;
  g_autofree char *length = limber_reminder_format_duration (length_us);

  /* TRANSLATORS: a micro-break's summary; %s is the stretch's title ("Chin tucks"). */
  r->summary = g_strdup_printf (_("Micro-break — %s"), is_set (in->stretch_title) ? in->stretch_title
                                                                                   : _("posture reset"));
  append_prompt (body, in, markup);
  if (is_set (in->step_text))
    {
      append_text (body, in->step_text, markup);
      g_string_append_c (body, '\n');
    }
  /* TRANSLATORS: how long a micro-break takes; %s is "30 s". */
  g_string_append_printf (body, _("About %s."), length);
  if (actions)
    /* TRANSLATORS: the button of a micro-break. */
    add_action (r, "done", _("Done"));
  r->body = g_string_free (g_steal_pointer (&body), FALSE);
  r->image_path = g_strdup (in->picture);
  r->expire_us = length_us;
}

/* After "That hurt": the routine has ended; the red flags once, and a gentler week offered. */
static void
build_hurt (LimberReminder *r, gboolean actions, gboolean markup)
{
  g_autoptr (GString) body = g_string_new (NULL);

  r->summary = g_strdup (_("Sorry it hurt — the routine has ended"));
  append_text (body, limber_wording_red_flags (), markup);
  g_string_append_printf (body, "\n%s", _("For the next 7 days: gentler stretches, or walks only?"));
  if (actions)
    {
      /* TRANSLATORS: the buttons of the popup after "That hurt". */
      add_action (r, "gentle", _("Gentler for a week"));
      add_action (r, "walk-only", _("Walks only"));
    }
  else
    g_string_append_printf (body, "\n\n%s", _("Gentler: limberctl gentle on · Walks only: limberctl gentle walk-only"));
  r->body = g_string_free (g_steal_pointer (&body), FALSE);
  r->expire_us = 0;
}

/* The posture popups of a sit-stand desk: one line of advice and the buttons that answer it. */
static void
build_posture (LimberReminder *r, const LimberReminderInput *in, gboolean actions)
{
  g_autofree char *spell = limber_reminder_format_duration (in->spell_us);
  g_autofree char *advice = limber_wording_prompt (limber_reminder_wording_for (in->kind, FALSE), in->wording,
                                                   NULL, NULL);
  const char *commands;

  switch (in->kind)
    {
    case LIMBER_REMINDER_STAND:
      /* TRANSLATORS: a sit-stand desk's popup; %s is the time sat ("45 min"). */
      r->summary = g_strdup_printf (_("Time to stand — %s sitting"), spell);
      commands = _("Standing now: limberctl stand");
      if (actions)
        add_action (r, "stand", _("I'm standing now"));
      break;
    case LIMBER_REMINDER_SIT:
      /* TRANSLATORS: a sit-stand desk's popup; %s is the time stood ("20 min"). */
      r->summary = g_strdup_printf (_("You may sit — %s standing"), spell);
      commands = _("Sat down: limberctl sit");
      if (actions)
        add_action (r, "sit", _("I sat down"));
      break;
    case LIMBER_REMINDER_STAND_LIMIT:
    default:
      /* TRANSLATORS: a sit-stand desk's popup; %s is the time stood ("1 h"). */
      r->summary = g_strdup_printf (_("%s standing — time to move"), spell);
      commands = _("Move: limberctl start · Sat down: limberctl sit");
      if (actions)
        {
          add_action (r, "start", _("Move now"));
          add_action (r, "sit", _("I sat down"));
        }
      break;
    }
  /* The text is ours: nothing to escape. Without buttons, say how to answer. */
  r->body = actions ? g_strdup (advice) : g_strdup_printf ("%s\n\n%s", advice, commands);
  r->expire_us = 0;
}

static void
build_done (LimberReminder *r, const LimberReminderInput *in, gboolean markup)
{
  g_autoptr (GString) body = g_string_new (NULL);

  r->summary = g_strdup (_("Done — sitting clock reset"));
  if (is_set (in->routine_title))
    {
      g_autofree char *title = body_text (in->routine_title, markup);

      /* TRANSLATORS: %s is the routine's title ("Desk reset"). */
      g_string_append_printf (body, _("%s complete. Nice work."), title);
    }
  else
    g_string_append (body, _("Nice work."));
  r->body = g_string_free (g_steal_pointer (&body), FALSE);
  r->expire_us = DONE_EXPIRE_US;
}

LimberWording
limber_reminder_wording_for (LimberReminderKind kind, gboolean seated)
{
  switch (kind)
    {
    case LIMBER_REMINDER_MOVEMENT:
      return seated ? LIMBER_WORDING_MOVEMENT_SEATED : LIMBER_WORDING_MOVEMENT;
    case LIMBER_REMINDER_MICRO:
      return LIMBER_WORDING_MICRO;
    case LIMBER_REMINDER_STAND:
      return LIMBER_WORDING_STAND;
    case LIMBER_REMINDER_SIT:
      return LIMBER_WORDING_SIT;
    case LIMBER_REMINDER_STAND_LIMIT:
      return LIMBER_WORDING_STAND_LIMIT;
    default:
      return LIMBER_WORDING_N;
    }
}

LimberReminder *
limber_reminder_build (const LimberReminderInput *in, gboolean server_has_actions, gboolean server_has_markup)
{
  g_return_val_if_fail (in != NULL, NULL);
  LimberReminder *r = g_new0 (LimberReminder, 1);

  r->kind = in->kind;
  r->actions = g_ptr_array_new_with_free_func (g_free);
  r->category = "x-limber.break";
  r->progress = -1;
  switch (in->kind)
    {
    case LIMBER_REMINDER_MOVEMENT:
      build_movement (r, in, server_has_actions, server_has_markup);
      break;
    case LIMBER_REMINDER_STEP:
      build_step (r, in, server_has_actions, server_has_markup);
      break;
    case LIMBER_REMINDER_MICRO:
      build_micro (r, in, server_has_actions, server_has_markup);
      break;
    case LIMBER_REMINDER_DONE:
      build_done (r, in, server_has_markup);
      break;
    case LIMBER_REMINDER_STAND:
    case LIMBER_REMINDER_SIT:
    case LIMBER_REMINDER_STAND_LIMIT:
      build_posture (r, in, server_has_actions);
      break;
    case LIMBER_REMINDER_HURT:
      build_hurt (r, server_has_actions, server_has_markup);
      break;
    case LIMBER_REMINDER_NOTICE:
    default:
      r->summary = g_strdup ("Limber");
      r->body = server_has_markup ? g_markup_escape_text (in->text ? in->text : "", -1)
                                  : g_strdup (in->text ? in->text : "");
      r->category = "x-limber.notice";
      r->expire_us = 0;
      break;
    }
  return r;
}

void
limber_reminder_free (LimberReminder *r)
{
  if (r == NULL)
    return;
  g_free (r->summary);
  g_free (r->body);
  g_free (r->image_path);
  g_ptr_array_unref (r->actions);
  g_free (r);
}

static const char *const choice_names[] = {
  [LIMBER_CHOICE_START] = "start",
  [LIMBER_CHOICE_SNOOZE] = "snooze",
  [LIMBER_CHOICE_SKIP] = "skip",
  [LIMBER_CHOICE_NEXT] = "next",
  [LIMBER_CHOICE_STOP] = "stop",
  [LIMBER_CHOICE_DONE] = "done",
  [LIMBER_CHOICE_DISMISSED] = "dismissed",
  [LIMBER_CHOICE_EXPIRED] = "expired",
  [LIMBER_CHOICE_STAND] = "stand",
  [LIMBER_CHOICE_SIT] = "sit",
  [LIMBER_CHOICE_HURT] = "hurt",
  [LIMBER_CHOICE_GENTLE] = "gentle",
  [LIMBER_CHOICE_WALK_ONLY] = "walk-only",
};

const char *
limber_choice_to_string (LimberChoice choice)
{
  if ((guint) choice >= G_N_ELEMENTS (choice_names))
    return "unknown";
  return choice_names[choice];
}

LimberChoice
limber_choice_from_action (const char *key)
{
  if (g_strcmp0 (key, "default") == 0)
    return LIMBER_CHOICE_START;
  for (guint i = 0; i < G_N_ELEMENTS (choice_names); i++)
    if (i != LIMBER_CHOICE_DISMISSED && i != LIMBER_CHOICE_EXPIRED && g_strcmp0 (key, choice_names[i]) == 0)
      return (LimberChoice) i;
  return LIMBER_CHOICE_DISMISSED;
}

LimberChoice
limber_choice_from_action_for_kind (LimberReminderKind kind, const char *key)
{
  if (g_strcmp0 (key, "default") != 0)
    return limber_choice_from_action (key);
  switch (kind)
    {
    case LIMBER_REMINDER_MOVEMENT:
      return LIMBER_CHOICE_START;
    case LIMBER_REMINDER_STEP:
      return LIMBER_CHOICE_NEXT;
    case LIMBER_REMINDER_MICRO:
      return LIMBER_CHOICE_DONE;
    case LIMBER_REMINDER_HURT:
      return LIMBER_CHOICE_GENTLE;
    case LIMBER_REMINDER_DONE:
    case LIMBER_REMINDER_NOTICE:
    default:
      return LIMBER_CHOICE_DISMISSED;
    }
}

LimberReminderInput *
limber_reminder_input_copy (const LimberReminderInput *in)
{
  g_return_val_if_fail (in != NULL, NULL);
  LimberReminderInput *copy = g_memdup2 (in, sizeof *in);

  /* The copy owns its strings; input_free releases them. */
  copy->routine_title = g_strdup (in->routine_title);
  copy->first_step = g_strdup (in->first_step);
  copy->stretch_title = g_strdup (in->stretch_title);
  copy->step_text = g_strdup (in->step_text);
  copy->text = g_strdup (in->text);
  copy->area = g_strdup (in->area);
  copy->cue = g_strdup (in->cue);
  copy->caution = g_strdup (in->caution);
  copy->picture = g_strdup (in->picture);
  return copy;
}

void
limber_reminder_input_free (LimberReminderInput *in)
{
  if (in == NULL)
    return;
  g_free ((char *) in->routine_title);
  g_free ((char *) in->first_step);
  g_free ((char *) in->stretch_title);
  g_free ((char *) in->step_text);
  g_free ((char *) in->text);
  g_free ((char *) in->area);
  g_free ((char *) in->cue);
  g_free ((char *) in->caution);
  g_free ((char *) in->picture);
  g_free (in);
}
