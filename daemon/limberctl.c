/* limberctl.c: the command-line client of limberd's control interface. */
#include <glib.h>
#include <locale.h>
#include <stdio.h>

#include "limber-version.h"

int
main (int argc, char **argv)
{
  gboolean version = FALSE;
  GOptionEntry entries[] = {
    { "version", 'V', 0, G_OPTION_ARG_NONE, &version, "Print the version and exit", NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("COMMAND [ARGS…] - control the Limber daemon");
  g_autoptr (GError) error = NULL;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
      "Commands:\n"
      "  status [--json]        How long you have been sitting and when the next break is due\n");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("limberctl: %s\nTry 'limberctl --help'.\n", error->message);
      return 2;
    }
  if (version)
    {
      printf ("limberctl %s\n", LIMBER_VERSION);
      return 0;
    }
  return 2;
}
