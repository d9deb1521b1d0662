/* test-scheduler-manners.c: the scheduler's good manners (busy, held, released), the rules of the
 * user's choices, and popups the server takes down, with a fake clock. */
#include <glib.h>

#include "scheduler-fixture.h"

static void
feed_busy (Fixture *f, guint busy, gint64 at_us, const char *expected)
{
  feed_full (f, (LimberObservation) { .kind = LIMBER_OBSERVATION_BUSY, .at_us = at_us, .busy = busy }, expected);
}

/* Due during do-not-disturb: nothing shows; free again, the first reminder comes at once. */
static void
test_held_until_free (void)
{
  LimberSchedulerSettings settings = no_micro ();
  Fixture f;

  fixture_init (&f, &settings);
  feed_busy (&f, LIMBER_BUSY_DND, AT (25, 0), "");
  run_until (&f, AT (40, 0), "due@30:00");
  g_assert_cmpint (status (&f).held_since_us, ==, AT (30, 0));
  g_assert_true (status (&f).break_due);
  g_assert_false (status (&f).reminder_open);
  /* The status says when it will be released at the latest. */
  g_assert_cmpint (status (&f).next_due_us, ==, AT (50, 0));
  /* Held for more than two snooze periods: no snooze used, nothing ignored, not escalated. */
  feed_busy (&f, 0, AT (41, 0), "movement/2@41:00");
  g_assert_cmpint (status (&f).held_since_us, ==, 0);
  g_assert_cmpuint (status (&f).snoozes_used, ==, 0);
  fixture_clear (&f);
}

/* Busy all along: the cap releases the reminder defer_cap after it was first held. */
static void
test_cap_releases (void)
{
  LimberSchedulerSettings settings = no_micro ();
  Fixture f;

  fixture_init (&f, &settings);
  feed_busy (&f, LIMBER_BUSY_DND, AT (10, 0), "");
  run_until (&f, AT (49, 59), "due@30:00");
  run_until (&f, AT (50, 0), "movement/2@50:00");
  /* Unanswered, it comes back a snooze period later like any reminder, busy or not. */
  run_until (&f, AT (55, 0), "movement/1@55:00");
  fixture_clear (&f);
}

/* A reason the settings do not honour holds nothing. */
static void
test_reason_not_honoured (void)
{
  LimberSchedulerSettings settings = no_micro ();
  Fixture f;

  settings.defer_mask = LIMBER_BUSY_DND;
  fixture_init (&f, &settings);
  feed_busy (&f, LIMBER_BUSY_FULLSCREEN, AT (10, 0), "");
  run_until (&f, AT (30, 0), "due@30:00 movement/2@30:00");
  fixture_clear (&f);
}

/* A sampled reason (fullscreen on X11) asks for a look every cap/10 (at most a minute); an
 * announced one does not. */
static void
test_sampled_reason_rechecked (void)
{
  LimberSchedulerSettings settings = no_micro ();
  Fixture f;

  fixture_init (&f, &settings);
  feed_busy (&f, LIMBER_BUSY_FULLSCREEN, AT (10, 0), "");
  run_until (&f, AT (30, 0), "due@30:00");
  g_assert_cmpint (limber_scheduler_get_next_deadline_us (f.scheduler), ==, AT (31, 0));
  run_until (&f, AT (31, 0), "");
  g_assert_cmpint (limber_scheduler_get_next_deadline_us (f.scheduler), ==, AT (32, 0));
  feed_busy (&f, LIMBER_BUSY_DND, AT (33, 0), "");
  g_assert_cmpint (limber_scheduler_get_next_deadline_us (f.scheduler), ==, AT (50, 0));
  fixture_clear (&f);
}

/* Micro-breaks that fall while busy are dropped; being busy is not being away. */
static void
test_micro_dropped_while_busy (void)
{
  Fixture f;

  fixture_init (&f, NULL);
  feed_busy (&f, LIMBER_BUSY_DND, AT (15, 0), "");
  run_until (&f, AT (29, 0), "");
  g_assert_cmpint (status (&f).state, ==, LIMBER_STATE_SITTING);
  g_assert_cmpint (status (&f).sitting_since_us, ==, AT (0, 0));
  feed_busy (&f, 0, AT (29, 0), "");
  fixture_clear (&f);
}

/* Going away while held: the natural break ends the due break and what was held. */
static void
test_away_while_held (void)
{
  LimberSchedulerSettings settings = no_micro ();
  Fixture f;

  fixture_init (&f, &settings);
  feed_busy (&f, LIMBER_BUSY_DND, AT (25, 0), "");
  run_until (&f, AT (31, 0), "due@30:00");
  feed_away (&f, AT (31, 0), AT (33, 0), "sitting(0:00-31:00) bout(0:00-31:00) natural*(31:00-33:00)");
  g_assert_cmpint (status (&f).held_since_us, ==, 0);
  feed_busy (&f, 0, AT (34, 0), "");
  feed (&f, LIMBER_OBSERVATION_PRESENT, AT (35, 0), "break(31:00-35:00)");
  fixture_clear (&f);
}

/* A call and a film's inhibitor add up: held until the last reason ends; the cap still holds. */
static void
test_reasons_add_up (void)
{
  LimberSchedulerSettings settings = no_micro ();
  Fixture f;

  settings.defer_mask |= LIMBER_BUSY_CAMERA | LIMBER_BUSY_MICROPHONE | LIMBER_BUSY_INHIBITED;
  fixture_init (&f, &settings);
  feed_busy (&f, LIMBER_BUSY_CAMERA | LIMBER_BUSY_MICROPHONE, AT (25, 0), "");
  run_until (&f, AT (31, 0), "due@30:00");
  feed_busy (&f, LIMBER_BUSY_INHIBITED | LIMBER_BUSY_MICROPHONE, AT (32, 0), "");
  feed_busy (&f, LIMBER_BUSY_INHIBITED, AT (33, 0), "");
  g_assert_cmpint (status (&f).held_since_us, ==, AT (30, 0));
  g_assert_cmpuint (status (&f).busy, ==, LIMBER_BUSY_INHIBITED);
  /* Announced reasons need no look every cap/10: the next deadline is the cap. */
  g_assert_cmpint (limber_scheduler_get_next_deadline_us (f.scheduler), ==, AT (50, 0));
  feed_busy (&f, 0, AT (34, 0), "movement/2@34:00");
  /* A call is not a break, however still the user sits in it. */
  g_assert_cmpint (status (&f).sitting_since_us, ==, AT (0, 0));
  fixture_clear (&f);
}

static void
assert_refused (Fixture *f, LimberObservationKind kind, LimberRefusal refusal)
{
  g_autofree char *text = NULL;

  g_assert_cmpint (limber_scheduler_check (f->scheduler, kind), ==, refusal);
  text = limber_scheduler_refusal_to_text (f->scheduler, refusal);
  g_assert_true (refusal == LIMBER_REFUSAL_NONE ? text == NULL : text != NULL && *text != '\0');
}

/* Snooze needs a due break with a snooze left; a refused one changes nothing. */
static void
test_snooze_rules (void)
{
  LimberSchedulerSettings settings = no_micro ();
  Fixture f;

  fixture_init (&f, &settings);
  assert_refused (&f, LIMBER_OBSERVATION_SNOOZE, LIMBER_REFUSAL_NOTHING_DUE);
  feed (&f, LIMBER_OBSERVATION_SNOOZE, AT (10, 0), "");
  run_until (&f, AT (30, 0), "due@30:00 movement/2@30:00");
  assert_refused (&f, LIMBER_OBSERVATION_SNOOZE, LIMBER_REFUSAL_NONE);
  feed (&f, LIMBER_OBSERVATION_SNOOZE, AT (30, 10), "snoozed*@30:10 withdraw@30:10");
  run_until (&f, AT (35, 10), "movement/1@35:10");
  feed (&f, LIMBER_OBSERVATION_SNOOZE, AT (35, 20), "snoozed*@35:20 withdraw@35:20");
  run_until (&f, AT (40, 20), "movement/0@40:20");
  assert_refused (&f, LIMBER_OBSERVATION_SNOOZE, LIMBER_REFUSAL_NO_SNOOZE_LEFT);
  feed (&f, LIMBER_OBSERVATION_SNOOZE, AT (40, 30), "");
  g_assert_true (status (&f).reminder_open);
  fixture_clear (&f);
}

/* After a snooze the popup is gone but the break is still due: skip works. */
static void
test_skip_after_snooze (void)
{
  LimberSchedulerSettings settings = no_micro ();
  Fixture f;

  fixture_init (&f, &settings);
  assert_refused (&f, LIMBER_OBSERVATION_SKIP, LIMBER_REFUSAL_NOTHING_DUE);
  feed (&f, LIMBER_OBSERVATION_SKIP, AT (10, 0), "");
  g_assert_cmpint (status (&f).sitting_since_us, ==, AT (0, 0));
  run_until (&f, AT (30, 0), "due@30:00 movement/2@30:00");
  feed (&f, LIMBER_OBSERVATION_SNOOZE, AT (30, 10), "snoozed*@30:10 withdraw@30:10");
  assert_refused (&f, LIMBER_OBSERVATION_SKIP, LIMBER_REFUSAL_NONE);
  feed (&f, LIMBER_OBSERVATION_SKIP, AT (31, 0), "skipped*@31:00 sitting(0:00-31:00) bout(0:00-31:00)");
  g_assert_false (status (&f).break_due);
  fixture_clear (&f);
}

/* Start during a routine, and the routine's own choices without one. */
static void
test_routine_rules (void)
{
  Fixture f;

  fixture_init (&f, NULL);
  assert_refused (&f, LIMBER_OBSERVATION_NEXT, LIMBER_REFUSAL_NO_ROUTINE);
  assert_refused (&f, LIMBER_OBSERVATION_RESUME, LIMBER_REFUSAL_NOT_PAUSED);
  feed_start (&f, AT (5, 0), STEPS (30), 3, "step0/3@5:00");
  assert_refused (&f, LIMBER_OBSERVATION_START, LIMBER_REFUSAL_ROUTINE_RUNNING);
  assert_refused (&f, LIMBER_OBSERVATION_SNOOZE, LIMBER_REFUSAL_ROUTINE_RUNNING);
  assert_refused (&f, LIMBER_OBSERVATION_SKIP, LIMBER_REFUSAL_ROUTINE_RUNNING);
  feed_start (&f, AT (5, 10), STEPS (30), 3, "");
  feed (&f, LIMBER_OBSERVATION_NEXT, AT (5, 20), "step1/3@5:20");
  fixture_clear (&f);
}

/* The server took the reminder down: it is no longer open, and it comes back as if ignored. */
static void
test_expired (void)
{
  LimberSchedulerSettings settings = no_micro ();
  Fixture f;

  fixture_init (&f, &settings);
  run_until (&f, AT (30, 0), "due@30:00 movement/2@30:00");
  feed (&f, LIMBER_OBSERVATION_EXPIRED, AT (30, 25), "");
  g_assert_false (status (&f).reminder_open);
  g_assert_true (status (&f).break_due);
  run_until (&f, AT (35, 0), "movement/1@35:00");
  g_assert_true (status (&f).reminder_open);
  fixture_clear (&f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scheduler-manners/held-until-free", test_held_until_free);
  g_test_add_func ("/scheduler-manners/cap-releases", test_cap_releases);
  g_test_add_func ("/scheduler-manners/reason-not-honoured", test_reason_not_honoured);
  g_test_add_func ("/scheduler-manners/sampled-reason-rechecked", test_sampled_reason_rechecked);
  g_test_add_func ("/scheduler-manners/micro-dropped-while-busy", test_micro_dropped_while_busy);
  g_test_add_func ("/scheduler-manners/away-while-held", test_away_while_held);
  g_test_add_func ("/scheduler-manners/reasons-add-up", test_reasons_add_up);
  g_test_add_func ("/scheduler-choices/snooze", test_snooze_rules);
  g_test_add_func ("/scheduler-choices/skip-after-snooze", test_skip_after_snooze);
  g_test_add_func ("/scheduler-choices/routine", test_routine_rules);
  g_test_add_func ("/scheduler-choices/expired", test_expired);
  return g_test_run ();
}
