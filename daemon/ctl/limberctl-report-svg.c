/* limberctl-report-svg.c: the charts of limberctl report as SVG: the calendar heatmap, bouts, breaks, standing. */
#include "ctl/limberctl-report-svg.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>

#include "core/status.h"

/* Every coordinate is a whole pixel, written with %d: printf's %f follows LC_NUMERIC and would
 * write "1,5" in some locales. */
#define WIDTH_PX 920
#define CAL_WIDTH_PX 480
#define CELL_PX 22
#define PITCH_PX 26
#define CAL_LEFT_PX 44
#define CAL_TOP_PX 24
#define PLOT_LEFT_PX 84
#define PLOT_RIGHT_PX 96
#define PLOT_TOP_PX 18
#define PLOT_HEIGHT_PX 160
#define PLOT_BOTTOM_PX 40
#define MINUTE_US (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
#define HOUR_MIN 60

static const char style[] =
  ":root{color-scheme:light dark;--bg:#fbfaf6;--fg:#1f2a28;--muted:#56635f;--grid:#d6dad3;"
  "--h0:#e9e7df;--h1:#f8d9ae;--h2:#f4a259;--h3:#d46a2a;--h4:#8f3a14;"
  "--ok:#2e7d6b;--over:#c0442a;--due:#c3cbc4;--stand:#4a6fa8}\n"
  "@media (prefers-color-scheme:dark){:root{--bg:#141a19;--fg:#e7ece9;--muted:#a0ada9;--grid:#33403c;"
  "--h0:#222b29;--h1:#55381f;--h2:#8f5527;--h3:#cf7833;--h4:#f7b46c;"
  "--ok:#53b89f;--over:#f06a4c;--due:#3f4d49;--stand:#8aace0}}\n"
  "svg text{fill:var(--fg);font:12px system-ui,sans-serif}\n"
  "svg .muted{fill:var(--muted)}\n"
  "svg .grid{stroke:var(--grid);stroke-width:1}\n"
  "svg .h0{fill:var(--h0)}svg .h1{fill:var(--h1)}svg .h2{fill:var(--h2)}svg .h3{fill:var(--h3)}svg .h4{fill:var(--h4)}\n"
  "svg .today{stroke:var(--fg);stroke-width:2}\n"
  "svg .ok{fill:var(--ok)}svg .over{fill:var(--over)}svg .due{fill:var(--due)}svg .stand{fill:var(--stand)}\n"
  "svg .limit{stroke:var(--over);stroke-width:1.5;stroke-dasharray:5 4}\n"
  "svg text.limit-label{fill:var(--over)}\n"
  "svg .bg{fill:var(--bg)}\n"
  "svg text.heading{font-size:16px;font-weight:600}\n";

static const char *const headings[LIMBERCTL_REPORT_CHART_N] = {
  /* TRANSLATORS: the headings of limberctl report's charts. */
  [LIMBERCTL_REPORT_CHART_CALENDAR] = N_("Sitting per day"),
  [LIMBERCTL_REPORT_CHART_BOUTS] = N_("Longest unbroken bout per day"),
  [LIMBERCTL_REPORT_CHART_BREAKS] = N_("Breaks taken and due, per week"),
  [LIMBERCTL_REPORT_CHART_STANDING] = N_("Standing per day"),
};

static const char *const ids[LIMBERCTL_REPORT_CHART_N] = { "calendar", "bouts", "breaks", "standing" };

const char *
limberctl_report_svg_style (void)
{
  return style;
}

const char *
limberctl_report_svg_heading (LimberctlReportChart chart)
{
  g_return_val_if_fail (chart < LIMBERCTL_REPORT_CHART_N, "");
  return _(headings[chart]);
}

gboolean
limberctl_report_svg_has_chart (const LimberctlReport *report, LimberctlReportChart chart)
{
  return chart != LIMBERCTL_REPORT_CHART_STANDING || report->has_standing;
}

/* g_string_append_printf with every %s escaped for XML. */
G_GNUC_PRINTF (2, 3) static void
append_escaped (GString *out, const char *format, ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_markup_vprintf_escaped (format, args);
  va_end (args);
  g_string_append (out, text);
}

static const LimberctlReportDay *
day_at (const LimberctlReport *report, guint i)
{
  return g_ptr_array_index (report->days, i);
}

static char *
format_date (const LimberctlReportDay *day, const char *format)
{
  GDate date;
  char text[64];

  if (!limber_history_parse_date (day->record->date, &date) || g_date_strftime (text, sizeof text, format, &date) == 0)
    return g_strdup (day->record->date);
  return g_strdup (text);
}

/* The tooltip of a day, in every chart: what the day's numbers were. */
static char *
day_tooltip (const LimberctlReportDay *day, gint64 sit_limit_us)
{
  g_autofree char *label = limberctl_report_days_label (day);
  g_autofree char *sitting = limber_status_format_duration (day->record->sitting_us);
  g_autofree char *bout = limber_status_format_duration (day->record->longest_bout_us);
  GString *text = g_string_new (label);

  guint due = day->record->counters[LIMBER_COUNTER_BREAKS_DUE];

  /* TRANSLATORS: a day's tooltip in the report's charts follows the day ("Tue 1 Dec 2026"). */
  if (day->record->sitting_us == 0)
    {
      g_string_append_printf (text, ": %s", _("nothing recorded"));
      return g_string_free (text, FALSE);
    }
  /* TRANSLATORS: the time sat ("5 h 20 min") and the longest bout ("1 h 10 min"). */
  g_string_append_printf (text, day->record->longest_bout_us > sit_limit_us ? _(": sat %s; longest bout %s (over the limit)")
                                                                          : _(": sat %s; longest bout %s"),
                          sitting, bout);
  g_string_append (text, "; ");
  /* TRANSLATORS: the breaks taken of those due, in a day's tooltip. */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u of %u break taken", "%u of %u breaks taken", due),
                          limber_day_get_taken (day->record), due);
  if (day->standing_us >= 0)
    {
      g_autofree char *standing = limber_status_format_duration (day->standing_us);
      g_string_append (text, "; ");
      /* TRANSLATORS: the time stood that day ("40 min"). */
      g_string_append_printf (text, _("stood %s"), standing);
    }
  return g_string_free (text, FALSE);
}

/* The opening <svg> of a chart with its accessible name and description. */
static void
open_chart (GString *out, LimberctlReportChart chart, int x_px, int y_px, int width_px, int height_px,
            const char *description)
{
  g_string_append_printf (out, "<svg xmlns=\"http://www.w3.org/2000/svg\" x=\"%d\" y=\"%d\" width=\"%d\" "
                          "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"%s-title %s-desc\">\n",
                          x_px, y_px, width_px, height_px, width_px, height_px, ids[chart], ids[chart]);
  append_escaped (out, "<title id=\"%s-title\">%s</title>\n<desc id=\"%s-desc\">%s</desc>\n", ids[chart],
                  headings[chart], ids[chart], description);
}

/* 0 nothing, then under 2 h, 2 to 4 h, 4 to 6 h, 6 h and more. */
static guint
heat_level (gint64 sitting_us)
{
  gint64 hours = sitting_us / (HOUR_MIN * MINUTE_US);

  if (sitting_us <= 0)
    return 0;
  return (guint) MIN (hours / 2 + 1, 4);
}

static void
append_calendar_labels (GString *out, const LimberctlReport *report, guint offset)
{
  int previous_month = -1;

  /* Monday, Wednesday and Friday in the user's language, as the months are. */
  for (guint row = 0; row <= 4; row += 2)
    {
      GDate date;
      char name[32];

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1 + row, G_DATE_JANUARY, 2024); /* 1 January 2024 was a Monday */
      if (g_date_strftime (name, sizeof name, "%a", &date) > 0)
        append_escaped (out, "<text class=\"muted\" x=\"0\" y=\"%d\">%s</text>\n",
                        CAL_TOP_PX + (int) row * PITCH_PX + CELL_PX - 6, name);
    }
  for (guint i = 0; i < report->days->len; i++)
    {
      const LimberctlReportDay *day = day_at (report, i);
      guint column = (i + offset) / 7;
      GDate date;

      if (!limber_history_parse_date (day->record->date, &date) ||
          (int) g_date_get_month (&date) == previous_month || (i > 0 && day->weekday != 1) ||
          (i == 0 && g_date_get_day (&date) > 24))
        continue; /* a month is named over the first column that starts in it (or, first, holds most of it) */
      previous_month = g_date_get_month (&date);
      g_autofree char *month = format_date (day, "%b");
      append_escaped (out, "<text class=\"muted\" x=\"%d\" y=\"14\">%s</text>\n",
                      CAL_LEFT_PX + (int) column * PITCH_PX, month);
    }
}

static void
append_calendar_legend (GString *out, int y_px)
{
  /* TRANSLATORS: the legend of the report's calendar: time sat a day. The first has 40 pixels, the
   * others 68 (about 10 characters). */
  static const char *const labels[] = { N_("none"), N_("under 2 h"), N_("2 to 4 h"), N_("4 to 6 h"), N_("6 h or more") };
  int x_px = CAL_LEFT_PX;

  for (guint level = 0; level < G_N_ELEMENTS (labels); level++)
    {
      g_string_append_printf (out, "<rect class=\"h%u\" x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" rx=\"2\"/>"
                              "<text class=\"muted\" x=\"%d\" y=\"%d\">%s</text>\n",
                              level, x_px, y_px, x_px + 16, y_px + 10, _(labels[level]));
      x_px += level == 0 ? 56 : 84;
    }
}

static int
append_calendar (GString *out, const LimberctlReport *report, int x_px, int y_px)
{
  guint offset = report->days->len > 0 ? day_at (report, 0)->weekday - 1 : 0;
  int grid_bottom_px = CAL_TOP_PX + 7 * PITCH_PX;
  int height_px = grid_bottom_px + 28;

  open_chart (out, LIMBERCTL_REPORT_CHART_CALENDAR, x_px, y_px, CAL_WIDTH_PX, height_px,
              _("One square per day, a column per week from Monday to Sunday; the darker, the longer you sat."));
  append_calendar_labels (out, report, offset);
  for (guint i = 0; i < report->days->len; i++)
    {
      const LimberctlReportDay *day = day_at (report, i);
      g_autofree char *tooltip = day_tooltip (day, report->sit_limit_us);

      append_escaped (out, "<rect class=\"h%u%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"3\">"
                      "<title>%s</title></rect>\n", heat_level (day->record->sitting_us),
                      i == report->days->len - 1 ? " today" : "",
                      CAL_LEFT_PX + (int) ((i + offset) / 7) * PITCH_PX,
                      CAL_TOP_PX + (int) ((i + offset) % 7) * PITCH_PX, CELL_PX, CELL_PX, tooltip);
    }
  append_calendar_legend (out, grid_bottom_px + 8);
  g_string_append (out, "</svg>\n");
  return height_px;
}

/* A step for the value axis (minutes or counts) giving at most six lines up to max. */
static gint64
axis_step (gint64 max, const gint64 *steps, guint n_steps)
{
  for (guint i = 0; i < n_steps; i++)
    if (max <= steps[i] * 6)
      return steps[i];
  return steps[n_steps - 1] * ((max + steps[n_steps - 1] * 6 - 1) / (steps[n_steps - 1] * 6));
}

static int
plot_y (gint64 value, gint64 top_value)
{
  return PLOT_TOP_PX + PLOT_HEIGHT_PX - (int) (value * PLOT_HEIGHT_PX / MAX (top_value, 1));
}

/* Horizontal lines with their labels; values in minutes when minutes, in counts otherwise. */
static void
append_value_axis (GString *out, gint64 top_value, gint64 step, gboolean minutes)
{
  for (gint64 value = 0; value <= top_value; value += step)
    {
      g_autofree char *label = minutes ? limber_status_format_duration (value * MINUTE_US)
                                       : g_strdup_printf ("%" G_GINT64_FORMAT, value);
      int y = plot_y (value, top_value);

      if (minutes && value == 0)
        g_free (label), label = g_strdup ("0");
      append_escaped (out, "<line class=\"grid\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                      "<text class=\"muted\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
                      PLOT_LEFT_PX, y, WIDTH_PX - PLOT_RIGHT_PX, y, PLOT_LEFT_PX - 6, y + 4, label);
    }
}

/* Under the plot: the date of every other Monday. */
static void
append_day_axis (GString *out, const LimberctlReport *report, int pitch_px)
{
  guint mondays = 0;

  for (guint i = 0; i < report->days->len; i++)
    if (day_at (report, i)->weekday == 1 && mondays++ % 2 == 0)
      {
        /* TRANSLATORS: a day under the report's bars, as strftime writes it ("1 Dec"). */
        g_autofree char *label = format_date (day_at (report, i), _("%-d %b"));
        append_escaped (out, "<text class=\"muted\" x=\"%d\" y=\"%d\">%s</text>\n", PLOT_LEFT_PX + (int) i * pitch_px,
                        PLOT_TOP_PX + PLOT_HEIGHT_PX + 18, label);
      }
}

static gint64
day_minutes (const LimberctlReportDay *day, LimberctlReportChart chart)
{
  if (chart == LIMBERCTL_REPORT_CHART_STANDING)
    return MAX (day->standing_us, 0) / MINUTE_US;
  return day->record->longest_bout_us / MINUTE_US;
}

static const char *
bar_class (const LimberctlReportDay *day, LimberctlReportChart chart, gint64 sit_limit_us)
{
  if (chart == LIMBERCTL_REPORT_CHART_STANDING)
    return "stand";
  return day->record->longest_bout_us > sit_limit_us ? "over" : "ok";
}

static void
append_limit (GString *out, gint64 limit_min, gint64 top_min)
{
  g_autofree char *limit = limber_status_format_duration (limit_min * MINUTE_US);
  int y = plot_y (limit_min, top_min);

  append_escaped (out, "<line class=\"limit\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                  "<text class=\"limit-label\" x=\"%d\" y=\"%d\">%s</text>"
                  "<text class=\"limit-label\" x=\"%d\" y=\"%d\">%s</text>\n",
                  PLOT_LEFT_PX, y, WIDTH_PX - PLOT_RIGHT_PX + 4, y, WIDTH_PX - PLOT_RIGHT_PX + 8, y - 2,
                  /* TRANSLATORS: the label of the dashed line in the bouts chart; 88 pixels (about 12 characters). */
                  C_ ("chart", "sit limit"), WIDTH_PX - PLOT_RIGHT_PX + 8, y + 12, limit);
}

/* One bar a day: the longest bout against the sit limit, or the time stood. */
static int
append_day_bars (GString *out, const LimberctlReport *report, LimberctlReportChart chart, int x_px, int y_px)
{
  static const gint64 steps_min[] = { 10, 15, 30, 60, 120, 180 };
  gboolean bouts = chart == LIMBERCTL_REPORT_CHART_BOUTS;
  gint64 limit_min = report->sit_limit_us / MINUTE_US, top_min = bouts ? limit_min + limit_min / 2 : 30, step;
  int pitch_px = (WIDTH_PX - PLOT_LEFT_PX - PLOT_RIGHT_PX) / (int) MAX (report->days->len, 1);
  int height_px = PLOT_TOP_PX + PLOT_HEIGHT_PX + PLOT_BOTTOM_PX;

  for (guint i = 0; i < report->days->len; i++)
    top_min = MAX (top_min, day_minutes (day_at (report, i), chart));
  step = axis_step (top_min, steps_min, G_N_ELEMENTS (steps_min));
  top_min = (top_min + step - 1) / step * step;
  open_chart (out, chart, x_px, y_px, WIDTH_PX, height_px,
              bouts ? _("One bar per day: the longest time sat without a break; bars past the dashed "
                        "sit-limit line are drawn in red.")
                    : _("One bar per day: the time spent standing."));
  append_value_axis (out, top_min, step, TRUE);
  append_day_axis (out, report, pitch_px);
  for (guint i = 0; i < report->days->len; i++)
    {
      const LimberctlReportDay *day = day_at (report, i);
      g_autofree char *tooltip = day_tooltip (day, report->sit_limit_us);
      int top = plot_y (day_minutes (day, chart), top_min);

      append_escaped (out, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"><title>%s</title></rect>\n",
                      bar_class (day, chart, report->sit_limit_us), PLOT_LEFT_PX + (int) i * pitch_px + 1, top,
                      MAX (pitch_px - 3, 1), PLOT_TOP_PX + PLOT_HEIGHT_PX - top, tooltip);
    }
  if (bouts)
    append_limit (out, limit_min, top_min);
  g_string_append (out, "</svg>\n");
  return height_px;
}

typedef struct
{
  guint due;
  guint taken;
  const LimberctlReportDay *first; /* the week's first day in the calendar */
} Week;

/* The calendar's days summed per week (Monday to Sunday); returns the number of weeks. */
static guint
sum_weeks (const LimberctlReport *report, Week weeks[LIMBERCTL_REPORT_WEEKS + 1])
{
  guint offset = report->days->len > 0 ? day_at (report, 0)->weekday - 1 : 0;
  guint n_weeks = 0;

  for (guint i = 0; i < report->days->len; i++)
    {
      const LimberctlReportDay *day = day_at (report, i);
      Week *week = &weeks[MIN ((i + offset) / 7, LIMBERCTL_REPORT_WEEKS)];

      if (week->first == NULL)
        week->first = day, n_weeks++;
      week->due += day->record->counters[LIMBER_COUNTER_BREAKS_DUE];
      week->taken += limber_day_get_taken (day->record);
    }
  return n_weeks;
}

static void
append_week_bar (GString *out, const char *class, guint value, guint top, int x_px, int width_px,
                 const char *tooltip)
{
  int y = plot_y (value, top);

  append_escaped (out, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"><title>%s</title></rect>"
                  "<text class=\"muted\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%u</text>\n",
                  class, x_px, y, width_px, PLOT_TOP_PX + PLOT_HEIGHT_PX - y, tooltip,
                  x_px + width_px / 2, y - 4, value);
}

static void
append_breaks_legend (GString *out)
{
  int x_px = WIDTH_PX - PLOT_RIGHT_PX + 12, y_px = PLOT_TOP_PX + 8;

  g_string_append_printf (out, "<rect class=\"due\" x=\"%d\" y=\"%d\" width=\"12\" height=\"12\"/>"
                          "<text class=\"muted\" x=\"%d\" y=\"%d\">%s</text>"
                          "<rect class=\"ok\" x=\"%d\" y=\"%d\" width=\"12\" height=\"12\"/>"
                          "<text class=\"muted\" x=\"%d\" y=\"%d\">%s</text>\n",
                          /* TRANSLATORS: the legend of the breaks chart: 68 pixels each (about 10 characters). */
                          x_px, y_px, x_px + 16, y_px + 10, C_ ("chart", "due"), x_px, y_px + 20, x_px + 16, y_px + 30,
                          C_ ("chart", "taken"));
}

static int
append_breaks (GString *out, const LimberctlReport *report, int x_px, int y_px)
{
  static const gint64 steps[] = { 1, 2, 5, 10, 20, 50, 100 };
  Week weeks[LIMBERCTL_REPORT_WEEKS + 1] = { { 0 } };
  guint n_weeks = sum_weeks (report, weeks), top = 5;
  int pitch_px = (WIDTH_PX - PLOT_LEFT_PX - PLOT_RIGHT_PX) / (int) MAX (n_weeks, 1);
  int bar_px = MAX (pitch_px / 3, 2), height_px = PLOT_TOP_PX + PLOT_HEIGHT_PX + PLOT_BOTTOM_PX;
  gint64 step;

  for (guint w = 0; w < n_weeks; w++)
    top = MAX (top, MAX (weeks[w].due, weeks[w].taken));
  step = axis_step (top, steps, G_N_ELEMENTS (steps));
  top = (guint) ((top + step - 1) / step * step);
  open_chart (out, LIMBERCTL_REPORT_CHART_BREAKS, x_px, y_px, WIDTH_PX, height_px,
              _("Two bars per week: the movement breaks that fell due, and those taken "
                "(away long enough, the guided routine, or part of it)."));
  append_value_axis (out, top, step, FALSE);
  for (guint w = 0; w < n_weeks; w++)
    {
      g_autofree char *label = format_date (weeks[w].first, _("%-d %b"));
      /* TRANSLATORS: a week's tooltip: its Monday ("7 Dec"), breaks taken, due, and the share. */
      g_autofree char *tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Week of %s: %u of %u break taken (%u%%)",
                                                               "Week of %s: %u of %u breaks taken (%u%%)", weeks[w].due),
                                                  label, weeks[w].taken, weeks[w].due,
                                                  limberctl_report_days_percent (weeks[w].taken, weeks[w].due));
      int centre_px = PLOT_LEFT_PX + (int) w * pitch_px + pitch_px / 2;

      append_week_bar (out, "due", weeks[w].due, top, centre_px - 2 - bar_px, bar_px, tooltip);
      append_week_bar (out, "ok", weeks[w].taken, top, centre_px + 2, bar_px, tooltip);
      append_escaped (out, "<text class=\"muted\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                      centre_px, PLOT_TOP_PX + PLOT_HEIGHT_PX + 18, label);
    }
  append_breaks_legend (out);
  g_string_append (out, "</svg>\n");
  return height_px;
}

int
limberctl_report_svg_append (GString *out, const LimberctlReport *report, LimberctlReportChart chart,
                             int x_px, int y_px)
{
  g_return_val_if_fail (out != NULL && report != NULL && chart < LIMBERCTL_REPORT_CHART_N, 0);
  switch (chart)
    {
    case LIMBERCTL_REPORT_CHART_CALENDAR:
      return append_calendar (out, report, x_px, y_px);
    case LIMBERCTL_REPORT_CHART_BREAKS:
      return append_breaks (out, report, x_px, y_px);
    case LIMBERCTL_REPORT_CHART_BOUTS:
    case LIMBERCTL_REPORT_CHART_STANDING:
    case LIMBERCTL_REPORT_CHART_N:
    default:
      return append_day_bars (out, report, chart, x_px, y_px);
    }
}

#define DOC_MARGIN_PX 20
#define DOC_HEADING_PX 28

char *
limberctl_report_svg_document (const LimberctlReport *report)
{
  g_autoptr (GString) body = g_string_new (NULL);
  g_autofree char *summary = limberctl_report_days_summary (report);
  g_autofree char *title = NULL;
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  int y_px = DOC_MARGIN_PX, width_px = WIDTH_PX + 2 * DOC_MARGIN_PX;

  for (LimberctlReportChart chart = 0; chart < LIMBERCTL_REPORT_CHART_N; chart++)
    {
      if (!limberctl_report_svg_has_chart (report, chart))
        continue;
      append_escaped (body, "<text class=\"heading\" x=\"%d\" y=\"%d\">%s</text>\n", DOC_MARGIN_PX, y_px + 16,
                      _(headings[chart]));
      y_px += DOC_HEADING_PX;
      y_px += limberctl_report_svg_append (body, report, chart, DOC_MARGIN_PX, y_px) + DOC_MARGIN_PX;
    }
  g_string_append_printf (out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                          "viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"report-title report-desc\">\n",
                          width_px, y_px, width_px, y_px);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Limber: %d week of sitting", "Limber: %d weeks of sitting",
                                        LIMBERCTL_REPORT_WEEKS), LIMBERCTL_REPORT_WEEKS);
  append_escaped (out, "<title id=\"report-title\">%s</title>\n<desc id=\"report-desc\">%s</desc>\n", title, summary);
  g_string_append_printf (out, "<style>\n%s</style>\n", style);
  g_string_append_printf (out, "<rect class=\"bg\" width=\"%d\" height=\"%d\"/>\n", width_px, y_px);
  g_string_append_len (out, body->str, (gssize) body->len);
  g_string_append (out, "</svg>\n");
  return g_string_free (out, FALSE);
}
