/* limberctl.c: the command-line client of limberd's control interface: dispatch and the simple commands. */
#include "ctl/limberctl.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "bus/bus.h"
#include "ctl/config-cmd.h"
#include "core/duration.h"
#include "limber-version.h"

static const char *const commands_help =
  N_("Commands:\n"
  "  status [--json]              How long you have been sitting and when the next break is due\n"
  "  watch [--format=FORMAT]      Print a line whenever the state changes (text, json, waybar)\n"
  "  pause [DURATION]             Pause reminders (e.g. 45m, 1h30m); no DURATION = until resume\n"
  "  resume                       End a pause\n"
  "  start                        Start a movement break now\n"
  "  snooze                       Put off the break that is due\n"
  "  skip                         Skip the break that is due\n"
  "  stand                        Tell Limber you stand now (sit-stand desks)\n"
  "  sit                          Tell Limber you sat down (sit-stand desks)\n"
  "  reload                       Re-read the configuration\n"
  "  stats [--days=N] [--json]    Sitting, bouts, breaks and habit progress per day\n"
  "  report [--format=FORMAT]     The last 12 weeks as a picture (html, svg, csv), opened or --output\n"
  "  gentle [on|walk-only|off]    The gentle week after \"That hurt\": show it, start it or end it\n"
  "  check-config [FILE]          Check a configuration file and report every problem\n"
  "  stretches [ID]               List the stretches and routines, or show one in full\n"
  "\n"
  "Exit status: 0 done, 1 Limber is not running, 2 usage error, 3 the daemon refused (it says why).\n");

static int
usage_error (const char *command, const char *message)
{
  g_printerr (_("limberctl %s: %s\nTry 'limberctl %s --help'.\n"), command, message, command);
  return LIMBERCTL_EXIT_USAGE;
}

static int
run_pause (LimberDBusDaemon1 *proxy, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *until = NULL;
  gint64 duration_us = 0;

  if (argc > 2)
    return usage_error ("pause", _("give at most one DURATION, such as 45m or 1h30m."));
  if (argc == 2 && !limber_duration_parse (argv[1], &duration_us, &error))
    return usage_error ("pause", error->message);
  if (argc == 2 && duration_us <= 0)
    return usage_error ("pause", _("a pause needs a length above zero, such as 45m; "
                                   "leave DURATION out to pause until 'limberctl resume'."));
  if (!limberctl_require_daemon (proxy))
    return LIMBERCTL_EXIT_NOT_RUNNING;
  if (!limber_dbus_daemon1_call_pause_sync (proxy, (guint64) duration_us, NULL, &error))
    return limberctl_report_error (error);
  if (duration_us == 0)
    printf (_("Limber is paused until you run 'limberctl resume'.\n"));
  else
    {
      until = limber_status_format_clock (g_get_real_time () + duration_us, g_get_real_time ());
      printf (_("Limber is paused until %s.\n"), until);
    }
  return LIMBERCTL_EXIT_OK;
}

typedef gboolean (*CallFunc) (LimberDBusDaemon1 *proxy, GCancellable *cancellable, GError **error);

static const struct
{
  const char *name;
  CallFunc call;
  const char *summary;
  const char *done;
} simple_commands[] = {
  { "resume", limber_dbus_daemon1_call_resume_sync, N_("End a pause."), N_("Resumed: reminders are back.") },
  { "start", limber_dbus_daemon1_call_start_break_sync, N_("Start a movement break now."),
    N_("Starting a movement break.") },
  { "snooze", limber_dbus_daemon1_call_snooze_sync, N_("Put off the break that is due."), N_("Snoozed.") },
  { "skip", limber_dbus_daemon1_call_skip_sync, N_("Skip the break that is due."), N_("Skipped this break.") },
  { "reload", limber_dbus_daemon1_call_reload_sync, N_("Re-read the configuration."), N_("Configuration reloaded.") },
  { "stand", limber_dbus_daemon1_call_stand_sync, N_("Tell Limber you stand now, at a sit-stand desk "
    "([profile] desk = sit-stand); a desk's own tool may run it when the desk goes up."),
    N_("Standing: this counts as standing, not sitting.") },
  { "sit", limber_dbus_daemon1_call_sit_sync, N_("Tell Limber you sat down, at a sit-stand desk; a desk's own "
    "tool may run it when the desk goes down."), N_("Sitting.") },
};

static int
run_simple (guint index, int argc, char **argv)
{
  g_autoptr (LimberDBusDaemon1) proxy = NULL;
  g_autoptr (GError) error = NULL;

  if (!limberctl_parse_options (argv[0], NULL, simple_commands[index].summary, NULL, &argc, &argv))
    return LIMBERCTL_EXIT_USAGE;
  if (argc > 1)
    return usage_error (argv[0], _("this command takes no arguments."));
  proxy = limberctl_proxy_new ();
  if (!limberctl_require_daemon (proxy))
    return LIMBERCTL_EXIT_NOT_RUNNING;
  if (!simple_commands[index].call (proxy, NULL, &error))
    return limberctl_report_error (error);
  printf ("%s\n", _(simple_commands[index].done));
  return LIMBERCTL_EXIT_OK;
}

static int
run_status (int argc, char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON object instead of a sentence"), NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (LimberDBusDaemon1) proxy = NULL;
  LimberStatusInfo info;

  if (!limberctl_parse_options ("status", NULL, N_("How long you have been sitting and when the next break is due."),
                                entries, &argc, &argv))
    return LIMBERCTL_EXIT_USAGE;
  if (argc > 1)
    return usage_error ("status", _("this command takes no arguments."));
  proxy = limberctl_proxy_new ();
  if (!limberctl_require_daemon (proxy))
    return LIMBERCTL_EXIT_NOT_RUNNING;
  if (json)
    {
      g_autoptr (JsonNode) node = limberctl_status_json (proxy, g_get_real_time ());
      limberctl_print_json (node);
    }
  else
    {
      g_autofree char *line = NULL;
      const char *const *notes = limber_dbus_daemon1_get_presence_notes (proxy);
      g_autofree char *wellbeing = limberctl_wellbeing_text (proxy);

      limberctl_status_info (proxy, g_get_real_time (), &info);
      line = limber_status_format_relative (&info);
      printf ("%s\n", line);
      /* What this desktop cannot give is said, not hidden (e.g. no fullscreen detection). The bus
       * carries the notes in English; those limberd writes are in the catalogue (N_() in daemon.c). */
      for (guint i = 0; notes != NULL && notes[i] != NULL; i++)
        printf (_("Note: %s\n"), _(notes[i]));
      if (wellbeing != NULL)
        printf ("%s\n", wellbeing);
    }
  return LIMBERCTL_EXIT_OK;
}

/* "until Tuesday 14 May": when the gentle week ends, for people. (transfer full) */
static char *
gentle_until_text (gint64 wall_until_us)
{
  g_autoptr (GDateTime) until = g_date_time_new_from_unix_local (wall_until_us / G_USEC_PER_SEC);
  /* TRANSLATORS: the end of the gentle week, as strftime writes it: "Tuesday 14 May, 10:32". */
  g_autofree char *day = until ? g_date_time_format (until, _("%A %-d %B, %H:%M")) : NULL;

  /* TRANSLATORS: %s is a day and time ("Tuesday 14 May, 10:32"). */
  return day ? g_strdup_printf (_("until %s"), day) : g_strdup (_("until a week from its start"));
}

static void
print_gentle (LimberDBusDaemon1 *proxy)
{
  const char *mode = limber_dbus_daemon1_get_gentle (proxy);
  g_autofree char *until = NULL;

  if (mode == NULL || *mode == '\0')
    {
      printf (_("No gentle week: the usual breaks. After \"That hurt\", or with 'limberctl gentle on', a week of "
                "gentler stretches (or walks only) begins.\n"));
      return;
    }
  until = gentle_until_text (limber_dbus_daemon1_get_gentle_until (proxy));
  /* TRANSLATORS: the second %s is "until Tuesday 14 May, 10:32". */
  printf (g_str_equal (mode, "walk-only") ? _("Gentle week: walks only %s. 'limberctl gentle off' ends it.\n")
                                          : _("Gentle week: gentler stretches %s. 'limberctl gentle off' ends it.\n"),
          until);
}

static int
run_gentle (int argc, char **argv)
{
  static const char *const words[] = { "on", "walk-only", "off", NULL };
  static const char *const modes[] = { "gentle", "walk-only", "off" };
  g_autoptr (LimberDBusDaemon1) proxy = NULL;
  g_autoptr (GError) error = NULL;
  guint which = 0;

  if (!limberctl_parse_options ("gentle", "[on|walk-only|off]",
                                N_("Show the gentle week, or start one (on: gentler stretches, walk-only: walks "
                                   "only; seven days from now), or end it (off)."), NULL, &argc, &argv))
    return LIMBERCTL_EXIT_USAGE;
  if (argc > 2 || (argc == 2 && !g_strv_contains (words, argv[1])))
    return usage_error ("gentle", _("give on, walk-only or off, or nothing to see the gentle week."));
  proxy = limberctl_proxy_new ();
  if (!limberctl_require_daemon (proxy))
    return LIMBERCTL_EXIT_NOT_RUNNING;
  if (argc == 2)
    {
      while (!g_str_equal (words[which], argv[1]))
        which++;
      if (!limber_dbus_daemon1_call_set_gentle_sync (proxy, modes[which], NULL, &error))
        return limberctl_report_error (error);
      /* The cached properties change only when the signal comes in: ask afresh. */
      g_clear_object (&proxy);
      proxy = limberctl_proxy_new ();
    }
  print_gentle (proxy);
  return LIMBERCTL_EXIT_OK;
}

/* check-config and stretches need no daemon: they read the file themselves. */
static int
run_config_command (int argc, char **argv)
{
  gboolean check = g_str_equal (argv[0], "check-config");

  if (!limberctl_parse_options (argv[0], check ? N_("[FILE]") : N_("[ID]"),
                                check ? N_("Check a configuration file (default: the one limberd reads) "
                                           "and print every problem; exit 1 if any is an error.")
                                      : N_("List the stretches and routines, or show one in full."),
                                NULL, &argc, &argv))
    return LIMBERCTL_EXIT_USAGE;
  if (argc > 2)
    return usage_error (argv[0], check ? _("give at most one FILE.") : _("give at most one ID."));
  if (check)
    return limber_config_cmd_check (argc == 2 ? argv[1] : NULL);
  return limber_config_cmd_stretches (NULL, argc == 2 ? argv[1] : NULL);
}

static int
dispatch (int argc, char **argv)
{
  const char *command = argv[0];

  if (g_str_equal (command, "status"))
    return run_status (argc, argv);
  if (g_str_equal (command, "watch"))
    return limberctl_watch_run (argc, argv);
  if (g_str_equal (command, "stats"))
    return limberctl_stats_run (argc, argv);
  if (g_str_equal (command, "report"))
    return limberctl_report_run (argc, argv);
  if (g_str_equal (command, "check-config") || g_str_equal (command, "stretches"))
    return run_config_command (argc, argv);
  if (g_str_equal (command, "gentle"))
    return run_gentle (argc, argv);
  if (g_str_equal (command, "pause"))
    {
      g_autoptr (LimberDBusDaemon1) proxy = NULL;

      if (!limberctl_parse_options ("pause", N_("[DURATION]"), N_("Hold reminders back (the sitting clock keeps "
                                    "counting); without DURATION until 'limberctl resume'."), NULL, &argc, &argv))
        return LIMBERCTL_EXIT_USAGE;
      proxy = argc <= 2 ? limberctl_proxy_new () : NULL;
      return run_pause (proxy, argc, argv);
    }
  for (guint i = 0; i < G_N_ELEMENTS (simple_commands); i++)
    if (g_str_equal (command, simple_commands[i].name))
      return run_simple (i, argc, argv);
  g_printerr (_("limberctl: unknown command “%s”.\nTry 'limberctl --help'.\n"), command);
  return LIMBERCTL_EXIT_USAGE;
}

int
main (int argc, char **argv)
{
  gboolean version = FALSE;
  GOptionEntry entries[] = {
    { "version", 'V', 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;

  /* Help, status and messages in the user's language (po/); --json keeps its names and values. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LIMBER_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  context = g_option_context_new (N_("COMMAND [ARGS…] - control the Limber daemon"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context, commands_help);
  /* Stop at the command: its own options are parsed by the command. */
  g_option_context_set_strict_posix (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr (_("limberctl: %s\nTry 'limberctl --help'.\n"), error->message);
      return LIMBERCTL_EXIT_USAGE;
    }
  if (version)
    {
      printf ("limberctl %s\n", LIMBER_VERSION);
      return LIMBERCTL_EXIT_OK;
    }
  if (argc < 2)
    {
      g_printerr (_("limberctl: name a command, such as 'limberctl status'.\nTry 'limberctl --help'.\n"));
      return LIMBERCTL_EXIT_USAGE;
    }
  return dispatch (argc - 1, argv + 1);
}
