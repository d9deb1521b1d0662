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
  /* a sit-stand desk: the user says when they stand and sit (off: every desk minute is sitting) */
  gboolean sit_stand;
  gint64 sit_before_stand_us;  /* "time to stand" after this long sitting; 0 = never (20 min) */
  gint64 stand_before_sit_us;  /* the gentle "you may sit" after this long standing; 0 = never (8 min) */
  gint64 stand_limit_us;       /* "move, or sit for a while" after this long standing; 0 = never (45 min) */
} LimberSchedulerSettings;

/* How the user is at the desk (sit-stand desks only; otherwise always sitting). */
typedef enum {
  LIMBER_POSTURE_SITTING,
  LIMBER_POSTURE_STANDING,
} LimberPosture;

/* The posture popups: bits of a mask of those shown in a spell. */
typedef enum {
  LIMBER_PROMPT_STAND = 1 << 0,        /* sitting for sit_before_stand: time to stand */
  LIMBER_PROMPT_SIT = 1 << 1,          /* standing for stand_before_sit: you may sit (withdraws itself) */
  LIMBER_PROMPT_STAND_LIMIT = 1 << 2,  /* standing for stand_limit: move, or sit */
} LimberPrompt;

/* Why the user cannot be interrupted now: bits of a busy mask. */
typedef enum {
  LIMBER_BUSY_FULLSCREEN = 1 << 0,  /* a focused fullscreen window */
  LIMBER_BUSY_DND = 1 << 1,         /* the notification server's do-not-disturb */
  LIMBER_BUSY_CAMERA = 1 << 2,      /* a camera is in use (a call, a recording) */
  LIMBER_BUSY_MICROPHONE = 1 << 3,  /* a microphone records (a call), not a level meter */
  LIMBER_BUSY_INHIBITED = 1 << 4,   /* a program holds an idle inhibitor (a film, a presentation) */
} LimberBusy;

/* Another program that keeps a movement-break schedule of its own (GNOME
 * Wellbeing), as far as Limber follows it. */
typedef enum {
  LIMBER_EXTERNAL_NONE,    /* none is followed: Limber keeps its own schedule */
  LIMBER_EXTERNAL_FOLLOW,  /* one is followed, between its breaks: Limber's own due times stay quiet */
  LIMBER_EXTERNAL_DUE,     /* its movement break is due or in progress: Limber declares its break due */
} LimberExternal;

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
  LIMBER_OBSERVATION_EXTERNAL,   /* the other program's schedule: external (a LimberExternal) */
  LIMBER_OBSERVATION_EXTERNAL_TAKEN,  /* the other program says its break was taken, from since_us */
  LIMBER_OBSERVATION_STAND,      /* user (sit-stand desk): I am standing now */
  LIMBER_OBSERVATION_SIT,        /* user (sit-stand desk): I sat down */
  LIMBER_OBSERVATION_HURT,       /* user, during a routine: "That hurt": abandon it, no reminder soon */
} LimberObservationKind;

typedef struct {
  LimberObservationKind kind;
  gint64 at_us;            /* when it happened (CLOCK_BOOTTIME µs) */
  gint64 since_us;         /* AWAY: time of the last input; EXTERNAL_TAKEN: the break's start */
  gint64 until_us;         /* PAUSE */
  const gint64 *step_us;   /* START: duration of each routine step (copied) */
  guint n_steps;
  guint busy;              /* BUSY: LimberBusy mask */
  LimberExternal external; /* EXTERNAL */
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
  LIMBER_ACTION_SHOW_POSTURE,   /* a posture popup: prompt, spell_us (how long in this posture so far) */
} LimberActionKind;

typedef enum {
  LIMBER_STAT_SITTING,          /* sitting from_us..to_us (when the interval closes, and on flush) */
  LIMBER_STAT_BOUT,             /* an unbroken sitting bout (ended by a break, a skip or standing up) */
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
  LIMBER_STAT_STANDING,         /* standing at the desk from_us..to_us (as SITTING; sit-stand desks) */
  LIMBER_STAT_STOOD_UP,         /* the user changed from sitting to standing at at_us */
  LIMBER_STAT_SAT_DOWN,         /* the user changed from standing to sitting at at_us */
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
  LimberPrompt prompt;          /* SHOW_POSTURE: which one */
  gint64 spell_us;              /* SHOW_POSTURE: time in the present posture so far */
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
  LimberExternal external;   /* whether another program's movement breaks are followed */
  LimberPosture posture;     /* sitting, or standing (sit-stand desks) */
  gint64 posture_since_us;   /* start of the present sitting or standing spell; 0 while in a break */
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
  gboolean standing;       /* the posture (sit-stand desks) */
  gint64 posture_us;       /* how long in that posture, as sitting_us (0 in a break) */
  guint prompts;           /* LimberPrompt bits shown in that spell */
  /* restore only: nobody watched the gap (the daemon that took the snapshot died without
   * stopping), so it is sitting, never a break; the snapshot itself leaves it FALSE */
  gboolean gap_unwatched;
} LimberSchedulerSnapshot;

G_END_DECLS
