/* test-scheduler-trace.c: seeded random days of use through the scheduler, invariants after every step.
 * Half the traces are at a sit-stand desk: the user stands and sits, and the posture checks apply.
 *
 * Each test case is one seed (its name): /scheduler-trace/seed-N replays it. LIMBER_TRACE_DAYS sets
 * the total days (default 10000, split in traces of 100 days), LIMBER_TRACE_SEED the first seed. */
#include <glib.h>
#include <stdlib.h>

#include "core/scheduler.h"

#define S_US ((gint64) G_USEC_PER_SEC)
#define MIN_US (60 * S_US)
#define HOUR_US (60 * MIN_US)
#define DAY_US (24 * HOUR_US)
#define DAYS_PER_TRACE 100

/* Test-only script steps, beside the real observations. */
#define STEP_FLUSH ((LimberObservationKind) 100)
#define STEP_RELOAD ((LimberObservationKind) 101)

typedef enum { LIVE_NONE, LIVE_MOVEMENT, LIVE_MICRO, LIVE_STEP, LIVE_POSTURE } Live;

typedef struct {
  GRand *rand;
  LimberSchedulerSettings settings;
  LimberScheduler *scheduler;
  GArray *actions;
  GArray *script;          /* LimberObservation, sorted by at_us: what the user will do next */
  gint64 start_us, now_us, day_start_us;
  gint64 threshold_us;
  gint64 steps_us[4];

  /* the test's own view, from the observations it fed */
  gboolean away, locked, asleep, inactive;
  gint64 paused_until_us;
  gboolean routine;
  guint busy;              /* LimberBusy mask last reported */
  gint64 busy_since_us;    /* when an honoured reason came into force */
  gboolean standing;       /* the posture the user last said (sit-stand desks) */
  gint64 posture_at_us;    /* when it last changed */
  gint64 spell_start_us;   /* the present spell: since the change, the return from a break, a skip */
  guint prompts;           /* LimberPrompt bits shown in the present spell */

  /* the test's own view, from the actions */
  Live live;
  LimberPrompt live_prompt;   /* while live == LIVE_POSTURE */
  gboolean reacted;        /* the user already chose what to do with the live popup */
  gboolean due_open;
  guint64 dues, due_ends;
  gint64 interval_end_us, sitting_us, standing_us, break_us, bout_start_us;
  guint64 dues_standing;      /* movement breaks that fell due while the user stood */
  guint64 prompts_shown[3];   /* stand, sit, limit */
  gboolean ever_sit_stand;
  LimberStatus last_status;
  guint64 steps, observations;
  gboolean verbose;           /* LIMBER_TRACE_VERBOSE: print every step to stderr */
  guint64 stats[LIMBER_STAT_SAT_DOWN + 1];
} Trace;

static gint64
rand_us (Trace *t, gint64 lo_us, gint64 hi_us)
{
  return lo_us + (gint64) (g_rand_double (t->rand) * (double) (hi_us - lo_us));
}

static void
script_insert (Trace *t, LimberObservation obs)
{
  guint i = t->script->len;

  while (i > 0 && g_array_index (t->script, LimberObservation, i - 1).at_us > obs.at_us)
    i--;
  g_array_insert_val (t->script, i, obs);
}

static void
script_push (Trace *t, LimberObservationKind kind, gint64 at_us, gint64 since_us, gint64 until_us)
{
  script_insert (t, (LimberObservation) { .kind = kind, .at_us = at_us, .since_us = since_us,
                                          .until_us = until_us });
}

/* The user stops touching the computer at from_us and is back at to_us. */
static void
script_absence (Trace *t, gint64 from_us, gint64 to_us)
{
  if (to_us - from_us < t->threshold_us)
    {
      /* Too short for presence to notice: just time passing. */
      script_push (t, LIMBER_OBSERVATION_TICK, to_us, 0, 0);
      return;
    }
  script_push (t, LIMBER_OBSERVATION_AWAY, from_us + t->threshold_us, from_us, 0);
  if (to_us - from_us > 10 * MIN_US && g_rand_boolean (t->rand))
    {
      script_push (t, LIMBER_OBSERVATION_LOCKED, from_us + 5 * MIN_US, 0, 0);
      script_push (t, LIMBER_OBSERVATION_UNLOCKED, to_us, 0, 0);
    }
  else
    script_push (t, LIMBER_OBSERVATION_PRESENT, to_us, 0, 0);
}

/* Fast user switching: another session takes the seat at from_us and the user switches back at
 * to_us. Their own session sees no input meanwhile (AWAY), or input that is not theirs (PRESENT);
 * some set-ups lock it at the switch, and some lockers give the lock up before the switch back. */
static void
script_switch (Trace *t, gint64 from_us, gint64 to_us)
{
  int how = g_rand_int_range (t->rand, 0, 4);

  script_push (t, LIMBER_OBSERVATION_INACTIVE, from_us, 0, 0);
  if (to_us - from_us > t->threshold_us)
    script_push (t, LIMBER_OBSERVATION_AWAY, from_us + t->threshold_us, from_us, 0);
  if (how == 0)
    script_push (t, LIMBER_OBSERVATION_PRESENT, rand_us (t, from_us, to_us), 0, 0);
  if (how >= 2)
    script_push (t, LIMBER_OBSERVATION_LOCKED, from_us, 0, 0);
  script_push (t, LIMBER_OBSERVATION_ACTIVE, to_us, 0, 0);
  if (how == 2)
    script_push (t, LIMBER_OBSERVATION_UNLOCKED, rand_us (t, from_us, to_us), 0, 0);
  else if (how == 3)
    script_push (t, LIMBER_OBSERVATION_UNLOCKED, to_us + rand_us (t, S_US, MIN_US), 0, 0);
}

/* A call, a film or a presentation: busy for a while, then free. */
static void
script_busy (Trace *t, gint64 from_us, gint64 to_us)
{
  guint mask = (guint) g_rand_int_range (t->rand, 1, 4);

  script_insert (t, (LimberObservation) { .kind = LIMBER_OBSERVATION_BUSY, .at_us = from_us, .busy = mask });
  script_insert (t, (LimberObservation) { .kind = LIMBER_OBSERVATION_BUSY, .at_us = to_us, .busy = 0 });
}

static void
script_routine (Trace *t, gint64 at_us)
{
  guint n = (guint) g_rand_int_range (t->rand, 1, 5);
  gint64 total_us = 0;
  int how = g_rand_int_range (t->rand, 0, 4);

  for (guint i = 0; i < n; i++)
    total_us += t->steps_us[i] = rand_us (t, 10 * S_US, 90 * S_US);
  script_push (t, LIMBER_OBSERVATION_START, at_us, 0, n);
  if (how == 0)        /* the whole routine, away from the keys */
    script_absence (t, at_us, at_us + total_us + rand_us (t, 0, 20 * S_US));
  else if (how == 1)   /* clicks Next now and then */
    script_push (t, LIMBER_OBSERVATION_NEXT, at_us + rand_us (t, S_US, 20 * S_US), 0, 0);
  else if (how == 2)   /* back at the keyboard mid-way */
    script_absence (t, at_us, at_us + t->threshold_us + rand_us (t, S_US, 60 * S_US));
  else
    script_push (t, LIMBER_OBSERVATION_STOP, at_us + rand_us (t, S_US, 40 * S_US), 0, 0);
}

static void
script_react (Trace *t)
{
  gint64 at_us = t->now_us + rand_us (t, S_US, 59 * S_US);
  int r = g_rand_int_range (t->rand, 0, 100);

  t->reacted = TRUE;
  if (t->live == LIVE_POSTURE)
    {
      if (t->live_prompt == LIMBER_PROMPT_STAND && r < 60)
        script_push (t, LIMBER_OBSERVATION_STAND, at_us, 0, 0);
      else if (t->live_prompt != LIMBER_PROMPT_STAND && r < 40)
        script_push (t, LIMBER_OBSERVATION_SIT, at_us, 0, 0);
      else if (t->live_prompt == LIMBER_PROMPT_STAND_LIMIT && r < 60)
        script_routine (t, at_us);
      else if (r < 80)
        script_push (t, LIMBER_OBSERVATION_DISMISSED, at_us, 0, 0);
      return;
    }
  if (t->live == LIVE_MICRO)
    {
      if (r < 40)
        script_push (t, LIMBER_OBSERVATION_DONE, at_us, 0, 0);
      else if (r < 60)
        script_push (t, LIMBER_OBSERVATION_DISMISSED, at_us, 0, 0);
      return;
    }
  if (r < 30)
    script_routine (t, at_us);
  else if (r < 50)
    script_push (t, LIMBER_OBSERVATION_SNOOZE, at_us, 0, 0);
  else if (r < 65)
    script_push (t, LIMBER_OBSERVATION_SKIP, at_us, 0, 0);
  else if (r < 75)
    script_push (t, LIMBER_OBSERVATION_DISMISSED, at_us, 0, 0);
  else if (r < 85)
    script_absence (t, at_us, at_us + rand_us (t, 2 * MIN_US, 10 * MIN_US));
  else if (r < 90)
    script_push (t, LIMBER_OBSERVATION_EXPIRED, at_us, 0, 0);
}

static void
script_night (Trace *t)
{
  gint64 from_us = t->now_us;
  gint64 next_day_us = MAX (t->day_start_us + DAY_US, from_us + HOUR_US);

  t->day_start_us = next_day_us;
  if (g_rand_boolean (t->rand))
    {
      script_push (t, LIMBER_OBSERVATION_ASLEEP, from_us + rand_us (t, 0, 10 * MIN_US), 0, 0);
      script_push (t, LIMBER_OBSERVATION_AWAKE, next_day_us, 0, 0);
      script_push (t, LIMBER_OBSERVATION_PRESENT, next_day_us + rand_us (t, 0, 5 * MIN_US), 0, 0);
    }
  else
    script_absence (t, from_us, next_day_us);
}

/* Stands up or sits down; now and then a desk tool reports it while the keys rest. */
static void
script_posture (Trace *t, gint64 at_us)
{
  LimberObservationKind kind = t->standing ? LIMBER_OBSERVATION_SIT : LIMBER_OBSERVATION_STAND;

  if (g_rand_int_range (t->rand, 0, 4) == 0)
    {
      gint64 back_us = at_us + rand_us (t, 10 * S_US, 5 * MIN_US);

      script_absence (t, at_us, back_us);
      script_push (t, kind, rand_us (t, at_us, back_us), 0, 0);
      return;
    }
  /* Sometimes the same posture again (a desk tool repeats itself): nothing changes. */
  if (g_rand_int_range (t->rand, 0, 8) == 0)
    kind = t->standing ? LIMBER_OBSERVATION_STAND : LIMBER_OBSERVATION_SIT;
  script_push (t, kind, at_us, 0, 0);
}

/* The user is at the computer with nothing scripted: what do they do next? */
static void
script_next (Trace *t)
{
  gint64 at_us = t->now_us + rand_us (t, 10 * S_US, 30 * MIN_US);
  int r = g_rand_int_range (t->rand, 0, 100);

  if (t->live != LIVE_NONE && t->live != LIVE_STEP && !t->reacted && !t->routine)
    {
      script_react (t);
      if (t->script->len > 0)
        return;
    }
  if (t->now_us - t->day_start_us > rand_us (t, 9 * HOUR_US, 11 * HOUR_US) && !t->routine)
    {
      script_night (t);
      return;
    }
  if (r < 35)
    script_absence (t, at_us, at_us + rand_us (t, 5 * S_US, 110 * S_US));
  else if (r < 45)
    script_absence (t, at_us, at_us + rand_us (t, 2 * MIN_US, 60 * MIN_US));
  else if (r < 63)
    {
      script_push (t, LIMBER_OBSERVATION_LOCKED, at_us, 0, 0);
      script_push (t, LIMBER_OBSERVATION_UNLOCKED, at_us + rand_us (t, 10 * S_US, 30 * MIN_US), 0, 0);
    }
  else if (r < 67)
    {
      gint64 wake_us = at_us + rand_us (t, MIN_US, 3 * HOUR_US);

      script_push (t, LIMBER_OBSERVATION_ASLEEP, at_us, 0, 0);
      script_push (t, LIMBER_OBSERVATION_AWAKE, wake_us, 0, 0);
      script_push (t, LIMBER_OBSERVATION_PRESENT, wake_us + rand_us (t, 0, 3 * MIN_US), 0, 0);
    }
  else if (r < 70)
    {
      gboolean forever = g_rand_boolean (t->rand);
      gint64 until_us = at_us + rand_us (t, MIN_US, 2 * HOUR_US);

      script_push (t, LIMBER_OBSERVATION_PAUSE, at_us, 0, forever ? 0 : until_us);
      if (forever)
        script_push (t, LIMBER_OBSERVATION_RESUME, until_us, 0, 0);
    }
  else if (r < 74)
    script_routine (t, at_us);
  else if (r < 76)
    script_push (t, LIMBER_OBSERVATION_SKIP, at_us, 0, 0);
  else if (r < 78)
    script_push (t, STEP_FLUSH, at_us, 0, 0);
  else if (r < 80)
    script_push (t, STEP_RELOAD, at_us, 0, 0);
  else if (r < 84)
    script_busy (t, at_us, at_us + rand_us (t, MIN_US, 45 * MIN_US));
  else if (r < 88)
    script_switch (t, at_us, at_us + rand_us (t, 5 * S_US, 40 * MIN_US));
  else if (r < 96 && t->settings.sit_stand)
    script_posture (t, at_us);
  else
    script_push (t, LIMBER_OBSERVATION_TICK, at_us, 0, 0);  /* keeps working */
}

static gboolean
paused_at (Trace *t, gint64 at_us)
{
  return t->paused_until_us != 0 && at_us < t->paused_until_us;
}

static gboolean
busy_honoured (Trace *t)
{
  return (t->busy & t->settings.defer_mask) != 0;
}

static void
check_show (Trace *t, const LimberAction *a)
{
  g_assert_false (t->away || t->locked || t->asleep || t->inactive);
  g_assert_false (paused_at (t, a->at_us));
  g_assert_false (t->routine);
  /* Nothing interrupts a busy user, but a movement reminder held for defer_cap. */
  if (busy_honoured (t))
    {
      g_assert_cmpint (a->kind, ==, LIMBER_ACTION_SHOW_MOVEMENT);
      g_assert_cmpint (t->settings.defer_cap_us, >, 0);
      g_assert_cmpint (a->at_us - t->busy_since_us, >=, t->settings.defer_cap_us);
    }
  if (a->kind == LIMBER_ACTION_SHOW_MICRO)
    {
      g_assert_cmpint (t->live, ==, LIVE_NONE);
      t->live = LIVE_MICRO;
      return;
    }
  /* At most one reminder: a micro popup is withdrawn first; a movement one is updated in place. */
  g_assert_true (t->live == LIVE_NONE || t->live == LIVE_MOVEMENT);
  /* Every movement reminder belongs to a due break (BREAK_DUE checks the sitting limit). */
  g_assert_true (t->due_open);
  g_assert_cmpint (a->sitting_us, ==, a->at_us - t->bout_start_us);
  g_assert_cmpuint (a->snoozes_left, <=, t->settings.max_snoozes);
  t->live = LIVE_MOVEMENT;
}

/* Each prompt once per spell, after its time in the posture it is about, when a reminder could show. */
static void
check_posture_show (Trace *t, const LimberAction *a)
{
  const LimberSchedulerSettings *s = &t->settings;
  gint64 after_us = a->prompt == LIMBER_PROMPT_STAND ? s->sit_before_stand_us
                    : a->prompt == LIMBER_PROMPT_SIT ? s->stand_before_sit_us : s->stand_limit_us;

  g_assert_true (s->sit_stand);
  g_assert_false (t->away || t->locked || t->asleep || t->routine || busy_honoured (t));
  g_assert_false (paused_at (t, a->at_us));
  g_assert_false (t->due_open);
  g_assert_cmpint (t->live, ==, LIVE_NONE);
  /* No "time to stand" while standing, no "you may sit" or stand-limit while sitting. */
  g_assert_cmpint (t->standing, ==, a->prompt != LIMBER_PROMPT_STAND);
  g_assert_cmpint (a->spell_us, ==, a->at_us - t->spell_start_us);
  g_assert_cmpint (after_us, >, 0);
  g_assert_cmpint (a->spell_us, >=, after_us);
  g_assert_cmpuint (t->prompts & a->prompt, ==, 0);
  t->prompts |= a->prompt == LIMBER_PROMPT_STAND_LIMIT ? LIMBER_PROMPT_SIT | LIMBER_PROMPT_STAND_LIMIT : a->prompt;
  t->prompts_shown[a->prompt == LIMBER_PROMPT_STAND ? 0 : a->prompt == LIMBER_PROMPT_SIT ? 1 : 2]++;
  t->live = LIVE_POSTURE;
  t->live_prompt = a->prompt;
}

/* Desk time counts as the posture the user said: a sitting interval never reaches into a time
 * they stood, nor a standing one into a time they sat. */
static void
check_desk_interval (Trace *t, const LimberAction *a)
{
  gboolean standing_stat = a->stat == LIMBER_STAT_STANDING;

  g_assert_true (t->settings.sit_stand || !standing_stat || t->posture_at_us > t->start_us);
  if (standing_stat == t->standing)
    g_assert_cmpint (a->from_us, >=, t->posture_at_us);
  else
    g_assert_cmpint (a->to_us, <=, t->posture_at_us);
}

static void
new_spell (Trace *t, gint64 at_us)
{
  t->spell_start_us = at_us;
  t->prompts = 0;
}

static void
check_stat (Trace *t, const LimberAction *a)
{
  t->stats[a->stat]++;
  switch (a->stat)
    {
    case LIMBER_STAT_SITTING:
    case LIMBER_STAT_STANDING:
    case LIMBER_STAT_BREAK:
      /* Sitting, standing and break intervals tile the time, in order. */
      g_assert_cmpint (a->from_us, ==, t->interval_end_us);
      g_assert_cmpint (a->to_us, >, a->from_us);
      g_assert_cmpint (a->to_us, <=, t->now_us);
      t->interval_end_us = a->to_us;
      if (a->stat == LIMBER_STAT_SITTING)
        t->sitting_us += a->to_us - a->from_us;
      else if (a->stat == LIMBER_STAT_STANDING)
        t->standing_us += a->to_us - a->from_us;
      else
        {
          t->break_us += a->to_us - a->from_us;
          t->bout_start_us = a->to_us;
          /* A break ends a sitting and a standing spell alike (the last piece ends at the return). */
          new_spell (t, a->to_us);
        }
      if (a->stat != LIMBER_STAT_BREAK)
        check_desk_interval (t, a);
      break;
    case LIMBER_STAT_STOOD_UP:
    case LIMBER_STAT_SAT_DOWN:
      /* Only a real change, at the moment the user said it. */
      g_assert_cmpint (a->at_us, ==, t->posture_at_us);
      g_assert_cmpint (t->standing, ==, a->stat == LIMBER_STAT_STOOD_UP);
      break;
    case LIMBER_STAT_BREAK_DUE:
      /* None before sit_limit of sitting (re-reminders of a due break come without a new BREAK_DUE). */
      g_assert_cmpint (a->at_us - t->bout_start_us, >=, t->settings.sit_limit_us);
      g_assert_false (t->due_open);
      t->due_open = TRUE;
      t->dues++;
      /* Standing is not moving: the movement break comes all the same. */
      t->dues_standing += t->standing ? 1 : 0;
      break;
    case LIMBER_STAT_SKIPPED:
      t->bout_start_us = a->at_us;
      /* A skip starts a new sitting spell; a standing one goes on. */
      if (!t->standing)
        new_spell (t, a->at_us);
      G_GNUC_FALLTHROUGH;
    case LIMBER_STAT_TAKEN_NATURAL:
    case LIMBER_STAT_TAKEN_GUIDED:
    case LIMBER_STAT_PARTIAL:
    case LIMBER_STAT_IGNORED:
      /* Every due break ends exactly once. */
      if (a->was_due)
        {
          g_assert_true (t->due_open);
          t->due_open = FALSE;
          t->due_ends++;
        }
      break;
    case LIMBER_STAT_SNOOZED:
      g_assert_true (t->due_open);
      break;
    case LIMBER_STAT_BOUT:
    case LIMBER_STAT_MICRO_SHOWN:
    case LIMBER_STAT_MICRO_TAKEN:
    default:
      g_assert_cmpint (a->to_us, >=, a->from_us);
      break;
    }
}

static gboolean
status_equal (const LimberStatus *a, const LimberStatus *b)
{
  return a->state == b->state && a->sitting_since_us == b->sitting_since_us
         && a->away_since_us == b->away_since_us && a->next_due_us == b->next_due_us
         && a->paused_until_us == b->paused_until_us && a->reminder_open == b->reminder_open
         && a->snoozes_used == b->snoozes_used && a->break_due == b->break_due && a->busy == b->busy
         && a->held_since_us == b->held_since_us && a->posture == b->posture
         && a->posture_since_us == b->posture_since_us;
}

static void
check_actions (Trace *t, gint64 from_us)
{
  LimberStatus status;
  gint64 last_us = from_us;
  gboolean state_changed = FALSE;

  for (guint i = 0; i < t->actions->len; i++)
    {
      const LimberAction *a = &g_array_index (t->actions, LimberAction, i);

      g_assert_cmpint (a->at_us, >=, last_us);
      g_assert_cmpint (a->at_us, <=, t->now_us);
      last_us = a->at_us;
      switch (a->kind)
        {
        case LIMBER_ACTION_SHOW_MOVEMENT:
        case LIMBER_ACTION_SHOW_MICRO:
          check_show (t, a);
          break;
        case LIMBER_ACTION_SHOW_POSTURE:
          check_posture_show (t, a);
          break;
        case LIMBER_ACTION_SHOW_STEP:
          g_assert_true (t->routine);
          g_assert_cmpuint (a->step, <, a->n_steps);
          t->live = LIVE_STEP;
          t->steps++;
          break;
        case LIMBER_ACTION_ROUTINE_DONE:
          g_assert_cmpint (t->live, ==, LIVE_STEP);
          t->live = LIVE_NONE;
          t->routine = FALSE;
          break;
        case LIMBER_ACTION_WITHDRAW:
          g_assert_cmpint (t->live, !=, LIVE_NONE);
          if (t->live == LIVE_STEP)
            t->routine = FALSE;
          t->live = LIVE_NONE;
          break;
        case LIMBER_ACTION_STAT:
          check_stat (t, a);
          break;
        case LIMBER_ACTION_STATE_CHANGED:
          state_changed = TRUE;
          break;
        case LIMBER_ACTION_EXPECT_RETURN:
          /* Only after a resume, while the user counts as away. */
          g_assert_true (t->away);
          g_assert_false (t->asleep);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  limber_scheduler_get_status (t->scheduler, t->now_us, &status);
  /* STATE_CHANGED exactly when the status differs from the last one reported. */
  g_assert_cmpint (state_changed, ==, !status_equal (&status, &t->last_status));
  t->last_status = status;
  g_assert_cmpint (status.reminder_open, ==, t->live == LIVE_MOVEMENT);
  g_assert_cmpint (status.posture, ==, t->standing ? LIMBER_POSTURE_STANDING : LIMBER_POSTURE_SITTING);
  if (status.posture_since_us != 0)
    g_assert_cmpint (status.posture_since_us, ==, t->spell_start_us);
  g_assert_cmpint (t->dues - t->due_ends, ==, t->due_open ? 1 : 0);
  g_assert_cmpint (limber_scheduler_get_next_deadline_us (t->scheduler), >, t->now_us);
  if (t->asleep)
    g_assert_cmpint (status.state, ==, LIMBER_STATE_ASLEEP);
  else if (t->locked)
    g_assert_cmpint (status.state, ==, LIMBER_STATE_LOCKED);
  else if (paused_at (t, t->now_us) && !t->routine)
    g_assert_cmpint (status.state, ==, LIMBER_STATE_PAUSED);
  else if (t->inactive && !t->routine)
    g_assert_cmpint (status.state, ==, LIMBER_STATE_AWAY);
}

static void
set_posture (Trace *t, gboolean standing, gint64 at_us)
{
  t->standing = standing;
  t->posture_at_us = at_us;
  /* In a break the spell starts at the return (the BREAK interval's end says when). */
  new_spell (t, at_us);
}

static void
track_observation (Trace *t, const LimberObservation *obs)
{
  switch (obs->kind)
    {
    case LIMBER_OBSERVATION_AWAY: t->away = TRUE; break;
    case LIMBER_OBSERVATION_PRESENT: t->away = t->asleep = FALSE; break;
    case LIMBER_OBSERVATION_LOCKED: t->locked = TRUE; break;
    case LIMBER_OBSERVATION_UNLOCKED: t->away = t->locked = t->asleep = FALSE; break;
    case LIMBER_OBSERVATION_INACTIVE: t->inactive = TRUE; break;
    case LIMBER_OBSERVATION_ACTIVE: t->away = t->inactive = FALSE; break;
    case LIMBER_OBSERVATION_ASLEEP: t->asleep = TRUE; break;
    case LIMBER_OBSERVATION_AWAKE: t->away = t->away || t->asleep; t->asleep = FALSE; break;
    case LIMBER_OBSERVATION_PAUSE: t->paused_until_us = obs->until_us ? obs->until_us : G_MAXINT64; break;
    case LIMBER_OBSERVATION_RESUME: t->paused_until_us = 0; break;
    case LIMBER_OBSERVATION_START: t->routine = TRUE; break;
    case LIMBER_OBSERVATION_BUSY:
      if ((obs->busy & t->settings.defer_mask) != 0 && !busy_honoured (t))
        t->busy_since_us = obs->at_us;
      t->busy = obs->busy;
      break;
    case LIMBER_OBSERVATION_EXPIRED:
      if (t->live == LIVE_MOVEMENT || t->live == LIVE_MICRO || t->live == LIVE_POSTURE)
        t->live = LIVE_NONE;
      break;
    case LIMBER_OBSERVATION_STAND:
    case LIMBER_OBSERVATION_SIT:
      /* Refused at a sitting desk; the same posture again changes nothing. */
      if (t->settings.sit_stand && t->standing != (obs->kind == LIMBER_OBSERVATION_STAND))
        set_posture (t, obs->kind == LIMBER_OBSERVATION_STAND, obs->at_us);
      break;
    case LIMBER_OBSERVATION_TICK:
    case LIMBER_OBSERVATION_NEXT:
    case LIMBER_OBSERVATION_STOP:
    case LIMBER_OBSERVATION_SNOOZE:
    case LIMBER_OBSERVATION_SKIP:
    case LIMBER_OBSERVATION_DONE:
    case LIMBER_OBSERVATION_DISMISSED:
    default:
      break;
    }
  if (obs->kind == LIMBER_OBSERVATION_DISMISSED && t->live != LIVE_STEP)
    t->live = LIVE_NONE;
}

static void
print_step (Trace *t, const LimberObservation *obs)
{
  g_printerr ("obs %d at %" G_GINT64_FORMAT " since %" G_GINT64_FORMAT " until %" G_GINT64_FORMAT "\n",
              obs->kind, obs->at_us / S_US, obs->since_us / S_US, obs->until_us);
  for (guint i = 0; i < t->actions->len; i++)
    {
      const LimberAction *a = &g_array_index (t->actions, LimberAction, i);

      g_printerr ("  action %d at %" G_GINT64_FORMAT " stat %d %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "\n",
                  a->kind, a->at_us / S_US, a->stat, a->from_us / S_US, a->to_us / S_US);
    }
}

static void
random_posture_settings (Trace *t)
{
  LimberSchedulerSettings *s = &t->settings;

  s->sit_stand = g_rand_boolean (t->rand);
  s->sit_before_stand_us = g_rand_int_range (t->rand, 0, 6) == 0 ? 0 : rand_us (t, 5 * MIN_US, 40 * MIN_US);
  s->stand_before_sit_us = g_rand_int_range (t->rand, 0, 6) == 0 ? 0 : rand_us (t, 2 * MIN_US, 20 * MIN_US);
  s->stand_limit_us = g_rand_int_range (t->rand, 0, 6) == 0 ? 0 : rand_us (t, 10 * MIN_US, 60 * MIN_US);
  t->ever_sit_stand |= s->sit_stand;
}

/* A config reload mid-session; now and then the desk changes between sitting and sit-stand. */
static void
reload_settings (Trace *t, gint64 at_us)
{
  t->settings.sit_limit_us = rand_us (t, 10 * MIN_US, 60 * MIN_US);
  t->settings.snooze_us = rand_us (t, MIN_US, 10 * MIN_US);
  if (g_rand_int_range (t->rand, 0, 4) == 0)
    random_posture_settings (t);
  limber_scheduler_set_settings (t->scheduler, &t->settings, at_us, t->actions);
  /* A sitting desk: the user sits from now on. */
  if (!t->settings.sit_stand && t->standing)
    set_posture (t, FALSE, at_us);
}

static void
feed (Trace *t, LimberObservation *obs)
{
  gint64 from_us = t->now_us;
  gboolean was_routine = t->routine;

  /* Whatever falls due up to a change of posture or a reload runs first, against the
   * posture and settings before it (as the scheduler does it). */
  if (obs->kind == LIMBER_OBSERVATION_STAND || obs->kind == LIMBER_OBSERVATION_SIT || obs->kind == STEP_RELOAD)
    feed (t, &(LimberObservation) { .kind = LIMBER_OBSERVATION_TICK, .at_us = obs->at_us });
  g_array_set_size (t->actions, 0);
  t->now_us = obs->at_us;
  t->observations++;
  if (obs->kind == LIMBER_OBSERVATION_START)
    {
      /* script_push carried the step count in until_us. */
      obs->step_us = t->steps_us;
      obs->n_steps = (guint) obs->until_us;
      obs->until_us = 0;
    }
  /* START is ignored while a routine runs, as the scheduler does. */
  if (!(obs->kind == LIMBER_OBSERVATION_START && t->routine))
    track_observation (t, obs);
  if (obs->kind == STEP_FLUSH || obs->kind == STEP_RELOAD)
    {
      /* What the daemon does at midnight or before saving; and a config reload mid-session. */
      if (obs->kind == STEP_FLUSH)
        limber_scheduler_flush (t->scheduler, obs->at_us, t->actions);
      else
        reload_settings (t, obs->at_us);
      obs->kind = LIMBER_OBSERVATION_TICK;
    }
  limber_scheduler_observe (t->scheduler, obs, t->actions);
  if (t->verbose)
    print_step (t, obs);
  if (obs->kind == LIMBER_OBSERVATION_DISMISSED && was_routine && t->live == LIVE_STEP)
    t->live = LIVE_NONE, t->routine = FALSE;
  if (t->live == LIVE_NONE || obs->kind == LIMBER_OBSERVATION_DISMISSED)
    t->reacted = FALSE;
  check_actions (t, from_us);
  if (t->actions->len > 0)
    {
      const LimberAction *last = &g_array_index (t->actions, LimberAction, t->actions->len - 1);

      if (last->kind == LIMBER_ACTION_SHOW_MOVEMENT || last->kind == LIMBER_ACTION_SHOW_MICRO
          || last->kind == LIMBER_ACTION_SHOW_POSTURE)
        t->reacted = FALSE;
    }
  /* A user at the keys answers a fresh popup soon, unless they are about to leave anyway. */
  if (!t->reacted && (t->live == LIVE_MOVEMENT || t->live == LIVE_MICRO || t->live == LIVE_POSTURE) && !t->routine
      && !(t->away || t->locked || t->asleep || t->inactive)
      && (t->script->len == 0
          || g_array_index (t->script, LimberObservation, 0).at_us > t->now_us + MIN_US))
    script_react (t);
}

static void
random_settings (Trace *t)
{
  LimberSchedulerSettings *s = &t->settings;

  s->sit_limit_us = rand_us (t, 10 * MIN_US, 60 * MIN_US);
  s->break_length_us = rand_us (t, MIN_US, 5 * MIN_US);
  s->micro_interval_us = g_rand_int_range (t->rand, 0, 4) == 0 ? 0 : rand_us (t, 5 * MIN_US, 30 * MIN_US);
  s->micro_length_us = rand_us (t, 10 * S_US, 50 * S_US);
  s->snooze_us = rand_us (t, MIN_US, 10 * MIN_US);
  s->max_snoozes = (guint) g_rand_int_range (t->rand, 0, 4);
  s->defer_mask = (guint) g_rand_int_range (t->rand, 0, 4);
  s->sampled_mask = g_rand_boolean (t->rand) ? LIMBER_BUSY_FULLSCREEN : 0;
  s->defer_cap_us = g_rand_int_range (t->rand, 0, 4) == 0 ? 0 : rand_us (t, 5 * MIN_US, 30 * MIN_US);
  random_posture_settings (t);
}

static void
finish_trace (Trace *t, gint64 end_us)
{
  LimberObservation back[] = {
    { .kind = LIMBER_OBSERVATION_RESUME, .at_us = end_us },
    { .kind = LIMBER_OBSERVATION_UNLOCKED, .at_us = end_us },
    { .kind = LIMBER_OBSERVATION_ACTIVE, .at_us = end_us },
    { .kind = LIMBER_OBSERVATION_PRESENT, .at_us = end_us },
    { .kind = LIMBER_OBSERVATION_STOP, .at_us = end_us },
  };

  for (guint i = 0; i < G_N_ELEMENTS (back); i++)
    feed (t, &back[i]);
  g_array_set_size (t->actions, 0);
  limber_scheduler_flush (t->scheduler, end_us, t->actions);
  check_actions (t, end_us);
  /* Sitting, standing and break time add up to the simulated time. */
  g_assert_cmpint (t->interval_end_us, ==, end_us);
  g_assert_cmpint (t->sitting_us + t->standing_us + t->break_us, ==, end_us - t->start_us);
}

static void
run_trace (gconstpointer data)
{
  guint32 seed = GPOINTER_TO_UINT (data);
  Trace t = { 0 };
  gint64 end_us;

  g_test_message ("seed %u: replay with -p /scheduler-trace/seed-%u", seed, seed);
  t.rand = g_rand_new_with_seed (seed);
  t.verbose = g_getenv ("LIMBER_TRACE_VERBOSE") != NULL;
  random_settings (&t);
  t.start_us = t.now_us = t.day_start_us = t.interval_end_us = t.bout_start_us = 5 * S_US;
  t.posture_at_us = t.spell_start_us = t.start_us;
  end_us = t.start_us + DAYS_PER_TRACE * DAY_US;
  t.scheduler = limber_scheduler_new (&t.settings, t.start_us);
  limber_scheduler_get_status (t.scheduler, t.start_us, &t.last_status);
  t.threshold_us = limber_scheduler_get_away_threshold_us (t.scheduler);
  t.actions = g_array_new (FALSE, TRUE, sizeof (LimberAction));
  t.script = g_array_new (FALSE, TRUE, sizeof (LimberObservation));
  while (t.now_us < end_us)
    {
      gint64 deadline_us = limber_scheduler_get_next_deadline_us (t.scheduler);
      LimberObservation obs;

      if (t.script->len == 0)
        script_next (&t);
      obs = g_array_index (t.script, LimberObservation, 0);
      if (deadline_us < obs.at_us)
        {
          obs = (LimberObservation) { .kind = LIMBER_OBSERVATION_TICK, .at_us = deadline_us };
          feed (&t, &obs);
          continue;
        }
      g_array_remove_index (t.script, 0);
      feed (&t, &obs);
    }
  finish_trace (&t, t.now_us);
  g_test_message ("seed %u: %" G_GUINT64_FORMAT " observations, %" G_GUINT64_FORMAT " due: natural %"
                  G_GUINT64_FORMAT " guided %" G_GUINT64_FORMAT " partial %" G_GUINT64_FORMAT " skipped %"
                  G_GUINT64_FORMAT " ignored %" G_GUINT64_FORMAT " snoozed %" G_GUINT64_FORMAT
                  "; micro shown %" G_GUINT64_FORMAT " taken %" G_GUINT64_FORMAT, seed, t.observations,
                  t.dues, t.stats[LIMBER_STAT_TAKEN_NATURAL], t.stats[LIMBER_STAT_TAKEN_GUIDED],
                  t.stats[LIMBER_STAT_PARTIAL], t.stats[LIMBER_STAT_SKIPPED], t.stats[LIMBER_STAT_IGNORED],
                  t.stats[LIMBER_STAT_SNOOZED], t.stats[LIMBER_STAT_MICRO_SHOWN],
                  t.stats[LIMBER_STAT_MICRO_TAKEN]);
  if (t.ever_sit_stand)
    g_test_message ("seed %u: sit-stand: %" G_GUINT64_FORMAT " h standing, %" G_GUINT64_FORMAT " stand-ups, "
                    "%" G_GUINT64_FORMAT " due while standing; prompts: stand %" G_GUINT64_FORMAT " sit %"
                    G_GUINT64_FORMAT " limit %" G_GUINT64_FORMAT, seed, (guint64) (t.standing_us / HOUR_US),
                    t.stats[LIMBER_STAT_STOOD_UP], t.dues_standing, t.prompts_shown[0], t.prompts_shown[1],
                    t.prompts_shown[2]);
  g_assert_cmpuint (t.dues, >, 0);
  /* Standing for days, the user still got movement breaks while standing. */
  g_assert_true (t.standing_us < 24 * HOUR_US || t.dues_standing > 0);
  limber_scheduler_free (t.scheduler);
  g_array_unref (t.actions);
  g_array_unref (t.script);
  g_rand_free (t.rand);
}

int
main (int argc, char **argv)
{
  const char *days_env = g_getenv ("LIMBER_TRACE_DAYS");
  const char *seed_env = g_getenv ("LIMBER_TRACE_SEED");
  guint days = days_env ? (guint) strtoul (days_env, NULL, 10) : 10000;
  guint32 first_seed = seed_env ? (guint32) strtoul (seed_env, NULL, 10) : 20261123;

  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < MAX (days / DAYS_PER_TRACE, 1u); i++)
    {
      g_autofree char *path = g_strdup_printf ("/scheduler-trace/seed-%u", first_seed + i);

      g_test_add_data_func (path, GUINT_TO_POINTER (first_seed + i), run_trace);
    }
  return g_test_run ();
}
