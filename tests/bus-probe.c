/* bus-probe.c: a stand-in daemon serving org.limber.Daemon1 through bus.c, so limberctl can be tested end to end.
 *
 * It starts "sitting" (10 min ago, break due in 20 min), keeps a history in --state-dir seeded with a few
 * days, changes state as the methods ask, and prints one line per call on stdout ("call Pause 2700000000").
 * Reload fails with a sentence when the file reload-fails exists in the state dir. */
#include <glib-unix.h>
#include <stdio.h>

#include "bus/bus.h"
#include "history/history.h"

#define MINUTE_US (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
#define DAY_US (G_GINT64_CONSTANT (24) * 60 * MINUTE_US)

typedef struct
{
  GMainLoop *loop;
  LimberBus *bus;
  LimberHistory *history;
  char *state_dir;
  const char *state;
  gint64 sitting_since_us;
  gint64 next_due_us;
  gint64 paused_until_us;
  int exit_code;
} Probe;

static void
publish (Probe *probe)
{
  g_autofree char *date = limber_history_date_for (g_get_real_time ());

  limber_bus_set_status (probe->bus, probe->state, probe->sitting_since_us, probe->next_due_us,
                         probe->paused_until_us, limber_history_get_day (probe->history, date));
}

static void
record (const char *what, gint64 arg)
{
  if (arg >= 0)
    printf ("call %s %" G_GINT64_FORMAT "\n", what, arg);
  else
    printf ("call %s\n", what);
  fflush (stdout);
}

static gboolean
on_pause (gint64 duration_us, gpointer user_data, GError **error)
{
  Probe *probe = user_data;

  record ("Pause", duration_us);
  probe->state = "paused";
  probe->paused_until_us = duration_us == 0 ? G_MAXINT64 : g_get_real_time () + duration_us;
  probe->next_due_us = 0;
  publish (probe);
  return TRUE;
}

static gboolean
on_resume (gpointer user_data, GError **error)
{
  Probe *probe = user_data;

  record ("Resume", -1);
  if (!g_str_equal (probe->state, "paused"))
    {
      g_set_error (error, LIMBER_BUS_ERROR, LIMBER_BUS_ERROR_NOT_APPLICABLE,
                   "Limber is not paused, so there is nothing to resume.");
      return FALSE;
    }
  probe->state = "sitting";
  probe->paused_until_us = 0;
  probe->sitting_since_us = g_get_real_time ();
  probe->next_due_us = probe->sitting_since_us + 30 * MINUTE_US;
  publish (probe);
  return TRUE;
}

static gboolean
on_start_break (gpointer user_data, GError **error)
{
  Probe *probe = user_data;

  record ("StartBreak", -1);
  probe->state = "in-break";
  probe->next_due_us = 0;
  limber_history_count (probe->history, LIMBER_COUNTER_TAKEN_GUIDED, g_get_real_time ());
  publish (probe);
  return TRUE;
}

static gboolean
on_snooze (gpointer user_data, GError **error)
{
  Probe *probe = user_data;

  record ("Snooze", -1);
  if (!g_str_equal (probe->state, "sitting"))
    {
      g_set_error (error, LIMBER_BUS_ERROR, LIMBER_BUS_ERROR_NOT_APPLICABLE,
                   "There is no reminder to snooze right now.");
      return FALSE;
    }
  probe->next_due_us += 5 * MINUTE_US;
  limber_history_count (probe->history, LIMBER_COUNTER_SNOOZED, g_get_real_time ());
  publish (probe);
  return TRUE;
}

static gboolean
on_skip (gpointer user_data, GError **error)
{
  Probe *probe = user_data;

  record ("Skip", -1);
  probe->state = "sitting";
  probe->next_due_us = g_get_real_time () + 30 * MINUTE_US;
  limber_history_count (probe->history, LIMBER_COUNTER_SKIPPED, g_get_real_time ());
  publish (probe);
  return TRUE;
}

static gboolean
on_reload (gpointer user_data, GError **error)
{
  Probe *probe = user_data;
  g_autofree char *marker = g_build_filename (probe->state_dir, "reload-fails", NULL);

  record ("Reload", -1);
  if (g_file_test (marker, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "limber.conf:3: sit-limit = 0 is too short; give a duration from 5m to 4h. "
                   "The previous configuration stays in use.");
      return FALSE;
    }
  return TRUE;
}

static void
on_name_lost (gpointer user_data)
{
  Probe *probe = user_data;

  printf ("name lost\n");
  fflush (stdout);
  probe->exit_code = 1;
  g_main_loop_quit (probe->loop);
}

static void
on_name_acquired (gpointer user_data)
{
  printf ("ready\n");
  fflush (stdout);
}

static gboolean
on_quit_signal (gpointer user_data)
{
  g_main_loop_quit (((Probe *) user_data)->loop);
  return G_SOURCE_CONTINUE;
}

/* Yesterday: 5 h sitting, a 70 min bout over a 45 min limit, 4 of 5 breaks; the day before: 2 h. */
static void
seed_history (LimberHistory *history, gint64 now_us)
{
  gint64 yesterday_us = now_us - DAY_US;

  limber_history_add_sitting (history, yesterday_us - 300 * MINUTE_US, yesterday_us);
  limber_history_add_bout (history, yesterday_us, 70 * MINUTE_US, 45 * MINUTE_US);
  for (int i = 0; i < 5; i++)
    limber_history_count (history, LIMBER_COUNTER_BREAKS_DUE, yesterday_us);
  for (int i = 0; i < 4; i++)
    limber_history_count (history, LIMBER_COUNTER_TAKEN_NATURAL, yesterday_us);
  limber_history_add_sitting (history, now_us - 2 * DAY_US - 120 * MINUTE_US, now_us - 2 * DAY_US);
  limber_history_add_sitting (history, now_us - 10 * MINUTE_US, now_us);
  limber_history_count (history, LIMBER_COUNTER_BREAKS_DUE, now_us);
}

int
main (int argc, char **argv)
{
  /* No Stand or Sit: this stand-in answers them as a daemon that cannot. */
  static const LimberBusFuncs funcs = {
    .pause = on_pause, .resume = on_resume, .start_break = on_start_break, .snooze = on_snooze, .skip = on_skip,
    .reload = on_reload, .name_lost = on_name_lost, .name_acquired = on_name_acquired,
  };
  g_autofree char *state_dir = NULL;
  GOptionEntry entries[] = {
    { "state-dir", 0, 0, G_OPTION_ARG_FILENAME, &state_dir, "Where to keep the history", "DIR" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- a stand-in for limberd's control bus");
  g_autoptr (GError) error = NULL;
  Probe probe = { 0 };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bus-probe: %s\n", error->message);
      return 2;
    }
  probe.state_dir = state_dir ? state_dir : g_build_filename (g_get_user_state_dir (), "limber", NULL);
  probe.loop = g_main_loop_new (NULL, FALSE);
  probe.history = limber_history_new (probe.state_dir);
  seed_history (probe.history, g_get_real_time ());
  probe.state = "sitting";
  probe.sitting_since_us = g_get_real_time () - 10 * MINUTE_US;
  probe.next_due_us = probe.sitting_since_us + 30 * MINUTE_US;
  probe.bus = limber_bus_new (&funcs, &probe);
  limber_bus_set_history (probe.bus, probe.history);
  publish (&probe);
  g_unix_signal_add (SIGTERM, on_quit_signal, &probe);
  g_unix_signal_add (SIGINT, on_quit_signal, &probe);
  g_main_loop_run (probe.loop);
  limber_bus_free (probe.bus);
  limber_history_free (probe.history);
  g_main_loop_unref (probe.loop);
  if (state_dir == NULL)
    g_free (probe.state_dir);
  return probe.exit_code;
}
