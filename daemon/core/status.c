/* status.c: the one-line wording of the daemon's state. */
#include "core/status.h"

#include "core/scheduler-types.h"

#define MINUTE_US (G_USEC_PER_SEC * G_GINT64_CONSTANT (60))
#define HOUR_US (MINUTE_US * 60)
#define DAY_US (HOUR_US * 24)

char *
limber_status_format_duration (gint64 duration_us)
{
  gint64 minutes = MAX (duration_us, 0) / MINUTE_US;

  if (minutes == 0)
    return g_strdup ("less than a minute");
  if (minutes < 60)
    return g_strdup_printf ("%" G_GINT64_FORMAT " min", minutes);
  if (minutes % 60 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT " h", minutes / 60);
  return g_strdup_printf ("%" G_GINT64_FORMAT " h %" G_GINT64_FORMAT " min", minutes / 60, minutes % 60);
}

/* Time left, rounded up to the minute so "in 0 min" never shows before it is due. */
static char *
format_remaining (gint64 remaining_us)
{
  if (remaining_us <= 0)
    return g_strdup ("now");
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
    return g_date_time_format (at, "%H:%M");
  if (ABS (wall_at_us - wall_now_us) < 6 * DAY_US)
    return g_date_time_format (at, "%a %H:%M");
  return g_date_time_format (at, "%Y-%m-%d %H:%M");
}

static const char *
state_title (const char *state)
{
  if (g_str_equal (state, "sitting"))
    return "Sitting";
  if (g_str_equal (state, "away"))
    return "Away";
  if (g_str_equal (state, "locked"))
    return "Screen locked";
  if (g_str_equal (state, "asleep"))
    return "Asleep";
  return NULL;
}

static char *
format_paused (const LimberStatusInfo *info, gboolean absolute)
{
  g_autofree char *when = NULL;

  if (info->wall_paused_until_us == 0 || info->wall_paused_until_us == G_MAXINT64)
    return g_strdup ("Paused until resumed");
  if (absolute)
    {
      when = limber_status_format_clock (info->wall_paused_until_us, info->wall_now_us);
      return g_strdup_printf ("Paused until %s", when);
    }
  when = format_remaining (info->wall_paused_until_us - info->wall_now_us);
  return g_strdup_printf ("Paused · %s left", when);
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
      return g_strdup_printf ("%s since %s", title, when);
    }
  when = limber_status_format_duration (info->wall_now_us - wall_since_us);
  return g_strdup_printf ("%s %s", title, when);
}

static const struct {
  guint bit;
  const char *name;   /* on the bus */
  const char *text;   /* for people */
} busy_reasons[] = {
  { LIMBER_BUSY_FULLSCREEN, "fullscreen", "a fullscreen window" },
  { LIMBER_BUSY_DND, "do-not-disturb", "do-not-disturb" },
  { LIMBER_BUSY_CAMERA, "camera", "camera in use" },
  { LIMBER_BUSY_MICROPHONE, "microphone", "microphone in use" },
  { LIMBER_BUSY_INHIBITED, "inhibited", "a program keeps the screen awake" },
};

char *
limber_status_format_busy (guint busy)
{
  GString *text = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (busy_reasons); i++)
    if (busy & busy_reasons[i].bit)
      g_string_append_printf (text, "%s%s", text->len ? ", " : "", busy_reasons[i].text);
  if (text->len == 0)
    g_string_append (text, "busy");
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
      return g_strdup_printf ("held since %s: %s", when, why);
    }
  when = limber_status_format_duration (info->wall_now_us - info->wall_held_since_us);
  return g_strdup_printf ("held: %s, %s", why, when);
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
  return format_since (standing ? "Standing" : title,
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
    return g_strdup ("Taking a movement break");
  title = state_title (info->state);
  if (title == NULL)
    return g_strdup_printf ("Unknown state “%s”", info->state);
  head = format_head (info, title, absolute);
  if (!g_str_equal (info->state, "sitting"))
    return g_steal_pointer (&head);
  if (info->wall_held_since_us != 0)
    {
      due = format_held (info, absolute);
      return g_strdup_printf ("%s · %s", head, due);
    }
  if (info->wall_next_due_us == 0 && info->following)
    return g_strdup_printf ("%s · movement breaks follow GNOME Wellbeing", head);
  if (info->wall_next_due_us == 0)
    return g_steal_pointer (&head);
  if (absolute)
    {
      due = limber_status_format_clock (info->wall_next_due_us, info->wall_now_us);
      return g_strdup_printf ("%s · movement break at %s", head, due);
    }
  if (info->wall_next_due_us <= info->wall_now_us)
    return g_strdup_printf ("%s · movement break due now", head);
  due = format_remaining (info->wall_next_due_us - info->wall_now_us);
  return g_strdup_printf ("%s · movement break in %s", head, due);
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
