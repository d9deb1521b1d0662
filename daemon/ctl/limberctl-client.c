/* limberctl-client.c: what every limberctl command shares: the connection to limberd, its errors, option parsing. */
#include "ctl/limberctl.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "bus/bus.h"

#define NOT_RUNNING_TEXT \
  _("limberctl: Limber is not running. Start it with 'systemctl --user start limber' " \
    "(or run 'limberd &').\n")

LimberDBusDaemon1 *
limberctl_proxy_new (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDBusConnection) connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  LimberDBusDaemon1 *proxy;

  /* No session bus means no daemon either; limberctl_require_daemon says how to start it. */
  if (connection == NULL)
    {
      g_debug ("No session bus: %s", error->message);
      return NULL;
    }
  proxy = limber_dbus_daemon1_proxy_new_sync (connection, G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START,
                                              LIMBER_BUS_NAME, LIMBER_BUS_PATH, NULL, &error);
  if (proxy == NULL)
    g_printerr (_("limberctl: cannot talk to Limber (%s).\n"), error->message);
  return proxy;
}

gboolean
limberctl_require_daemon (LimberDBusDaemon1 *proxy)
{
  g_autofree char *owner = proxy ? g_dbus_proxy_get_name_owner (G_DBUS_PROXY (proxy)) : NULL;

  if (owner == NULL)
    g_printerr ("%s", NOT_RUNNING_TEXT);
  return owner != NULL;
}

int
limberctl_report_error (GError *error)
{
  if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER))
    {
      g_printerr ("%s", NOT_RUNNING_TEXT);
      return LIMBERCTL_EXIT_NOT_RUNNING;
    }
  g_dbus_error_strip_remote_error (error);
  g_printerr ("limberctl: %s\n", error->message);
  return LIMBERCTL_EXIT_REFUSED;
}

gboolean
limberctl_parse_options (const char *command, const char *parameter, const char *summary,
                         const GOptionEntry *entries, int *argc, char ***argv)
{
  /* @parameter is an N_() string ("[FILE]"), translated before it joins the command's name. */
  g_autofree char *title = g_strdup_printf ("%s%s%s", command, parameter ? " " : "", parameter ? _(parameter) : "");
  g_autoptr (GOptionContext) context = g_option_context_new (title);
  g_autoptr (GError) error = NULL;

  /* The callers' summaries and entries are N_() strings: GOption translates them. */
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr (_("limberctl %s: %s\nTry 'limberctl %s --help'.\n"), command, error->message, command);
      return FALSE;
    }
  return TRUE;
}
