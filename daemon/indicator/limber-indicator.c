/* limber-indicator.c: limber-indicator, Limber in the panel's tray: options, the [indicator] key, one instance, the loop. */
#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>

#include "indicator/indicator.h"
#include "limber-version.h"
#include "settings/config.h"

/* Owned while running, so that an autostart entry and the user unit never show two icons. */
#define INSTANCE_NAME "org.limber.Indicator"

typedef struct
{
  GDBusConnection *connection;
  GMainLoop *loop;
  LimberIndicator *indicator;
  char *limberctl;
  int status;
} Main;

/* [indicator] enabled of the file limberd reads; a file with errors is limberd's to report. */
static gboolean
indicator_enabled (void)
{
  g_autofree char *path = limber_config_find_path ();
  g_autoptr (LimberConfig) config = limber_config_load (path, NULL, NULL);

  if (config == NULL)
    config = limber_config_load (NULL, NULL, NULL);
  if (config != NULL && !config->indicator_enabled)
    {
      g_message ("The tray icon is turned off ([indicator] enabled = false in %s); stopping.", path);
      return FALSE;
    }
  return TRUE;
}

/* limberctl beside this program (as installed, and in the build tree), else the installed one. */
static char *
find_limberctl (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self ? g_path_get_dirname (self) : NULL;
  g_autofree char *beside = dir ? g_build_filename (dir, "limberctl", NULL) : NULL;

  if (beside != NULL && g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&beside);
  return g_build_filename (LIMBER_BINDIR, "limberctl", NULL);
}

static void
on_acquired (GDBusConnection *connection, const char *name, gpointer user_data)
{
  Main *m = user_data;
  m->indicator = limber_indicator_new (connection, m->limberctl, m->loop);
}

static void
on_lost (GDBusConnection *connection, const char *name, gpointer user_data)
{
  Main *m = user_data;

  if (m->indicator == NULL && m->status == 0 && !g_dbus_connection_is_closed (connection))
    g_message ("limber-indicator is already running; this one stops.");
  else
    {
      g_printerr ("limber-indicator: the session bus went away.\n");
      m->status = 1;
    }
  g_main_loop_quit (m->loop);
}

static gboolean
on_signal (gpointer user_data)
{
  g_main_loop_quit (((Main *) user_data)->loop);
  return G_SOURCE_CONTINUE;
}

static int
run (Main *m)
{
  g_autoptr (GError) error = NULL;
  guint owner_id;

  /* First: the heap the config's parse leaves behind is reused by what follows. */
  if (!indicator_enabled ())
    return 0;
  m->connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (m->connection == NULL)
    {
      g_printerr ("limber-indicator: cannot reach the session bus (%s). It runs inside a desktop session.\n",
                  error->message);
      return 1;
    }
  /* A closed bus ends the loop here rather than the process inside GIO. */
  g_dbus_connection_set_exit_on_close (m->connection, FALSE);
  m->loop = g_main_loop_new (NULL, FALSE);
  m->limberctl = find_limberctl ();
  g_unix_signal_add (SIGTERM, on_signal, m);
  g_unix_signal_add (SIGINT, on_signal, m);
  owner_id = g_bus_own_name_on_connection (m->connection, INSTANCE_NAME, G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE,
                                           on_acquired, on_lost, m, NULL);
  g_main_loop_run (m->loop);
  g_clear_pointer (&m->indicator, limber_indicator_free);
  g_bus_unown_name (owner_id);
  g_dbus_connection_flush_sync (m->connection, NULL, NULL);
  return m->status;
}

int
main (int argc, char **argv)
{
  gboolean version = FALSE;
  GOptionEntry entries[] = {
    { "version", 'V', 0, G_OPTION_ARG_NONE, &version, "Print the version and exit", NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- Limber in the panel's tray");
  g_autoptr (GError) error = NULL;
  Main m = { 0 };
  int status;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context, "Shows limberd's state as a StatusNotifierItem while a tray "
                                             "(StatusNotifierWatcher) is on the session bus.\n"
                                             "[indicator] enabled = false in limber.conf turns it off.\n");
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc > 1)
    {
      g_printerr ("limber-indicator: %s\nTry 'limber-indicator --help'.\n",
                  error ? error->message : "it takes no arguments.");
      return 2;
    }
  if (version)
    {
      printf ("limber-indicator %s\n", LIMBER_VERSION);
      return 0;
    }
  status = run (&m);
  g_clear_pointer (&m.loop, g_main_loop_unref);
  g_clear_object (&m.connection);
  g_free (m.limberctl);
  return status;
}
