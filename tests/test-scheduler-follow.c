/* test-scheduler-follow.c: another program's movement breaks (GNOME Wellbeing) followed by the
 * scheduler: Limber's own due times quiet, its break declared when the other's is due, the
 * other's break credited, with a fake clock. */
#include <glib.h>

#include "scheduler-fixture.h"

static void
feed_external (Fixture *f, LimberExternal external, gint64 at_us, const char *expected)
{
  feed_full (f, (LimberObservation) { .kind = LIMBER_OBSERVATION_EXTERNAL, .at_us = at_us,
                                      .external = external }, expected);
}

static void
feed_taken (Fixture *f, gint64 since_us, gint64 at_us, const char *expected)
{
  feed_full (f, (LimberObservation) { .kind = LIMBER_OBSERVATION_EXTERNAL_TAKEN, .at_us = at_us,
                                      .since_us = since_us }, expected);
}

/* Following: Limber's own due time passes in silence; the other's due break declares Limber's,
 * and the reminder (the routine on offer) comes at once. */
static void
test_quiet_until_other_due (void)
{
  LimberSchedulerSettings settings = no_micro ();
  Fixture f;

  fixture_init (&f, &settings);
  feed_external (&f, LIMBER_EXTERNAL_FOLLOW, AT (1, 0), "");
  g_assert_cmpint (status (&f).external, ==, LIMBER_EXTERNAL_FOLLOW);
  g_assert_cmpint (status (&f).next_due_us, ==, G_MAXINT64);
  run_until (&f, AT (45, 0), "");
  g_assert_false (status (&f).break_due);
  feed_external (&f, LIMBER_EXTERNAL_DUE, AT (46, 0), "due@46:00 movement/2@46:00");
  /* Still due on the other side: nothing more is declared. */
  feed_external (&f, LIMBER_EXTERNAL_DUE, AT (46, 10), "");
  fixture_clear (&f);
}

/* The other's break taken while the user is away and Limber's natural break not reached yet
 * (GNOME's may be 1 min, Limber's 2 min): credited from its start, ended at the return. */
static void
test_taken_while_away (void)
{
  LimberSchedulerSettings settings = no_micro ();
  Fixture f;

  fixture_init (&f, &settings);
  feed_external (&f, LIMBER_EXTERNAL_FOLLOW, AT (0, 0), "");
  feed_external (&f, LIMBER_EXTERNAL_DUE, AT (20, 0), "due@20:00 movement/2@20:00");
  feed_away (&f, AT (20, 10), AT (20, 40), "");
  feed_taken (&f, AT (20, 10), AT (21, 10),
              "withdraw@21:10 sitting(0:00-20:10) bout(0:00-20:10) natural*(20:10-21:10)");
  feed_external (&f, LIMBER_EXTERNAL_FOLLOW, AT (21, 10), "");
  feed (&f, LIMBER_OBSERVATION_PRESENT, AT (21, 30), "break(20:10-21:30)");
  g_assert_cmpint (status (&f).sitting_since_us, ==, AT (21, 30));
  fixture_clear (&f);
}

/* A break Limber counted itself (away for its length) is not counted again. */
static void
test_taken_counted_once (void)
{
  LimberSchedulerSettings settings = no_micro ();
  Fixture f;

  fixture_init (&f, &settings);
  feed_external (&f, LIMBER_EXTERNAL_DUE, AT (20, 0), "due@20:00 movement/2@20:00");
  feed_away (&f, AT (20, 10), AT (20, 40), "");
  run_until (&f, AT (22, 10), "withdraw@22:10 sitting(0:00-20:10) bout(0:00-20:10) natural*(20:10-22:10)");
  feed (&f, LIMBER_OBSERVATION_PRESENT, AT (25, 0), "break(20:10-25:00)");
  feed_taken (&f, AT (20, 10), AT (25, 5), "");
  fixture_clear (&f);
}

/* Taken while the user is back (the other program saw idleness Limber did not): the break
 * counts and ends at once; the routine on offer is withdrawn. */
static void
test_taken_while_present (void)
{
  LimberSchedulerSettings settings = no_micro ();
  Fixture f;

  fixture_init (&f, &settings);
  feed_external (&f, LIMBER_EXTERNAL_DUE, AT (20, 0), "due@20:00 movement/2@20:00");
  feed_taken (&f, AT (20, 30), AT (21, 30),
              "withdraw@21:30 sitting(0:00-20:30) bout(0:00-20:30) natural*(20:30-21:30) break(20:30-21:30)");
  g_assert_false (status (&f).break_due);
  g_assert_cmpint (status (&f).sitting_since_us, ==, AT (21, 30));
  fixture_clear (&f);
}

/* The other's break comes due while the user is away: Limber's is declared at the return, if
 * the absence was no break. */
static void
test_due_while_away (void)
{
  LimberSchedulerSettings settings = no_micro ();
  Fixture f;

  fixture_init (&f, &settings);
  feed_external (&f, LIMBER_EXTERNAL_FOLLOW, AT (0, 0), "");
  feed_away (&f, AT (29, 30), AT (30, 0), "");
  feed_external (&f, LIMBER_EXTERNAL_DUE, AT (30, 10), "");
  feed (&f, LIMBER_OBSERVATION_PRESENT, AT (31, 0), "due@31:00 movement/2@31:00");
  fixture_clear (&f);
}

/* The due break follows Limber's manners: held while busy, released when free. */
static void
test_due_while_busy (void)
{
  LimberSchedulerSettings settings = no_micro ();
  Fixture f;

  settings.defer_mask |= LIMBER_BUSY_CAMERA;
  fixture_init (&f, &settings);
  feed_full (&f, (LimberObservation) { .kind = LIMBER_OBSERVATION_BUSY, .at_us = AT (19, 0),
                                       .busy = LIMBER_BUSY_CAMERA }, "");
  feed_external (&f, LIMBER_EXTERNAL_DUE, AT (20, 0), "due@20:00");
  g_assert_cmpint (status (&f).held_since_us, ==, AT (20, 0));
  feed_full (&f, (LimberObservation) { .kind = LIMBER_OBSERVATION_BUSY, .at_us = AT (24, 0), .busy = 0 },
             "movement/2@24:00");
  fixture_clear (&f);
}

/* Back to Limber's own schedule: a due time already past is now. */
static void
test_own_schedule_again (void)
{
  LimberSchedulerSettings settings = no_micro ();
  Fixture f;

  fixture_init (&f, &settings);
  feed_external (&f, LIMBER_EXTERNAL_FOLLOW, AT (0, 0), "");
  run_until (&f, AT (40, 0), "");
  feed_external (&f, LIMBER_EXTERNAL_NONE, AT (40, 0), "due@40:00 movement/2@40:00");
  g_assert_cmpint (status (&f).external, ==, LIMBER_EXTERNAL_NONE);
  fixture_clear (&f);
}

/* Micro-breaks go on while following, even close to Limber's own (quiet) due time, where
 * they would otherwise give way to the movement break. */
static void
test_micro_goes_on (void)
{
  LimberSchedulerSettings settings = scheduler_defaults;
  Fixture f;

  settings.micro_interval_us = 25 * MIN_US;
  fixture_init (&f, &settings);
  run_until (&f, AT (30, 0), "due@30:00 movement/2@30:00");
  fixture_clear (&f);
  fixture_init (&f, &settings);
  feed_external (&f, LIMBER_EXTERNAL_FOLLOW, AT (0, 0), "");
  run_until (&f, AT (51, 0), "micro@25:00 micro-shown@25:00 withdraw@25:30 micro@50:00 micro-shown@50:00 "
                             "withdraw@50:30");
  fixture_clear (&f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scheduler-follow/quiet-until-other-due", test_quiet_until_other_due);
  g_test_add_func ("/scheduler-follow/taken-while-away", test_taken_while_away);
  g_test_add_func ("/scheduler-follow/taken-counted-once", test_taken_counted_once);
  g_test_add_func ("/scheduler-follow/taken-while-present", test_taken_while_present);
  g_test_add_func ("/scheduler-follow/due-while-away", test_due_while_away);
  g_test_add_func ("/scheduler-follow/due-while-busy", test_due_while_busy);
  g_test_add_func ("/scheduler-follow/own-schedule-again", test_own_schedule_again);
  g_test_add_func ("/scheduler-follow/micro-goes-on", test_micro_goes_on);
  return g_test_run ();
}
