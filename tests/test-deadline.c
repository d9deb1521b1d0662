/* test-deadline.c: the CLOCK_BOOTTIME timerfd fires at absolute due times, re-arms and disarms,
 * and reports the kernel refusing a timer as an error. */
#include "platform/deadline.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

typedef struct
{
  GMainLoop *loop;
  LimberDeadline *deadline;
  guint fired;
  gint64 fired_at_us;
} Fixture;

static gboolean
on_due (gpointer user_data)
{
  Fixture *f = user_data;

  f->fired++;
  f->fired_at_us = limber_now_us ();
  return G_SOURCE_CONTINUE;
}

static gboolean
on_guard (gpointer user_data)
{
  Fixture *f = user_data;

  g_main_loop_quit (f->loop);
  return G_SOURCE_REMOVE;
}

/* Runs the loop for @ms of CLOCK_MONOTONIC time: the guard, not the deadline, ends it. */
static void
run_for (Fixture *f,
         guint    ms)
{
  g_timeout_add (ms, on_guard, f);
  g_main_loop_run (f->loop);
}

/* Every arming in these tests must succeed. */
static void
set_ok (LimberDeadline *deadline,
        gint64          due_us)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (limber_deadline_set (deadline, due_us, &error));
  g_assert_no_error (error);
}

static void
fixture_init (Fixture *f)
{
  g_autoptr (GError) error = NULL;

  f->loop = g_main_loop_new (NULL, FALSE);
  f->deadline = limber_deadline_new (on_due, f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->deadline);
  f->fired = 0;
  f->fired_at_us = 0;
}

static void
fixture_clear (Fixture *f)
{
  g_clear_pointer (&f->deadline, limber_deadline_free);
  g_clear_pointer (&f->loop, g_main_loop_unref);
}

static void
test_now_is_boottime (void)
{
  struct timespec ts;
  gint64 before_us = limber_now_us ();
  gint64 boot_us;

  g_assert_cmpint (clock_gettime (CLOCK_BOOTTIME, &ts), ==, 0);
  boot_us = (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
  g_assert_cmpint (before_us, <=, boot_us);
  g_assert_cmpint (limber_now_us (), >=, boot_us);
}

static void
test_fires_at_due_time (void)
{
  Fixture f;
  gint64 due_us;

  fixture_init (&f);
  due_us = limber_now_us () + 40 * 1000;
  set_ok (f.deadline, due_us);
  g_assert_cmpint (limber_deadline_get (f.deadline), ==, due_us);
  run_for (&f, 200);
  g_assert_cmpuint (f.fired, ==, 1);
  g_assert_cmpint (f.fired_at_us, >=, due_us);
  /* One-shot: fired means disarmed. */
  g_assert_cmpint (limber_deadline_get (f.deadline), ==, G_MAXINT64);
  fixture_clear (&f);
}

static void
test_rearm_replaces (void)
{
  Fixture f;
  gint64 later_us;

  fixture_init (&f);
  set_ok (f.deadline, limber_now_us () + 20 * 1000);
  later_us = limber_now_us () + 120 * 1000;
  set_ok (f.deadline, later_us);
  run_for (&f, 300);
  g_assert_cmpuint (f.fired, ==, 1);
  g_assert_cmpint (f.fired_at_us, >=, later_us);

  /* Moving it earlier works too. */
  f.fired = 0;
  set_ok (f.deadline, limber_now_us () + 10 * 1000 * 1000);
  set_ok (f.deadline, limber_now_us () + 20 * 1000);
  run_for (&f, 200);
  g_assert_cmpuint (f.fired, ==, 1);
  fixture_clear (&f);
}

static void
test_maxint_disarms (void)
{
  Fixture f;

  fixture_init (&f);
  set_ok (f.deadline, limber_now_us () + 20 * 1000);
  set_ok (f.deadline, G_MAXINT64);
  g_assert_cmpint (limber_deadline_get (f.deadline), ==, G_MAXINT64);
  run_for (&f, 150);
  g_assert_cmpuint (f.fired, ==, 0);
  fixture_clear (&f);
}

static void
test_past_fires_at_once (void)
{
  Fixture f;

  fixture_init (&f);
  set_ok (f.deadline, limber_now_us () - G_USEC_PER_SEC);
  run_for (&f, 100);
  g_assert_cmpuint (f.fired, ==, 1);

  /* 0 would disarm a timerfd; the deadline must still fire. */
  set_ok (f.deadline, 0);
  run_for (&f, 100);
  g_assert_cmpuint (f.fired, ==, 2);
  fixture_clear (&f);
}

static void
test_expired_not_dispatched_is_dropped (void)
{
  Fixture f;

  fixture_init (&f);
  /* Let the timer expire without running the loop, then re-arm far away:
   * the old expiry must not reach the callback. */
  set_ok (f.deadline, limber_now_us () - 1);
  g_usleep (20 * 1000);
  set_ok (f.deadline, limber_now_us () + 60 * G_USEC_PER_SEC);
  run_for (&f, 100);
  g_assert_cmpuint (f.fired, ==, 0);
  fixture_clear (&f);
}

/* With no file descriptor left to give, there is no timer: an error, not an abort. */
static void
test_new_fails_without_fds (void)
{
  struct rlimit saved, none;
  g_autoptr (GError) error = NULL;
  g_autofree char *reason = g_strdup (g_strerror (EMFILE)); /* before fds run out: it may load locale data */
  LimberDeadline *deadline;

  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &saved), ==, 0);
  none = saved;
  none.rlim_cur = 0;
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &none), ==, 0);
  deadline = limber_deadline_new (on_due, NULL, &error);
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &saved), ==, 0);

  g_assert_null (deadline);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_OPEN_FILES);
  g_assert_nonnull (strstr (error->message, "timerfd_create (CLOCK_BOOTTIME) failed"));
  g_assert_nonnull (strstr (error->message, reason));
}

/* The deadline's descriptor, found the way a reader of /proc would: the one timerfd of this process. */
static int
find_timerfd (void)
{
  g_autoptr (GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;
  int found = -1;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (path, NULL);

      if (g_strcmp0 (target, "anon_inode:[timerfd]") == 0)
        {
          g_assert_cmpint (found, ==, -1);
          found = atoi (name);
        }
    }
  g_assert_cmpint (found, >=, 0);
  return found;
}

/* A timer the kernel refuses to arm is an error for the caller, and no due time is kept. */
static void
test_set_fails_on_a_broken_timer (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberDeadline) deadline = limber_deadline_new (on_due, NULL, &error);
  g_autofree char *expected = g_strdup_printf ("timerfd_settime: %s", g_strerror (EINVAL));
  int null_fd;

  g_assert_no_error (error);
  set_ok (deadline, limber_now_us () + 60 * G_USEC_PER_SEC);
  /* Put something that is no timerfd where the timer was: timerfd_settime answers EINVAL. */
  null_fd = open ("/dev/null", O_RDONLY | O_CLOEXEC);
  g_assert_cmpint (null_fd, >=, 0);
  g_assert_cmpint (dup2 (null_fd, find_timerfd ()), >=, 0);
  close (null_fd);

  g_assert_false (limber_deadline_set (deadline, limber_now_us () + G_USEC_PER_SEC, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpint (limber_deadline_get (deadline), ==, G_MAXINT64);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/deadline/now-is-boottime", test_now_is_boottime);
  g_test_add_func ("/deadline/fires-at-due-time", test_fires_at_due_time);
  g_test_add_func ("/deadline/rearm-replaces", test_rearm_replaces);
  g_test_add_func ("/deadline/maxint-disarms", test_maxint_disarms);
  g_test_add_func ("/deadline/past-fires-at-once", test_past_fires_at_once);
  g_test_add_func ("/deadline/expired-not-dispatched-is-dropped",
                   test_expired_not_dispatched_is_dropped);
  g_test_add_func ("/deadline/new-fails-without-fds", test_new_fails_without_fds);
  g_test_add_func ("/deadline/set-fails-on-a-broken-timer", test_set_fails_on_a_broken_timer);
  return g_test_run ();
}
