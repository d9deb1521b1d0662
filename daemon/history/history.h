/* history.h: the per-day records and the live sitting session, kept in $XDG_STATE_HOME/limber. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LIMBER_COUNTER_BREAKS_DUE,
  LIMBER_COUNTER_TAKEN_NATURAL,
  LIMBER_COUNTER_TAKEN_GUIDED,
  LIMBER_COUNTER_PARTIAL,
  LIMBER_COUNTER_SNOOZED,
  LIMBER_COUNTER_SKIPPED,
  LIMBER_COUNTER_IGNORED,
  LIMBER_COUNTER_MICRO_SHOWN,
  LIMBER_COUNTER_MICRO_TAKEN,
  LIMBER_COUNTER_LONG_BOUTS, /* sitting bouts longer than sit-limit */
  LIMBER_COUNTER_SWITCHES,   /* sit-stand desks: changes from sitting to standing */
  LIMBER_COUNTER_N
} LimberCounter;

/* A good day took at least this share (percent) of the breaks that fell due. */
#define LIMBER_HISTORY_GOOD_DAY_PERCENT 80
/* A first milestone, not a promise: the median in Lally et al. 2010 was 66 days (limberctl stats says so). */
#define LIMBER_HISTORY_HABIT_GOAL 30
/* Days older than this are dropped from the file; their good days stay counted. */
#define LIMBER_HISTORY_KEEP_DAYS 400

typedef struct
{
  char *date; /* YYYY-MM-DD, local calendar day */
  gint64 sitting_us;
  gint64 longest_bout_us;
  guint counters[LIMBER_COUNTER_N];
  gint64 standing_us;  /* sit-stand desks: time at the desk standing (never counted as sitting) */
} LimberDay;

typedef struct
{
  gint64 wall_saved_us;
  char *boot_id;       /* /proc/sys/kernel/random/boot_id when saved */
  gint64 boot_saved_us; /* CLOCK_BOOTTIME when saved */
  gint64 sitting_us;
  gint64 pause_left_us; /* 0 not paused, G_MAXINT64 until resumed */
  guint snoozes_used;
  guint break_number;
  gboolean reminder_open;
  gboolean due_open;    /* a movement break was due and not yet answered */
  gint64 away_us;       /* how long the user had been away when saved; 0 if present */
  guint micro_number;   /* the micro-break rotation */
  gboolean standing;    /* sit-stand desks: the posture */
  gint64 posture_us;    /* how long in that posture, as sitting_us */
  guint posture_prompts; /* the posture prompts already shown in that spell */
  gboolean running;     /* saved by a limberd that went on running (not at its stop) */
} LimberLiveSession;

typedef struct _LimberHistory LimberHistory;

/* "breaks-due", "taken-natural", … : the key in the state file and on the bus. */
const char *limber_counter_to_string (LimberCounter counter);

LimberDay *limber_day_new (const char *date);
LimberDay *limber_day_copy (const LimberDay *day);
void limber_day_free (LimberDay *day);
/* Breaks taken: natural + guided + partial (a started routine still moved the body). */
guint limber_day_get_taken (const LimberDay *day);
gboolean limber_day_is_good (const LimberDay *day);

void limber_live_session_clear (LimberLiveSession *session);

/* state_dir NULL = g_get_user_state_dir ()/limber. Nothing is read until _load. */
LimberHistory *limber_history_new (const char *state_dir);
void limber_history_free (LimberHistory *history);
const char *limber_history_get_path (LimberHistory *history);

/* A missing file is an empty history. A file that cannot be parsed is renamed to
 * NAME.corrupt-YYYYMMDD-HHMMSS, a warning says so, and loading continues empty (TRUE).
 * FALSE only when the file exists but cannot be read or moved aside. */
gboolean limber_history_load (LimberHistory *history, GError **error);
/* As _load, for a reader beside limberd (limberctl report): changes nothing on disk. A file that
 * cannot be parsed is an error that says so; stale temporaries are left for limberd. */
gboolean limber_history_load_read_only (LimberHistory *history, GError **error);
/* The path a corrupt file was moved to by the last _load, or NULL. */
const char *limber_history_get_quarantined (LimberHistory *history);

/* Sitting time, split at local midnight into the days it belongs to. */
void limber_history_add_sitting (LimberHistory *history, gint64 wall_from_us, gint64 wall_to_us);
/* Standing time at the desk, likewise. */
void limber_history_add_standing (LimberHistory *history, gint64 wall_from_us, gint64 wall_to_us);
/* A finished sitting bout, counted on the day it ended; sit_limit_us 0 = no limit. */
void limber_history_add_bout (LimberHistory *history, gint64 wall_end_us, gint64 length_us,
                              gint64 sit_limit_us);
void limber_history_count (LimberHistory *history, LimberCounter counter, gint64 wall_at_us);

void limber_history_set_live (LimberHistory *history, const LimberLiveSession *session);
void limber_history_clear_live (LimberHistory *history);
/* FALSE when there is none; on TRUE, clear *out with limber_live_session_clear. */
gboolean limber_history_get_live (LimberHistory *history, LimberLiveSession *out);

/* Atomic and durable (g_file_set_contents_full), file 0600 in a 0700 directory.
 * An unwritable directory is an error for the caller to log; nothing else breaks. */
gboolean limber_history_save (LimberHistory *history, GError **error);
/* TRUE when something changed since the last load or save. */
gboolean limber_history_is_dirty (LimberHistory *history);

/* NULL when there is no record for that date. */
const LimberDay *limber_history_get_day (LimberHistory *history, const char *date);
/* The n_days local days ending with the day of wall_now_us, oldest first, as new
 * LimberDay copies (empty ones where nothing was recorded); free the array. */
GPtrArray *limber_history_get_days (LimberHistory *history, guint n_days, gint64 wall_now_us);
/* Good days so far (never reset by a missed day); compare with LIMBER_HISTORY_HABIT_GOAL. */
guint limber_history_habit_days (LimberHistory *history);

/* Whether the first-run notice was shown (a file without the key: it was not). */
gboolean limber_history_get_welcomed (LimberHistory *history);
void limber_history_set_welcomed (LimberHistory *history);
/* The gentle week after "That hurt": when it ends (wall µs; 0 = none) and whether it is walks
 * only. It is over once that time has passed; the caller compares. */
gint64 limber_history_get_gentle (LimberHistory *history, gboolean *out_walk_only);
void limber_history_set_gentle (LimberHistory *history, gint64 wall_until_us, gboolean walk_only);

/* TRUE when text is a valid YYYY-MM-DD date; fills out. */
gboolean limber_history_parse_date (const char *text, GDate *out);

/* YYYY-MM-DD of wall_at_us in local time; NULL if out of range. */
char *limber_history_date_for (gint64 wall_at_us);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberDay, limber_day_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberHistory, limber_history_free)

G_END_DECLS
