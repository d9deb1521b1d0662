/* bench/scheduler.c: nanoseconds per scheduler step over a simulated year of desk work.
 *
 * A first pass plays a seeded year (work with short pauses, walks, lunches, nights asleep, reminders
 * answered with snooze, skip or the routine) and records every observation it fed, deadline TICKs
 * included. Then the recorded sequence is replayed into fresh schedulers and timed: the scheduler is
 * deterministic, so the replay takes exactly the same decisions. Prints the best of five replays. */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/scheduler.h"

#define S_US ((gint64) G_USEC_PER_SEC)
#define MIN_US (60 * S_US)
#define HOUR_US (60 * MIN_US)
#define DAY_US (24 * HOUR_US)

static const gint64 routine_steps_us[] = { 30 * S_US, 30 * S_US, 45 * S_US };

static const LimberSchedulerSettings settings = {
  .sit_limit_us = 30 * MIN_US,
  .break_length_us = 2 * MIN_US,
  .micro_interval_us = 20 * MIN_US,
  .micro_length_us = 30 * S_US,
  .snooze_us = 5 * MIN_US,
  .max_snoozes = 2,
};

typedef struct {
  LimberScheduler *scheduler;
  GArray *actions;
  GArray *recorded;
  GRand *rand;
  gint64 now_us;
} Recorder;

static void
feed (Recorder *r, LimberObservation obs)
{
  gint64 deadline_us;

  /* Deadlines that fall before the next observation come first, as the daemon's timer would. */
  while ((deadline_us = limber_scheduler_get_next_deadline_us (r->scheduler)) < obs.at_us)
    {
      LimberObservation tick = { .kind = LIMBER_OBSERVATION_TICK, .at_us = deadline_us };

      g_array_set_size (r->actions, 0);
      limber_scheduler_observe (r->scheduler, &tick, r->actions);
      g_array_append_val (r->recorded, tick);
    }
  g_array_set_size (r->actions, 0);
  limber_scheduler_observe (r->scheduler, &obs, r->actions);
  g_array_append_val (r->recorded, obs);
  r->now_us = obs.at_us;
}

static gboolean
reminder_open (Recorder *r)
{
  LimberStatus status;

  limber_scheduler_get_status (r->scheduler, r->now_us, &status);
  return status.reminder_open;
}

static void
answer_reminder (Recorder *r)
{
  gint64 at_us = r->now_us + g_rand_int_range (r->rand, 5, 60) * S_US;
  int choice = g_rand_int_range (r->rand, 0, 4);

  if (choice == 0)
    feed (r, (LimberObservation) { .kind = LIMBER_OBSERVATION_SNOOZE, .at_us = at_us });
  else if (choice == 1)
    feed (r, (LimberObservation) { .kind = LIMBER_OBSERVATION_SKIP, .at_us = at_us });
  else if (choice == 2)
    {
      feed (r, (LimberObservation) { .kind = LIMBER_OBSERVATION_START, .at_us = at_us,
                                     .step_us = routine_steps_us, .n_steps = 3 });
      feed (r, (LimberObservation) { .kind = LIMBER_OBSERVATION_AWAY, .at_us = at_us + 30 * S_US,
                                     .since_us = at_us });
      feed (r, (LimberObservation) { .kind = LIMBER_OBSERVATION_PRESENT, .at_us = at_us + 120 * S_US });
    }
}

static void
play_day (Recorder *r, gint64 day_us)
{
  gint64 t_us = day_us + 8 * HOUR_US + g_rand_int_range (r->rand, 0, 3600) * S_US;
  gint64 end_us = t_us + 9 * HOUR_US;

  feed (r, (LimberObservation) { .kind = LIMBER_OBSERVATION_PRESENT, .at_us = t_us });
  while (t_us < end_us)
    {
      gint64 idle_us = g_rand_int_range (r->rand, 0, 10) < 7 ? g_rand_int_range (r->rand, 31, 100) * S_US
                                                             : g_rand_int_range (r->rand, 2, 40) * MIN_US;

      t_us = MAX (t_us, r->now_us) + g_rand_int_range (r->rand, 1, 25) * MIN_US;
      feed (r, (LimberObservation) { .kind = LIMBER_OBSERVATION_AWAY, .at_us = t_us + 30 * S_US,
                                     .since_us = t_us });
      t_us += idle_us;
      feed (r, (LimberObservation) { .kind = LIMBER_OBSERVATION_PRESENT, .at_us = t_us });
      if (reminder_open (r))
        answer_reminder (r);
    }
  feed (r, (LimberObservation) { .kind = LIMBER_OBSERVATION_LOCKED, .at_us = r->now_us + MIN_US });
  feed (r, (LimberObservation) { .kind = LIMBER_OBSERVATION_ASLEEP, .at_us = r->now_us + 10 * MIN_US });
  feed (r, (LimberObservation) { .kind = LIMBER_OBSERVATION_AWAKE, .at_us = day_us + DAY_US + 7 * HOUR_US });
  feed (r, (LimberObservation) { .kind = LIMBER_OBSERVATION_UNLOCKED, .at_us = day_us + DAY_US + 7 * HOUR_US + MIN_US });
}

static gint64
replay_ns (GArray *recorded, gint64 start_us, GArray *actions)
{
  struct timespec before, after;
  g_autoptr (LimberScheduler) scheduler = limber_scheduler_new (&settings, start_us);

  clock_gettime (CLOCK_MONOTONIC, &before);
  for (guint i = 0; i < recorded->len; i++)
    {
      g_array_set_size (actions, 0);
      limber_scheduler_observe (scheduler, &g_array_index (recorded, LimberObservation, i), actions);
      /* What the daemon does after every step. */
      (void) limber_scheduler_get_next_deadline_us (scheduler);
    }
  clock_gettime (CLOCK_MONOTONIC, &after);
  return (after.tv_sec - before.tv_sec) * G_GINT64_CONSTANT (1000000000) + (after.tv_nsec - before.tv_nsec);
}

int
main (int argc, char **argv)
{
  gint64 start_us = 10 * S_US;
  gint64 best_ns = G_MAXINT64;
  Recorder r = { 0 };

  r.scheduler = limber_scheduler_new (&settings, start_us);
  r.actions = g_array_new (FALSE, TRUE, sizeof (LimberAction));
  r.recorded = g_array_new (FALSE, TRUE, sizeof (LimberObservation));
  r.rand = g_rand_new_with_seed (argc > 1 ? (guint32) strtoul (argv[1], NULL, 10) : 2026);
  r.now_us = start_us;
  for (int day = 0; day < 365; day++)
    play_day (&r, start_us + day * DAY_US);
  for (int i = 0; i < 5; i++)
    best_ns = MIN (best_ns, replay_ns (r.recorded, start_us, r.actions));
  printf ("bench-scheduler: %u steps over a simulated year, %.1f ns per step (best of 5, %.2f ms per year)\n",
          r.recorded->len, (double) best_ns / r.recorded->len, best_ns / 1e6);
  limber_scheduler_free (r.scheduler);
  g_array_unref (r.actions);
  g_array_unref (r.recorded);
  g_rand_free (r.rand);
  return 0;
}
