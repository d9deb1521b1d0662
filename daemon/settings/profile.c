/* profile.c: what [profile] and the gentle week change in the catalogue: variants, walk-only, steps per side. */
#include "settings/profile.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The longest chain of `instead`s followed; a longer one turns back on itself. */
#define MAX_VARIANT_HOPS 8

static const char *const chair_names[] = { "fixed", "wheels" };
static const char *const space_names[] = { "wall", "doorway", "none" };
static const char *const mobility_names[] = { "standing", "seated" };

void
limber_profile_init (LimberProfile *p)
{
  *p = (LimberProfile) { .chair = LIMBER_CHAIR_WHEELS, .space = LIMBER_SPACE_WALL,
                         .mobility = LIMBER_MOBILITY_STANDING };
}

guint
limber_profile_provides (const LimberProfile *p)
{
  gboolean standing = p->mobility == LIMBER_MOBILITY_STANDING;
  guint provided = LIMBER_NEED_LYING | LIMBER_NEED_DEEP | LIMBER_NEED_STRONG;

  if (standing)
    provided |= LIMBER_NEED_STANDING;
  else
    provided |= LIMBER_NEED_WHEELCHAIR;
  /* Getting up from a chair or sitting on its edge needs one that stays put; a wheelchair user
   * does neither. Turning or pushing in the seat needs a seat that does not roll or swivel: a
   * fixed chair, or a wheelchair with its brakes on. */
  if (p->chair == LIMBER_CHAIR_FIXED && standing)
    provided |= LIMBER_NEED_FIXED_CHAIR;
  if (p->chair == LIMBER_CHAIR_FIXED || !standing)
    provided |= LIMBER_NEED_STEADY_SEAT;
  if (p->space != LIMBER_SPACE_NONE)
    provided |= LIMBER_NEED_WALL;
  if (p->space == LIMBER_SPACE_DOORWAY)
    provided |= LIMBER_NEED_DOORWAY;
  if (p->pregnant)
    provided &= ~(guint) (LIMBER_NEED_LYING | LIMBER_NEED_DEEP);
  if (p->gentle != LIMBER_GENTLE_OFF)
    provided &= ~(guint) (LIMBER_NEED_DEEP | LIMBER_NEED_STRONG);
  return provided;
}

gboolean
limber_profile_walk_only (const LimberProfile *p)
{
  return p->walk_only || p->gentle == LIMBER_GENTLE_WALK_ONLY;
}

gboolean
limber_profile_stand_slowly (const LimberProfile *p)
{
  return p->pregnant || p->gentle != LIMBER_GENTLE_OFF;
}

char *
limber_profile_describe (const LimberProfile *p)
{
  g_autoptr (GString) text = g_string_new (NULL);

  g_string_printf (text, "chair = %s, space = %s, mobility = %s", chair_names[p->chair], space_names[p->space],
                   mobility_names[p->mobility]);
  if (p->pregnant)
    g_string_append (text, ", pregnant");
  if (p->walk_only)
    g_string_append (text, ", walk-only");
  /* The rest are the config's own words; these two are not. */
  if (p->gentle == LIMBER_GENTLE_ON)
    g_string_append_printf (text, ", %s", _("gentle week"));
  else if (p->gentle == LIMBER_GENTLE_WALK_ONLY)
    g_string_append_printf (text, ", %s", _("gentle week (walk only)"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
limber_profile_equal (const LimberProfile *a, const LimberProfile *b)
{
  return a->chair == b->chair && a->space == b->space && a->mobility == b->mobility &&
         !a->pregnant == !b->pregnant && !a->walk_only == !b->walk_only && a->gentle == b->gentle;
}

const LimberStretch *
limber_profile_resolve (const LimberProfile *p, const LimberCatalogue *c, const LimberStretch *s)
{
  guint provided = limber_profile_provides (p);

  for (guint hop = 0; s != NULL && hop <= MAX_VARIANT_HOPS; hop++)
    {
      if ((s->needs & ~provided) == 0)
        return s;
      s = s->instead ? limber_catalogue_get_stretch (c, s->instead) : NULL;
    }
  return NULL;
}

const LimberRoutine *
limber_profile_pick (const LimberProfile *p, const LimberCatalogue *c, gboolean micro, guint break_number)
{
  if (limber_profile_walk_only (p))
    return limber_catalogue_pick_from (c, limber_catalogue_get_walk_only (c, micro), break_number);
  return limber_catalogue_pick (c, micro, break_number);
}

static void
append_stretch (GArray *steps, const LimberCatalogue *c, const LimberStretch *shown, const LimberStretch *asked)
{
  LimberRoutineStep step = { shown, asked, shown->hold_us, 0 };

  /* A walk is the break itself: at least as long as the break the evidence is about. */
  if (shown->away)
    step.duration_us = MAX (step.duration_us, limber_catalogue_get_break_length (c));
  if (shown->sides < 2)
    {
      g_array_append_val (steps, step);
      return;
    }
  step.side = 1;
  g_array_append_val (steps, step);
  step.side = 2;
  g_array_append_val (steps, step);
}

GArray *
limber_profile_get_steps (const LimberProfile *p, const LimberCatalogue *c, const LimberRoutine *r)
{
  GArray *steps = g_array_new (FALSE, TRUE, sizeof (LimberRoutineStep));
  const LimberStretch *previous = NULL;

  for (gsize i = 0; r->stretch_ids[i]; i++)
    {
      const LimberStretch *asked = limber_catalogue_get_stretch (c, r->stretch_ids[i]);
      const LimberStretch *shown = asked ? limber_profile_resolve (p, c, asked) : NULL;

      /* Two stretches with the same variant (both leg raises become glute squeezes when
       * seated) are one step, not the same step twice. */
      if (shown == NULL || shown == previous)
        continue;
      append_stretch (steps, c, shown, asked);
      previous = shown;
    }
  return steps;
}

gint64
limber_profile_total_us (const LimberProfile *p, const LimberCatalogue *c, const LimberRoutine *r)
{
  g_autoptr (GArray) steps = limber_profile_get_steps (p, c, r);
  gint64 total_us = 0;

  for (guint i = 0; i < steps->len; i++)
    total_us += g_array_index (steps, LimberRoutineStep, i).duration_us;
  return total_us;
}
