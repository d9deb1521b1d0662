/* status.h: the one-line wording of the daemon's state, absolute (sd_notify) and relative (limberctl). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* All times are wall-clock microseconds (g_get_real_time ()). */
typedef struct
{
  const char *state;              /* "sitting", "away", "locked", "asleep", "paused", "in-break" */
  gint64 wall_now_us;
  gint64 wall_sitting_since_us;   /* 0 unknown */
  gint64 wall_away_since_us;      /* away/locked/asleep: since when; 0 unknown */
  gint64 wall_next_due_us;        /* 0 none */
  gint64 wall_paused_until_us;    /* 0 none, G_MAXINT64 until resumed */
  /* additions: good manners */
  guint busy;                     /* LimberBusy reasons in force */
  gint64 wall_held_since_us;      /* a due reminder is held back since then; 0 none */
  gboolean following;             /* movement breaks follow another program's (GNOME Wellbeing) */
  const char *posture;            /* "sitting" or "standing" (sit-stand desks); NULL = sitting */
  gint64 wall_posture_since_us;   /* start of that sitting or standing spell; 0 = sitting_since */
} LimberStatusInfo;

/* "Sitting since 10:02 · movement break at 10:32", "Paused until 14:00", "Away since 11:47";
 * at a sit-stand desk "Standing since 10:22 · movement break at 10:32" (since the posture's spell).
 * Local time; a time on another day carries its weekday (or date), so the line needs no refresh. */
char *limber_status_format_absolute (const LimberStatusInfo *info);

/* "Sitting 23 min · movement break in 7 min", "Away 5 min", "Paused · 40 min left". */
char *limber_status_format_relative (const LimberStatusInfo *info);

/* While a reminder is held: "Sitting since 10:02 · held since 10:32: camera in use" and
 * "Sitting 31 min · held: camera in use, 3 min". While following GNOME Wellbeing with no break
 * due: "Sitting 23 min · movement breaks follow GNOME Wellbeing". */

/* "a fullscreen window, camera in use": the LimberBusy reasons of busy, for people. */
char *limber_status_format_busy (guint busy);
/* "fullscreen", "do-not-disturb", "camera", "microphone", "inhibited": one LimberBusy bit's
 * name on the bus; NULL for an unknown bit. */
const char *limber_busy_to_string (guint bit);
/* The mask of the names known (others are skipped). */
guint limber_busy_from_strings (const char *const *names);

/* "less than a minute", "7 min", "1 h 5 min", "2 h"; negative counts as 0. */
char *limber_status_format_duration (gint64 duration_us);

/* "10:32" when on the same local day as wall_now_us, "Tue 09:00" within a week,
 * "2026-01-05 09:00" otherwise. */
char *limber_status_format_clock (gint64 wall_at_us, gint64 wall_now_us);

G_END_DECLS
