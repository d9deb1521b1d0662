/* test-duration.c: parsing and formatting durations. */
#include <glib.h>

#include "core/duration.h"

#define S(n) ((gint64) (n) * G_USEC_PER_SEC)

static void
test_parse_valid (void)
{
  static const struct { const char *text; gint64 us; } cases[] = {
    { "0", 0 }, { "45s", S (45) }, { "2m", S (120) }, { "1h30m", S (5400) }, { "1h 30m", S (5400) },
    { "1h30m15s", S (5415) }, { "500ms", 500000 }, { "1s500ms", 1500000 }, { "90m", S (5400) },
    { "0s", 0 }, { "168h", S (168 * 3600) }, { " 5m ", S (300) },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 us = -1;
      g_assert_true (limber_duration_parse (cases[i].text, &us, &error));
      g_assert_no_error (error);
      g_assert_cmpint (us, ==, cases[i].us);
    }
}

static void
test_parse_errors (void)
{
  static const struct { const char *text; int code; const char *message; } cases[] = {
    { "30", LIMBER_DURATION_ERROR_NO_UNIT, "\"30\" needs a unit, e.g. 30m" },
    { "5", LIMBER_DURATION_ERROR_NO_UNIT, "\"5\" needs a unit, e.g. 5m" },
    { "", LIMBER_DURATION_ERROR_INVALID, "\"\" is empty; write a duration such as 30m or 45s" },
    { "-5m", LIMBER_DURATION_ERROR_RANGE, "\"-5m\" is negative; durations are 0 or more, e.g. 30m" },
    { "-30", LIMBER_DURATION_ERROR_RANGE, "\"-30\" is negative; durations are 0 or more, e.g. 30m" },
    { "5 minutes", LIMBER_DURATION_ERROR_INVALID, "\"5 minutes\" has an unknown unit; use h, m, s or ms, e.g. 1h30m or 45s" },
    { "2d", LIMBER_DURATION_ERROR_INVALID, "\"2d\" has an unknown unit; use h, m, s or ms, e.g. 1h30m or 45s" },
    { "soon", LIMBER_DURATION_ERROR_INVALID, "\"soon\" is not a duration; write a number and a unit (h, m, s), e.g. 1h30m or 45s" },
    { "1.5m", LIMBER_DURATION_ERROR_INVALID, "\"1.5m\" has an unknown unit; use h, m, s or ms, e.g. 1h30m or 45s" },
    { "30m1h", LIMBER_DURATION_ERROR_INVALID, "\"30m1h\" repeats or misorders its units; write the largest unit first, e.g. 1h30m" },
    { "5m5m", LIMBER_DURATION_ERROR_INVALID, "\"5m5m\" repeats or misorders its units; write the largest unit first, e.g. 1h30m" },
    { "169h", LIMBER_DURATION_ERROR_RANGE, "\"169h\" is too long; the longest duration is one week" },
    { "99999999999999999999999s", LIMBER_DURATION_ERROR_RANGE, "\"99999999999999999999999s\" is too long; the longest duration is one week" },
    /* Found by fuzz-duration: value × unit overflowed gint64 before the range check. */
    { "99999999969h99999999s", LIMBER_DURATION_ERROR_RANGE, "\"99999999969h99999999s\" is too long; the longest duration is one week" },
    { "167h59m61s", LIMBER_DURATION_ERROR_RANGE, "\"167h59m61s\" is too long; the longest duration is one week" },
    { "m", LIMBER_DURATION_ERROR_INVALID, "\"m\" is not a duration; write a number and a unit (h, m, s), e.g. 1h30m or 45s" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 us = 7;
      g_assert_false (limber_duration_parse (cases[i].text, &us, &error));
      g_assert_error (error, LIMBER_DURATION_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_cmpint (us, ==, 7);
    }
}

static void
test_format (void)
{
  static const struct { gint64 us; const char *compact; const char *human; } cases[] = {
    { 0, "0", "0 s" }, { S (45), "45s", "45 s" }, { S (120), "2m", "2 min" }, { S (5400), "1h30m", "1 h 30 min" },
    { S (90), "1m30s", "1 min 30 s" }, { S (3600), "1h", "1 h" }, { S (3601), "1h1s", "1 h 1 s" },
    { 1500000, "1s500ms", "2 s" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *compact = limber_duration_format (cases[i].us);
      g_autofree char *human = limber_duration_format_human (cases[i].us);
      g_assert_cmpstr (compact, ==, cases[i].compact);
      g_assert_cmpstr (human, ==, cases[i].human);
    }
}

static void
test_round_trip (void)
{
  /* Every whole second up to 3 h, and a spread of larger values. */
  for (gint64 s = 0; s <= 3 * 3600; s++)
    {
      g_autofree char *text = limber_duration_format (S (s));
      gint64 us = -1;
      g_assert_true (limber_duration_parse (text, &us, NULL));
      g_assert_cmpint (us, ==, S (s));
    }
  for (gint64 s = 3 * 3600; s <= 168 * 3600; s += 7919)
    {
      g_autofree char *text = limber_duration_format (S (s) + 123000);
      gint64 us = -1;
      g_assert_true (limber_duration_parse (text, &us, NULL));
      g_assert_cmpint (us, ==, S (s) + 123000);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/duration/parse/valid", test_parse_valid);
  g_test_add_func ("/duration/parse/errors", test_parse_errors);
  g_test_add_func ("/duration/format", test_format);
  g_test_add_func ("/duration/round-trip", test_round_trip);
  return g_test_run ();
}
