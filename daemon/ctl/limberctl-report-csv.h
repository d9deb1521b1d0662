/* limberctl-report-csv.h: limberctl report's days as CSV for spreadsheets (RFC 4180). */
#pragma once

#include <glib.h>

#include "ctl/limberctl-report-days.h"

G_BEGIN_DECLS

/* A header row, then one row per day of the calendar, oldest first; CRLF line ends; durations
 * in minutes with one decimal and a '.' whatever the locale; standing_min empty where none
 * was recorded. */
char *limberctl_report_csv_days (const LimberctlReport *report);
/* Appends text as one field: quoted, its quotes doubled, when it holds a comma, quote, CR or LF. */
void limberctl_report_csv_append_field (GString *out, const char *text);

G_END_DECLS
