/* scheduler-fixture.c: a scheduler on a fake clock, fed and checked as rendered text, for the scheduler tests. */
#include "scheduler-fixture.h"

static const char *const stat_names[] = { "sitting", "bout", "due", "natural", "guided", "partial",
                                          "snoozed", "skipped", "ignored", "micro-shown", "micro-taken", "break",
                                          "standing", "stood-up", "sat-down" };

/* Stats rendered with their from-to interval instead of their time. */
#define INTERVAL_STATS ((1u << LIMBER_STAT_SITTING) | (1u << LIMBER_STAT_BOUT) | (1u << LIMBER_STAT_BREAK) \
  | (1u << LIMBER_STAT_STANDING) | (1u << LIMBER_STAT_TAKEN_NATURAL) | (1u << LIMBER_STAT_TAKEN_GUIDED) | (1u << LIMBER_STAT_PARTIAL))

/* The shipped defaults. */
const LimberSchedulerSettings scheduler_defaults = {
  .sit_limit_us = 30 * MIN_US, .break_length_us = 2 * MIN_US, .micro_interval_us = 20 * MIN_US,
  .micro_length_us = 30 * S_US, .snooze_us = 5 * MIN_US, .max_snoozes = 2,
  .defer_mask = LIMBER_BUSY_FULLSCREEN | LIMBER_BUSY_DND, .sampled_mask = LIMBER_BUSY_FULLSCREEN,
  .defer_cap_us = 20 * MIN_US,
};

/* The shipped defaults with [profile] desk = sit-stand: sit 20, stand 8 (and 45 at most). */
const LimberSchedulerSettings scheduler_sit_stand = {
  .sit_limit_us = 30 * MIN_US, .break_length_us = 2 * MIN_US, .micro_interval_us = 20 * MIN_US,
  .micro_length_us = 30 * S_US, .snooze_us = 5 * MIN_US, .max_snoozes = 2,
  .defer_mask = LIMBER_BUSY_FULLSCREEN | LIMBER_BUSY_DND, .sampled_mask = LIMBER_BUSY_FULLSCREEN,
  .defer_cap_us = 20 * MIN_US,
  .sit_stand = TRUE, .sit_before_stand_us = 20 * MIN_US, .stand_before_sit_us = 8 * MIN_US,
  .stand_limit_us = 45 * MIN_US,
};

void
fixture_init (Fixture *f, const LimberSchedulerSettings *settings)
{
  f->settings = settings != NULL ? *settings : scheduler_defaults;
  f->scheduler = limber_scheduler_new (&f->settings, T0_US);
  f->actions = g_array_new (FALSE, TRUE, sizeof (LimberAction));
  f->now_us = T0_US;
}

void
fixture_clear (Fixture *f)
{
  limber_scheduler_free (f->scheduler);
  g_array_unref (f->actions);
}

static void
append_time (GString *out, const char *prefix, gint64 at_us)
{
  gint64 s = (at_us - T0_US) / S_US;

  g_string_append_printf (out, "%s%" G_GINT64_FORMAT ":%02d", prefix, s / 60, (int) (s % 60));
}

/* One word per action (STATE_CHANGED left out), e.g. "movement/2@30:00 sitting(0:00-30:00)". */
static char *
render (GArray *actions)
{
  static const char *const kind_names[] = { "movement", "micro", "step", "done", "withdraw", "state", "stat",
                                            "expect-return", "posture" };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < actions->len; i++)
    {
      const LimberAction *a = &g_array_index (actions, LimberAction, i);

      if (a->kind == LIMBER_ACTION_STATE_CHANGED)
        continue;
      g_string_append (out, out->len > 0 ? " " : "");
      if (a->kind == LIMBER_ACTION_STAT && (INTERVAL_STATS & (1u << a->stat)))
        {
          g_string_append_printf (out, "%s%s", stat_names[a->stat], a->was_due ? "*" : "");
          append_time (out, "(", a->from_us);
          append_time (out, "-", a->to_us);
          g_string_append_c (out, ')');
          continue;
        }
      if (a->kind == LIMBER_ACTION_STAT)
        g_string_append_printf (out, "%s%s", stat_names[a->stat], a->was_due ? "*" : "");
      else
        g_string_append (out, kind_names[a->kind]);
      if (a->kind == LIMBER_ACTION_SHOW_MOVEMENT)
        g_string_append_printf (out, "%s/%u", a->escalate ? "!" : "", a->snoozes_left);
      else if (a->kind == LIMBER_ACTION_SHOW_STEP)
        g_string_append_printf (out, "%u/%u", a->step, a->n_steps);
      else if (a->kind == LIMBER_ACTION_SHOW_POSTURE)
        g_string_append (out, a->prompt == LIMBER_PROMPT_STAND ? "/stand"
                              : a->prompt == LIMBER_PROMPT_SIT ? "/sit" : "/limit");
      append_time (out, "@", a->at_us);
    }
  return g_string_free (out, FALSE);
}

void
expect_actions (Fixture *f, const char *expected)
{
  g_autofree char *got = render (f->actions);

  g_assert_cmpstr (got, ==, expected);
}

void
flush (Fixture *f, gint64 at_us, const char *expected)
{
  g_array_set_size (f->actions, 0);
  limber_scheduler_flush (f->scheduler, at_us, f->actions);
  expect_actions (f, expected);
}

void
reload (Fixture *f, const LimberSchedulerSettings *settings, gint64 at_us, const char *expected)
{
  g_array_set_size (f->actions, 0);
  limber_scheduler_set_settings (f->scheduler, settings, at_us, f->actions);
  expect_actions (f, expected);
}

/* Feeds TICKs at every deadline up to until_us, then checks everything that came out. */
void
run_until (Fixture *f, gint64 until_us, const char *expected)
{
  gint64 deadline_us;

  g_array_set_size (f->actions, 0);
  while ((deadline_us = limber_scheduler_get_next_deadline_us (f->scheduler)) <= until_us)
    {
      LimberObservation tick = { .kind = LIMBER_OBSERVATION_TICK, .at_us = deadline_us };

      g_assert_cmpint (deadline_us, >=, f->now_us);
      limber_scheduler_observe (f->scheduler, &tick, f->actions);
      f->now_us = deadline_us;
    }
  f->now_us = MAX (f->now_us, until_us);
  expect_actions (f, expected);
}

/* Runs to at_us, then feeds one observation; checks the actions the observation itself gave. */
void
feed_full (Fixture *f, LimberObservation obs, const char *expected)
{
  /* Nothing visible may happen before the observation: run_until first when it should. */
  run_until (f, obs.at_us, "");
  g_array_set_size (f->actions, 0);
  limber_scheduler_observe (f->scheduler, &obs, f->actions);
  expect_actions (f, expected);
}

void
feed (Fixture *f, LimberObservationKind kind, gint64 at_us, const char *expected)
{
  feed_full (f, (LimberObservation) { .kind = kind, .at_us = at_us }, expected);
}

void
feed_away (Fixture *f, gint64 since_us, gint64 at_us, const char *expected)
{
  feed_full (f, (LimberObservation) { .kind = LIMBER_OBSERVATION_AWAY, .at_us = at_us, .since_us = since_us },
             expected);
}

void
feed_start (Fixture *f, gint64 at_us, const gint64 *step_us, guint n_steps, const char *expected)
{
  feed_full (f, (LimberObservation) { .kind = LIMBER_OBSERVATION_START, .at_us = at_us,
                                      .step_us = step_us, .n_steps = n_steps }, expected);
}


LimberStatus
status (Fixture *f)
{
  LimberStatus out;

  limber_scheduler_get_status (f->scheduler, f->now_us, &out);
  return out;
}

LimberSchedulerSettings
no_micro (void)
{
  LimberSchedulerSettings settings = scheduler_defaults;

  settings.micro_interval_us = 0;
  return settings;
}
