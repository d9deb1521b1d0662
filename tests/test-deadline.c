/* test-deadline.c: the CLOCK_BOOTTIME timerfd fires at absolute due times, re-arms and disarms. */
#include "platform/deadline.h"

#include <time.h>

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

static void
fixture_init (Fixture *f)
{
  f->loop = g_main_loop_new (NULL, FALSE);
  f->deadline = limber_deadline_new (on_due, f);
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
  limber_deadline_set (f.deadline, due_us);
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
  limber_deadline_set (f.deadline, limber_now_us () + 20 * 1000);
  later_us = limber_now_us () + 120 * 1000;
  limber_deadline_set (f.deadline, later_us);
  run_for (&f, 300);
  g_assert_cmpuint (f.fired, ==, 1);
  g_assert_cmpint (f.fired_at_us, >=, later_us);

  /* Moving it earlier works too. */
  f.fired = 0;
  limber_deadline_set (f.deadline, limber_now_us () + 10 * 1000 * 1000);
  limber_deadline_set (f.deadline, limber_now_us () + 20 * 1000);
  run_for (&f, 200);
  g_assert_cmpuint (f.fired, ==, 1);
  fixture_clear (&f);
}

static void
test_maxint_disarms (void)
{
  Fixture f;

  fixture_init (&f);
  limber_deadline_set (f.deadline, limber_now_us () + 20 * 1000);
  limber_deadline_set (f.deadline, G_MAXINT64);
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
  limber_deadline_set (f.deadline, limber_now_us () - G_USEC_PER_SEC);
  run_for (&f, 100);
  g_assert_cmpuint (f.fired, ==, 1);

  /* 0 would disarm a timerfd; the deadline must still fire. */
  limber_deadline_set (f.deadline, 0);
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
  limber_deadline_set (f.deadline, limber_now_us () - 1);
  g_usleep (20 * 1000);
  limber_deadline_set (f.deadline, limber_now_us () + 60 * G_USEC_PER_SEC);
  run_for (&f, 100);
  g_assert_cmpuint (f.fired, ==, 0);
  fixture_clear (&f);
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
  return g_test_run ();
}
