/* limberctl-stats.c: `limberctl stats`, the last days' sitting, long bouts, breaks and habit progress. */
#include "ctl/limberctl.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "history/history.h"

#define BAR_WIDTH 16
#define HOUR_US (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

static guint
day_count (GVariant *day, const char *key)
{
  guint value = 0;

  g_variant_lookup (day, key, "u", &value);
  return value;
}

static gint64
day_time (GVariant *day, const char *key)
{
  gint64 value = 0;

  g_variant_lookup (day, key, "x", &value);
  return value;
}

static char *
format_bar (gint64 sitting_us, gint64 scale_us)
{
  GString *bar = g_string_new (NULL);
  gint64 filled = scale_us > 0 ? (sitting_us * BAR_WIDTH + scale_us / 2) / scale_us : 0;

  filled = CLAMP (filled, sitting_us > 0 ? 1 : 0, BAR_WIDTH);
  for (gint64 i = 0; i < BAR_WIDTH; i++)
    g_string_append (bar, i < filled ? "█" : "░");
  return g_string_free (bar, FALSE);
}

static char *
format_day_label (const char *date)
{
  GDate parsed;
  char label[32];

  if (!limber_history_parse_date (date, &parsed))
    return g_strdup (date);
  /* TRANSLATORS: a day of limberctl stats, as strftime writes it ("Tue 2026-12-01"). */
  g_date_strftime (label, sizeof label, _("%a %Y-%m-%d"), &parsed);
  return g_strdup (label);
}

/* @text padded to @width characters (not bytes: "Über" is four), and the two spaces between columns. */
static void
print_cell (const char *text, int width)
{
  glong chars = g_utf8_strlen (text, -1);

  printf ("%s%*s  ", text, (int) MAX (width - chars, 0), "");
}

/* "-" for nothing, so that empty days read as empty. */
static char *
format_time (GVariant *day, const char *key)
{
  gint64 value_us = day_time (day, key);

  return value_us == 0 ? g_strdup ("-") : limber_status_format_duration (value_us);
}

/* At a sit-stand desk (a goal set), or once any standing was recorded, standing has columns. */
static gboolean
shows_standing (GVariant *days, gint64 goal_us)
{
  GVariantIter iter;
  GVariant *day;

  if (goal_us > 0)
    return TRUE;
  g_variant_iter_init (&iter, days);
  while (g_variant_iter_loop (&iter, "@a{sv}", &day))
    if (day_time (day, "standing-us") > 0)
      {
        g_variant_unref (day);
        return TRUE;
      }
  return FALSE;
}

static void
print_table (GVariant *days, gboolean standing)
{
  gint64 scale_us = HOUR_US;
  GVariantIter iter;
  GVariant *day;

  g_variant_iter_init (&iter, days);
  while (g_variant_iter_loop (&iter, "@a{sv}", &day))
    scale_us = MAX (scale_us, day_time (day, "sitting-us"));
  /* TRANSLATORS: the column heads of limberctl stats; each column is as wide as in English
   * (Day 15, Standing 12, Switches 8, Longest bout 12, Over limit 10): keep them that short. */
  print_cell (C_ ("stats column", "Day"), 15);
  print_cell (C_ ("stats column", "Sitting"), BAR_WIDTH + 2 + 12);
  if (standing)
    {
      print_cell (C_ ("stats column", "Standing"), 12);
      print_cell (C_ ("stats column", "Switches"), 8);
    }
  print_cell (C_ ("stats column", "Longest bout"), 12);
  print_cell (C_ ("stats column", "Over limit"), 10);
  printf ("%s\n", C_ ("stats column", "Breaks taken/due"));
  g_variant_iter_init (&iter, days);
  while (g_variant_iter_loop (&iter, "@a{sv}", &day))
    {
      const char *date = "";
      g_autofree char *label = NULL;
      g_autofree char *bar = format_bar (day_time (day, "sitting-us"), scale_us);
      g_autofree char *sitting = format_time (day, "sitting-us");
      g_autofree char *standing_time = format_time (day, "standing-us");
      g_autofree char *longest = format_time (day, "longest-bout-us");
      guint taken = day_count (day, "taken-natural") + day_count (day, "taken-guided") + day_count (day, "partial");

      g_variant_lookup (day, "date", "&s", &date);
      label = format_day_label (date);
      print_cell (label, 15);
      printf ("%s  ", bar);
      print_cell (sitting, 12);
      if (standing)
        {
          print_cell (standing_time, 12);
          printf ("%-8u  ", day_count (day, "switches"));
        }
      print_cell (longest, 12);
      printf ("%-10u  %u/%u\n", day_count (day, "long-bouts"), taken, day_count (day, "breaks-due"));
    }
}

/* Today is the last day of the answer. */
static void
print_standing_goal (GVariant *days, gint64 goal_us)
{
  gsize n = g_variant_n_children (days);
  g_autoptr (GVariant) today = n > 0 ? g_variant_get_child_value (days, n - 1) : NULL;
  gint64 standing_us = today ? day_time (today, "standing-us") : 0;
  g_autofree char *standing = limber_status_format_duration (standing_us);
  g_autofree char *goal = limber_status_format_duration (goal_us);

  if (goal_us <= 0)
    return;
  /* TRANSLATORS: the first %s is the time stood today ("1 h 10 min"), the second the goal ("2 h"). */
  if (standing_us >= goal_us)
    printf (_("\nStanding today: %s, the %s goal is reached.\n"), standing, goal);
  else
    /* TRANSLATORS: the time stood today ("40 min", or "none"), the goal ("2 h"), and how far (20%). */
    printf (_("\nStanding today: %s of the %s goal (%d%%).\n"), standing_us > 0 ? standing : _("none"), goal,
            (int) (standing_us * 100 / goal_us));
}

/* The first milestone is no promise: in Lally et al. 2010 the time a daily habit took to become
 * automatic had a median of 66 days and ranged from 18 to 254. */
#define HABIT_MEDIAN_DAYS 66

static void
print_habit (guint habit_days, guint goal)
{
  /* TRANSLATORS: habit_days (at least 66), the milestone (21) and 66 days, the median of Lally et al. 2010. */
  if (habit_days >= HABIT_MEDIAN_DAYS)
    printf (g_dngettext (GETTEXT_PACKAGE,
                         "\nHabit: %u good day, past the %u-day milestone and past %u days, the middle of what "
                         "habits take. Keep going.\n",
                         "\nHabit: %u good days, past the %u-day milestone and past %u days, the middle of what "
                         "habits take. Keep going.\n", habit_days),
            habit_days, goal, HABIT_MEDIAN_DAYS);
  else if (habit_days >= goal)
    printf (g_dngettext (GETTEXT_PACKAGE,
                         "\nHabit: %u good day, the first %u-day milestone is reached. Habits take about %u days "
                         "in the middle, some much longer: keep going.\n",
                         "\nHabit: %u good days, the first %u-day milestone is reached. Habits take about %u days "
                         "in the middle, some much longer: keep going.\n", habit_days),
            habit_days, goal, HABIT_MEDIAN_DAYS);
  else
    /* TRANSLATORS: the good days so far, and the first milestone (21 days). */
    printf (_("\nHabit: day %u of a first %u-day milestone.\n"), habit_days, goal);
  printf (_("A good day is one with at least %d%% of the due breaks taken; a missed day pauses progress, "
            "it never resets it.\n"), LIMBER_HISTORY_GOOD_DAY_PERCENT);
}

static void
print_json (GVariant *days, guint habit_days, guint goal, gint64 standing_goal_us)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  GVariantIter iter;
  GVariant *day;

  limberctl_json_begin (builder);
  json_builder_set_member_name (builder, "days");
  json_builder_begin_array (builder);
  g_variant_iter_init (&iter, days);
  while (g_variant_iter_loop (&iter, "@a{sv}", &day))
    json_builder_add_value (builder, limberctl_day_json (day));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "habit_days");
  json_builder_add_int_value (builder, habit_days);
  json_builder_set_member_name (builder, "habit_goal");
  json_builder_add_int_value (builder, goal);
  json_builder_set_member_name (builder, "good_day_percent");
  json_builder_add_int_value (builder, LIMBER_HISTORY_GOOD_DAY_PERCENT);
  /* null at a sitting desk, or with no goal set. */
  json_builder_set_member_name (builder, "standing_goal_us");
  if (standing_goal_us > 0)
    json_builder_add_int_value (builder, standing_goal_us);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  limberctl_print_json (root);
}

int
limberctl_stats_run (int argc, char **argv)
{
  gboolean json = FALSE;
  int n_days = 7;
  GOptionEntry entries[] = {
    { "days", 'd', 0, G_OPTION_ARG_INT, &n_days, N_("Show the last N days (1 to 366; default 7)"), "N" },
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON object instead of a table"), NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (LimberDBusDaemon1) proxy = NULL;
  g_autoptr (GVariant) days = NULL;
  g_autoptr (GError) error = NULL;
  guint habit_days = 0, goal = 0;
  gint64 standing_goal_us;

  if (!limberctl_parse_options ("stats", NULL, N_("Sitting time, the longest bout, bouts over the sit limit, "
                                "breaks taken and habit progress, per day (asks the running daemon)."),
                                entries, &argc, &argv))
    return LIMBERCTL_EXIT_USAGE;
  if (argc > 1 || n_days < 1 || n_days > 366)
    {
      g_printerr (_("limberctl stats: --days takes a number from 1 to 366, and there are no other "
                    "arguments.\nTry 'limberctl stats --help'.\n"));
      return LIMBERCTL_EXIT_USAGE;
    }
  proxy = limberctl_proxy_new ();
  if (!limberctl_require_daemon (proxy))
    return LIMBERCTL_EXIT_NOT_RUNNING;
  if (!limber_dbus_daemon1_call_get_history_sync (proxy, (guint) n_days, &days, &habit_days, &goal, NULL, &error))
    return limberctl_report_error (error);
  standing_goal_us = limber_dbus_daemon1_get_standing_goal (proxy);
  if (json)
    print_json (days, habit_days, goal, standing_goal_us);
  else
    {
      print_table (days, shows_standing (days, standing_goal_us));
      print_standing_goal (days, standing_goal_us);
      print_habit (habit_days, goal);
    }
  return LIMBERCTL_EXIT_OK;
}
