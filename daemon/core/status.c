/* status.c: the one-line wording of the daemon's state. */
#include "core/status.h"

#include <glib/gi18n-lib.h>

#include "core/duration.h"
#include "core/scheduler-types.h"

#define MINUTE_US (G_USEC_PER_SEC * G_GINT64_CONSTANT (60))
#define HOUR_US (MINUTE_US * 60)
#define DAY_US (HOUR_US * 24)

char *
limber_status_format_duration (gint64 duration_us)
{
  gint64 minutes = MAX (duration_us, 0) / MINUTE_US;
  g_autofree char *hours = NULL;
  g_autofree char *rest = NULL;

  if (minutes == 0)
    return g_strdup (_("less than a minute"));
  if (minutes < 60)
    return limber_duration_format_part (minutes, LIMBER_DURATION_MINUTES);
  hours = limber_duration_format_part (minutes / 60, LIMBER_DURATION_HOURS);
  if (minutes % 60 == 0)
    return g_steal_pointer (&hours);
  rest = limber_duration_format_part (minutes % 60, LIMBER_DURATION_MINUTES);
  return limber_duration_join (hours, rest);
}

/* Time left, rounded up to the minute so "in 0 min" never shows before it is due. */
static char *
format_remaining (gint64 remaining_us)
{
  if (remaining_us <= 0)
    return g_strdup (_("now"));
  return limber_status_format_duration (((remaining_us + MINUTE_US - 1) / MINUTE_US) * MINUTE_US);
}

char *
limber_status_format_clock (gint64 wall_at_us, gint64 wall_now_us)
{
  g_autoptr (GDateTime) at = g_date_time_new_from_unix_local (wall_at_us / G_USEC_PER_SEC);
  g_autoptr (GDateTime) now = g_date_time_new_from_unix_local (wall_now_us / G_USEC_PER_SEC);

  if (at == NULL || now == NULL)
    return g_strdup ("?");
  if (g_date_time_get_year (at) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (at) == g_date_time_get_day_of_year (now))
    /* TRANSLATORS: a time today, as strftime writes it ("10:32"). */
    return g_date_time_format (at, _("%H:%M"));
  if (ABS (wall_at_us - wall_now_us) < 6 * DAY_US)
    /* TRANSLATORS: a time within the week, as strftime writes it ("Tue 10:32"). */
    return g_date_time_format (at, _("%a %H:%M"));
  /* TRANSLATORS: a time further off, as strftime writes it ("2026-12-01 10:32"). */
  return g_date_time_format (at, _("%Y-%m-%d %H:%M"));
}

static const char *
state_title (const char *state)
{
  if (g_str_equal (state, "sitting"))
    return _("Sitting");
  if (g_str_equal (state, "away"))
    return _("Away");
  if (g_str_equal (state, "locked"))
    return _("Screen locked");
  if (g_str_equal (state, "asleep"))
    return _("Asleep");
  return NULL;
}

static char *
format_paused (const LimberStatusInfo *info, gboolean absolute)
{
  g_autofree char *when = NULL;

  if (info->wall_paused_until_us == 0 || info->wall_paused_until_us == G_MAXINT64)
    return g_strdup (_("Paused until resumed"));
  if (absolute)
    {
      when = limber_status_format_clock (info->wall_paused_until_us, info->wall_now_us);
      /* TRANSLATORS: %s is a time ("10:32", "Tue 10:32"). */
      return g_strdup_printf (_("Paused until %s"), when);
    }
  when = format_remaining (info->wall_paused_until_us - info->wall_now_us);
  /* TRANSLATORS: %s is a time left ("25 min"). */
  return g_strdup_printf (_("Paused · %s left"), when);
}

static char *
format_since (const char *title, gint64 wall_since_us, const LimberStatusInfo *info, gboolean absolute)
{
  g_autofree char *when = NULL;

  if (wall_since_us <= 0)
    return g_strdup (title);
  if (absolute)
    {
      when = limber_status_format_clock (wall_since_us, info->wall_now_us);
      /* TRANSLATORS: a state ("Sitting", "Away") and since when ("10:02"). */
      return g_strdup_printf (_("%s since %s"), title, when);
    }
  when = limber_status_format_duration (info->wall_now_us - wall_since_us);
  /* TRANSLATORS: a state ("Sitting", "Away") and for how long ("23 min"). */
  return g_strdup_printf (C_ ("state and duration", "%s %s"), title, when);
}

static const struct {
  guint bit;
  const char *name;   /* on the bus */
  const char *text;   /* for people */
} busy_reasons[] = {
  /* TRANSLATORS: why a reminder is held back, as in "held: camera in use, 3 min". */
  { LIMBER_BUSY_FULLSCREEN, "fullscreen", N_("a fullscreen window") },
  { LIMBER_BUSY_DND, "do-not-disturb", N_("do-not-disturb") },
  { LIMBER_BUSY_CAMERA, "camera", N_("camera in use") },
  { LIMBER_BUSY_MICROPHONE, "microphone", N_("microphone in use") },
  { LIMBER_BUSY_INHIBITED, "inhibited", N_("a program keeps the screen awake") },
};

char *
limber_status_format_busy (guint busy)
{
  GString *text = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (busy_reasons); i++)
    if (busy & busy_reasons[i].bit)
      g_string_append_printf (text, "%s%s", text->len ? ", " : "", _(busy_reasons[i].text));
  if (text->len == 0)
    g_string_append (text, _("busy"));
  return g_string_free (text, FALSE);
}

const char *
limber_busy_to_string (guint bit)
{
  for (gsize i = 0; i < G_N_ELEMENTS (busy_reasons); i++)
    if (busy_reasons[i].bit == bit)
      return busy_reasons[i].name;
  return NULL;
}

guint
limber_busy_from_strings (const char *const *names)
{
  guint busy = 0;

  for (gsize n = 0; names != NULL && names[n] != NULL; n++)
    for (gsize i = 0; i < G_N_ELEMENTS (busy_reasons); i++)
      if (g_str_equal (names[n], busy_reasons[i].name))
        busy |= busy_reasons[i].bit;
  return busy;
}

/* "held since 10:32: camera in use" or "held: camera in use, 3 min". */
static char *
format_held (const LimberStatusInfo *info, gboolean absolute)
{
  g_autofree char *why = limber_status_format_busy (info->busy);
  g_autofree char *when = NULL;

  if (absolute)
    {
      when = limber_status_format_clock (info->wall_held_since_us, info->wall_now_us);
      /* TRANSLATORS: a reminder held back since a time ("10:32") and why ("camera in use"). */
      return g_strdup_printf (_("held since %s: %s"), when, why);
    }
  when = limber_status_format_duration (info->wall_now_us - info->wall_held_since_us);
  /* TRANSLATORS: a reminder held back, why ("camera in use") and for how long ("3 min"). */
  return g_strdup_printf (_("held: %s, %s"), why, when);
}

/* "Sitting since 10:02", "Standing 3 min", "Away since 11:47": the state and since when. */
static char *
format_head (const LimberStatusInfo *info, const char *title, gboolean absolute)
{
  gboolean standing;

  if (!g_str_equal (info->state, "sitting"))
    return format_since (title, info->wall_away_since_us, info, absolute);
  /* At the desk: in the posture the user said, since they took it (or came back). */
  standing = g_strcmp0 (info->posture, "standing") == 0;
  return format_since (standing ? _("Standing") : title,
                       info->wall_posture_since_us > 0 ? info->wall_posture_since_us
                                                       : info->wall_sitting_since_us,
                       info, absolute);
}

static char *
format_line (const LimberStatusInfo *info, gboolean absolute)
{
  const char *title;
  g_autofree char *head = NULL;
  g_autofree char *due = NULL;

  g_return_val_if_fail (info != NULL && info->state != NULL, NULL);

  if (g_str_equal (info->state, "paused"))
    return format_paused (info, absolute);
  if (g_str_equal (info->state, "in-break"))
    return g_strdup (_("Taking a movement break"));
  title = state_title (info->state);
  if (title == NULL)
    return g_strdup_printf (_("Unknown state “%s”"), info->state);
  head = format_head (info, title, absolute);
  if (!g_str_equal (info->state, "sitting"))
    return g_steal_pointer (&head);
  if (info->wall_held_since_us != 0)
    {
      due = format_held (info, absolute);
      return g_strdup_printf ("%s · %s", head, due);
    }
  /* TRANSLATORS: the status line: %s is the state and since when ("Sitting since 10:02"). */
  if (info->wall_next_due_us == 0 && info->following)
    return g_strdup_printf (_("%s · movement breaks follow GNOME Wellbeing"), head);
  if (info->wall_next_due_us == 0)
    return g_steal_pointer (&head);
  if (absolute)
    {
      due = limber_status_format_clock (info->wall_next_due_us, info->wall_now_us);
      /* TRANSLATORS: the first %s is the state ("Sitting since 10:02"), the second a time ("10:32"). */
      return g_strdup_printf (_("%s · movement break at %s"), head, due);
    }
  if (info->wall_next_due_us <= info->wall_now_us)
    return g_strdup_printf (_("%s · movement break due now"), head);
  due = format_remaining (info->wall_next_due_us - info->wall_now_us);
  /* TRANSLATORS: the first %s is the state ("Sitting 23 min"), the second a time left ("7 min"). */
  return g_strdup_printf (_("%s · movement break in %s"), head, due);
}

char *
limber_status_format_absolute (const LimberStatusInfo *info)
{
  return format_line (info, TRUE);
}

char *
limber_status_format_relative (const LimberStatusInfo *info)
{
  return format_line (info, FALSE);
}
