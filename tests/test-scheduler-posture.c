/* test-scheduler-posture.c: sitting and standing at a sit-stand desk through the scheduler, with a
 * fake clock: the 20-8-2 rhythm, the prompts once per spell, the stats, breaks, restarts, reload. */
#include <glib.h>

#include "scheduler-fixture.h"

/* The sit-stand defaults without micro-breaks, so that only posture and movement speak. */
static LimberSchedulerSettings
sit_stand (void)
{
  LimberSchedulerSettings settings = scheduler_sit_stand;

  settings.micro_interval_us = 0;
  return settings;
}

static void
stand (Fixture *f, gint64 at_us, const char *expected)
{
  feed (f, LIMBER_OBSERVATION_STAND, at_us, expected);
  g_assert_cmpint (status (f).posture, ==, LIMBER_POSTURE_STANDING);
}

static void
sit (Fixture *f, gint64 at_us, const char *expected)
{
  feed (f, LIMBER_OBSERVATION_SIT, at_us, expected);
  g_assert_cmpint (status (f).posture, ==, LIMBER_POSTURE_SITTING);
}

/* A sitting desk (the default) refuses both, and nothing about posture ever happens. */
static void
test_sitting_desk_refuses (void)
{
  Fixture f;

  fixture_init (&f, NULL);
  g_assert_cmpint (limber_scheduler_check (f.scheduler, LIMBER_OBSERVATION_STAND), ==, LIMBER_REFUSAL_NO_SIT_STAND);
  g_assert_cmpint (limber_scheduler_check (f.scheduler, LIMBER_OBSERVATION_SIT), ==, LIMBER_REFUSAL_NO_SIT_STAND);
  feed (&f, LIMBER_OBSERVATION_STAND, AT (5, 0), "");
  g_assert_cmpint (status (&f).posture, ==, LIMBER_POSTURE_SITTING);
  g_assert_cmpint (status (&f).posture_since_us, ==, status (&f).sitting_since_us);
  run_until (&f, AT (30, 0), "micro@20:00 micro-shown@20:00 withdraw@20:30 due@30:00 movement/2@30:00");
  fixture_clear (&f);
}

/* The defaults give Hedge's rhythm: stand after 20 min sitting, may sit after 8 min standing,
 * move after 30 min at the desk (the movement break still comes while standing). */
static void
test_rhythm_20_8_2 (void)
{
  LimberSchedulerSettings settings = sit_stand ();
  Fixture f;

  fixture_init (&f, &settings);
  run_until (&f, AT (20, 0), "posture/stand@20:00");
  g_assert_cmpint (limber_scheduler_check (f.scheduler, LIMBER_OBSERVATION_STAND), ==, LIMBER_REFUSAL_NONE);
  stand (&f, AT (20, 5), "withdraw@20:05 sitting(0:00-20:05) bout(0:00-20:05) stood-up@20:05");
  g_assert_cmpint (status (&f).posture_since_us, ==, AT (20, 5));
  /* The sitting clock is the desk clock: standing does not restart it. */
  g_assert_cmpint (status (&f).sitting_since_us, ==, AT (0, 0));
  g_assert_cmpint (status (&f).next_due_us, ==, AT (30, 0));
  /* The gentle notice, which goes by itself. */
  run_until (&f, AT (28, 5), "posture/sit@28:05");
  run_until (&f, AT (29, 0), "withdraw@28:35");
  run_until (&f, AT (30, 0), "due@30:00 movement/2@30:00");
  /* Two minutes away: a natural break; the standing time goes to the stats as standing. */
  feed_away (&f, AT (30, 10), AT (32, 10), "withdraw@32:10 standing(20:05-30:10) natural*(30:10-32:10)");
  feed (&f, LIMBER_OBSERVATION_PRESENT, AT (32, 40), "break(30:10-32:40)");
  /* Back at the desk, still standing (the desk stays up): a new standing spell. */
  g_assert_cmpint (status (&f).posture, ==, LIMBER_POSTURE_STANDING);
  g_assert_cmpint (status (&f).posture_since_us, ==, AT (32, 40));
  sit (&f, AT (33, 0), "standing(32:40-33:00) sat-down@33:00");
  run_until (&f, AT (53, 0), "posture/stand@53:00");
  flush (&f, AT (54, 0), "sitting(33:00-54:00)");
  fixture_clear (&f);
}

/* Standing: never "time to stand"; the stand-limit notice once per spell, and a movement
 * break is still due after sit-limit at the desk. */
static void
test_stand_limit_once (void)
{
  LimberSchedulerSettings settings = sit_stand ();
  Fixture f;

  settings.sit_limit_us = 2 * 60 * MIN_US;
  fixture_init (&f, &settings);
  stand (&f, AT (0, 10), "sitting(0:00-0:10) bout(0:00-0:10) stood-up@0:10");
  run_until (&f, AT (8, 10), "posture/sit@8:10");
  feed (&f, LIMBER_OBSERVATION_DISMISSED, AT (8, 20), "");
  run_until (&f, AT (45, 10), "posture/limit@45:10");
  g_assert_false (status (&f).reminder_open);
  /* Left up: it stays, and no second one comes in this spell. */
  run_until (&f, AT (119, 59), "");
  feed (&f, LIMBER_OBSERVATION_EXPIRED, AT (100, 0), "");
  run_until (&f, AT (120, 0), "due@120:00 movement/2@120:00");
  fixture_clear (&f);
}

/* Past stand-limit already when a prompt can show (a pause): only the limit notice. */
static void
test_limit_spends_sit_notice (void)
{
  LimberSchedulerSettings settings = sit_stand ();
  Fixture f;

  settings.sit_limit_us = 2 * 60 * MIN_US;
  fixture_init (&f, &settings);
  stand (&f, AT (0, 0), "stood-up@0:00");
  feed_full (&f, (LimberObservation) { .kind = LIMBER_OBSERVATION_PAUSE, .at_us = AT (1, 0), .until_us = AT (50, 0) },
             "");
  run_until (&f, AT (50, 0), "posture/limit@50:00");
  feed (&f, LIMBER_OBSERVATION_DISMISSED, AT (50, 30), "");
  run_until (&f, AT (110, 0), "");
  fixture_clear (&f);
}

/* The movement break takes over a posture popup; one close behind leaves "time to stand" out. */
static void
test_movement_first (void)
{
  LimberSchedulerSettings settings = sit_stand ();
  Fixture f;

  settings.sit_before_stand_us = 28 * MIN_US;
  fixture_init (&f, &settings);
  /* At 28:00 the break is 2 min away, less than a quarter of 28 min: no prompt. */
  run_until (&f, AT (30, 0), "due@30:00 movement/2@30:00");
  fixture_clear (&f);

  settings.sit_before_stand_us = 20 * MIN_US;
  settings.sit_limit_us = 26 * MIN_US;
  fixture_init (&f, &settings);
  settings.sit_limit_us = 22 * MIN_US;
  run_until (&f, AT (20, 0), "posture/stand@20:00");
  /* A reload brings the break nearer: it replaces the prompt when it falls due. */
  reload (&f, &settings, AT (21, 0), "");
  run_until (&f, AT (22, 0), "withdraw@22:00 due@22:00 movement/2@22:00");
  fixture_clear (&f);
}

/* Prompts wait while the user is busy, a popup is up or Limber is paused, and come when free. */
static void
test_prompt_waits (void)
{
  LimberSchedulerSettings settings = sit_stand ();
  Fixture f;

  fixture_init (&f, &settings);
  feed_full (&f, (LimberObservation) { .kind = LIMBER_OBSERVATION_BUSY, .at_us = AT (19, 0), .busy = LIMBER_BUSY_DND },
             "");
  run_until (&f, AT (21, 0), "");
  g_assert_cmpint (limber_scheduler_get_next_deadline_us (f.scheduler), ==, AT (30, 0));
  feed_full (&f, (LimberObservation) { .kind = LIMBER_OBSERVATION_BUSY, .at_us = AT (21, 0), .busy = 0 },
             "posture/stand@21:00");
  fixture_clear (&f);

  /* With micro-breaks on, the prompt goes first and the micro-break follows it. */
  fixture_init (&f, &scheduler_sit_stand);
  run_until (&f, AT (20, 0), "posture/stand@20:00");
  stand (&f, AT (20, 10), "withdraw@20:10 sitting(0:00-20:10) bout(0:00-20:10) stood-up@20:10 micro@20:10 "
         "micro-shown@20:10");
  fixture_clear (&f);
}

/* A natural break ends a spell: the prompts come a whole spell after the return. */
static void
test_break_ends_spell (void)
{
  LimberSchedulerSettings settings = sit_stand ();
  Fixture f;

  fixture_init (&f, &settings);
  feed_away (&f, AT (15, 0), AT (15, 30), "");
  feed (&f, LIMBER_OBSERVATION_PRESENT, AT (18, 0), "sitting(0:00-15:00) bout(0:00-15:00) natural(15:00-17:00) "
        "break(15:00-18:00)");
  g_assert_cmpint (status (&f).posture_since_us, ==, AT (18, 0));
  run_until (&f, AT (38, 0), "posture/stand@38:00");
  fixture_clear (&f);
}

/* Skipping a break starts a new sitting bout, but not a new standing spell. */
static void
test_skip (void)
{
  LimberSchedulerSettings settings = sit_stand ();
  Fixture f;

  settings.sit_before_stand_us = 0;
  settings.sit_limit_us = 10 * MIN_US;
  settings.stand_before_sit_us = 0;
  settings.stand_limit_us = 15 * MIN_US;
  fixture_init (&f, &settings);
  run_until (&f, AT (10, 0), "due@10:00 movement/2@10:00");
  feed (&f, LIMBER_OBSERVATION_SKIP, AT (10, 30), "withdraw@10:30 skipped*@10:30 sitting(0:00-10:30) "
        "bout(0:00-10:30)");
  g_assert_cmpint (status (&f).posture_since_us, ==, AT (10, 30));
  stand (&f, AT (11, 0), "sitting(10:30-11:00) bout(10:30-11:00) stood-up@11:00");
  run_until (&f, AT (20, 30), "due@20:30 movement/2@20:30");
  feed (&f, LIMBER_OBSERVATION_SKIP, AT (21, 0), "withdraw@21:00 skipped*@21:00 standing(11:00-21:00)");
  g_assert_cmpint (status (&f).posture_since_us, ==, AT (11, 0));
  run_until (&f, AT (26, 0), "posture/limit@26:00");
  fixture_clear (&f);
}

/* Changing posture while away: the desk interval closes at the change; a break counts from there. */
static void
test_change_while_away (void)
{
  LimberSchedulerSettings settings = sit_stand ();
  Fixture f;

  fixture_init (&f, &settings);
  feed_away (&f, AT (10, 0), AT (10, 30), "");
  stand (&f, AT (11, 0), "sitting(0:00-11:00) bout(0:00-11:00) stood-up@11:00");
  /* The credit at 12:00 is no deadline (nothing the user sees changes): it runs at the return. */
  feed (&f, LIMBER_OBSERVATION_PRESENT, AT (13, 0), "natural(11:00-12:00) break(11:00-13:00)");
  g_assert_cmpint (status (&f).posture, ==, LIMBER_POSTURE_STANDING);
  fixture_clear (&f);
}

/* A restart keeps the posture and the spell; after a long gap the posture stays and the spell
 * starts again. Shown prompts are not shown again in the same spell. */
static void
test_restore (void)
{
  LimberSchedulerSettings settings = sit_stand ();
  LimberSchedulerSnapshot snap;
  Fixture f, g;

  fixture_init (&f, &settings);
  stand (&f, AT (2, 0), "sitting(0:00-2:00) bout(0:00-2:00) stood-up@2:00");
  run_until (&f, AT (10, 30), "posture/sit@10:00 withdraw@10:30");
  limber_scheduler_snapshot (f.scheduler, AT (12, 0), &snap);
  g_assert_true (snap.standing);
  g_assert_cmpint (snap.posture_us, ==, 10 * MIN_US);
  g_assert_cmpuint (snap.prompts, ==, LIMBER_PROMPT_SIT);

  fixture_init (&g, &settings);
  g_array_set_size (g.actions, 0);
  limber_scheduler_restore (g.scheduler, &snap, 5 * S_US, AT (0, 0), g.actions);
  g_assert_cmpint (status (&g).posture, ==, LIMBER_POSTURE_STANDING);
  g_assert_cmpint (status (&g).posture_since_us, ==, AT (0, 0) - 5 * S_US - 10 * MIN_US);
  /* No second "you may sit" (it was due long ago); the desk clock went on too. */
  run_until (&g, AT (17, 54), "");
  run_until (&g, AT (17, 55), "due@17:55 movement/2@17:55");
  fixture_clear (&g);

  fixture_init (&g, &settings);
  limber_scheduler_restore (g.scheduler, &snap, 10 * MIN_US, AT (0, 0), g.actions);
  g_assert_cmpint (status (&g).posture, ==, LIMBER_POSTURE_STANDING);
  g_assert_cmpint (status (&g).posture_since_us, ==, AT (0, 0));
  run_until (&g, AT (8, 0), "posture/sit@8:00");
  fixture_clear (&g);

  /* Restored on a sitting desk: sitting. */
  settings.sit_stand = FALSE;
  fixture_init (&g, &settings);
  limber_scheduler_restore (g.scheduler, &snap, 5 * S_US, AT (0, 0), g.actions);
  g_assert_cmpint (status (&g).posture, ==, LIMBER_POSTURE_SITTING);
  g_assert_cmpint (status (&g).posture_since_us, ==, status (&g).sitting_since_us);
  fixture_clear (&g);
  fixture_clear (&f);
}

/* A reload to a sitting desk while standing: sitting from then on, the prompt gone. */
static void
test_reload_to_sitting_desk (void)
{
  LimberSchedulerSettings settings = sit_stand ();
  Fixture f;

  fixture_init (&f, &settings);
  stand (&f, AT (1, 0), "sitting(0:00-1:00) bout(0:00-1:00) stood-up@1:00");
  run_until (&f, AT (9, 0), "posture/sit@9:00");
  settings.sit_stand = FALSE;
  reload (&f, &settings, AT (9, 10), "withdraw@9:10 standing(1:00-9:10) sat-down@9:10");
  g_assert_cmpint (status (&f).posture, ==, LIMBER_POSTURE_SITTING);
  g_assert_cmpint (limber_scheduler_check (f.scheduler, LIMBER_OBSERVATION_STAND), ==, LIMBER_REFUSAL_NO_SIT_STAND);
  fixture_clear (&f);
}

/* The same posture again changes nothing; the status reports a change of posture. */
static void
test_repeat_and_status (void)
{
  LimberSchedulerSettings settings = sit_stand ();
  Fixture f;

  fixture_init (&f, &settings);
  sit (&f, AT (1, 0), "");
  g_array_set_size (f.actions, 0);
  limber_scheduler_observe (f.scheduler, &(LimberObservation) { .kind = LIMBER_OBSERVATION_STAND, .at_us = AT (2, 0) },
                            f.actions);
  g_assert_cmpuint (f.actions->len, >, 0);
  g_assert_cmpint (g_array_index (f.actions, LimberAction, f.actions->len - 1).kind, ==,
                   LIMBER_ACTION_STATE_CHANGED);
  f.now_us = AT (2, 0);
  stand (&f, AT (3, 0), "");
  g_assert_cmpstr (limber_posture_to_string (status (&f).posture), ==, "standing");
  g_assert_cmpstr (limber_posture_to_string (LIMBER_POSTURE_SITTING), ==, "sitting");
  fixture_clear (&f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scheduler-posture/sitting-desk-refuses", test_sitting_desk_refuses);
  g_test_add_func ("/scheduler-posture/rhythm-20-8-2", test_rhythm_20_8_2);
  g_test_add_func ("/scheduler-posture/stand-limit-once", test_stand_limit_once);
  g_test_add_func ("/scheduler-posture/limit-spends-sit-notice", test_limit_spends_sit_notice);
  g_test_add_func ("/scheduler-posture/movement-first", test_movement_first);
  g_test_add_func ("/scheduler-posture/prompt-waits", test_prompt_waits);
  g_test_add_func ("/scheduler-posture/break-ends-spell", test_break_ends_spell);
  g_test_add_func ("/scheduler-posture/skip", test_skip);
  g_test_add_func ("/scheduler-posture/change-while-away", test_change_while_away);
  g_test_add_func ("/scheduler-posture/restore", test_restore);
  g_test_add_func ("/scheduler-posture/reload-to-sitting-desk", test_reload_to_sitting_desk);
  g_test_add_func ("/scheduler-posture/repeat-and-status", test_repeat_and_status);
  return g_test_run ();
}
