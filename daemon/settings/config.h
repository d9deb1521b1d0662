/* config.h: LimberConfig, the settings and catalogue from the built-in defaults and the user's file. */
#pragma once

#include <glib.h>

#include "settings/profile.h"
#include "settings/routine.h"

G_BEGIN_DECLS

/* The name the built-in defaults go by in messages ("built-in limber.conf:290: …"). */
#define LIMBER_CONFIG_BUILTIN_NAME "built-in limber.conf"

#define LIMBER_CONFIG_ERROR (limber_config_error_quark ())
GQuark limber_config_error_quark (void);

typedef enum
{
  LIMBER_CONFIG_ERROR_INVALID,   /* the message holds every error line, one per line */
} LimberConfigError;

/* What a video player or game that keeps resetting the X idle counter (mpv every 10 s, SDL every
 * 30 s) means. Key [presence] media-playback. */
typedef enum
{
  LIMBER_MEDIA_PLAYBACK_SITTING,  /* believe it: time in front of a playing video is sitting */
  LIMBER_MEDIA_PLAYBACK_AWAY,     /* only real input counts as presence, where the backend can tell */
} LimberMediaPlayback;

/* What GNOME Wellbeing's own movement breaks mean to Limber. Key [reminders] gnome-wellbeing. */
typedef enum
{
  LIMBER_GNOME_WELLBEING_FOLLOW,  /* no reminder of Limber's own; GNOME's due break offers the routine */
  LIMBER_GNOME_WELLBEING_IGNORE,  /* Limber keeps its own schedule beside GNOME's */
} LimberGnomeWellbeing;
/* The kind of desk the user works at. Key [profile] desk. */
typedef enum
{
  LIMBER_DESK_SITTING,    /* every minute at the keyboard is sitting */
  LIMBER_DESK_SIT_STAND,  /* height-adjustable: the user says when they stand and sit; see [sit-stand] */
} LimberDesk;

/* Files bigger than this are refused before they are read. */
#define LIMBER_CONFIG_MAX_FILE_BYTES (1024 * 1024)

typedef struct
{
  /* [breaks] */
  gint64 sit_limit_us;        /* sitting time before a movement break is due; > 0 */
  gint64 break_length_us;     /* a movement break's length, and the away time that counts as one */
  gint64 micro_interval_us;   /* sitting between micro-breaks; 0 = no micro-breaks */
  gint64 micro_length_us;     /* a micro-break's length, and the away time that counts as one */
  gint64 snooze_us;           /* how long Snooze puts a reminder off; > 0 */
  guint max_snoozes;          /* snoozes (or ignored reminders) per break before escalation */
  /* [reminders] */
  gboolean defer_fullscreen;  /* defer-fullscreen: no popup over a focused fullscreen window */
  gboolean defer_dnd;         /* defer-do-not-disturb: respect the server's do-not-disturb */
  gboolean defer_calls;       /* defer-during-calls: a camera or microphone in use (PipeWire) */
  gboolean defer_inhibited;   /* defer-inhibited: a program holds an idle inhibitor */
  LimberGnomeWellbeing gnome_wellbeing;  /* gnome-wellbeing: follow or ignore GNOME's movement breaks */
  gint64 defer_cap_us;        /* defer-at-most: send anyway after this long deferred; 0 = never */
  gboolean escalate;          /* escalate: critical urgency once after max-snoozes ignores */
  /* [presence] */
  LimberMediaPlayback media_playback;
  /* [profile] */
  LimberDesk desk;
  LimberProfile profile;      /* chair, space, mobility, pregnant, walk-only (gentle is always OFF here) */
  /* [sit-stand] (with desk = sit-stand) */
  gint64 sit_before_stand_us; /* "time to stand" after this long sitting; 0 = never */
  gint64 stand_before_sit_us; /* the gentle "you may sit" after this long standing; 0 = never */
  gint64 stand_limit_us;      /* "move, or sit" after this long standing; 0 = never */
  gint64 standing_goal_us;    /* standing a day that limberctl stats counts toward; 0 = none */
  /* [indicator] */
  gboolean indicator_enabled; /* enabled: limberd shows its icon in the panel's tray */
  /* [routines], [stretch ID], [routine ID] */
  LimberCatalogue *catalogue;
  char *path;                 /* the user file it was loaded from, or NULL for built-in defaults */
} LimberConfig;

/* $XDG_CONFIG_HOME/limber/limber.conf if it exists, else the first existing
 * $XDG_CONFIG_DIRS/limber/limber.conf, else NULL. (transfer full) */
char *limber_config_find_path (void);

/* The built-in defaults (the shipped config/limber.conf) as text. (transfer full) */
GBytes *limber_config_get_defaults (void);

/* Loads the built-in defaults, then @path on top (NULL = defaults only): keys override single
 * keys; a [stretch ID] or [routine ID] section adds or replaces that entry whole. Every problem
 * found goes to @diagnostics (of LimberDiagnostic*; may be NULL). Returns NULL and sets @error
 * (LIMBER_CONFIG_ERROR_INVALID, message = every error line) when any problem is an error;
 * warnings do not fail. Touches nothing shared: safe to call while another config is in use.
 * (transfer full) */
LimberConfig *limber_config_load (const char *path, GPtrArray *diagnostics, GError **error);
void limber_config_free (LimberConfig *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberConfig, limber_config_free)

G_END_DECLS
