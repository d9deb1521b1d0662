/* scheduler-fixture.h: a scheduler on a fake clock for the scheduler tests: feed observations, compare actions as text. */
#pragma once

#include <glib.h>

#include "core/scheduler.h"

#define S_US ((gint64) G_USEC_PER_SEC)
#define MIN_US (60 * S_US)
#define T0_US (1000 * S_US)
#define AT(m, s) (T0_US + (m) * MIN_US + (s) * S_US)  /* m:ss after the start of the test */

typedef struct {
  LimberSchedulerSettings settings;
  LimberScheduler *scheduler;
  GArray *actions;
  gint64 now_us;
} Fixture;

#define STEPS(s) ((const gint64[]) { (s) * S_US, (s) * S_US, (s) * S_US })

/* The shipped defaults. */
extern const LimberSchedulerSettings scheduler_defaults;
/* The same with [profile] desk = sit-stand and the [sit-stand] defaults. */
extern const LimberSchedulerSettings scheduler_sit_stand;

/* settings NULL: the shipped defaults; the clock starts at T0_US. */
void fixture_init (Fixture *f, const LimberSchedulerSettings *settings);
void fixture_clear (Fixture *f);
/* Actions rendered one word each, e.g. "due@30:00 movement/2@30:00" (STATE_CHANGED left out). */
void expect_actions (Fixture *f, const char *expected);
void flush (Fixture *f, gint64 at_us, const char *expected);
void reload (Fixture *f, const LimberSchedulerSettings *settings, gint64 at_us, const char *expected);
/* Feeds TICKs at every deadline up to until_us, then checks everything that came out. */
void run_until (Fixture *f, gint64 until_us, const char *expected);
/* Runs to at_us (nothing visible may happen before), feeds obs, checks what obs itself gave. */
void feed_full (Fixture *f, LimberObservation obs, const char *expected);
void feed (Fixture *f, LimberObservationKind kind, gint64 at_us, const char *expected);
void feed_away (Fixture *f, gint64 since_us, gint64 at_us, const char *expected);
void feed_start (Fixture *f, gint64 at_us, const gint64 *step_us, guint n_steps, const char *expected);
LimberStatus status (Fixture *f);
/* The shipped defaults with micro-breaks off. */
LimberSchedulerSettings no_micro (void);
