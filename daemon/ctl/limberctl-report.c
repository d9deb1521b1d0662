/* limberctl-report.c: `limberctl report`, the weeks as a picture: an HTML page, SVG or CSV, written and opened. */
#include "ctl/limberctl.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "bus/bus.h"
#include "ctl/limberctl-report-csv.h"
#include "ctl/limberctl-report-page.h"
#include "ctl/limberctl-report-svg.h"
#include "settings/config.h"

typedef struct
{
  GVariant *days; /* aa{sv}, oldest first, today last */
  guint habit_days;
  guint habit_goal;
} History;

static void
history_clear (History *history)
{
  g_clear_pointer (&history->days, g_variant_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (History, history_clear)

/* While limberd runs, its memory is newer than the file (it saves on transitions only, and the
 * bout in progress is nowhere else): ask it. Otherwise the file is all there is. */
static gboolean
history_from_daemon (LimberDBusDaemon1 *proxy, History *out, GError **error)
{
  return limber_dbus_daemon1_call_get_history_sync (proxy, LIMBERCTL_REPORT_STREAK_DAYS, &out->days, &out->habit_days,
                                                    &out->habit_goal, NULL, error);
}

static gboolean
history_from_file (History *out, GError **error)
{
  g_autoptr (LimberHistory) history = limber_history_new (NULL);
  g_autoptr (GPtrArray) days = NULL;
  GVariantBuilder builder;

  if (!limber_history_load_read_only (history, error))
    return FALSE;
  if (!g_file_test (limber_history_get_path (history), G_FILE_TEST_EXISTS))
    g_printerr (_("limberctl report: Limber is not running and has kept no history in %s yet; "
                  "the report is empty.\n"), limber_history_get_path (history));
  days = limber_history_get_days (history, LIMBERCTL_REPORT_STREAK_DAYS, g_get_real_time ());
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < days->len; i++)
    g_variant_builder_add_value (&builder, limber_bus_day_to_variant (g_ptr_array_index (days, i)));
  out->days = g_variant_ref_sink (g_variant_builder_end (&builder));
  out->habit_days = limber_history_habit_days (history);
  out->habit_goal = LIMBER_HISTORY_HABIT_GOAL;
  return TRUE;
}

/* sit-limit from the file limberd reads by default; its defaults where that file has errors. */
static gint64
read_sit_limit_us (void)
{
  g_autofree char *path = limber_config_find_path ();
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberConfig) config = limber_config_load (path, NULL, &error);

  if (config == NULL)
    {
      g_printerr (_("limberctl report: %s has errors ('limberctl check-config' lists them); "
                    "the report uses the default sit-limit.\n"), path);
      config = limber_config_load (NULL, NULL, NULL);
    }
  return config ? config->sit_limit_us : 0;
}

static char *
render (const LimberctlReport *report, const char *format)
{
  if (g_str_equal (format, "svg"))
    return limberctl_report_svg_document (report);
  if (g_str_equal (format, "csv"))
    return limberctl_report_csv_days (report);
  return limberctl_report_page_html (report, g_get_real_time ());
}

static int
write_file (const char *path, const char *text, int mode)
{
  g_autoptr (GError) error = NULL;

  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, mode, &error))
    {
      g_printerr (_("limberctl report: could not write the report: %s. Choose another file with --output.\n"),
                  error->message);
      return LIMBERCTL_EXIT_REFUSED;
    }
  return LIMBERCTL_EXIT_OK;
}

/* Without --output: a file in the runtime directory (the cache directory where there is none),
 * shown by the program the desktop opens such files with. */
static int
write_and_open (const char *text, const char *format)
{
  g_autofree char *dir = g_build_filename (g_get_user_runtime_dir (), "limber", NULL);
  g_autofree char *name = g_strdup_printf ("report.%s", format);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDBusConnection) bus = NULL;
  int status;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_printerr (_("limberctl report: could not create %s: %s. Write the report elsewhere with --output FILE.\n"),
                  dir, g_strerror (saved_errno));
      return LIMBERCTL_EXIT_REFUSED;
    }
  if ((status = write_file (path, text, 0600)) != LIMBERCTL_EXIT_OK)
    return status;
  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    {
      /* The report is there all the same: say where, and exit 0. */
      printf ("%s\n", path);
      /* TRANSLATORS: the report's path, its format ("html"), and why it could not be opened. */
      g_printerr (_("limberctl report: wrote %s, but nothing here opens %s files (%s). Open it in a browser, "
                    "or choose the file with --output.\n"), path, format, error->message);
      return LIMBERCTL_EXIT_OK;
    }
  /* A D-Bus-activated program is asked over the session bus: see the request out before exiting. */
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus != NULL)
    g_dbus_connection_flush_sync (bus, NULL, NULL);
  printf ("%s\n", path);
  return LIMBERCTL_EXIT_OK;
}

static gboolean
get_history (History *history)
{
  g_autoptr (LimberDBusDaemon1) proxy = limberctl_proxy_new ();
  g_autofree char *owner = proxy ? g_dbus_proxy_get_name_owner (G_DBUS_PROXY (proxy)) : NULL;
  g_autoptr (GError) error = NULL;

  if (owner != NULL ? history_from_daemon (proxy, history, &error) : history_from_file (history, &error))
    return TRUE;
  if (owner != NULL)
    g_dbus_error_strip_remote_error (error);
  g_printerr (_("limberctl report: %s\n"), error->message);
  return FALSE;
}

int
limberctl_report_run (int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE ('-' for standard output) "
      "instead of opening the report"), N_("FILE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("html (the default: the page), svg (the charts alone) "
      "or csv (one row per day)"), N_("FORMAT") },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_auto (History) history = { 0 };
  g_autoptr (LimberctlReport) report = NULL;
  g_autofree char *text = NULL;

  if (!limberctl_parse_options ("report", NULL, N_("The last 12 weeks as a picture: sitting per day, the longest "
                                "bout against sit-limit, breaks taken and due, the habit streak. Asks the "
                                "running daemon, or reads the history file when it is not running."),
                                entries, &argc, &argv))
    return LIMBERCTL_EXIT_USAGE;
  if (format == NULL)
    format = g_strdup ("html");
  if (argc > 1 || !g_strv_contains ((const char *const[]) { "html", "svg", "csv", NULL }, format))
    {
      g_printerr (_("limberctl report: --format takes html, svg or csv, and there are no other arguments.\n"
                    "Try 'limberctl report --help'.\n"));
      return LIMBERCTL_EXIT_USAGE;
    }
  if (!get_history (&history))
    return LIMBERCTL_EXIT_REFUSED;
  report = limberctl_report_days_new (history.days, history.habit_days, history.habit_goal, read_sit_limit_us ());
  text = render (report, format);
  if (output != NULL && g_str_equal (output, "-"))
    {
      fputs (text, stdout);
      return fflush (stdout) == 0 ? LIMBERCTL_EXIT_OK : LIMBERCTL_EXIT_REFUSED;
    }
  if (output != NULL)
    return write_file (output, text, 0666);
  return write_and_open (text, format);
}
