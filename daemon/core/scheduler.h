/* scheduler.h: the pure break scheduler: sitting clock, natural breaks, reminders, snooze, skip, routine. */
#pragma once

#include <glib.h>

#include "core/scheduler-types.h"

G_BEGIN_DECLS

/*
 * How it works (for the next engineer)
 *
 * The scheduler is a value with no I/O. Every call carries now_us (CLOCK_BOOTTIME µs); time never
 * goes back (earlier timestamps are taken as the latest time seen). observe() first runs every
 * internal event whose time has come, in time order and each at its own time, then applies the
 * observation, then runs the events it made due "now", and finally appends STATE_CHANGED if
 * get_status() would now give another state, next_due, pause or reminder_open. The daemon arms one
 * timer at get_next_deadline_us() and feeds a TICK; events that change nothing the user sees (a
 * natural break reached while away with no popup open) are not deadlines: they are run, at their
 * own time, by whatever observation comes next, so the daemon sleeps while the user is away.
 *
 * Orthogonal pieces of state:
 *  - presence: away (idle) / locked / asleep / inactive flags; "absent" while any is set, since
 *    absent_since. PRESENT clears away (not a lock, not inactive), UNLOCKED all but inactive, AWAKE
 *    clears asleep but leaves the user away until their first input (PRESENT). INACTIVE (another
 *    session took the seat: fast user switching) is away whatever the input says, until ACTIVE,
 *    which clears it and away but not a lock: the user is back once both lock and switch are over.
 *  - clock: either a sitting bout runs (bout_since) or a credited break runs (the user is still away,
 *    or still in the routine). Stats: the time is cut into contiguous SITTING and BREAK intervals
 *    (interval_since is the open one's start), so sitting + breaks = elapsed time exactly.
 *    Absence >= break_length (or a finished routine) credits a break from the absence (routine) start;
 *    the clock restarts at the return. Absence in [micro_length, break_length) credits a micro-break.
 *  - movement break: due at bout_since + sit_limit (never before a floor set by reload/restore,
 *    partial or ignore). Due is declared only while the user is present (a due time that falls while
 *    away is declared at the return if the absence was not a break), even while paused. A due break
 *    shows a reminder when present, not paused and no routine runs; an unanswered one is shown again
 *    every snooze period, each counting against max_snoozes; once they run out the re-reminder is
 *    escalated, and one more unanswered period (or dismissing the escalated popup) ends the due
 *    break as IGNORED; the popup stays, and the next due break comes one sit_limit later.
 *    SNOOZE with no snooze left is refused. DISMISSED counts as ignoring; on a step popup it
 *    abandons the routine.
 *    Every due break ends as exactly one of TAKEN_NATURAL / TAKEN_GUIDED / PARTIAL / SKIPPED /
 *    IGNORED with was_due = TRUE.
 *  - micro-break: every micro_interval since the last break of any kind (or the last micro popup),
 *    only when no movement break is due, none due within micro_interval/4, and no popup is live.
 *    The popup is withdrawn after micro_length; DONE (or an away of micro_length) credits it.
 *  - routine (START): steps end at deadlines, NEXT skips ahead; finishing credits a guided break.
 *    Being away break_length meanwhile credits it at once (the steps go on). Coming back to the
 *    keyboard is only visible as PRESENT after an AWAY, and the user must touch the mouse to press
 *    Next, so PRESENT puts the routine on hold for twice the away threshold: an AWAY (the user went
 *    back to stretching) or finishing lifts it; if it runs out the routine is abandoned as PARTIAL
 *    at that moment. STOP abandons at once. A PARTIAL ends the due break; the next one comes after
 *    a snooze period (or at sit_limit, if later). HURT ("That hurt") abandons like STOP, but the
 *    next reminder comes no sooner than a whole sit_limit later: nobody is asked again in five
 *    minutes to do what just hurt.
 *  - pause: no reminder is shown (a live one is withdrawn), the clock and the stats keep running,
 *    a routine the user starts still runs. PAUSE with until_us ends by itself at that time.
 *  - busy (good manners): BUSY reports the LimberBusy reasons in force. While one that
 *    settings.defer_mask honours is in force, a reminder falling due is held back, not shown: the
 *    time held counts neither as ignoring it nor as a snooze. It is released, as the first
 *    reminder the user sees (not escalated), when the user is free again or defer_cap after it
 *    was first held. A reason in settings.sampled_mask is re-checked: a deadline every cap/10
 *    (1 s..1 min) lets the daemon sample it before the TICK. A micro-break falling due while busy
 *    is dropped (the next one comes an interval later). Being busy is not being away.
 *  - another program's movement breaks (GNOME Wellbeing), followed: EXTERNAL FOLLOW or DUE
 *    makes Limber's own due times quiet (next_due is none); EXTERNAL going to DUE declares
 *    Limber's due break at once (or at the return, as any due time that falls while away), and
 *    from there it is a due break like any other: shown, held while busy, snoozed, taken.
 *    EXTERNAL_TAKEN credits a natural break from since_us, unless Limber counted one since then
 *    (or a routine runs, which credits its own); the user still away, it ends at the return.
 *    EXTERNAL NONE goes back to Limber's own schedule (a due time already past is now).
 *  - posture (sit-stand desks, settings.sit_stand): STAND and SIT say how the user is at the
 *    desk. Desk time is cut into sitting and standing spells: a posture change, the return from
 *    a credited break, and (sitting only) a skip start a new one; the posture itself outlasts a
 *    break (the desk stays where it was). The stats tile desk time into SITTING and STANDING
 *    intervals (a change closes the open one at that moment) and a BOUT is a sitting spell. The
 *    movement break ignores posture: it is due after sit_limit at the desk, sitting and standing
 *    together (standing is not moving). Each spell shows each of its prompts at most once, when
 *    a reminder could show, the user is not busy and no other popup is up or break due: STAND
 *    after sit_before_stand of sitting (left out when the movement break is due within a quarter
 *    of that), SIT after stand_before_sit of standing (it withdraws itself after a while), and
 *    STAND_LIMIT after stand_limit of standing (it marks SIT shown too). With sit_stand off, STAND
 *    and SIT are refused and the user always sits: nothing differs from a desk without posture.
 *  - choices (START, NEXT, STOP, HURT, SNOOZE, SKIP, DONE, RESUME) are applied only when
 *    limber_scheduler_check() allows them; SNOOZE needs a due break with a snooze left (or a
 *    micro popup, which it closes), SKIP a due break or a micro popup, START no routine running.
 *  - EXPIRED: the server took the popup down; an unanswered reminder comes back as if ignored.
 *  - AWAKE after ASLEEP: the user counts as away until the next PRESENT, and EXPECT_RETURN tells
 *    presence to report that first input.
 *
 * Public state priority: asleep > locked > in-break (routine) > paused > away (or inactive) > sitting.
 */

typedef struct _LimberScheduler LimberScheduler;

LimberScheduler *limber_scheduler_new (const LimberSchedulerSettings *settings,
                                       gint64 now_us);
void limber_scheduler_free (LimberScheduler *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberScheduler, limber_scheduler_free)

/* Reload: applies from the next decision; a due time already past becomes now, never earlier. */
void limber_scheduler_set_settings (LimberScheduler *self,
                                    const LimberSchedulerSettings *settings,
                                    gint64 now_us,
                                    GArray *actions);
/* Appends LimberAction values to actions. */
void limber_scheduler_observe (LimberScheduler *self,
                               const LimberObservation *obs,
                               GArray *actions);
/* G_MAXINT64 = none; the daemon arms one CLOCK_BOOTTIME timer with it and sends TICK. */
gint64 limber_scheduler_get_next_deadline_us (LimberScheduler *self);
/* Idle time at which presence must report AWAY (micro_length, or break_length with micro-breaks off). */
gint64 limber_scheduler_get_away_threshold_us (LimberScheduler *self);
/* As of the last observation: nothing the status shows changes before the next deadline. */
void limber_scheduler_get_status (LimberScheduler *self,
                                  gint64 now_us,
                                  LimberStatus *out);
/* Emits the open SITTING (or BREAK) interval up to now (before saving / at stop); no other change. */
void limber_scheduler_flush (LimberScheduler *self,
                             gint64 now_us,
                             GArray *actions);

void limber_scheduler_snapshot (LimberScheduler *self,
                                gint64 now_us,
                                LimberSchedulerSnapshot *out);
/* gap_us: time between the snapshot and now; with the away time, >= break_length is a natural break
 * (unless snap->gap_unwatched: then the gap is sitting, and only an absence of break_length at the
 * snapshot is a break). */
void limber_scheduler_restore (LimberScheduler *self,
                               const LimberSchedulerSnapshot *snap,
                               gint64 gap_us,
                               gint64 now_us,
                               GArray *actions);

/* Why a user's choice cannot be applied in the present state. */
typedef enum {
  LIMBER_REFUSAL_NONE,
  LIMBER_REFUSAL_NOTHING_DUE,      /* snooze, skip, done: no break (or micro-break) is due */
  LIMBER_REFUSAL_NO_SNOOZE_LEFT,   /* snooze: max-snoozes used for this break */
  LIMBER_REFUSAL_ROUTINE_RUNNING,  /* start, snooze, skip: a guided break runs */
  LIMBER_REFUSAL_NO_ROUTINE,       /* next, stop: no guided break runs */
  LIMBER_REFUSAL_ON_BREAK,         /* skip: the user is away on a credited break */
  LIMBER_REFUSAL_NOT_PAUSED,       /* resume */
  LIMBER_REFUSAL_NO_SIT_STAND,     /* stand, sit: the settings say the desk is for sitting only */
} LimberRefusal;

/* The rules for the user's choices (START … RESUME), in one place: observe()
 * ignores a refused choice, and callers that must answer (the bus) ask first. */
LimberRefusal limber_scheduler_check (LimberScheduler     *self,
                                      LimberObservationKind kind);
/* The refusal as a sentence for the user (free it); NULL for NONE. */
char *limber_scheduler_refusal_to_text (LimberScheduler *self,
                                        LimberRefusal    refusal);

/* "sitting", "away", "locked", "asleep", "paused", "in-break" */
const char *limber_state_to_string (LimberState state);
/* "sitting", "standing" */
const char *limber_posture_to_string (LimberPosture posture);

G_END_DECLS
