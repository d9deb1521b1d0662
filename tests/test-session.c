/* test-session.c: the session type check, and logind absence reported once without failing. */
#include "platform/session.h"

#include <glib/gstdio.h>

static void
test_is_wayland (void)
{
  g_unsetenv ("WAYLAND_DISPLAY");
  g_setenv ("XDG_SESSION_TYPE", "x11", TRUE);
  g_assert_false (limber_session_is_wayland ());
  g_setenv ("WAYLAND_DISPLAY", "", TRUE);
  g_assert_false (limber_session_is_wayland ());
  g_setenv ("WAYLAND_DISPLAY", "wayland-0", TRUE);
  g_assert_true (limber_session_is_wayland ());
  g_unsetenv ("WAYLAND_DISPLAY");
  g_setenv ("XDG_SESSION_TYPE", "wayland", TRUE);
  g_assert_true (limber_session_is_wayland ());
  g_unsetenv ("XDG_SESSION_TYPE");
  g_assert_false (limber_session_is_wayland ());
}

typedef struct
{
  GMainLoop *loop;
  guint ready;
  gboolean had_path;
  guint other;
} Seen;

static void
on_ready (const char *session_path,
          gpointer    user_data)
{
  Seen *seen = user_data;

  seen->ready++;
  seen->had_path = session_path != NULL;
  g_main_loop_quit (seen->loop);
}

static void
on_other (gboolean flag,
          gint64   at_us,
          gpointer user_data)
{
  ((Seen *) user_data)->other++;
}

static void
test_no_system_bus (void)
{
  const LimberSessionFuncs funcs = { .locked = on_other, .sleeping = on_other, .ready = on_ready,
                                     .active = on_other };
  g_autofree char *dir = g_dir_make_tmp ("limber-session-XXXXXX", NULL);
  g_autofree char *address = g_strdup_printf ("unix:path=%s/no-bus", dir);
  g_autoptr (LimberSession) session = NULL;
  Seen seen = { g_main_loop_new (NULL, FALSE), 0, TRUE, 0 };

  g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", address, TRUE);
  g_test_expect_message ("limber", G_LOG_LEVEL_MESSAGE, "No system bus*");
  session = limber_session_new (&funcs, &seen);
  g_main_loop_run (seen.loop);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (seen.ready, ==, 1);
  g_assert_false (seen.had_path);
  g_assert_cmpuint (seen.other, ==, 0);
  g_assert_false (limber_session_has_sleep_lock (session));
  limber_session_release_sleep_lock (session);  /* harmless without a lock */
  g_main_loop_unref (seen.loop);
  g_rmdir (dir);
}

static gboolean
on_timeout_quit (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_free_while_pending (void)
{
  const LimberSessionFuncs funcs = { .locked = on_other, .sleeping = on_other, .ready = on_ready,
                                     .active = on_other };
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Seen seen = { loop, 0, FALSE, 0 };
  LimberSession *session;

  g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/limber-test", TRUE);
  session = limber_session_new (&funcs, &seen);
  limber_session_free (session);
  /* The cancelled connection attempt must not call back into freed memory. */
  g_timeout_add (50, on_timeout_quit, loop);
  g_main_loop_run (loop);
  g_assert_cmpuint (seen.ready, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/session/is-wayland", test_is_wayland);
  g_test_add_func ("/session/no-system-bus", test_no_system_bus);
  g_test_add_func ("/session/free-while-pending", test_free_while_pending);
  return g_test_run ();
}
