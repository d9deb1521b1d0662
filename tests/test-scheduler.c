/* test-scheduler.c: each scheduler rule with a fake clock and chosen times. */
#include <glib.h>

#include "scheduler-fixture.h"


static void
test_due_at_sit_limit (void)
{
  Fixture f;

  fixture_init (&f, NULL);
  g_assert_cmpint (status (&f).next_due_us, ==, AT (30, 0));
  /* The micro-break at 20:00 comes and goes by itself after micro_length. */
  run_until (&f, AT (29, 59), "micro@20:00 micro-shown@20:00 withdraw@20:30");
  run_until (&f, AT (30, 0), "due@30:00 movement/2@30:00");
  g_assert_true (status (&f).reminder_open);
  fixture_clear (&f);
}

static void
test_natural_break (void)
{
  Fixture f;

  fixture_init (&f, NULL);
  feed_away (&f, AT (10, 0), AT (10, 30), "");
  g_assert_cmpint (status (&f).state, ==, LIMBER_STATE_AWAY);
  /* No popup open: being away costs no wake-up at all. */
  g_assert_cmpint (limber_scheduler_get_next_deadline_us (f.scheduler), ==, G_MAXINT64);
  feed (&f, LIMBER_OBSERVATION_PRESENT, AT (15, 0),
        "sitting(0:00-10:00) bout(0:00-10:00) natural(10:00-12:00) break(10:00-15:00)");
  g_assert_cmpint (status (&f).sitting_since_us, ==, AT (15, 0));
  g_assert_cmpint (status (&f).next_due_us, ==, AT (45, 0));
  fixture_clear (&f);
}

static void
test_away_exactly_break_length (void)
{
  Fixture f;

  fixture_init (&f, NULL);
  feed_away (&f, AT (10, 0), AT (10, 30), "");
  feed (&f, LIMBER_OBSERVATION_PRESENT, AT (12, 0),
        "sitting(0:00-10:00) bout(0:00-10:00) natural(10:00-12:00) break(10:00-12:00)");
  fixture_clear (&f);

  /* One microsecond short: a micro-break only, the clock runs on. */
  fixture_init (&f, NULL);
  feed_away (&f, AT (10, 0), AT (10, 30), "");
  feed (&f, LIMBER_OBSERVATION_PRESENT, AT (12, 0) - 1, "micro-taken@11:59");
  g_assert_cmpint (status (&f).sitting_since_us, ==, T0_US);
  /* The micro-break resets the micro cadence: next one 20 min after the return. */
  run_until (&f, AT (30, 0), "due@30:00 movement/2@30:00");
  fixture_clear (&f);
}

static void
test_reminder_withdrawn_when_away (void)
{
  Fixture f;

  fixture_init (&f, NULL);
  run_until (&f, AT (30, 0), "micro@20:00 micro-shown@20:00 withdraw@20:30 due@30:00 movement/2@30:00");
  feed_away (&f, AT (30, 10), AT (30, 40), "");
  /* A reminder is open: wake at the moment the absence becomes a break. */
  g_assert_cmpint (limber_scheduler_get_next_deadline_us (f.scheduler), ==, AT (32, 10));
  run_until (&f, AT (32, 10),
             "withdraw@32:10 sitting(0:00-30:10) bout(0:00-30:10) natural*(30:10-32:10)");
  g_assert_false (status (&f).reminder_open);
  feed (&f, LIMBER_OBSERVATION_PRESENT, AT (40, 0), "break(30:10-40:00)");
  g_assert_cmpint (status (&f).next_due_us, ==, AT (70, 0));
  fixture_clear (&f);
}

static void
test_due_while_away_shown_at_return (void)
{
  Fixture f;

  fixture_init (&f, NULL);
  run_until (&f, AT (29, 0), "micro@20:00 micro-shown@20:00 withdraw@20:30");
  feed_away (&f, AT (29, 0), AT (29, 30), "");
  run_until (&f, AT (30, 30), "");
  feed (&f, LIMBER_OBSERVATION_PRESENT, AT (30, 50), "micro-taken@30:50 due@30:50 movement/2@30:50");
  fixture_clear (&f);
}

static void
test_micro_breaks (void)
{
  Fixture f;
  LimberSchedulerSettings settings;

  fixture_init (&f, NULL);
  run_until (&f, AT (20, 0), "micro@20:00 micro-shown@20:00");
  feed (&f, LIMBER_OBSERVATION_DONE, AT (20, 10), "withdraw@20:10 micro-taken@20:10");
  /* Next micro 20 min later would be 40:10, but the movement break at 30:00 comes first. */
  run_until (&f, AT (30, 0), "due@30:00 movement/2@30:00");
  fixture_clear (&f);

  /* A movement break due within micro_interval/4 of the micro-break suppresses it. */
  settings = scheduler_defaults;
  settings.sit_limit_us = 25 * MIN_US;
  fixture_init (&f, &settings);
  run_until (&f, AT (25, 0), "due@25:00 movement/2@25:00");
  fixture_clear (&f);

  /* micro_interval 0: no micro-breaks, and presence reports away at break_length only. */
  settings = scheduler_defaults;
  settings.micro_interval_us = 0;
  fixture_init (&f, &settings);
  g_assert_cmpint (limber_scheduler_get_away_threshold_us (f.scheduler), ==, 2 * MIN_US);
  run_until (&f, AT (30, 0), "due@30:00 movement/2@30:00");
  fixture_clear (&f);

  /* Never two reminders: a long-lived micro popup still open at the due time is replaced. */
  settings = scheduler_defaults;
  settings.micro_length_us = 15 * MIN_US;
  settings.micro_interval_us = 18 * MIN_US;
  fixture_init (&f, &settings);
  run_until (&f, AT (30, 0), "micro@18:00 micro-shown@18:00 withdraw@30:00 due@30:00 movement/2@30:00");
  fixture_clear (&f);
}

static void
test_routine_finished (void)
{
  Fixture f;

  fixture_init (&f, NULL);
  run_until (&f, AT (30, 0), "micro@20:00 micro-shown@20:00 withdraw@20:30 due@30:00 movement/2@30:00");
  feed_start (&f, AT (30, 5), STEPS (20), 3, "step0/3@30:05");
  g_assert_cmpint (status (&f).state, ==, LIMBER_STATE_IN_BREAK);
  g_assert_cmpint (limber_scheduler_get_next_deadline_us (f.scheduler), ==, AT (30, 25));
  run_until (&f, AT (30, 25), "step1/3@30:25");
  feed (&f, LIMBER_OBSERVATION_NEXT, AT (30, 30), "step2/3@30:30");
  run_until (&f, AT (31, 0),
             "done@30:50 sitting(0:00-30:05) bout(0:00-30:05) guided*(30:05-30:50) break(30:05-30:50)");
  g_assert_cmpint (status (&f).state, ==, LIMBER_STATE_SITTING);
  g_assert_cmpint (status (&f).next_due_us, ==, AT (60, 50));
  fixture_clear (&f);
}

static void
test_routine_abandoned (void)
{
  Fixture f;

  /* Back at the keyboard mid-routine, and staying: partial once the hold runs out. */
  fixture_init (&f, NULL);
  run_until (&f, AT (30, 0), "micro@20:00 micro-shown@20:00 withdraw@20:30 due@30:00 movement/2@30:00");
  feed_start (&f, AT (30, 0), STEPS (90), 2, "step0/2@30:00");
  feed_away (&f, AT (30, 0), AT (30, 30), "");
  feed (&f, LIMBER_OBSERVATION_PRESENT, AT (31, 0), "");
  run_until (&f, AT (32, 0), "step1/2@31:30 withdraw@32:00 partial*(30:00-32:00)");
  /* Not a break: the clock runs on; the reminder returns after a snooze period. */
  g_assert_cmpint (status (&f).sitting_since_us, ==, T0_US);
  run_until (&f, AT (37, 0), "due@37:00 movement/2@37:00");
  fixture_clear (&f);

  /* Back only to press Next, then stretching again: no partial. */
  fixture_init (&f, NULL);
  feed_start (&f, AT (10, 0), STEPS (50), 2, "step0/2@10:00");
  feed_away (&f, AT (10, 0), AT (10, 30), "");
  feed (&f, LIMBER_OBSERVATION_PRESENT, AT (10, 40), "");
  feed (&f, LIMBER_OBSERVATION_NEXT, AT (10, 41), "step1/2@10:41");
  feed_away (&f, AT (10, 42), AT (11, 12), "");
  run_until (&f, AT (11, 31), "done@11:31 sitting(0:00-10:00) bout(0:00-10:00) guided(10:00-11:31)");
  feed (&f, LIMBER_OBSERVATION_PRESENT, AT (11, 40), "break(10:00-11:40)");
  fixture_clear (&f);

  /* STOP is partial at once. */
  fixture_init (&f, NULL);
  feed_start (&f, AT (5, 0), STEPS (20), 3, "step0/3@5:00");
  feed (&f, LIMBER_OBSERVATION_STOP, AT (5, 10), "withdraw@5:10 partial(5:00-5:10)");
  g_assert_cmpint (status (&f).next_due_us, ==, AT (30, 0));
  fixture_clear (&f);

  /* "That hurt" from a due break's routine: partial at once, as STOP, but the reminder comes back
   * a whole sit-limit later, not a snooze later. Without a routine it is refused. */
  fixture_init (&f, NULL);
  g_assert_cmpint (limber_scheduler_check (f.scheduler, LIMBER_OBSERVATION_HURT), ==, LIMBER_REFUSAL_NO_ROUTINE);
  run_until (&f, AT (30, 0), "micro@20:00 micro-shown@20:00 withdraw@20:30 due@30:00 movement/2@30:00");
  feed_start (&f, AT (30, 0), STEPS (60), 3, "step0/3@30:00");
  feed (&f, LIMBER_OBSERVATION_HURT, AT (30, 20), "withdraw@30:20 partial*(30:00-30:20)");
  g_assert_cmpint (status (&f).next_due_us, ==, AT (60, 20));
  run_until (&f, AT (60, 19), "micro@40:00 micro-shown@40:00 withdraw@40:30");
  run_until (&f, AT (60, 20), "due@60:20 movement/2@60:20");
  fixture_clear (&f);
}

static void
test_lock_during_routine (void)
{
  Fixture f;

  fixture_init (&f, NULL);
  feed_start (&f, AT (19, 0), STEPS (60), 3, "step0/3@19:00");
  feed (&f, LIMBER_OBSERVATION_LOCKED, AT (19, 10), "");
  g_assert_cmpint (status (&f).state, ==, LIMBER_STATE_LOCKED);
  /* Locked for break_length during the routine credits it; the steps still run to the end. */
  run_until (&f, AT (22, 0),
             "step1/3@20:00 step2/3@21:00 sitting(0:00-19:00) bout(0:00-19:00) guided(19:00-21:10) done@22:00");
  feed (&f, LIMBER_OBSERVATION_UNLOCKED, AT (25, 0), "break(19:00-25:00)");
  g_assert_cmpint (status (&f).next_due_us, ==, AT (55, 0));
  fixture_clear (&f);
}

static void
test_suspend_across_due (void)
{
  Fixture f;

  /* The sleep was itself a break: no reminder on resume. */
  fixture_init (&f, NULL);
  run_until (&f, AT (29, 0), "micro@20:00 micro-shown@20:00 withdraw@20:30");
  feed (&f, LIMBER_OBSERVATION_ASLEEP, AT (29, 0), "");
  g_assert_cmpint (status (&f).state, ==, LIMBER_STATE_ASLEEP);
  feed (&f, LIMBER_OBSERVATION_AWAKE, AT (45, 0), "sitting(0:00-29:00) bout(0:00-29:00) natural(29:00-31:00) expect-return@45:00");
  feed (&f, LIMBER_OBSERVATION_PRESENT, AT (45, 5), "break(29:00-45:05)");
  run_until (&f, AT (60, 0), "");
  fixture_clear (&f);

  /* A short sleep across the due time: the reminder comes at the first input. */
  fixture_init (&f, NULL);
  run_until (&f, AT (29, 30), "micro@20:00 micro-shown@20:00 withdraw@20:30");
  feed (&f, LIMBER_OBSERVATION_ASLEEP, AT (29, 30), "");
  feed (&f, LIMBER_OBSERVATION_AWAKE, AT (30, 30), "expect-return@30:30");
  g_assert_cmpint (status (&f).state, ==, LIMBER_STATE_AWAY);
  feed (&f, LIMBER_OBSERVATION_PRESENT, AT (30, 40), "micro-taken@30:40 due@30:40 movement/2@30:40");
  fixture_clear (&f);
}

/* Fast user switching: another session on the seat is away, whatever input reaches this one. */
static void
test_session_switched_away (void)
{
  Fixture f;

  fixture_init (&f, NULL);
  feed (&f, LIMBER_OBSERVATION_INACTIVE, AT (10, 0), "");
  g_assert_cmpint (status (&f).state, ==, LIMBER_STATE_AWAY);
  g_assert_cmpint (status (&f).away_since_us, ==, AT (10, 0));
  /* Input while inactive is not a return: the sitting clock does not run on. */
  feed (&f, LIMBER_OBSERVATION_PRESENT, AT (11, 0), "");
  g_assert_cmpint (status (&f).state, ==, LIMBER_STATE_AWAY);
  feed (&f, LIMBER_OBSERVATION_ACTIVE, AT (15, 0),
        "sitting(0:00-10:00) bout(0:00-10:00) natural(10:00-12:00) break(10:00-15:00)");
  g_assert_cmpint (status (&f).state, ==, LIMBER_STATE_SITTING);
  g_assert_cmpint (status (&f).sitting_since_us, ==, AT (15, 0));
  fixture_clear (&f);

  /* A short switch is a short pause: the clock goes on, a micro-break is credited. */
  fixture_init (&f, NULL);
  feed (&f, LIMBER_OBSERVATION_INACTIVE, AT (10, 0), "");
  feed (&f, LIMBER_OBSERVATION_ACTIVE, AT (11, 0), "micro-taken@11:00");
  g_assert_cmpint (status (&f).sitting_since_us, ==, T0_US);
  fixture_clear (&f);

  /* A break falling due while another session has the seat is not shown there. */
  fixture_init (&f, NULL);
  run_until (&f, AT (29, 30), "micro@20:00 micro-shown@20:00 withdraw@20:30");
  feed (&f, LIMBER_OBSERVATION_INACTIVE, AT (29, 30), "");
  run_until (&f, AT (30, 30), "");
  feed (&f, LIMBER_OBSERVATION_ACTIVE, AT (30, 40), "micro-taken@30:40 due@30:40 movement/2@30:40");
  fixture_clear (&f);
}

/* Lock and switch overlap: the user is back only once both are over, in either order. */
static void
test_session_switched_and_locked (void)
{
  Fixture f;

  /* Unlocked while still inactive (a locker that gives up the lock): not back yet. */
  fixture_init (&f, NULL);
  feed (&f, LIMBER_OBSERVATION_LOCKED, AT (10, 0), "");
  feed (&f, LIMBER_OBSERVATION_INACTIVE, AT (10, 10), "");
  feed (&f, LIMBER_OBSERVATION_UNLOCKED, AT (10, 30), "");
  g_assert_cmpint (status (&f).state, ==, LIMBER_STATE_AWAY);
  g_assert_cmpint (status (&f).away_since_us, ==, AT (10, 0));
  feed (&f, LIMBER_OBSERVATION_ACTIVE, AT (14, 0),
        "sitting(0:00-10:00) bout(0:00-10:00) natural(10:00-12:00) break(10:00-14:00)");
  fixture_clear (&f);

  /* Switched back to a locked session: still locked until the password. */
  fixture_init (&f, NULL);
  feed (&f, LIMBER_OBSERVATION_INACTIVE, AT (10, 0), "");
  feed (&f, LIMBER_OBSERVATION_LOCKED, AT (10, 0), "");
  /* The break was credited at 12:00; it goes on while locked. */
  feed (&f, LIMBER_OBSERVATION_ACTIVE, AT (14, 0), "sitting(0:00-10:00) bout(0:00-10:00) natural(10:00-12:00)");
  g_assert_cmpint (status (&f).state, ==, LIMBER_STATE_LOCKED);
  feed (&f, LIMBER_OBSERVATION_UNLOCKED, AT (14, 20), "break(10:00-14:20)");
  g_assert_cmpint (status (&f).state, ==, LIMBER_STATE_SITTING);
  fixture_clear (&f);
}

static void
test_snooze_then_no_more (void)
{
  Fixture f;
  LimberSchedulerSettings settings;

  settings = scheduler_defaults;
  settings.micro_interval_us = 0;
  fixture_init (&f, &settings);
  run_until (&f, AT (30, 0), "due@30:00 movement/2@30:00");
  feed (&f, LIMBER_OBSERVATION_SNOOZE, AT (30, 5), "snoozed*@30:05 withdraw@30:05");
  g_assert_cmpuint (status (&f).snoozes_used, ==, 1);
  run_until (&f, AT (35, 5), "movement/1@35:05");
  feed (&f, LIMBER_OBSERVATION_SNOOZE, AT (35, 10), "snoozed*@35:10 withdraw@35:10");
  run_until (&f, AT (40, 10), "movement/0@40:10");
  /* max_snoozes reached: the option is gone, the popup stays. */
  feed (&f, LIMBER_OBSERVATION_SNOOZE, AT (40, 20), "");
  g_assert_true (status (&f).reminder_open);
  run_until (&f, AT (50, 10), "movement!/0@45:10 ignored*@50:10");
  run_until (&f, AT (80, 0), "");
  g_assert_true (status (&f).reminder_open);
  fixture_clear (&f);
}

static void
test_ignore_escalates_once (void)
{
  Fixture f;
  LimberSchedulerSettings settings;

  settings = scheduler_defaults;
  settings.micro_interval_us = 0;
  fixture_init (&f, &settings);
  run_until (&f, AT (50, 0), "due@30:00 movement/2@30:00 movement/1@35:00 movement!/0@40:00 ignored*@45:00");
  /* The popup stays; a new break is due one sit_limit later. */
  run_until (&f, AT (75, 0), "due@75:00 movement/2@75:00");
  /* Dismissing is ignoring too. */
  feed (&f, LIMBER_OBSERVATION_DISMISSED, AT (75, 1), "");
  g_assert_false (status (&f).reminder_open);
  run_until (&f, AT (85, 0), "movement/1@80:00 movement!/0@85:00");
  feed (&f, LIMBER_OBSERVATION_DISMISSED, AT (85, 1), "ignored*@85:01");
  fixture_clear (&f);
}

static void
test_skip (void)
{
  Fixture f;

  fixture_init (&f, NULL);
  run_until (&f, AT (30, 0), "micro@20:00 micro-shown@20:00 withdraw@20:30 due@30:00 movement/2@30:00");
  feed (&f, LIMBER_OBSERVATION_SKIP, AT (31, 0),
        "withdraw@31:00 skipped*@31:00 sitting(0:00-31:00) bout(0:00-31:00)");
  g_assert_cmpint (status (&f).sitting_since_us, ==, AT (31, 0));
  g_assert_cmpint (status (&f).next_due_us, ==, AT (61, 0));
  fixture_clear (&f);
}

/* The number of the last SHOW action of @kind in the fixture's actions. */
static guint
shown_number (Fixture *f, LimberActionKind kind)
{
  for (guint i = f->actions->len; i > 0; i--)
    {
      const LimberAction *a = &g_array_index (f->actions, LimberAction, i - 1);

      if (a->kind == kind)
        return a->break_number;
    }
  g_assert_not_reached ();
}

/* The rotation starts at its first routine: the first break offers the list's first. */
static void
test_rotation_from_first (void)
{
  Fixture f;

  fixture_init (&f, NULL);
  run_until (&f, AT (20, 0), "micro@20:00 micro-shown@20:00");
  g_assert_cmpuint (shown_number (&f, LIMBER_ACTION_SHOW_MICRO), ==, 0);
  run_until (&f, AT (30, 0), "withdraw@20:30 due@30:00 movement/2@30:00");
  g_assert_cmpuint (shown_number (&f, LIMBER_ACTION_SHOW_MOVEMENT), ==, 0);
  /* A snooze offers the same routine again; the next break, the next one. */
  feed (&f, LIMBER_OBSERVATION_SNOOZE, AT (30, 5), "snoozed*@30:05 withdraw@30:05");
  run_until (&f, AT (35, 5), "movement/1@35:05");
  g_assert_cmpuint (shown_number (&f, LIMBER_ACTION_SHOW_MOVEMENT), ==, 0);
  feed (&f, LIMBER_OBSERVATION_SKIP, AT (36, 0),
        "withdraw@36:00 skipped*@36:00 sitting(0:00-36:00) bout(0:00-36:00)");
  run_until (&f, AT (66, 0), "micro@56:00 micro-shown@56:00 withdraw@56:30 due@66:00 movement/2@66:00");
  g_assert_cmpuint (shown_number (&f, LIMBER_ACTION_SHOW_MOVEMENT), ==, 1);
  fixture_clear (&f);
}

static void
test_pause (void)
{
  Fixture f;

  fixture_init (&f, NULL);
  run_until (&f, AT (20, 0), "micro@20:00 micro-shown@20:00");
  feed (&f, LIMBER_OBSERVATION_PAUSE, AT (20, 10), "withdraw@20:10");
  g_assert_cmpint (status (&f).state, ==, LIMBER_STATE_PAUSED);
  g_assert_cmpint (status (&f).next_due_us, ==, G_MAXINT64);
  /* The break falls due (stats keep running) but nothing is shown. */
  run_until (&f, AT (60, 0), "due@30:00");
  feed (&f, LIMBER_OBSERVATION_RESUME, AT (60, 0), "movement/2@60:00");
  fixture_clear (&f);
}

static void
test_pause_across_midnight (void)
{
  Fixture f;
  LimberObservation pause = { .kind = LIMBER_OBSERVATION_PAUSE, .at_us = AT (0, 0), .until_us = AT (120, 0) };

  /* 23:00 .. 01:00 is just boot time to the scheduler; the daemon flushes at midnight. */
  fixture_init (&f, NULL);
  feed_full (&f, pause, "");
  g_assert_cmpint (status (&f).paused_until_us, ==, AT (120, 0));
  g_assert_cmpint (status (&f).next_due_us, ==, AT (120, 0));
  run_until (&f, AT (60, 0), "due@30:00");
  flush (&f, AT (60, 0), "sitting(0:00-60:00)");
  /* The pause ends by itself at its deadline, and the due break is shown then. */
  g_assert_cmpint (limber_scheduler_get_next_deadline_us (f.scheduler), ==, AT (120, 0));
  run_until (&f, AT (120, 0), "movement/2@120:00");
  g_assert_cmpint (status (&f).state, ==, LIMBER_STATE_SITTING);
  feed (&f, LIMBER_OBSERVATION_SKIP, AT (121, 0),
        "withdraw@121:00 skipped*@121:00 sitting(60:00-121:00) bout(0:00-121:00)");
  fixture_clear (&f);
}

static void
test_settings_change (void)
{
  Fixture f;
  LimberSchedulerSettings settings;

  settings = scheduler_defaults;
  settings.micro_interval_us = 0;
  fixture_init (&f, &settings);
  run_until (&f, AT (20, 0), "");
  /* Shorter than the time already sat: due now, not in the past. */
  settings.sit_limit_us = 15 * MIN_US;
  reload (&f, &settings, AT (20, 0), "due@20:00 movement/2@20:00");
  fixture_clear (&f);

  /* Longer: the reminder moves later. */
  settings = scheduler_defaults;
  settings.micro_interval_us = 0;
  fixture_init (&f, &settings);
  run_until (&f, AT (10, 0), "");
  settings.sit_limit_us = 45 * MIN_US;
  reload (&f, &settings, AT (10, 0), "");
  g_assert_cmpint (status (&f).next_due_us, ==, AT (45, 0));
  run_until (&f, AT (45, 0), "due@45:00 movement/2@45:00");
  fixture_clear (&f);
}

static void
test_state_changed (void)
{
  Fixture f;

  fixture_init (&f, NULL);
  feed (&f, LIMBER_OBSERVATION_TICK, AT (1, 0), "");
  g_assert_cmpuint (f.actions->len, ==, 0);
  feed (&f, LIMBER_OBSERVATION_LOCKED, AT (2, 0), "");
  g_assert_cmpuint (f.actions->len, ==, 1);
  g_assert_cmpint (g_array_index (f.actions, LimberAction, 0).kind, ==, LIMBER_ACTION_STATE_CHANGED);
  g_assert_cmpstr (limber_state_to_string (status (&f).state), ==, "locked");
  g_assert_cmpstr (limber_state_to_string (LIMBER_STATE_IN_BREAK), ==, "in-break");
  fixture_clear (&f);
}

static void
test_flush_while_away (void)
{
  Fixture f;

  fixture_init (&f, NULL);
  feed_away (&f, AT (10, 0), AT (10, 30), "");
  /* The absence may still become a break: only the time before it is sitting for sure. */
  flush (&f, AT (11, 0), "sitting(0:00-10:00)");
  feed (&f, LIMBER_OBSERVATION_PRESENT, AT (11, 30), "micro-taken@11:30");
  flush (&f, AT (12, 0), "sitting(10:00-12:00)");
  fixture_clear (&f);
}

static void
test_snapshot_restore (void)
{
  Fixture f, g;
  LimberSchedulerSnapshot snap;

  fixture_init (&f, NULL);
  run_until (&f, AT (30, 0), "micro@20:00 micro-shown@20:00 withdraw@20:30 due@30:00 movement/2@30:00");
  feed (&f, LIMBER_OBSERVATION_SNOOZE, AT (31, 0), "snoozed*@31:00 withdraw@31:00");
  limber_scheduler_snapshot (f.scheduler, AT (32, 0), &snap);
  g_assert_cmpint (snap.sitting_us, ==, 32 * MIN_US);
  g_assert_true (snap.due_open);

  /* A restart of 10 s: the clock goes on and the due break shows again at once. */
  fixture_init (&g, NULL);
  g_array_set_size (g.actions, 0);
  limber_scheduler_restore (g.scheduler, &snap, 10 * S_US, AT (0, 10), g.actions);
  expect_actions (&g, "movement/1@0:10");
  g_assert_cmpint (status (&g).sitting_since_us, ==, AT (0, 10) - 32 * MIN_US - 10 * S_US);
  fixture_clear (&g);

  /* A gap of break_length: the break was taken. */
  fixture_init (&g, NULL);
  limber_scheduler_restore (g.scheduler, &snap, 2 * MIN_US, AT (0, 0), g.actions);
  expect_actions (&g, "natural*(0:00-0:00)");
  g_assert_cmpint (status (&g).next_due_us, ==, AT (30, 0));
  fixture_clear (&g);

  /* The same gap unwatched (the daemon was killed): sitting, the due break shows again. */
  snap.gap_unwatched = TRUE;
  fixture_init (&g, NULL);
  g_array_set_size (g.actions, 0);
  limber_scheduler_restore (g.scheduler, &snap, 10 * MIN_US, AT (0, 0), g.actions);
  expect_actions (&g, "movement/1@0:00");
  g_assert_cmpint (status (&g).sitting_since_us, ==, AT (0, 0) - 42 * MIN_US);
  fixture_clear (&g);
  fixture_clear (&f);

  /* Unwatched, but a break was already under way at the snapshot: it counts. */
  fixture_init (&f, NULL);
  feed_away (&f, AT (10, 0), AT (10, 30), "");
  limber_scheduler_snapshot (f.scheduler, AT (13, 0), &snap);
  snap.gap_unwatched = TRUE;
  fixture_init (&g, NULL);
  limber_scheduler_restore (g.scheduler, &snap, 5 * MIN_US, AT (0, 0), g.actions);
  g_assert_cmpint (status (&g).sitting_since_us, ==, AT (0, 0));
  fixture_clear (&g);
  fixture_clear (&f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scheduler/due-at-sit-limit", test_due_at_sit_limit);
  g_test_add_func ("/scheduler/natural-break", test_natural_break);
  g_test_add_func ("/scheduler/away-exactly-break-length", test_away_exactly_break_length);
  g_test_add_func ("/scheduler/reminder-withdrawn-when-away", test_reminder_withdrawn_when_away);
  g_test_add_func ("/scheduler/due-while-away-shown-at-return", test_due_while_away_shown_at_return);
  g_test_add_func ("/scheduler/micro-breaks-never-two-reminders", test_micro_breaks);
  g_test_add_func ("/scheduler/routine-finished", test_routine_finished);
  g_test_add_func ("/scheduler/routine-abandoned", test_routine_abandoned);
  g_test_add_func ("/scheduler/lock-during-routine", test_lock_during_routine);
  g_test_add_func ("/scheduler/suspend-across-due", test_suspend_across_due);
  g_test_add_func ("/scheduler/session-switched-away", test_session_switched_away);
  g_test_add_func ("/scheduler/session-switched-and-locked", test_session_switched_and_locked);
  g_test_add_func ("/scheduler/snooze-then-no-more", test_snooze_then_no_more);
  g_test_add_func ("/scheduler/ignore-escalates-once", test_ignore_escalates_once);
  g_test_add_func ("/scheduler/skip", test_skip);
  g_test_add_func ("/scheduler/rotation-from-first", test_rotation_from_first);
  g_test_add_func ("/scheduler/pause", test_pause);
  g_test_add_func ("/scheduler/pause-across-midnight", test_pause_across_midnight);
  g_test_add_func ("/scheduler/settings-change", test_settings_change);
  g_test_add_func ("/scheduler/state-changed", test_state_changed);
  g_test_add_func ("/scheduler/flush-while-away", test_flush_while_away);
  g_test_add_func ("/scheduler/snapshot-restore", test_snapshot_restore);
  return g_test_run ();
}
