/* profile.h: who the user is and where they work ([profile]), and what that changes in the catalogue. */
#pragma once

#include <glib.h>

#include "settings/routine.h"

G_BEGIN_DECLS

/* [profile] chair: the desk chair. The order is the config file's choices. */
typedef enum
{
  LIMBER_CHAIR_FIXED,   /* no castors, does not swivel: it may be sat on the edge of and stood up from */
  LIMBER_CHAIR_WHEELS,  /* castors or a swivel: no step sits on its edge, turns in it or leans on it */
} LimberChair;

/* [profile] space: what there is beside the desk. */
typedef enum
{
  LIMBER_SPACE_WALL,     /* a free wall, no free doorway */
  LIMBER_SPACE_DOORWAY,  /* a free doorway (and walls) */
  LIMBER_SPACE_NONE,     /* neither */
} LimberSpace;

/* [profile] mobility. */
typedef enum
{
  LIMBER_MOBILITY_STANDING,  /* gets up from the desk */
  LIMBER_MOBILITY_SEATED,    /* a wheelchair user: moves seated, wheels away instead of walking */
} LimberMobility;

/* The week after "That hurt": what the user chose (kept in the state directory). */
typedef enum
{
  LIMBER_GENTLE_OFF,
  LIMBER_GENTLE_ON,         /* gentler variants: no deep lunges, no extra effort, stand up slowly */
  LIMBER_GENTLE_WALK_ONLY,  /* walks and the eye and posture micro-breaks only */
} LimberGentle;

typedef struct
{
  LimberChair chair;
  LimberSpace space;
  LimberMobility mobility;
  gboolean pregnant;   /* no lying on the back, shallow lunges, stand up slowly */
  gboolean walk_only;  /* walks and the eye and posture micro-breaks only */
  LimberGentle gentle; /* not a config key: the state directory's gentle week */
} LimberProfile;

/* The defaults of config/limber.conf: chair = wheels, space = wall, mobility = standing. */
void limber_profile_init (LimberProfile *p);
/* The LimberNeed bits @p provides. */
guint limber_profile_provides (const LimberProfile *p);
/* Walk-only, from [profile] walk-only or a walk-only gentle week. */
gboolean limber_profile_walk_only (const LimberProfile *p);
/* Pregnancy or the gentle week: the first step of a movement break says to stand up slowly. */
gboolean limber_profile_stand_slowly (const LimberProfile *p);
/* "chair = wheels, space = wall, mobility = standing" and any of ", pregnant", ", walk-only",
 * ", gentle week", ", gentle week (walk only)". (transfer full) */
char *limber_profile_describe (const LimberProfile *p);
gboolean limber_profile_equal (const LimberProfile *a, const LimberProfile *b);

/* What @p shows for @s: @s when its needs are met, else the first of its chain of `instead`s
 * whose needs are; NULL when the chain ends (or turns back on itself) without one. */
const LimberStretch *limber_profile_resolve (const LimberProfile *p, const LimberCatalogue *c,
                                             const LimberStretch *s);

/* The routine for the @break_number-th movement or micro break under @p: the rotation, or with
 * walk-only [routines] walk-only / walk-only-micro. NULL when that list is empty. (transfer none) */
const LimberRoutine *limber_profile_pick (const LimberProfile *p, const LimberCatalogue *c, gboolean micro,
                                          guint break_number);

/* @r as @p shows it, one step per side (of LimberRoutineStep): each stretch resolved, those
 * without a variant left out, a repeat of the one before merged into it. A walk away from the
 * desk lasts at least break-length. (transfer full) */
GArray *limber_profile_get_steps (const LimberProfile *p, const LimberCatalogue *c, const LimberRoutine *r);
/* The sum of those steps. */
gint64 limber_profile_total_us (const LimberProfile *p, const LimberCatalogue *c, const LimberRoutine *r);

G_END_DECLS
