/* scheduler-types.h: the value types the break scheduler takes in and gives out. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  gint64 sit_limit_us;       /* movement break due after this much sitting (30 min) */
  gint64 break_length_us;    /* away/locked/asleep/inactive this long = natural movement break (2 min) */
  gint64 micro_interval_us;  /* micro-break every this much sitting; 0 = micro-breaks off (20 min) */
  gint64 micro_length_us;    /* away this long = natural micro-break; the micro popup's life (30 s) */
  gint64 snooze_us;          /* a snoozed or ignored reminder returns after this (5 min) */
  guint  max_snoozes;        /* snoozes (and ignores) per due break (2) */
  guint  defer_mask;         /* LimberBusy reasons that hold a reminder back (fullscreen, DND) */
  guint  sampled_mask;       /* reasons the edges can only sample: re-checked while a reminder is held */
  gint64 defer_cap_us;       /* a held reminder is shown anyway after this long; 0 = never (20 min) */
} LimberSchedulerSettings;

/* Why the user cannot be interrupted now: bits of a busy mask. */
typedef enum {
  LIMBER_BUSY_FULLSCREEN = 1 << 0,  /* a focused fullscreen window */
  LIMBER_BUSY_DND = 1 << 1,         /* the notification server's do-not-disturb */
} LimberBusy;

typedef enum {
  LIMBER_OBSERVATION_AWAY,       /* no input since since_us (reported once idle >= away threshold) */
  LIMBER_OBSERVATION_PRESENT,    /* input again at at_us (the return) */
  LIMBER_OBSERVATION_LOCKED,
  LIMBER_OBSERVATION_UNLOCKED,   /* the user typed their password: a return (unless inactive) */
  LIMBER_OBSERVATION_INACTIVE,   /* another session took the seat (fast user switching): away */
  LIMBER_OBSERVATION_ACTIVE,     /* this session has the seat again: a return (unless locked) */
  LIMBER_OBSERVATION_ASLEEP,
  LIMBER_OBSERVATION_AWAKE,      /* resumed; the user counts as away until the next PRESENT */
  LIMBER_OBSERVATION_TICK,       /* the deadline the scheduler asked for was reached */
  LIMBER_OBSERVATION_START,      /* user: start the guided routine; carries step_us[] / n_steps */
  LIMBER_OBSERVATION_NEXT,       /* user, during a routine: go to the next step */
  LIMBER_OBSERVATION_STOP,       /* user, during a routine: abandon it */
  LIMBER_OBSERVATION_SNOOZE,
  LIMBER_OBSERVATION_SKIP,
  LIMBER_OBSERVATION_DONE,       /* user acknowledged a micro-break */
  LIMBER_OBSERVATION_DISMISSED,  /* user closed the popup without choosing: treated as ignoring it */
  LIMBER_OBSERVATION_PAUSE,      /* until_us; 0 = until resumed */
  LIMBER_OBSERVATION_RESUME,
  LIMBER_OBSERVATION_BUSY,       /* busy: the LimberBusy reasons in force now (0 = free again) */
  LIMBER_OBSERVATION_EXPIRED,    /* the server took the live popup down without the user choosing */
} LimberObservationKind;

typedef struct {
  LimberObservationKind kind;
  gint64 at_us;            /* when it happened (CLOCK_BOOTTIME µs) */
  gint64 since_us;         /* AWAY: time of the last input */
  gint64 until_us;         /* PAUSE */
  const gint64 *step_us;   /* START: duration of each routine step (copied) */
  guint n_steps;
  guint busy;              /* BUSY: LimberBusy mask */
} LimberObservation;

typedef enum {
  LIMBER_ACTION_SHOW_MOVEMENT,  /* movement reminder: sitting_us, snoozes_left, escalate, break_number */
  LIMBER_ACTION_SHOW_MICRO,     /* micro-break popup: break_number (micro count, for rotation) */
  LIMBER_ACTION_SHOW_STEP,      /* guided routine step: step (0-based), n_steps, step_ends_us */
  LIMBER_ACTION_ROUTINE_DONE,   /* routine finished: show a short "done" popup */
  LIMBER_ACTION_WITHDRAW,       /* close the live popup (natural break, skip, pause, micro expired...) */
  LIMBER_ACTION_STATE_CHANGED,  /* the public state (limber_scheduler_get_status) changed */
  LIMBER_ACTION_STAT,           /* a statistic event for the history: stat, from_us/to_us */
  LIMBER_ACTION_EXPECT_RETURN,  /* tell presence: the user is away until the next input (after resume) */
} LimberActionKind;

typedef enum {
  LIMBER_STAT_SITTING,          /* sitting from_us..to_us (when the interval closes, and on flush) */
  LIMBER_STAT_BOUT,             /* a whole unbroken sitting bout ended: length = to_us - from_us */
  LIMBER_STAT_BREAK_DUE,        /* a movement break became due at at_us */
  LIMBER_STAT_TAKEN_NATURAL,    /* movement break by being away: from_us = its start, to_us = credited */
  LIMBER_STAT_TAKEN_GUIDED,     /* movement break by the routine: from_us = its start, to_us = credited */
  LIMBER_STAT_PARTIAL,          /* routine abandoned: from_us = its start, to_us = abandoned */
  LIMBER_STAT_SNOOZED,
  LIMBER_STAT_SKIPPED,
  LIMBER_STAT_IGNORED,          /* a due break ran out of re-reminders with no answer */
  LIMBER_STAT_MICRO_SHOWN,
  LIMBER_STAT_MICRO_TAKEN,
  LIMBER_STAT_BREAK,            /* time in a movement break from_us..to_us (closes at the return, and on flush) */
} LimberStat;

typedef struct {
  LimberActionKind kind;
  gint64 at_us;
  gint64 sitting_us;
  guint snoozes_left;
  gboolean escalate;
  guint break_number;           /* SHOW_MOVEMENT, SHOW_STEP: which routine of the rotation */
  guint step;
  guint n_steps;
  gint64 step_ends_us;
  LimberStat stat;
  gint64 from_us, to_us;
  gboolean was_due;   /* TAKEN_*, PARTIAL, SKIPPED, IGNORED: this ended a due break */
} LimberAction;

typedef enum {
  LIMBER_STATE_SITTING,
  LIMBER_STATE_AWAY,
  LIMBER_STATE_LOCKED,
  LIMBER_STATE_ASLEEP,
  LIMBER_STATE_PAUSED,
  LIMBER_STATE_IN_BREAK,
} LimberState;

typedef struct {
  LimberState state;
  gint64 sitting_since_us;   /* start of the running sitting bout; 0 while in a credited break */
  gint64 away_since_us;      /* start of the current absence; 0 when present */
  gint64 next_due_us;        /* next movement reminder if the user keeps sitting; G_MAXINT64 if none */
  gint64 paused_until_us;    /* 0 = not paused, G_MAXINT64 = indefinitely */
  gboolean reminder_open;    /* a movement reminder popup is live */
  guint snoozes_used;
  gboolean break_due;        /* a movement break is due and not yet answered (open, snoozed or held) */
  guint break_number;        /* the routine of the rotation on offer (see LimberAction) */
  guint busy;                /* LimberBusy reasons in force */
  gint64 held_since_us;      /* a reminder is held back since then (busy); 0 = none */
} LimberStatus;

/* Persistence across restarts: durations relative to the moment of the snapshot. */
typedef struct {
  gint64 sitting_us;       /* sitting clock, up to the start of the absence if away */
  gint64 pause_left_us;    /* 0 none, G_MAXINT64 indefinite */
  guint snoozes_used;
  guint break_number;
  gboolean reminder_open;
  /* additions to the first contract */
  gint64 away_us;          /* how long the user had been away at the snapshot; 0 if present */
  gboolean due_open;       /* a movement break was due and not yet answered */
  guint micro_number;
  /* restore only: nobody watched the gap (the daemon that took the snapshot died without
   * stopping), so it is sitting, never a break; the snapshot itself leaves it FALSE */
  gboolean gap_unwatched;
} LimberSchedulerSnapshot;

G_END_DECLS
