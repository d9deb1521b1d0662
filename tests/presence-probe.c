/* presence-probe.c: runs the presence modules alone and prints one line per event,
 * so integration tests (and people) can watch them against a real X server, a
 * Wayland compositor, GNOME's mutter and logind.
 *
 * Without --backend it opens the X11 backend directly and refuses a Wayland
 * session; with --backend auto|x11|wayland|gnome it goes through
 * limber_presence_open.
 *
 * Lines on stdout:  ready backend=NAME mode=xsync|poll|v1|v2|mutter idle_ms=N
 *   note TEXT (the backend's caveat, if any)   session path=PATH|none
 *   away since_ms=T idle_ms=N   back at_ms=T away_ms=N   locked   unlocked   sleep   wake
 *   inactive   active
 *   idle_ms=N (on SIGUSR1; -1 where the backend cannot tell)   fullscreen=0|1|-1 (on SIGUSR2)
 *   expect-return (on SIGHUP, after calling limber_presence_expect_return)
 *   x-lost (X11) or lost (the others), then exit 0
 * With --stdin, lines on stdin are commands: "threshold MS" sets a new
 * threshold (answers "threshold ms=MS"), "expect-return" as SIGHUP.
 * Times T are CLOCK_BOOTTIME milliseconds. */
#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>

#include "platform/deadline.h"
#include "platform/presence-open.h"
#include "platform/presence-wayland.h"
#include "platform/presence-x11.h"
#include "platform/session.h"

typedef struct
{
  GMainLoop *loop;
  LimberPresence *x11;  /* whichever backend is open */
  LimberSession *session;
  gint64 away_at_us;
  GDataInputStream *commands;
} Probe;

static void
on_presence (LimberPresenceEvent event,
             gint64              at_us,
             gpointer            user_data)
{
  Probe *probe = user_data;

  if (event == LIMBER_PRESENCE_AWAY)
    {
      probe->away_at_us = at_us;
      printf ("away since_ms=%" G_GINT64_FORMAT " idle_ms=%" G_GINT64_FORMAT "\n", at_us / 1000,
              (limber_now_us () - at_us) / 1000);
    }
  else
    printf ("back at_ms=%" G_GINT64_FORMAT " away_ms=%" G_GINT64_FORMAT "\n", at_us / 1000,
            (at_us - probe->away_at_us) / 1000);
}

static void
on_lost (gpointer user_data)
{
  Probe *probe = user_data;

  printf ("%s\n", g_strcmp0 (limber_presence_get_name (probe->x11), "x11") == 0 ? "x-lost" : "lost");
  g_main_loop_quit (probe->loop);
}

static void
on_locked (gboolean locked,
           gint64   at_us,
           gpointer user_data)
{
  printf ("%s\n", locked ? "locked" : "unlocked");
}

static void
on_active (gboolean active,
           gint64   at_us,
           gpointer user_data)
{
  printf ("%s\n", active ? "active" : "inactive");
}

static void
on_sleeping (gboolean sleeping,
             gint64   at_us,
             gpointer user_data)
{
  Probe *probe = user_data;

  printf ("%s\n", sleeping ? "sleep" : "wake");
  /* The daemon saves its state here; the probe has none. */
  if (sleeping)
    limber_session_release_sleep_lock (probe->session);
}

static void
on_session_ready (const char *session_path,
                  gpointer    user_data)
{
  printf ("session path=%s\n", session_path != NULL ? session_path : "none");
}

static gint64
idle_ms (LimberPresence *presence)
{
  if (g_strcmp0 (limber_presence_get_name (presence), "x11") != 0)
    return -1;
  return limber_presence_x11_get_idle_us (presence) / 1000;
}

static const char *
mode (LimberPresence *presence)
{
  const char *name = limber_presence_get_name (presence);

  if (g_strcmp0 (name, "x11") == 0)
    return limber_presence_x11_is_polling (presence) ? "poll" : "xsync";
  if (g_strcmp0 (name, "wayland") == 0)
    return limber_presence_wayland_get_version (presence) >= 2 ? "v2" : "v1";
  return "mutter";
}

/* NULL with @error when the backend cannot start; exit status in @status. */
static LimberPresence *
open_presence (const char                *backend_name,
               const char                *display,
               gboolean                   poll,
               const LimberPresenceFuncs *funcs,
               Probe                     *probe,
               int                       *status,
               GError                   **error)
{
  LimberPresenceBackend backend;

  *status = 1;
  if (backend_name == NULL)
    {
      if (limber_session_is_wayland ())
        {
          *status = 3;
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               "this is a Wayland session; the X11 backend would only see "
                               "Xwayland clients.");
          return NULL;
        }
      return limber_presence_x11_new (display, poll, funcs, probe, error);
    }
  if (!limber_presence_backend_parse (backend_name, &backend, error))
    {
      *status = 2;
      return NULL;
    }
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  return limber_presence_open (backend, poll, funcs, probe, error);
}

static gboolean
on_quit_signal (gpointer user_data)
{
  Probe *probe = user_data;

  g_main_loop_quit (probe->loop);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_sigusr1 (gpointer user_data)
{
  Probe *probe = user_data;

  printf ("idle_ms=%" G_GINT64_FORMAT "\n", idle_ms (probe->x11));
  return G_SOURCE_CONTINUE;
}

static gboolean
on_sighup (gpointer user_data)
{
  Probe *probe = user_data;

  limber_presence_expect_return (probe->x11);
  printf ("expect-return\n");
  return G_SOURCE_CONTINUE;
}

static void read_command (Probe *probe);

static void
on_command (GObject      *stream,
            GAsyncResult *result,
            gpointer      user_data)
{
  Probe *probe = user_data;
  g_autofree char *line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (stream),
                                                                result, NULL, NULL);
  gint64 ms;

  if (line == NULL)
    return;  /* end of input: no more commands */
  if (g_str_has_prefix (line, "threshold ") && (ms = g_ascii_strtoll (line + 10, NULL, 10)) > 0)
    {
      limber_presence_set_threshold (probe->x11, ms * 1000);
      printf ("threshold ms=%" G_GINT64_FORMAT "\n", ms);
    }
  else if (g_strcmp0 (line, "expect-return") == 0)
    on_sighup (probe);
  else
    g_printerr ("presence-probe: unknown command '%s'\n", line);
  read_command (probe);
}

static void
read_command (Probe *probe)
{
  g_data_input_stream_read_line_async (probe->commands, G_PRIORITY_DEFAULT, NULL, on_command, probe);
}

static gboolean
on_sigusr2 (gpointer user_data)
{
  Probe *probe = user_data;

  printf ("fullscreen=%d\n", (int) limber_presence_get_fullscreen (probe->x11));
  return G_SOURCE_CONTINUE;
}

int
main (int argc, char **argv)
{
  gboolean poll = FALSE, no_logind = FALSE, commands = FALSE, input_only = FALSE;
  gint64 threshold_ms = 2000;
  int status;
  g_autofree char *display = NULL, *backend = NULL;
  GOptionEntry entries[] = {
    { "poll", 0, 0, G_OPTION_ARG_NONE, &poll, "Force the polling fallback (X11)", NULL },
    { "threshold-ms", 't', 0, G_OPTION_ARG_INT64, &threshold_ms, "Away after MS idle (2000)", "MS" },
    { "no-logind", 0, 0, G_OPTION_ARG_NONE, &no_logind, "Do not watch logind", NULL },
    { "display", 'd', 0, G_OPTION_ARG_STRING, &display, "X display (default $DISPLAY)", "NAME" },
    { "backend", 'b', 0, G_OPTION_ARG_STRING, &backend, "Open this backend through "
      "limber_presence_open", "auto|x11|wayland|gnome" },
    { "stdin", 0, 0, G_OPTION_ARG_NONE, &commands, "Take commands on stdin", NULL },
    { "input-only", 0, 0, G_OPTION_ARG_NONE, &input_only, "Only real input counts as presence "
      "(media-playback = away)", NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  const LimberSessionFuncs session_funcs = {
    .locked = on_locked, .sleeping = on_sleeping, .ready = on_session_ready, .active = on_active,
  };
  const LimberPresenceFuncs presence_funcs = { .event = on_presence, .lost = on_lost };
  g_autoptr (GOptionContext) context = g_option_context_new ("- print presence events");
  g_autoptr (GError) error = NULL;
  Probe probe = { NULL, NULL, NULL, 0, NULL };

  setvbuf (stdout, NULL, _IOLBF, 0);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || threshold_ms <= 0)
    {
      g_printerr ("presence-probe: %s\n", error != NULL ? error->message : "bad threshold");
      return 2;
    }
  probe.loop = g_main_loop_new (NULL, FALSE);
  probe.x11 = open_presence (backend, display, poll, &presence_funcs, &probe, &status, &error);
  if (probe.x11 == NULL)
    {
      g_printerr ("presence-probe: %s\n", error->message);
      g_main_loop_unref (probe.loop);
      return status;
    }
  if (!no_logind)
    probe.session = limber_session_new (&session_funcs, &probe);
  g_unix_signal_add (SIGTERM, on_quit_signal, &probe);
  g_unix_signal_add (SIGINT, on_quit_signal, &probe);
  g_unix_signal_add (SIGUSR1, on_sigusr1, &probe);
  g_unix_signal_add (SIGUSR2, on_sigusr2, &probe);
  g_unix_signal_add (SIGHUP, on_sighup, &probe);
  printf ("ready backend=%s mode=%s idle_ms=%" G_GINT64_FORMAT "\n",
          limber_presence_get_name (probe.x11), mode (probe.x11), idle_ms (probe.x11));
  if (limber_presence_get_note (probe.x11) != NULL)
    printf ("note %s\n", limber_presence_get_note (probe.x11));
  if (commands)
    {
      g_autoptr (GInputStream) in = g_unix_input_stream_new (0, FALSE);

      probe.commands = g_data_input_stream_new (in);
      read_command (&probe);
    }
  if (input_only && !limber_presence_set_input_only (probe.x11, TRUE))
    printf ("input-only unsupported\n");
  limber_presence_set_threshold (probe.x11, threshold_ms * 1000);
  g_main_loop_run (probe.loop);

  g_clear_pointer (&probe.session, limber_session_free);
  g_clear_pointer (&probe.x11, limber_presence_free);
  g_clear_object (&probe.commands);
  g_main_loop_unref (probe.loop);
  return 0;
}
