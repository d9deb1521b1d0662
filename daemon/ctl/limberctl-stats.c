/* limberctl-stats.c: `limberctl stats`, the last days' sitting, long bouts, breaks and habit progress. */
#include "ctl/limberctl.h"

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
  g_date_strftime (label, sizeof label, "%a %Y-%m-%d", &parsed);
  return g_strdup (label);
}

static void
print_table (GVariant *days)
{
  gint64 scale_us = HOUR_US;
  GVariantIter iter;
  GVariant *day;

  g_variant_iter_init (&iter, days);
  while (g_variant_iter_loop (&iter, "@a{sv}", &day))
    scale_us = MAX (scale_us, day_time (day, "sitting-us"));
  printf ("%-15s  %-*s  %-12s  %-10s  %s\n", "Day", BAR_WIDTH + 2 + 12, "Sitting", "Longest bout",
          "Over limit", "Breaks taken/due");
  g_variant_iter_init (&iter, days);
  while (g_variant_iter_loop (&iter, "@a{sv}", &day))
    {
      const char *date = "";
      g_autofree char *label = NULL;
      g_autofree char *bar = format_bar (day_time (day, "sitting-us"), scale_us);
      g_autofree char *sitting = limber_status_format_duration (day_time (day, "sitting-us"));
      g_autofree char *longest = limber_status_format_duration (day_time (day, "longest-bout-us"));
      guint taken = day_count (day, "taken-natural") + day_count (day, "taken-guided") + day_count (day, "partial");

      g_variant_lookup (day, "date", "&s", &date);
      label = format_day_label (date);
      if (day_time (day, "sitting-us") == 0)
        g_free (sitting), sitting = g_strdup ("-");
      if (day_time (day, "longest-bout-us") == 0)
        g_free (longest), longest = g_strdup ("-");
      printf ("%-15s  %s  %-12s  %-12s  %-10u  %u/%u\n", label, bar, sitting, longest,
              day_count (day, "long-bouts"), taken, day_count (day, "breaks-due"));
    }
}

static void
print_habit (guint habit_days, guint goal)
{
  if (habit_days >= goal)
    printf ("\nHabit: %u good days, the %u-day goal is reached. Keep going.\n", habit_days, goal);
  else
    printf ("\nHabit: day %u of %u.\n", habit_days, goal);
  printf ("A good day is one with at least %d%% of the due breaks taken; a missed day pauses progress, "
          "it never resets it.\n", LIMBER_HISTORY_GOOD_DAY_PERCENT);
}

static void
print_json (GVariant *days, guint habit_days, guint goal)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  GVariantIter iter;
  GVariant *day;

  json_builder_begin_object (builder);
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
    { "days", 'd', 0, G_OPTION_ARG_INT, &n_days, "Show the last N days (1 to 366; default 7)", "N" },
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json, "Print a JSON object instead of a table", NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (LimberDBusDaemon1) proxy = NULL;
  g_autoptr (GVariant) days = NULL;
  g_autoptr (GError) error = NULL;
  guint habit_days = 0, goal = 0;

  if (!limberctl_parse_options ("stats", NULL, "Sitting time, the longest bout, bouts over the sit limit, "
                                "breaks taken and habit progress, per day (asks the running daemon).",
                                entries, &argc, &argv))
    return LIMBERCTL_EXIT_USAGE;
  if (argc > 1 || n_days < 1 || n_days > 366)
    {
      g_printerr ("limberctl stats: --days takes a number from 1 to 366, and there are no other "
                  "arguments.\nTry 'limberctl stats --help'.\n");
      return LIMBERCTL_EXIT_USAGE;
    }
  proxy = limberctl_proxy_new ();
  if (!limberctl_require_daemon (proxy))
    return LIMBERCTL_EXIT_NOT_RUNNING;
  if (!limber_dbus_daemon1_call_get_history_sync (proxy, (guint) n_days, &days, &habit_days, &goal, NULL, &error))
    return limberctl_report_error (error);
  if (json)
    print_json (days, habit_days, goal);
  else
    {
      print_table (days);
      print_habit (habit_days, goal);
    }
  return LIMBERCTL_EXIT_OK;
}
