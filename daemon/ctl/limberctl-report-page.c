/* limberctl-report-page.c: limberctl report's HTML page: summary, figures and the charts inline, light and dark. */
#include "ctl/limberctl-report-page.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>

#include "core/status.h"
#include "ctl/limberctl-report-svg.h"
#include "limber-version.h"

static const char page_style[] =
  "body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,sans-serif}\n"
  "main{max-width:960px;margin:0 auto;padding:20px 20px 32px}\n"
  "h1{font-size:24px;margin:0}h2{font-size:17px;margin:22px 0 8px}\n"
  ".lede,footer,.label{color:var(--muted)}.lede{margin:0}\n"
  ".summary{max-width:70ch;margin:10px 0 0}\n"
  ".top{display:flex;flex-wrap:wrap;gap:8px 28px;align-items:flex-start}\n"
  ".cards{flex:1;min-width:300px;display:grid;grid-template-columns:repeat(2,1fr);gap:12px;margin-top:52px}\n"
  ".card{border:1px solid var(--grid);border-radius:10px;padding:10px 14px}\n"
  ".figure{display:block;font-size:26px;font-weight:650;line-height:1.2}\n"
  ".label{font-size:13px}\n"
  ".meter{height:8px;margin-top:6px;border-radius:4px;background:var(--h0);overflow:hidden}\n"
  ".meter span{display:block;height:100%;background:var(--ok)}\n"
  "svg{display:block;max-width:100%;height:auto}\n"
  "footer{font-size:13px;margin-top:26px;max-width:80ch}\n";

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

static void
append_head (GString *out)
{
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Limber: %d week of sitting",
                                                         "Limber: %d weeks of sitting", LIMBERCTL_REPORT_WEEKS),
                                            LIMBERCTL_REPORT_WEEKS);

  /* TRANSLATORS: the language of the page, for <html lang="…">: your language's code (de, es, pt-BR). */
  g_string_append_printf (out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                          "<meta name=\"color-scheme\" content=\"light dark\">\n"
                          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                          "style-src 'unsafe-inline'\">\n"
                          "<meta name=\"generator\" content=\"limberctl report %s\">\n"
                          "<title>%s</title>\n<style>\n%s%s</style>\n</head>\n",
                          C_ ("html lang", "en"), LIMBER_VERSION, title, limberctl_report_svg_style (), page_style);
}

static void
append_header (GString *out, const LimberctlReport *report, gint64 wall_now_us)
{
  g_autoptr (GDateTime) now = g_date_time_new_from_unix_local (wall_now_us / G_USEC_PER_SEC);
  /* TRANSLATORS: when the report was made, as strftime writes it ("Tue 1 Dec 2026, 10:32"). */
  g_autofree char *made = now ? g_date_time_format (now, _("%a %-d %b %Y, %H:%M")) : g_strdup ("?");
  g_autofree char *summary = limberctl_report_days_summary (report);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *lede = NULL;
  g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d week of sitting", "%d weeks of sitting",
                                                           LIMBERCTL_REPORT_WEEKS), LIMBERCTL_REPORT_WEEKS);

  g_string_append (out, "<body>\n<main>\n<header>\n");
  append_escaped (out, "<h1>%s</h1>\n", heading);
  if (report->days->len > 0)
    {
      first = limberctl_report_days_label (g_ptr_array_index (report->days, 0));
      last = limberctl_report_days_label (g_ptr_array_index (report->days, report->days->len - 1));
      /* TRANSLATORS: the first and last day of the report ("Mon 7 Sep 2026"), and when it was made. */
      lede = g_strdup_printf (_("%s to %s · made %s"), first, last, made);
      append_escaped (out, "<p class=\"lede\">%s</p>\n", lede);
    }
  /* The sentences say what the charts show, for a screen reader and for anyone in a hurry. */
  append_escaped (out, "<p class=\"summary\" id=\"summary\">%s</p>\n</header>\n", summary);
}

static void
append_card (GString *out, const char *figure, const char *label, int meter_percent)
{
  append_escaped (out, "<div class=\"card\"><span class=\"figure\">%s</span><span class=\"label\">%s</span>",
                  figure, label);
  if (meter_percent >= 0)
    g_string_append_printf (out, "<div class=\"meter\" aria-hidden=\"true\"><span style=\"width:%d%%\"></span></div>",
                            MIN (meter_percent, 100));
  g_string_append (out, "</div>\n");
}

static void
append_cards (GString *out, const LimberctlReport *report)
{
  /* TRANSLATORS: the figures of the report's cards, each with a label under it. */
  g_autofree char *streak = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", report->streak_days),
                                             report->streak_days);
  g_autofree char *best = g_strdup_printf (_("good days in a row (best %u)"), report->best_streak_days);
  g_autofree char *habit = g_strdup_printf (_("%u of %u"), MIN (report->habit_days, report->habit_goal),
                                            report->habit_goal);
  g_autofree char *percent = g_strdup_printf (_("%u%%"), limberctl_report_days_percent (report->breaks_taken,
                                                                                          report->breaks_due));
  g_autofree char *taken = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "of the breaks due were taken (%u of %u)",
                                                         "of the breaks due were taken (%u of %u)", report->breaks_due),
                                            report->breaks_taken, report->breaks_due);
  g_autofree char *average = limber_status_format_duration (report->days_sat ? report->sitting_us / report->days_sat : 0);

  append_escaped (out, "<section class=\"cards\" aria-label=\"%s\">\n", _("The weeks in figures"));
  append_card (out, streak, best, -1);
  append_card (out, habit, report->habit_days >= report->habit_goal ? _("good days: the first milestone is reached")
                                                                    : _("good days toward a first milestone"),
               report->habit_goal ? (int) (report->habit_days * 100 / report->habit_goal) : 0);
  append_card (out, percent, taken, -1);
  append_card (out, report->days_sat ? average : "–", _("sitting a day, on the days you sat"), -1);
  if (report->has_standing)
    {
      g_autofree char *standing = limber_status_format_duration (report->standing_us);
      append_card (out, standing, _("standing in all"), -1);
    }
  g_string_append (out, "</section>\n");
}

static void
append_chart (GString *out, const LimberctlReport *report, LimberctlReportChart chart)
{
  static const char *const ids[LIMBERCTL_REPORT_CHART_N] = { "calendar", "bouts", "breaks", "standing" };

  if (!limberctl_report_svg_has_chart (report, chart))
    return;
  append_escaped (out, "<section aria-labelledby=\"%s-heading\">\n<h2 id=\"%s-heading\">%s</h2>\n", ids[chart],
                  ids[chart], limberctl_report_svg_heading (chart));
  limberctl_report_svg_append (out, report, chart, 0, 0);
  g_string_append (out, "</section>\n");
}

char *
limberctl_report_page_html (const LimberctlReport *report, gint64 wall_now_us)
{
  GString *out = g_string_new (NULL);
  g_autofree char *footer = NULL;

  append_head (out);
  append_header (out, report, wall_now_us);
  g_string_append (out, "<div class=\"top\">\n");
  append_chart (out, report, LIMBERCTL_REPORT_CHART_CALENDAR);
  append_cards (out, report);
  g_string_append (out, "</div>\n");
  for (LimberctlReportChart chart = LIMBERCTL_REPORT_CHART_BOUTS; chart < LIMBERCTL_REPORT_CHART_N; chart++)
    append_chart (out, report, chart);
  /* TRANSLATORS: the page's footer: the share of breaks that makes a good day (80%), and Limber's version. */
  footer = g_strdup_printf (_("A good day is one with at least %d%% of the due breaks taken; a day with nothing "
                              "due pauses a streak and never ends it. Made by limberctl report %s; everything on "
                              "this page is in this one file."), LIMBER_HISTORY_GOOD_DAY_PERCENT, LIMBER_VERSION);
  append_escaped (out, "<footer>%s</footer>\n</main>\n</body>\n</html>\n", footer);
  return g_string_free (out, FALSE);
}
