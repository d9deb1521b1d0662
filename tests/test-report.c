/* test-report.c: limberctl report's days (calendar, streaks, totals), its CSV, SVG and HTML page. */
#include <locale.h>
#include <string.h>

#include "ctl/limberctl-report-csv.h"
#include "ctl/limberctl-report-page.h"
#include "ctl/limberctl-report-svg.h"

#define MINUTE_US (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)

typedef struct
{
  gint64 sitting_min;
  gint64 bout_min;
  guint due;
  guint taken;
  gint64 standing_min; /* < 0: no standing-us key */
} Spec;

/* Records as GetHistory sends them: n days ending on last (YYYY-MM-DD), the spec of day i at i. */
static GVariant *
make_days (const char *last, guint n, const Spec *specs)
{
  GVariantBuilder builder;
  GDate date;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  g_assert_true (limber_history_parse_date (last, &date));
  if (n > 0)
    g_date_subtract_days (&date, n - 1);
  for (guint i = 0; i < n; i++, g_date_add_days (&date, 1))
    {
      GVariantDict day;
      char text[16];

      g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
      g_variant_dict_init (&day, NULL);
      g_variant_dict_insert (&day, "date", "s", text);
      g_variant_dict_insert (&day, "sitting-us", "x", specs[i].sitting_min * MINUTE_US);
      g_variant_dict_insert (&day, "longest-bout-us", "x", specs[i].bout_min * MINUTE_US);
      g_variant_dict_insert (&day, "breaks-due", "u", specs[i].due);
      g_variant_dict_insert (&day, "taken-natural", "u", specs[i].taken);
      g_variant_dict_insert (&day, "some-later-key", "s", "ignored");
      if (specs[i].standing_min >= 0)
        g_variant_dict_insert (&day, "standing-us", "x", specs[i].standing_min * MINUTE_US);
      g_variant_builder_add_value (&builder, g_variant_dict_end (&day));
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static Spec *
plain_specs (guint n)
{
  Spec *specs = g_new0 (Spec, n);

  for (guint i = 0; i < n; i++)
    specs[i] = (Spec) { 300, 40, 10, 9, -1 };
  return specs;
}

static void
test_calendar (void)
{
  /* 2026-11-25 is a Wednesday: the calendar runs from Monday 2026-09-07, 11 weeks and 3 days. */
  g_autofree Spec *specs = plain_specs (366);
  g_autoptr (GVariant) days = make_days ("2026-11-25", 366, specs);
  g_autoptr (LimberctlReport) report = limberctl_report_days_new (days, 40, 31, 30 * MINUTE_US);
  const LimberctlReportDay *first = g_ptr_array_index (report->days, 0);
  const LimberctlReportDay *last = g_ptr_array_index (report->days, report->days->len - 1);

  g_assert_cmpuint (report->days->len, ==, 7 * 11 + 3);
  g_assert_cmpstr (first->record->date, ==, "2026-09-07");
  g_assert_cmpuint (first->weekday, ==, G_DATE_MONDAY);
  g_assert_cmpstr (last->record->date, ==, "2026-11-25");
  g_assert_cmpuint (report->days_sat, ==, 80);
  g_assert_cmpint (report->sitting_us, ==, 80 * 300 * MINUTE_US);
  g_assert_cmpuint (report->breaks_due, ==, 800);
  g_assert_cmpuint (report->breaks_taken, ==, 720);
  g_assert_cmpuint (report->days_over_limit, ==, 80);
  g_assert_false (report->has_standing);
  /* The streak counts the whole year given, not only the calendar. */
  g_assert_cmpuint (report->streak_days, ==, 366);
  g_assert_cmpuint (report->best_streak_days, ==, 366);
}

static void
test_streaks (void)
{
  /* bad, good, good, good, off, good, bad, good, off, good, today (open, not good yet). */
  static const guint taken[] = { 1, 5, 5, 4, 0, 5, 2, 5, 0, 4, 1 };
  static const guint due[] = { 5, 5, 5, 5, 0, 5, 5, 5, 0, 5, 5 };
  Spec specs[G_N_ELEMENTS (taken)];
  g_autoptr (GVariant) days = NULL;
  g_autoptr (LimberctlReport) report = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (taken); i++)
    specs[i] = (Spec) { due[i] ? 200 : 0, due[i] ? 20 + i : 0, due[i], taken[i], -1 };
  days = make_days ("2026-11-25", G_N_ELEMENTS (specs), specs);
  report = limberctl_report_days_new (days, 7, 31, 30 * MINUTE_US);
  /* A day off pauses the run and an open today neither ends nor adds to it. */
  g_assert_cmpuint (report->streak_days, ==, 2);
  g_assert_cmpuint (report->best_streak_days, ==, 4);
  g_assert_cmpuint (report->days_over_limit, ==, 0);
  g_assert_cmpstr (report->longest->record->date, ==, "2026-11-25");
  g_assert_cmpuint (report->breaks_taken, ==, 32);
  /* Fewer days than a calendar: all of them, from the first. */
  g_assert_cmpuint (report->days->len, ==, G_N_ELEMENTS (specs));
}

static void
test_summary (void)
{
  Spec specs[] = { { 0, 0, 0, 0, -1 }, { 120, 45, 4, 4, -1 }, { 90, 20, 2, 1, -1 } };
  g_autoptr (GVariant) days = make_days ("2026-11-25", G_N_ELEMENTS (specs), specs);
  g_autoptr (LimberctlReport) report = limberctl_report_days_new (days, 35, 31, 30 * MINUTE_US);
  g_autofree char *summary = limberctl_report_days_summary (report);
  g_autoptr (GVariant) none = make_days ("2026-11-25", 0, specs);
  g_autoptr (LimberctlReport) empty = limberctl_report_days_new (none, 0, 31, 30 * MINUTE_US);
  g_autofree char *nothing = limberctl_report_days_summary (empty);

  g_assert_cmpstr (summary, ==,
                   "From Mon 23 Nov 2026 to Wed 25 Nov 2026 (3 days): you sat at the computer on 2 days, 1 h 45 min "
                   "a day on average. The longest unbroken bout was 45 min, on Tue 24 Nov 2026. On 1 day a bout went "
                   "past the sit limit of 30 min. You took 5 of the 6 breaks that fell due (83%). Good days in a row: "
                   "1 (best 1). Habit: 35 good days, the first 31-day milestone is reached; keep going.");
  g_assert_cmpstr (nothing, ==, "There is no history yet.");
}

static void
test_csv (void)
{
  Spec specs[] = { { 61, 31, 3, 2, -1 }, { 0, 0, 0, 0, 90 } };
  g_autoptr (GVariant) days = make_days ("2026-11-25", G_N_ELEMENTS (specs), specs);
  g_autoptr (LimberctlReport) report = limberctl_report_days_new (days, 0, 31, 30 * MINUTE_US);
  g_autofree char *csv = limberctl_report_csv_days (report);
  g_autoptr (GString) field = g_string_new (NULL);

  g_assert_cmpstr (csv, ==,
                   "date,sitting_min,longest_bout_min,bouts_over_limit,breaks_due,breaks_taken,taken_natural,"
                   "taken_guided,partial,snoozed,skipped,ignored,micro_shown,micro_taken,good_day,standing_min\r\n"
                   "2026-11-24,61.0,31.0,0,3,2,2,0,0,0,0,0,0,0,0,\r\n"
                   "2026-11-25,0.0,0.0,0,0,0,0,0,0,0,0,0,0,0,0,90.0\r\n");
  limberctl_report_csv_append_field (field, "plain");
  g_string_append_c (field, ',');
  limberctl_report_csv_append_field (field, "a,b");
  g_string_append_c (field, ',');
  limberctl_report_csv_append_field (field, "say \"hi\"");
  g_string_append_c (field, ',');
  limberctl_report_csv_append_field (field, "two\r\nlines");
  g_assert_cmpstr (field->str, ==, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\"");
}

typedef struct
{
  guint svgs;
  guint calendar_cells;
  gboolean in_calendar;
  GHashTable *ids;
} Counts;

static const char *
attribute (const char **names, const char **values, const char *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return values[i];
  return NULL;
}

static void
on_start (GMarkupParseContext *context, const char *name, const char **names, const char **values,
          gpointer user_data, GError **error)
{
  Counts *counts = user_data;
  const char *id = attribute (names, values, "id");

  if (id != NULL)
    g_hash_table_add (counts->ids, g_strdup (id));
  if (g_str_equal (name, "svg"))
    {
      const char *label = attribute (names, values, "aria-labelledby");

      counts->svgs++;
      counts->in_calendar = label != NULL && g_str_has_prefix (label, "calendar-");
    }
  /* A day's square has rounded corners of 3 (the legend's, of 2). */
  if (g_str_equal (name, "rect") && counts->in_calendar && g_strcmp0 (attribute (names, values, "rx"), "3") == 0)
    counts->calendar_cells++;
}

/* Parses text as XML (GMarkup refuses what is not well-formed) and counts what the tests check. */
static Counts
parse_svg (const char *text)
{
  static const GMarkupParser parser = { on_start, NULL, NULL, NULL, NULL };
  Counts counts = { 0, 0, FALSE, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
  g_autoptr (GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, &counts, NULL);
  g_autoptr (GError) error = NULL;

  g_assert_true (g_markup_parse_context_parse (context, text, -1, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  return counts;
}

static void
test_svg (void)
{
  g_autofree Spec *specs = plain_specs (100);
  g_autoptr (GVariant) days = NULL;
  g_autoptr (LimberctlReport) report = NULL;
  g_autofree char *svg = NULL;
  Counts counts;

  specs[99].bout_min = 250; /* past the axis steps: the axis grows */
  days = make_days ("2026-11-25", 100, specs);
  report = limberctl_report_days_new (days, 3, 31, 30 * MINUTE_US);
  svg = limberctl_report_svg_document (report);
  g_assert_true (g_str_has_prefix (svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""));
  counts = parse_svg (svg);
  g_assert_cmpuint (counts.svgs, ==, 1 + 3); /* the document and three charts: no standing */
  g_assert_cmpuint (counts.calendar_cells, ==, report->days->len);
  g_assert_true (g_hash_table_contains (counts.ids, "bouts-title"));
  g_assert_false (g_hash_table_contains (counts.ids, "standing-title"));
  g_assert_nonnull (strstr (svg, "prefers-color-scheme:dark"));
  g_assert_nonnull (strstr (svg, "<desc id=\"report-desc\">From "));
  g_assert_nonnull (strstr (svg, ">4 h<")); /* the bout axis reaches the 250 min bout */
  g_hash_table_unref (counts.ids);
}

static void
test_standing (void)
{
  g_autofree Spec *specs = plain_specs (20);
  g_autoptr (GVariant) days = NULL;
  g_autoptr (LimberctlReport) report = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *html = NULL;
  Counts counts;

  specs[18].standing_min = 45;
  specs[19].standing_min = 30;
  days = make_days ("2026-11-25", 20, specs);
  report = limberctl_report_days_new (days, 3, 31, 30 * MINUTE_US);
  g_assert_true (report->has_standing);
  g_assert_cmpint (report->standing_us, ==, 75 * MINUTE_US);
  svg = limberctl_report_svg_document (report);
  counts = parse_svg (svg);
  g_assert_cmpuint (counts.svgs, ==, 1 + 4);
  g_assert_true (g_hash_table_contains (counts.ids, "standing-title"));
  g_hash_table_unref (counts.ids);
  html = limberctl_report_page_html (report, 0);
  g_assert_nonnull (strstr (html, "<h2 id=\"standing-heading\">Standing per day</h2>"));
  g_assert_nonnull (strstr (html, "You stood for 1 h 15 min in all."));
}

static void
test_page (void)
{
  g_autofree Spec *specs = plain_specs (90);
  g_autoptr (GVariant) days = make_days ("2026-11-25", 90, specs);
  g_autoptr (LimberctlReport) report = limberctl_report_days_new (days, 12, 31, 30 * MINUTE_US);
  g_autofree char *html = limberctl_report_page_html (report, 0);
  g_autofree char *summary = limberctl_report_days_summary (report);
  g_autofree char *escaped = g_markup_escape_text (summary, -1);
  const char *at = html;
  guint urls = 0;

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n<html lang=\"en\">"));
  g_assert_nonnull (strstr (html, "Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\""));
  g_assert_nonnull (strstr (html, "@media (prefers-color-scheme:dark)"));
  g_assert_nonnull (strstr (html, escaped));
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<h2 id=\"standing-heading\">"));
  g_assert_null (strstr (html, "url("));
  /* The only address in the page is the SVG namespace, which nothing loads. */
  while ((at = strstr (at, "://")) != NULL)
    {
      g_assert_true (g_str_has_prefix (at, "://www.w3.org/2000/svg\""));
      at++, urls++;
    }
  g_assert_cmpuint (urls, ==, 3);
  g_assert_nonnull (strstr (html, ">12 of 31<"));
  g_assert_nonnull (strstr (html, "role=\"img\" aria-labelledby=\"calendar-title calendar-desc\""));
}

int
main (int argc, char **argv)
{
  g_setenv ("TZ", "UTC", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report/calendar", test_calendar);
  g_test_add_func ("/report/streaks", test_streaks);
  g_test_add_func ("/report/summary", test_summary);
  g_test_add_func ("/report/csv", test_csv);
  g_test_add_func ("/report/svg", test_svg);
  g_test_add_func ("/report/standing", test_standing);
  g_test_add_func ("/report/page", test_page);
  return g_test_run ();
}
