/* routine.h: the stretch and routine catalogue, and which routine comes at which break. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LimberKeyfileIndex LimberKeyfileIndex;

typedef enum
{
  LIMBER_AREA_HIPS,
  LIMBER_AREA_UPPER_BACK,
  LIMBER_AREA_NECK,
  LIMBER_AREA_LEGS,
  LIMBER_AREA_WHOLE_BODY,
  LIMBER_AREA_EYES,
} LimberArea;

/* How a stretch is done, which decides how its popup words the time: "Hold 20 s", "8 slow
 * rounds, about 30 s", "Keep walking for 2 min". */
typedef enum
{
  LIMBER_KIND_HOLD,    /* one position, held */
  LIMBER_KIND_REPEAT,  /* a movement done reps times, slowly */
  LIMBER_KIND_MOVE,    /* keep moving for the time: walking, marching */
} LimberKind;

/* What a stretch needs of the user and the room; a profile ([profile] and the gentle week) says
 * which of these there are. A stretch whose needs are not all met is replaced by its `instead`. */
typedef enum
{
  LIMBER_NEED_STANDING = 1 << 0,     /* done on your feet (mobility = standing) */
  LIMBER_NEED_FIXED_CHAIR = 1 << 1,  /* sits on the edge of, or gets in and out of, a chair that must not roll */
  LIMBER_NEED_STEADY_SEAT = 1 << 2,  /* turns or pushes in the seat: a chair that cannot roll or swivel, or a
                                      * wheelchair with its brakes on */
  LIMBER_NEED_WALL = 1 << 3,         /* a free wall */
  LIMBER_NEED_DOORWAY = 1 << 4,      /* a free doorway */
  LIMBER_NEED_LYING = 1 << 5,        /* lying on the back (not with pregnant = true) */
  LIMBER_NEED_DEEP = 1 << 6,         /* a deep lunge or split stance (not in pregnancy or the gentle week) */
  LIMBER_NEED_STRONG = 1 << 7,       /* more effort than the rest (not in the gentle week) */
  LIMBER_NEED_WHEELCHAIR = 1 << 8,   /* moves a wheelchair (mobility = seated) */
} LimberNeed;

typedef enum
{
  LIMBER_ORDER_ROTATE,
  LIMBER_ORDER_SHUFFLE,
} LimberOrder;

/* Steps a popup can show without cutting them off, in characters. */
#define LIMBER_ROUTINE_MAX_STEP_CHARS 90
/* The steps of one stretch together, joined into a step popup; the rest of the popup (the time,
 * the caution, the safety line) takes the other lines. See LIMBER_REMINDER_* in reminder.h. */
#define LIMBER_ROUTINE_MAX_STEPS_CHARS 160
/* A caution shown in the popup. */
#define LIMBER_ROUTINE_MAX_CAUTION_CHARS 90

typedef struct
{
  char *id;
  char *title;
  LimberArea area;
  LimberKind kind;
  char **steps;     /* at least one */
  gint64 hold_us;   /* time spent on it, per side; > 0 (a move away from the desk: at least break-length) */
  guint sides;      /* 1 or 2 */
  guint reps;       /* REPEAT: times per side; 0 = not said */
  char *cue;        /* MOVE: "Keep walking"; NULL = "Keep moving" */
  char *caution;    /* NULL when none */
  guint needs;      /* LimberNeed bits */
  char *instead;    /* the stretch shown when a need is not met; NULL = left out then */
  char *harder;     /* the next step of a progression, for limberctl stretches; NULL when none */
  gboolean away;    /* leaves the desk (a walk): last in its routine, lasts at least break-length */
  char *picture;    /* absolute path of its illustration, NULL when none was found */
} LimberStretch;

typedef struct
{
  char *id;
  char *title;
  char **stretch_ids;  /* at least one, each in the catalogue */
} LimberRoutine;

/* One step of a guided routine: one stretch, or one side of a two-sided one. */
typedef struct
{
  const LimberStretch *stretch;  /* what is shown (the profile's variant) */
  const LimberStretch *asked;    /* what the routine names */
  gint64 duration_us;
  guint side;                    /* 0 one-sided, 1 the first side, 2 the second */
} LimberRoutineStep;

typedef struct _LimberCatalogue LimberCatalogue;

/* "hips", "upper-back", "neck", "legs", "whole-body", "eyes". */
const char *limber_area_to_string (LimberArea area);
gboolean limber_area_from_string (const char *text, LimberArea *out_area);
/* "hold", "repeat", "move". */
const char *limber_kind_to_string (LimberKind kind);
/* "standing", "fixed-chair", … for one LimberNeed bit; NULL for anything else. */
const char *limber_need_to_string (LimberNeed need);
/* The bits of @needs as "standing, wall"; "" for none. (transfer full) */
char *limber_needs_format (guint needs);

/* The directories searched for a stretch's picture (ID.svg, or its `picture` key): the installed
 * one first, then limber/stretches under each XDG data directory. (transfer full) */
char **limber_catalogue_picture_dirs (void);

/* Builds the catalogue from the [stretch ID], [routine ID] and [routines] sections of @keyfile
 * (already merged), checking every entry and every cross-reference. Problems go to
 * @diagnostics, placed through @indexes (see limber_keyfile_index_report()). Returns the
 * catalogue even when some entries were bad (they are left out); the caller decides from the
 * diagnostics. (transfer full) */
LimberCatalogue *limber_catalogue_new_from_keyfile (GKeyFile *keyfile,
                                                    const LimberKeyfileIndex *const *indexes,
                                                    GPtrArray *diagnostics);
void limber_catalogue_free (LimberCatalogue *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberCatalogue, limber_catalogue_free)

/* A walk away from the desk lasts at least this long ([breaks] break-length). */
void limber_catalogue_set_break_length (LimberCatalogue *c, gint64 break_length_us);
gint64 limber_catalogue_get_break_length (const LimberCatalogue *c);

/* (transfer none) NULL when unknown. */
const LimberStretch *limber_catalogue_get_stretch (const LimberCatalogue *c, const char *id);
const LimberRoutine *limber_catalogue_get_routine (const LimberCatalogue *c, const char *id);
/* (transfer none) Every stretch / routine (LimberStretch* / LimberRoutine*), in file order. */
GPtrArray *limber_catalogue_get_stretches (const LimberCatalogue *c);
GPtrArray *limber_catalogue_get_routines (const LimberCatalogue *c);
/* (transfer none) The routine ids of the movement or micro rotation, NULL-terminated. */
const char *const *limber_catalogue_get_rotation (const LimberCatalogue *c, gboolean micro);
/* (transfer none) [routines] walk-only (movement) or walk-only-micro: what walk-only offers. */
const char *const *limber_catalogue_get_walk_only (const LimberCatalogue *c, gboolean micro);
LimberOrder limber_catalogue_get_order (const LimberCatalogue *c);

/* The routine for the @break_number-th (0-based) movement or micro break of @ids (a rotation,
 * NULL-terminated). rotate: the list in order, round and round. shuffle: each round is a fresh
 * order, seeded by the round number (so the same break_number always gives the same routine);
 * entries at even places are shuffled among even places and odd among odd, so a list that
 * alternates stretch and walk routines keeps alternating. NULL only when @ids is empty.
 * (transfer none) */
const LimberRoutine *limber_catalogue_pick_from (const LimberCatalogue *c, const char *const *ids,
                                                 guint break_number);
/* limber_catalogue_pick_from the movement or micro rotation; NULL only when that rotation is empty
 * (micro-breaks off). (transfer none) */
const LimberRoutine *limber_catalogue_pick (const LimberCatalogue *c, gboolean micro, guint break_number);

/* A stretch's steps joined into one popup body, one per line. (transfer full) */
char *limber_stretch_format_steps (const LimberStretch *s);

/* The general safety note shown with the catalogue: gentle, no bouncing, mild discomfort at most,
 * stop on sharp pain, when to see a clinician. */
const char *limber_routine_get_safety_note (void);

G_END_DECLS
