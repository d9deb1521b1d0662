/* presence-probe.c: runs the presence modules alone and prints one line per event,
 * so integration tests (and people) can watch them against a real X server and logind.
 *
 * Lines on stdout:  ready mode=xsync|poll idle_ms=N   session path=PATH|none
 *   away since_ms=T idle_ms=N   back at_ms=T away_ms=N   locked   unlocked   sleep   wake
 *   idle_ms=N (on SIGUSR1)   fullscreen=0|1 (on SIGUSR2)   x-lost (then exit 0)
 * Times T are CLOCK_BOOTTIME milliseconds. */
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>

#include "platform/deadline.h"
#include "platform/presence-x11.h"
#include "platform/session.h"

typedef struct
{
  GMainLoop *loop;
  LimberPresence *x11;
  LimberSession *session;
  gint64 away_at_us;
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

  printf ("x-lost\n");
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

  printf ("idle_ms=%" G_GINT64_FORMAT "\n", limber_presence_x11_get_idle_us (probe->x11) / 1000);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_sigusr2 (gpointer user_data)
{
  Probe *probe = user_data;

  printf ("fullscreen=%d\n", limber_presence_get_fullscreen (probe->x11) == LIMBER_FULLSCREEN_YES ? 1 : 0);
  return G_SOURCE_CONTINUE;
}

int
main (int argc, char **argv)
{
  gboolean poll = FALSE, no_logind = FALSE;
  gint64 threshold_ms = 2000;
  g_autofree char *display = NULL;
  GOptionEntry entries[] = {
    { "poll", 0, 0, G_OPTION_ARG_NONE, &poll, "Force the polling fallback", NULL },
    { "threshold-ms", 't', 0, G_OPTION_ARG_INT64, &threshold_ms, "Away after MS idle (2000)", "MS" },
    { "no-logind", 0, 0, G_OPTION_ARG_NONE, &no_logind, "Do not watch logind", NULL },
    { "display", 'd', 0, G_OPTION_ARG_STRING, &display, "X display (default $DISPLAY)", "NAME" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  const LimberSessionFuncs session_funcs = { on_locked, on_sleeping, on_session_ready };
  const LimberPresenceFuncs presence_funcs = { .event = on_presence, .lost = on_lost };
  g_autoptr (GOptionContext) context = g_option_context_new ("- print presence events");
  g_autoptr (GError) error = NULL;
  Probe probe = { NULL, NULL, NULL, 0 };

  setvbuf (stdout, NULL, _IOLBF, 0);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || threshold_ms <= 0)
    {
      g_printerr ("presence-probe: %s\n", error != NULL ? error->message : "bad threshold");
      return 2;
    }
  if (limber_session_is_wayland ())
    {
      g_printerr ("presence-probe: this is a Wayland session; the X11 backend would only see "
                  "Xwayland clients.\n");
      return 3;
    }
  probe.loop = g_main_loop_new (NULL, FALSE);
  probe.x11 = limber_presence_x11_new (display, poll, &presence_funcs, &probe, &error);
  if (probe.x11 == NULL)
    {
      g_printerr ("presence-probe: %s\n", error->message);
      g_main_loop_unref (probe.loop);
      return 1;
    }
  if (!no_logind)
    probe.session = limber_session_new (&session_funcs, &probe);
  g_unix_signal_add (SIGTERM, on_quit_signal, &probe);
  g_unix_signal_add (SIGINT, on_quit_signal, &probe);
  g_unix_signal_add (SIGUSR1, on_sigusr1, &probe);
  g_unix_signal_add (SIGUSR2, on_sigusr2, &probe);
  printf ("ready mode=%s idle_ms=%" G_GINT64_FORMAT "\n",
          limber_presence_x11_is_polling (probe.x11) ? "poll" : "xsync",
          limber_presence_x11_get_idle_us (probe.x11) / 1000);
  limber_presence_set_threshold (probe.x11, threshold_ms * 1000);
  g_main_loop_run (probe.loop);

  g_clear_pointer (&probe.session, limber_session_free);
  g_clear_pointer (&probe.x11, limber_presence_free);
  g_main_loop_unref (probe.loop);
  return 0;
}
