/* main.c: limberd's entry point: options, the one LimberDaemon, the exit status.
 * This is the only place that decides how the process exits. */
#include <glib.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>

#include "daemon.h"
#include "settings/config.h"
#include "limber-version.h"

/* The popups, the tray and the status line speak the user's language: the catalogue is looked
 * up where meson installs it (po/), in UTF-8 whatever the locale's charset. */
static void
use_language (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LIMBER_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* limberd's options and --help; GOption translates every text of it in limber's domain. */
static GOptionContext *
options_context_new (const GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (N_("- the Limber sitting-break daemon"));

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
      N_("Watches how long you have been sitting at the computer and reminds you to move."));
  g_option_context_set_description (context,
      N_("Signals: SIGHUP reloads the configuration; SIGTERM and SIGINT stop cleanly.\n"
         "Exit status: 0 stopped or the session's display server went away, 1 error, 2 usage,\n"
         "78 invalid configuration.\n"
         "See limberd(1), limber.conf(5) and limberctl(1)."));
  return context;
}

int
main (int argc, char **argv)
{
  gboolean version = FALSE;
  gboolean force_poll = FALSE;
  g_autofree char *config_path = NULL;
  g_autofree char *backend = NULL;
  GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path,
      N_("Read the configuration from FILE instead of $XDG_CONFIG_HOME/limber/limber.conf"), N_("FILE") },
    { "backend", 'b', 0, G_OPTION_ARG_STRING, &backend,
      N_("Take presence from this backend instead of the one the session calls for"), "x11|wayland|gnome" },
    { "poll", 0, 0, G_OPTION_ARG_NONE, &force_poll,
      N_("Measure idle time by polling even where the X SYNC extension works (for testing)"), NULL },
    { "version", 'V', 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberDaemon) daemon = NULL;
  LimberDaemonOptions options = { 0 };
  LimberExit status;

  use_language ();
  context = options_context_new (entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr (_("limberd: %s\nTry 'limberd --help'.\n"), error->message);
      return LIMBER_EXIT_USAGE;
    }
  if (version)
    {
      printf ("limberd %s\n", LIMBER_VERSION);
      return LIMBER_EXIT_OK;
    }
  if (argc > 1)
    {
      g_printerr (_("limberd: unexpected argument '%s'\nTry 'limberd --help'.\n"), argv[1]);
      return LIMBER_EXIT_USAGE;
    }
  /* GIO runs a few start-up jobs (bus connection, file queries) on pool
   * threads; idle ones would each wake once ~15 s later just to exit. */
  g_thread_pool_set_max_unused_threads (0);
  options.config_path = config_path;
  options.force_poll = force_poll;
  options.backend = backend;
  daemon = limber_daemon_new (&options, &status, &error);
  if (daemon == NULL)
    {
      g_printerr ("limberd: %s\n", error->message);
      /* An invalid configuration: starting again cannot help until the file is fixed. */
      return g_error_matches (error, LIMBER_CONFIG_ERROR, LIMBER_CONFIG_ERROR_INVALID) ? LIMBER_EXIT_CONFIG : status;
    }
  return limber_daemon_run (daemon);
}
