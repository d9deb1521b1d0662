/* limberctl-report-csv.c: limberctl report's days as CSV for spreadsheets (RFC 4180). */
#include "ctl/limberctl-report-csv.h"

#include <string.h>

#define MINUTE_US (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)

static const char *const header[] = {
  "date", "sitting_min", "longest_bout_min", "bouts_over_limit", "breaks_due", "breaks_taken",
  "taken_natural", "taken_guided", "partial", "snoozed", "skipped", "ignored", "micro_shown",
  "micro_taken", "good_day", "standing_min",
};

void
limberctl_report_csv_append_field (GString *out, const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '"');
}

/* Minutes with one decimal; g_ascii_formatd writes '.' in every locale, where a ',' would
 * split the field. */
static void
append_minutes (GString *out, gint64 duration_us)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (out, ',');
  g_string_append (out, g_ascii_formatd (text, sizeof text, "%.1f", (double) duration_us / (double) MINUTE_US));
}

static void
append_count (GString *out, guint value)
{
  g_string_append_printf (out, ",%u", value);
}

static void
append_day (GString *out, const LimberctlReportDay *day)
{
  const LimberDay *record = day->record;
  static const LimberCounter counts[] = {
    LIMBER_COUNTER_TAKEN_NATURAL, LIMBER_COUNTER_TAKEN_GUIDED, LIMBER_COUNTER_PARTIAL, LIMBER_COUNTER_SNOOZED,
    LIMBER_COUNTER_SKIPPED, LIMBER_COUNTER_IGNORED, LIMBER_COUNTER_MICRO_SHOWN, LIMBER_COUNTER_MICRO_TAKEN,
  };

  limberctl_report_csv_append_field (out, record->date);
  append_minutes (out, record->sitting_us);
  append_minutes (out, record->longest_bout_us);
  append_count (out, record->counters[LIMBER_COUNTER_LONG_BOUTS]);
  append_count (out, record->counters[LIMBER_COUNTER_BREAKS_DUE]);
  append_count (out, limber_day_get_taken (record));
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    append_count (out, record->counters[counts[i]]);
  append_count (out, day->good ? 1 : 0);
  if (day->standing_us >= 0)
    append_minutes (out, day->standing_us);
  else
    g_string_append_c (out, ',');
  g_string_append (out, "\r\n");
}

char *
limberctl_report_csv_days (const LimberctlReport *report)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      limberctl_report_csv_append_field (out, header[i]);
    }
  g_string_append (out, "\r\n");
  for (guint i = 0; i < report->days->len; i++)
    append_day (out, g_ptr_array_index (report->days, i));
  return g_string_free (out, FALSE);
}
