/* scheduler-private.h: the scheduler's internal state, shared by its scheduler-*.c files only. */
#pragma once

#include <glib/gi18n-lib.h>
#include <glib.h>

#include "core/scheduler.h"

G_BEGIN_DECLS

typedef enum {
  LIMBER_POPUP_NONE,
  LIMBER_POPUP_MOVEMENT,
  LIMBER_POPUP_MICRO,
  LIMBER_POPUP_STEP,
  LIMBER_POPUP_POSTURE,
} LimberPopup;

struct _LimberScheduler {
  LimberSchedulerSettings settings;
  gint64 now_us;              /* latest time seen; never goes back */
  gint64 floor_us;            /* no movement break becomes due before this (reload, restore) */

  /* clock and stats: the open interval is SITTING while in_bout, BREAK otherwise */
  gboolean in_bout;
  gint64 bout_since_us;
  gint64 interval_since_us;
  gint64 micro_ref_us;        /* last break of any kind, or the last micro popup */

  /* presence */
  gboolean away, locked, asleep;
  gboolean inactive;          /* another session has the seat: away until ACTIVE, whatever input says */
  gint64 absent_since_us;     /* valid while absent */

  /* movement break */
  gboolean due_open;
  gboolean unanswered;        /* the last reminder got no answer (still open or dismissed) */
  gboolean escalated;
  gint64 next_show_us;        /* while due_open: when the reminder is (re)shown; G_MAXINT64 none */
  gint64 due_floor_us;        /* after PARTIAL / IGNORED: no new due break before this */
  guint snoozes_used;
  guint break_number;         /* breaks due and over so far: the rotation's place of the next */
  guint micro_number;         /* micro-breaks shown so far */

  LimberPopup popup;
  gint64 micro_expires_us;

  /* good manners: a reminder due while the user is busy is held back, not shown */
  guint busy;                 /* LimberBusy reasons reported in force */
  gboolean held;              /* a movement reminder is due but held back */
  gint64 held_since_us;
  gint64 recheck_us;          /* while held for a sampled reason: when to look again */
  gboolean cap_spent;         /* the cap released this due break: busy holds it back no more */

  /* another program's movement breaks, followed: its due breaks replace Limber's own due times */
  LimberExternal external;
  gboolean external_pending;  /* its break came due: Limber's is declared when it can be */

  /* routine */
  gboolean routine;
  gboolean routine_credited;  /* the break already counted; finishing adds nothing */
  guint routine_number;       /* the break_number of the routine running (which one of the rotation) */
  GArray *steps_us;
  guint step;
  gint64 routine_since_us;
  gint64 step_ends_us;
  gint64 hold_until_us;       /* PRESENT mid-routine: abandoned if still present then; G_MAXINT64 none */

  gint64 paused_until_us;     /* 0 none, G_MAXINT64 indefinitely */

  /* posture (sit-stand desks): desk time is cut into sitting and standing spells; with
   * settings.sit_stand off the user always sits and the spell is the bout (spell_since ==
   * bout_since, from the next bout on after a reload that turned it off) */
  LimberPosture posture;
  gint64 spell_since_us;      /* valid in_bout: since a posture change, the return, or (sitting) a skip */
  guint prompts;              /* LimberPrompt bits shown in this spell: each at most once */
  LimberPrompt prompt;        /* while popup == POSTURE: which one */
  gint64 posture_expires_us;  /* while the SIT notice is up: it withdraws itself then */

  /* what the last STATE_CHANGED reported */
  LimberStatus reported;
};

static inline gboolean
limber_scheduler_is_absent (const LimberScheduler *self)
{
  return self->away || self->locked || self->asleep || self->inactive;
}

static inline gboolean
limber_scheduler_is_paused (const LimberScheduler *self)
{
  return self->paused_until_us != 0;
}

/* A reason the settings honour says the user cannot be interrupted now. */
static inline gboolean
limber_scheduler_is_busy (const LimberScheduler *self)
{
  return (self->busy & self->settings.defer_mask) != 0;
}

/* The open desk interval's kind: what the time at the desk counts as. */
static inline LimberStat
limber_scheduler_desk_stat (const LimberScheduler *self)
{
  return self->posture == LIMBER_POSTURE_STANDING ? LIMBER_STAT_STANDING : LIMBER_STAT_SITTING;
}

/* Idle time at which presence must report AWAY (micro_length, or break_length with micro-breaks off). */
static inline gint64
limber_scheduler_away_after_us (const LimberScheduler *self)
{
  if (self->settings.micro_interval_us > 0)
    return self->settings.micro_length_us;
  return self->settings.break_length_us;
}

/*
 * The scheduler's files form a tree, each using only those below it:
 *   scheduler.c (the public calls) -> scheduler-persist.c, scheduler-events.c, scheduler-posture.c
 *   scheduler-events.c (timed events) -> scheduler-routine.c, scheduler-posture.c
 *   scheduler-routine.c (the guided routine) -> scheduler-ledger.c
 *   scheduler-posture.c (sitting and standing spells) -> scheduler-ledger.c
 *   scheduler-persist.c (snapshot, restore) -> scheduler-ledger.c
 *   scheduler-ledger.c (accounting): uses nothing of the others.
 */

/* scheduler-ledger.c */
gint64 limber_scheduler_due_at_us (LimberScheduler *self);
void limber_scheduler_emit (GArray *actions, LimberActionKind kind, gint64 at_us);
void limber_scheduler_emit_stat (LimberScheduler *self, GArray *actions, LimberStat stat,
                                 gint64 from_us, gint64 to_us, gboolean was_due);
void limber_scheduler_withdraw (LimberScheduler *self, GArray *actions);
void limber_scheduler_restart_clock (LimberScheduler *self, GArray *actions);
void limber_scheduler_end_break (LimberScheduler *self, GArray *actions);
void limber_scheduler_credit_break (LimberScheduler *self, LimberStat stat, gint64 start_us,
                                    GArray *actions);
void limber_scheduler_resolve_due (LimberScheduler *self, gint64 floor_us);
void limber_scheduler_unhold (LimberScheduler *self);

/* scheduler-events.c */
void limber_scheduler_advance (LimberScheduler *self, gint64 to_us, GArray *actions);
gint64 limber_scheduler_next_event_us (LimberScheduler *self, gboolean visible_only);

/* scheduler-routine.c */
void limber_scheduler_routine_start (LimberScheduler *self, const gint64 *step_us, guint n_steps,
                                     GArray *actions);
void limber_scheduler_routine_next (LimberScheduler *self, GArray *actions);
/* The due break, if any, comes back after @again_us (a snooze; a whole sit-limit after "That hurt"). */
void limber_scheduler_routine_abandon (LimberScheduler *self, gint64 again_us, GArray *actions);
void limber_scheduler_routine_hold (LimberScheduler *self);

/* scheduler-posture.c */
void limber_scheduler_posture_change (LimberScheduler *self, LimberPosture posture, GArray *actions);
void limber_scheduler_posture_settings (LimberScheduler *self, GArray *actions);
gint64 limber_scheduler_posture_at_us (LimberScheduler *self, LimberPrompt *out_prompt);
void limber_scheduler_posture_show (LimberScheduler *self, LimberPrompt prompt, GArray *actions);

/* scheduler-persist.c */
void limber_scheduler_take_snapshot (LimberScheduler *self, gint64 now_us, LimberSchedulerSnapshot *out);
void limber_scheduler_load_snapshot (LimberScheduler *self, const LimberSchedulerSnapshot *snap,
                                     gint64 gap_us, gint64 now_us, GArray *actions);

G_END_DECLS
