/* limberctl-report-svg.h: the charts of limberctl report as SVG, inline in the page or as one document. */
#pragma once

#include <glib.h>

#include "ctl/limberctl-report-days.h"

G_BEGIN_DECLS

typedef enum
{
  LIMBERCTL_REPORT_CHART_CALENDAR, /* the weeks' heatmap of sitting time */
  LIMBERCTL_REPORT_CHART_BOUTS,    /* the longest unbroken bout per day against sit-limit */
  LIMBERCTL_REPORT_CHART_BREAKS,   /* breaks taken and due, per week */
  LIMBERCTL_REPORT_CHART_STANDING, /* standing time per day; only where some day recorded it */
  LIMBERCTL_REPORT_CHART_N
} LimberctlReportChart;

/* The colours and type of every chart, light and dark (prefers-color-scheme), as CSS. */
const char *limberctl_report_svg_style (void);
/* The chart's heading, e.g. "Sitting per day". */
const char *limberctl_report_svg_heading (LimberctlReportChart chart);
/* FALSE for a chart with nothing to show (standing, where no day recorded any). */
gboolean limberctl_report_svg_has_chart (const LimberctlReport *report, LimberctlReportChart chart);
/* Appends the chart as one <svg> element placed at (x_px, y_px) in its parent (the position is
 * ignored where the element stands alone in HTML); returns its height in pixels. */
int limberctl_report_svg_append (GString *out, const LimberctlReport *report, LimberctlReportChart chart,
                                 int x_px, int y_px);
/* Every chart in one standalone SVG document with its headings and summary (valid XML). */
char *limberctl_report_svg_document (const LimberctlReport *report);

G_END_DECLS
