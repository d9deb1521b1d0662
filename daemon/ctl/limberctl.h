/* limberctl.h: what limberctl's command files share (connection, status JSON, exit codes); limberctl only. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "bus/limber-dbus.h"
#include "core/status.h"

G_BEGIN_DECLS

enum
{
  LIMBERCTL_EXIT_OK = 0,
  LIMBERCTL_EXIT_NOT_RUNNING = 1,
  LIMBERCTL_EXIT_USAGE = 2,
  LIMBERCTL_EXIT_REFUSED = 3, /* the daemon answered with an error; the message says why */
};

/* Prints why and returns NULL when there is no session bus; never fails for a missing daemon. */
LimberDBusDaemon1 *limberctl_proxy_new (void);
/* NULL proxy or no owner: prints how to start the daemon and returns FALSE. */
gboolean limberctl_require_daemon (LimberDBusDaemon1 *proxy);
/* Prints the daemon's error sentence; returns LIMBERCTL_EXIT_REFUSED (or NOT_RUNNING if it vanished). */
int limberctl_report_error (GError *error);

/* The "version" member of every JSON object limberctl prints (docs/json.md): it changes only when a
 * member is removed or changes its meaning; new members are additions within the same version. */
#define LIMBERCTL_JSON_VERSION 1
/* Starts builder's object with its "version" member. */
void limberctl_json_begin (JsonBuilder *builder);

void limberctl_status_info (LimberDBusDaemon1 *proxy, gint64 wall_now_us, LimberStatusInfo *info);
/* The line `limberctl status` adds when GNOME Wellbeing's movement breaks are on; NULL otherwise. */
char *limberctl_wellbeing_text (LimberDBusDaemon1 *proxy);
/* The status object of `status --json` and `watch --format json`. */
JsonNode *limberctl_status_json (LimberDBusDaemon1 *proxy, gint64 wall_now_us);
/* One a{sv} day record as a JSON object with snake_case keys. */
JsonNode *limberctl_day_json (GVariant *day);
/* Prints node on one line and flushes. */
void limberctl_print_json (JsonNode *node);

/* Parses a sub-command's options (argv[0] is the command); prints and returns FALSE on a usage error. */
gboolean limberctl_parse_options (const char *command, const char *parameter, const char *summary,
                                  const GOptionEntry *entries, int *argc, char ***argv);

int limberctl_watch_run (int argc, char **argv);
int limberctl_stats_run (int argc, char **argv);
int limberctl_report_run (int argc, char **argv);

G_END_DECLS
