/* limberctl-report-page.h: limberctl report's HTML page: one self-contained file, charts inline. */
#pragma once

#include <glib.h>

#include "ctl/limberctl-report-days.h"

G_BEGIN_DECLS

/* The whole page (UTF-8): styles and SVG inline, no script, nothing loaded from elsewhere
 * (its Content-Security-Policy forbids it); wall_now_us labels when it was made. */
char *limberctl_report_page_html (const LimberctlReport *report, gint64 wall_now_us);

G_END_DECLS
