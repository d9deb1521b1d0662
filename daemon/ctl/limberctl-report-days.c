/* limberctl-report-days.c: the days limberctl report draws, read from GetHistory's records, and the figures over them. */
#include "ctl/limberctl-report-days.h"

#include <glib/gi18n-lib.h>

#include "core/status.h"

static void
report_day_free (LimberctlReportDay *day)
{
  limber_day_free (day->record);
  g_free (day);
}

/* One a{sv} record as the history's LimberDay; keys it does not know are left out. */
static LimberctlReportDay *
report_day_new (GVariant *record)
{
  LimberctlReportDay *day = g_new0 (LimberctlReportDay, 1);
  const char *date = "";
  GDate parsed;

  g_variant_lookup (record, "date", "&s", &date);
  day->record = limber_day_new (date);
  g_variant_lookup (record, "sitting-us", "x", &day->record->sitting_us);
  g_variant_lookup (record, "longest-bout-us", "x", &day->record->longest_bout_us);
  for (guint c = 0; c < LIMBER_COUNTER_N; c++)
    g_variant_lookup (record, limber_counter_to_string (c), "u", &day->record->counters[c]);
  /* A day without standing (a sitting desk, or none recorded) has no standing figure. */
  if (!g_variant_lookup (record, "standing-us", "x", &day->standing_us) || day->standing_us <= 0)
    day->standing_us = -1;
  day->weekday = limber_history_parse_date (date, &parsed) ? g_date_get_weekday (&parsed) : 1;
  day->good = limber_day_is_good (day->record);
  return day;
}

/* The run of good days up to the last one; nothing due pauses a run, and the last day (today,
 * still open) only adds to it. */
static guint
current_streak (GPtrArray *all)
{
  guint streak = 0;

  for (guint i = all->len; i-- > 0;)
    {
      const LimberctlReportDay *day = g_ptr_array_index (all, i);

      if (day->good)
        streak++;
      else if (day->record->counters[LIMBER_COUNTER_BREAKS_DUE] > 0 && i != all->len - 1)
        break;
    }
  return streak;
}

static guint
best_streak (GPtrArray *all)
{
  guint best = 0, run = 0;

  for (guint i = 0; i < all->len; i++)
    {
      const LimberctlReportDay *day = g_ptr_array_index (all, i);

      if (day->good)
        {
          run++;
          best = MAX (best, run);
        }
      else if (day->record->counters[LIMBER_COUNTER_BREAKS_DUE] > 0 && i != all->len - 1)
        run = 0;
    }
  return best;
}

static void
add_totals (LimberctlReport *report, const LimberctlReportDay *day)
{
  const LimberDay *record = day->record;

  report->days_sat += record->sitting_us > 0 ? 1 : 0;
  report->sitting_us += record->sitting_us;
  report->breaks_due += record->counters[LIMBER_COUNTER_BREAKS_DUE];
  report->breaks_taken += limber_day_get_taken (record);
  report->days_over_limit += record->longest_bout_us > report->sit_limit_us ? 1 : 0;
  if (record->longest_bout_us > 0 &&
      (report->longest == NULL || record->longest_bout_us > report->longest->record->longest_bout_us))
    report->longest = day;
  if (day->standing_us >= 0)
    {
      report->has_standing = TRUE;
      report->standing_us += day->standing_us;
    }
}

LimberctlReport *
limberctl_report_days_new (GVariant *days, guint habit_days, guint habit_goal, gint64 sit_limit_us)
{
  LimberctlReport *report = g_new0 (LimberctlReport, 1);
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) report_day_free);
  GVariantIter iter;
  GVariant *record;
  guint calendar_days;

  report->days = all;
  report->sit_limit_us = sit_limit_us;
  report->habit_days = habit_days;
  report->habit_goal = habit_goal;
  g_return_val_if_fail (g_variant_is_of_type (days, G_VARIANT_TYPE ("aa{sv}")), report);
  g_variant_iter_init (&iter, days);
  while (g_variant_iter_loop (&iter, "@a{sv}", &record))
    g_ptr_array_add (all, report_day_new (record));
  if (all->len == 0)
    return report;
  report->streak_days = current_streak (all);
  report->best_streak_days = best_streak (all);
  /* The calendar starts on the Monday LIMBERCTL_REPORT_WEEKS - 1 weeks before today's week. */
  calendar_days = ((LimberctlReportDay *) g_ptr_array_index (all, all->len - 1))->weekday +
                  7 * (LIMBERCTL_REPORT_WEEKS - 1);
  if (all->len > calendar_days)
    g_ptr_array_remove_range (all, 0, all->len - calendar_days);
  for (guint i = 0; i < all->len; i++)
    add_totals (report, g_ptr_array_index (all, i));
  return report;
}

void
limberctl_report_days_free (LimberctlReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->days);
  g_free (report);
}

char *
limberctl_report_days_label (const LimberctlReportDay *day)
{
  GDate date;
  char label[64];

  if (!limber_history_parse_date (day->record->date, &date) ||
      /* TRANSLATORS: a day in the report, as strftime writes it ("Tue 1 Dec 2026"). */
      g_date_strftime (label, sizeof label, _("%a %-d %b %Y"), &date) == 0)
    return g_strdup (day->record->date);
  return g_strdup (label);
}

guint
limberctl_report_days_percent (guint taken, guint due)
{
  return due > 0 ? (guint) (((guint64) taken * 100 + due / 2) / due) : 0;
}

/* The summary is sentences joined by spaces; each is translated whole, its counts with their plural. */
static void
append_sitting (GPtrArray *sentences, const LimberctlReport *report)
{
  g_autofree char *first = limberctl_report_days_label (g_ptr_array_index (report->days, 0));
  g_autofree char *last = limberctl_report_days_label (g_ptr_array_index (report->days, report->days->len - 1));
  g_autofree char *average = NULL;

  /* TRANSLATORS: the first and last day of the report ("Mon 7 Sep 2026"), and how many days that is;
   * the sentence about sitting follows after the colon. */
  g_ptr_array_add (sentences, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "From %s to %s (%u day):",
                                                         "From %s to %s (%u days):", report->days->len),
                                            first, last, report->days->len));
  if (report->days_sat == 0)
    {
      g_ptr_array_add (sentences, g_strdup (_("no sitting was recorded.")));
      return;
    }
  average = limber_status_format_duration (report->sitting_us / report->days_sat);
  /* TRANSLATORS: the days with any sitting, and the average time sat on those days ("1 h 45 min"). */
  g_ptr_array_add (sentences, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "you sat at the computer on %u day, %s a day on average.",
                                                         "you sat at the computer on %u days, %s a day on average.",
                                                         report->days_sat),
                                            report->days_sat, average));
}

static void
append_bouts (GPtrArray *sentences, const LimberctlReport *report)
{
  g_autofree char *limit = limber_status_format_duration (report->sit_limit_us);
  g_autofree char *longest = NULL;
  g_autofree char *when = NULL;

  if (report->longest == NULL)
    return;
  longest = limber_status_format_duration (report->longest->record->longest_bout_us);
  when = limberctl_report_days_label (report->longest);
  /* TRANSLATORS: the longest time sat without a break ("2 h 10 min") and its day ("Tue 1 Dec 2026"). */
  g_ptr_array_add (sentences, g_strdup_printf (_("The longest unbroken bout was %s, on %s."), longest, when));
  if (report->days_over_limit == 0)
    /* TRANSLATORS: %s is the sit limit ("30 min"). */
    g_ptr_array_add (sentences, g_strdup_printf (_("No bout went past the sit limit of %s."), limit));
  else
    /* TRANSLATORS: the days on which a bout went past the sit limit, and the limit ("30 min"). */
    g_ptr_array_add (sentences, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "On %u day a bout went past the sit limit of %s.",
                                                           "On %u days a bout went past the sit limit of %s.",
                                                           report->days_over_limit),
                                              report->days_over_limit, limit));
}

static void
append_habit (GPtrArray *sentences, const LimberctlReport *report)
{
  /* TRANSLATORS: the present run of good days, and the best run in the report. */
  g_ptr_array_add (sentences, g_strdup_printf (_("Good days in a row: %u (best %u)."), report->streak_days,
                                            report->best_streak_days));
  /* A first milestone, no promise: habits took a median of 66 days in Lally et al. 2010. */
  if (report->habit_days >= report->habit_goal)
    /* TRANSLATORS: the good days so far, and the first milestone (21 days). */
    g_ptr_array_add (sentences, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "Habit: %u good day, the first %u-day milestone is reached; "
                                                           "keep going.",
                                                           "Habit: %u good days, the first %u-day milestone is reached; "
                                                           "keep going.", report->habit_days),
                                              report->habit_days, report->habit_goal));
  else
    g_ptr_array_add (sentences, g_strdup_printf (_("Habit: day %u of a first %u-day milestone."), report->habit_days,
                                              report->habit_goal));
}

char *
limberctl_report_days_summary (const LimberctlReport *report)
{
  g_autoptr (GPtrArray) sentences = g_ptr_array_new_with_free_func (g_free);

  if (report->days->len == 0)
    return g_strdup (_("There is no history yet."));
  append_sitting (sentences, report);
  append_bouts (sentences, report);
  if (report->breaks_due > 0)
    /* TRANSLATORS: breaks taken, breaks due, and the share taken (85%). */
    g_ptr_array_add (sentences, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "You took %u of the %u break that fell due (%u%%).",
                                                           "You took %u of the %u breaks that fell due (%u%%).",
                                                           report->breaks_due),
                                              report->breaks_taken, report->breaks_due,
                                              limberctl_report_days_percent (report->breaks_taken, report->breaks_due)));
  if (report->has_standing)
    {
      g_autofree char *standing = limber_status_format_duration (report->standing_us);
      /* TRANSLATORS: %s is the time stood in the whole report ("12 h 30 min"). */
      g_ptr_array_add (sentences, g_strdup_printf (_("You stood for %s in all."), standing));
    }
  append_habit (sentences, report);
  g_ptr_array_add (sentences, NULL);
  return g_strjoinv (" ", (char **) sentences->pdata);
}
