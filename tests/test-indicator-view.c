/* test-indicator-view.c: what the tray shows for each state of limberd. */
#include <locale.h>
#include <string.h>

#include "indicator/indicator-view.h"

#define MINUTE_US (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
#define NOW_US (G_GINT64_CONSTANT (1796117455) * G_USEC_PER_SEC)

static GVariant *
today (const char *date, guint due, guint natural, guint skipped, gint64 sitting_us)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "date", "s", date);
  g_variant_dict_insert (&dict, "breaks-due", "u", due);
  g_variant_dict_insert (&dict, "taken-natural", "u", natural);
  g_variant_dict_insert (&dict, "skipped", "u", skipped);
  g_variant_dict_insert (&dict, "sitting-us", "x", sitting_us);
  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

static void
check_view (const char *state, gboolean running, gboolean break_due, const char *icon, const char *status,
            const char *title)
{
  g_autoptr (GVariant) record = today ("2026-12-01", 5, 3, 0, 190 * MINUTE_US);
  LimberIndicatorInput input = {
    .running = running,
    .info = { .state = state, .wall_now_us = NOW_US, .wall_sitting_since_us = NOW_US - 23 * MINUTE_US,
              .wall_next_due_us = NOW_US + 7 * MINUTE_US,
              .wall_paused_until_us = g_str_equal (state, "paused") ? G_MAXINT64 : 0 },
    .today = record,
    .break_due = break_due,
  };
  LimberIndicatorView view;

  limber_indicator_view_init (&view, &input);
  g_assert_cmpstr (view.icon_name, ==, icon);
  g_assert_cmpstr (view.status, ==, status);
  g_assert_cmpstr (view.tooltip_title, ==, title);
  g_assert_cmpstr (view.tooltip_text, ==, running ? "Today: 3 h 10 min sitting · 3 of 5 breaks taken"
                                                  : "Start it with: systemctl --user start limber");
  g_assert_true (view.visible[LIMBER_INDICATOR_ITEM_RESUME] == g_str_equal (state, "paused"));
  g_assert_true (view.visible[LIMBER_INDICATOR_ITEM_PAUSE_30_MIN] != (running && g_str_equal (state, "paused")));
  g_assert_true (view.enabled[LIMBER_INDICATOR_ITEM_SKIP] == (running && break_due));
  g_assert_true (view.enabled[LIMBER_INDICATOR_ITEM_START] == (running && !g_str_equal (state, "in-break")));
  g_assert_true (view.enabled[LIMBER_INDICATOR_ITEM_PAUSE_1_H] == running);
  g_assert_true (view.enabled[LIMBER_INDICATOR_ITEM_STATISTICS] && view.enabled[LIMBER_INDICATOR_ITEM_QUIT]);
  limber_indicator_view_clear (&view);
}

static void
test_views (void)
{
  check_view ("sitting", TRUE, FALSE, "limber-sitting", "Active", "Sitting 23 min · movement break in 7 min");
  check_view ("sitting", TRUE, TRUE, "limber-break-due", "NeedsAttention", "Sitting 23 min · movement break due now");
  check_view ("away", TRUE, FALSE, "limber-away", "Active", "Away");
  check_view ("locked", TRUE, FALSE, "limber-away", "Active", "Screen locked");
  check_view ("asleep", TRUE, FALSE, "limber-away", "Active", "Asleep");
  check_view ("paused", TRUE, FALSE, "limber-paused", "Active", "Paused until resumed");
  check_view ("in-break", TRUE, FALSE, "limber-routine", "Active", "Taking a movement break");
  check_view ("stopped", FALSE, FALSE, "limber-away", "Passive", "Limber is not running");
}

static void
test_labels (void)
{
  g_assert_cmpstr (limber_indicator_view_label (LIMBER_INDICATOR_ITEM_START), ==, "Start a break now");
  g_assert_null (limber_indicator_view_label (LIMBER_INDICATOR_ITEM_SEPARATOR_1));
  g_assert_cmpstr (limber_indicator_view_label (LIMBER_INDICATOR_ITEM_LAST), ==, "Quit");
}

int
main (int argc, char **argv)
{
  g_setenv ("TZ", "UTC", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/indicator-view/views", test_views);
  g_test_add_func ("/indicator-view/labels", test_labels);
  return g_test_run ();
}
