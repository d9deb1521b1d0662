/* test-status.c: the wording of limber_status_format_* in a fixed time zone (Europe/Berlin). */
#include <locale.h>

#include "core/scheduler-types.h"
#include "core/status.h"

#define MINUTE_US (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)

/* 2026-03-10 (a Tuesday) at hh:mm:ss, local time. */
static gint64
at (int hour, int minute, int second)
{
  g_autoptr (GDateTime) dt = g_date_time_new_local (2026, 3, 10, hour, minute, second);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

static void
assert_lines (const LimberStatusInfo *info, const char *absolute, const char *relative)
{
  g_autofree char *abs_line = limber_status_format_absolute (info);
  g_autofree char *rel_line = limber_status_format_relative (info);

  g_assert_cmpstr (abs_line, ==, absolute);
  g_assert_cmpstr (rel_line, ==, relative);
}

static void
test_sitting (void)
{
  LimberStatusInfo info = { "sitting", at (10, 25, 0), at (10, 2, 0), 0, at (10, 32, 0), 0, 0, 0, FALSE, NULL, 0 };

  assert_lines (&info, "Sitting since 10:02 · movement break at 10:32", "Sitting 23 min · movement break in 7 min");
  /* Time left rounds up, so it never says "in 0 min" before the break is due. */
  info.wall_now_us = at (10, 31, 30);
  assert_lines (&info, "Sitting since 10:02 · movement break at 10:32",
                "Sitting 29 min · movement break in 1 min");
  info.wall_now_us = at (10, 40, 0);
  assert_lines (&info, "Sitting since 10:02 · movement break at 10:32",
                "Sitting 38 min · movement break due now");
  info.wall_next_due_us = 0;
  assert_lines (&info, "Sitting since 10:02", "Sitting 38 min");
}

/* What holds a reminder back, and for how long (relative) or since when (absolute). */
static void
test_held (void)
{
  LimberStatusInfo info = { "sitting", at (10, 35, 0), at (10, 2, 0), 0, at (10, 52, 0), 0, 0, 0, FALSE, NULL, 0 };
  g_autofree char *both = limber_status_format_busy (LIMBER_BUSY_CAMERA | LIMBER_BUSY_MICROPHONE);
  const char *names[] = { "inhibited", "camera", "no-such-reason", NULL };

  info.busy = LIMBER_BUSY_CAMERA;
  info.wall_held_since_us = at (10, 32, 0);
  assert_lines (&info, "Sitting since 10:02 · held since 10:32: camera in use",
                "Sitting 33 min · held: camera in use, 3 min");
  g_assert_cmpstr (both, ==, "camera in use, microphone in use");
  g_assert_cmpuint (limber_busy_from_strings (names), ==, LIMBER_BUSY_INHIBITED | LIMBER_BUSY_CAMERA);
  g_assert_cmpstr (limber_busy_to_string (LIMBER_BUSY_DND), ==, "do-not-disturb");
  g_assert_null (limber_busy_to_string (1u << 20));
  /* Following GNOME Wellbeing: no time of Limber's own to give. */
  info.wall_held_since_us = 0;
  info.wall_next_due_us = 0;
  info.following = TRUE;
  assert_lines (&info, "Sitting since 10:02 · movement breaks follow GNOME Wellbeing",
                "Sitting 33 min · movement breaks follow GNOME Wellbeing");
}

/* A sit-stand desk: the posture, since its spell began; the movement break is the desk clock's. */
static void
test_standing (void)
{
  LimberStatusInfo info = { "sitting", at (10, 25, 0), at (10, 2, 0), 0, at (10, 32, 0), 0, 0, 0, FALSE,
                            "standing", at (10, 22, 0) };

  assert_lines (&info, "Standing since 10:22 · movement break at 10:32", "Standing 3 min · movement break in 7 min");
  info.posture = "sitting";
  assert_lines (&info, "Sitting since 10:22 · movement break at 10:32", "Sitting 3 min · movement break in 7 min");
  /* Away, the posture is not news. */
  info.state = "away";
  info.wall_away_since_us = at (10, 24, 0);
  info.posture = "standing";
  assert_lines (&info, "Away since 10:24", "Away 1 min");
}

static void
test_away_locked_asleep (void)
{
  LimberStatusInfo info = { "away", at (12, 0, 0), at (9, 0, 0), at (11, 47, 0), at (12, 30, 0), 0, 0, 0, FALSE, NULL, 0 };

  assert_lines (&info, "Away since 11:47", "Away 13 min");
  info.state = "locked";
  assert_lines (&info, "Screen locked since 11:47", "Screen locked 13 min");
  info.state = "asleep";
  info.wall_away_since_us = at (10, 40, 0);
  assert_lines (&info, "Asleep since 10:40", "Asleep 1 h 20 min");
}

static void
test_paused (void)
{
  LimberStatusInfo info = { "paused", at (13, 20, 0), 0, 0, 0, at (14, 0, 0), 0, 0, FALSE, NULL, 0 };

  assert_lines (&info, "Paused until 14:00", "Paused · 40 min left");
  info.wall_paused_until_us = G_MAXINT64;
  assert_lines (&info, "Paused until resumed", "Paused until resumed");
  /* A pause ending tomorrow names the day, so the line stays true without a refresh. */
  info.wall_paused_until_us = at (14, 0, 0) + 24 * 60 * MINUTE_US;
  assert_lines (&info, "Paused until Wed 14:00", "Paused · 24 h 40 min left");
}

static void
test_other_states (void)
{
  LimberStatusInfo info = { "in-break", at (13, 20, 0), 0, 0, 0, 0, 0, 0, FALSE, NULL, 0 };

  assert_lines (&info, "Taking a movement break", "Taking a movement break");
  info.state = "dancing";
  assert_lines (&info, "Unknown state “dancing”", "Unknown state “dancing”");
}

static void
test_duration (void)
{
  static const struct { gint64 us; const char *text; } cases[] = {
    { -5 * MINUTE_US, "less than a minute" },
    { 0, "less than a minute" },
    { 59 * G_USEC_PER_SEC, "less than a minute" },
    { MINUTE_US, "1 min" },
    { 59 * MINUTE_US + 59 * G_USEC_PER_SEC, "59 min" },
    { 60 * MINUTE_US, "1 h" },
    { 65 * MINUTE_US, "1 h 5 min" },
    { 120 * MINUTE_US, "2 h" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = limber_status_format_duration (cases[i].us);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_clock (void)
{
  g_autofree char *same = limber_status_format_clock (at (9, 5, 0), at (23, 0, 0));
  g_autofree char *next = limber_status_format_clock (at (9, 5, 0) + 24 * 60 * MINUTE_US, at (23, 0, 0));
  g_autofree char *far = limber_status_format_clock (at (9, 5, 0) + 10 * 24 * 60 * MINUTE_US, at (23, 0, 0));

  g_assert_cmpstr (same, ==, "09:05");
  g_assert_cmpstr (next, ==, "Wed 09:05");
  g_assert_cmpstr (far, ==, "2026-03-20 09:05");
}

int
main (int argc, char **argv)
{
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/status/sitting", test_sitting);
  g_test_add_func ("/status/held", test_held);
  g_test_add_func ("/status/standing", test_standing);
  g_test_add_func ("/status/away-locked-asleep", test_away_locked_asleep);
  g_test_add_func ("/status/paused", test_paused);
  g_test_add_func ("/status/other-states", test_other_states);
  g_test_add_func ("/status/duration", test_duration);
  g_test_add_func ("/status/clock", test_clock);
  return g_test_run ();
}
