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

typedef enum
{
  LIMBER_ORDER_ROTATE,
  LIMBER_ORDER_SHUFFLE,
} LimberOrder;

/* Steps a popup can show without cutting them off, in characters. */
#define LIMBER_ROUTINE_MAX_STEP_CHARS 90

typedef struct
{
  char *id;
  char *title;
  LimberArea area;
  char **steps;     /* at least one */
  gint64 hold_us;   /* time spent on it, per side; > 0 */
  guint sides;      /* 1 or 2 */
  char *caution;    /* NULL when none */
} LimberStretch;

typedef struct
{
  char *id;
  char *title;
  char **stretch_ids;  /* at least one, each in the catalogue */
} LimberRoutine;

/* One step of a guided routine: one stretch, held for hold × sides. */
typedef struct
{
  const LimberStretch *stretch;
  gint64 duration_us;
} LimberRoutineStep;

typedef struct _LimberCatalogue LimberCatalogue;

/* "hips", "upper-back", "neck", "legs", "whole-body", "eyes". */
const char *limber_area_to_string (LimberArea area);
gboolean limber_area_from_string (const char *text, LimberArea *out_area);

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

/* (transfer none) NULL when unknown. */
const LimberStretch *limber_catalogue_get_stretch (const LimberCatalogue *c, const char *id);
const LimberRoutine *limber_catalogue_get_routine (const LimberCatalogue *c, const char *id);
/* (transfer none) Every stretch / routine (LimberStretch* / LimberRoutine*), in file order. */
GPtrArray *limber_catalogue_get_stretches (const LimberCatalogue *c);
GPtrArray *limber_catalogue_get_routines (const LimberCatalogue *c);
/* (transfer none) The routine ids of the movement or micro rotation, NULL-terminated. */
const char *const *limber_catalogue_get_rotation (const LimberCatalogue *c, gboolean micro);
LimberOrder limber_catalogue_get_order (const LimberCatalogue *c);

/* The routine for the @break_number-th (0-based) movement or micro break. rotate: the list in
 * order, round and round. shuffle: each round is a fresh order, seeded by the round number (so
 * the same break_number always gives the same routine); entries at even places are shuffled
 * among even places and odd among odd, so a list that alternates stretch and walk routines keeps
 * alternating. NULL only when that rotation is empty (micro-breaks off). (transfer none) */
const LimberRoutine *limber_catalogue_pick (const LimberCatalogue *c, gboolean micro, guint break_number);

/* Sum of hold × sides over the routine's stretches. */
gint64 limber_routine_total_us (const LimberCatalogue *c, const LimberRoutine *r);

/* The routine as steps, one per stretch, in order (of LimberRoutineStep). (transfer full) */
GArray *limber_routine_get_steps (const LimberCatalogue *c, const LimberRoutine *r);

/* A stretch's steps joined into one popup body, one per line. (transfer full) */
char *limber_stretch_format_steps (const LimberStretch *s);

/* The general safety note shown with the catalogue: gentle, no bouncing, mild discomfort at most,
 * stop on sharp pain, when to see a clinician. */
const char *limber_routine_get_safety_note (void);

G_END_DECLS
