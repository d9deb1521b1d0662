/* limberctl-report-days.h: the days limberctl report draws, and the figures over them (streaks, totals, summary). */
#pragma once

#include <glib.h>

#include "history/history.h"

G_BEGIN_DECLS

/* The calendar: this many weeks, Monday to Sunday, the last one holding today. */
#define LIMBERCTL_REPORT_WEEKS 12
/* How many days back the streaks are counted (the most GetHistory gives). */
#define LIMBERCTL_REPORT_STREAK_DAYS 366

typedef struct
{
  LimberDay *record;  /* the day's counts, as the history keeps them */
  gint64 standing_us; /* -1 where the day has no "standing-us" key */
  guint weekday;      /* 1 Monday … 7 Sunday */
  gboolean good;      /* limber_day_is_good */
} LimberctlReportDay;

typedef struct
{
  GPtrArray *days;          /* LimberctlReportDay*: the calendar, oldest first, the last today; the first
                             * a Monday when enough days were given */
  gint64 sit_limit_us;
  guint habit_days;
  guint habit_goal;
  guint streak_days;        /* good days in a row up to today (days with nothing due do not break it) */
  guint best_streak_days;   /* the longest such run in the days given */
  gboolean has_standing;    /* some day in the calendar has a standing time */
  /* Totals over the calendar. */
  guint days_sat;           /* days with any sitting */
  gint64 sitting_us;
  gint64 standing_us;
  guint breaks_due;
  guint breaks_taken;
  guint days_over_limit;    /* days whose longest bout passed sit_limit_us */
  const LimberctlReportDay *longest; /* the day of the longest bout, NULL when nothing was recorded */
} LimberctlReport;

/* days: the aa{sv} records of GetHistory (oldest first, today last; unknown keys ignored, a
 * "standing-us" int64 read where present). The calendar is the last LIMBERCTL_REPORT_WEEKS weeks
 * of them; the streaks use them all. */
LimberctlReport *limberctl_report_days_new (GVariant *days, guint habit_days, guint habit_goal,
                                            gint64 sit_limit_us);
void limberctl_report_days_free (LimberctlReport *report);

/* "Mon 2 Sep 2026" */
char *limberctl_report_days_label (const LimberctlReportDay *day);
/* Breaks taken per hundred due (0 when none was due). */
guint limberctl_report_days_percent (guint taken, guint due);
/* The summary in sentences, for the page and for screen readers. */
char *limberctl_report_days_summary (const LimberctlReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberctlReport, limberctl_report_days_free)

G_END_DECLS
