/* main.c: limberd's entry point: options, logging, the one LimberDaemon, the exit status. */
#include <glib.h>
#include <locale.h>
#include <stdio.h>

#include "limber-version.h"

int
main (int argc, char **argv)
{
  gboolean version = FALSE;
  g_autofree char *config_path = NULL;
  GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path,
      "Read the configuration from FILE instead of $XDG_CONFIG_HOME/limber/limber.conf", "FILE" },
    { "version", 'V', 0, G_OPTION_ARG_NONE, &version, "Print the version and exit", NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- the Limber sitting-break daemon");
  g_autoptr (GError) error = NULL;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context,
      "Watches how long you have been sitting at the computer and reminds you to move.");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("limberd: %s\nTry 'limberd --help'.\n", error->message);
      return 2;
    }
  if (version)
    {
      printf ("limberd %s\n", LIMBER_VERSION);
      return 0;
    }
  g_printerr ("limberd: not implemented yet\n");
  return 1;
}
