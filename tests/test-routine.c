/* test-routine.c: the shipped catalogue's content rules, the profiles, the rotation, and the popups every
 * shipped stretch and routine makes. */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "core/reminder.h"
#include "settings/config.h"
#include "settings/profile.h"

#include "popup-fixture.h"

#define SEC(n) ((gint64) (n) * G_USEC_PER_SEC)

static LimberConfig *
load_defaults (void)
{
  g_autoptr (GError) error = NULL;
  LimberConfig *c = limber_config_load (NULL, NULL, &error);
  g_assert_no_error (error);
  return c;
}

static LimberConfig *
load_text (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "limber-test-routine.conf", NULL);
  LimberConfig *c;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  c = limber_config_load (path, NULL, &error);
  g_assert_no_error (error);
  g_remove (path);
  return c;
}

/* The routines a profile can offer at a movement (or micro) break: one round of its rotation. */
static GPtrArray *
offered (const LimberProfile *p, const LimberCatalogue *c, gboolean micro)
{
  GPtrArray *routines = g_ptr_array_new ();
  const char *const *ids = limber_profile_walk_only (p) ? limber_catalogue_get_walk_only (c, micro)
                                                        : limber_catalogue_get_rotation (c, micro);

  for (guint n = 0; ids[n]; n++)
    g_ptr_array_add (routines, (gpointer) limber_profile_pick (p, c, micro, n));
  return routines;
}

static void
test_steps_fit_popup (void)
{
  g_autoptr (LimberConfig) c = load_defaults ();
  GPtrArray *stretches = limber_catalogue_get_stretches (c->catalogue);

  for (guint i = 0; i < stretches->len; i++)
    {
      const LimberStretch *s = g_ptr_array_index (stretches, i);
      g_autofree char *joined = g_strjoinv (" ", s->steps);

      g_test_message ("%s", s->id);
      g_assert_nonnull (s->steps[0]);
      for (gsize k = 0; s->steps[k]; k++)
        g_assert_cmpint (g_utf8_strlen (s->steps[k], -1), <=, LIMBER_ROUTINE_MAX_STEP_CHARS);
      g_assert_cmpint (g_utf8_strlen (joined, -1), <=, LIMBER_ROUTINE_MAX_STEPS_CHARS);
      g_assert_true (s->caution == NULL || g_utf8_strlen (s->caution, -1) <= LIMBER_ROUTINE_MAX_CAUTION_CHARS);
      /* ACSM and CCOHS: a static stretch is held 10 to 30 s; moves and repeats take longer. */
      if (s->kind == LIMBER_KIND_HOLD)
        {
          g_assert_cmpint (s->hold_us, >=, SEC (10));
          g_assert_cmpint (s->hold_us, <=, SEC (30));
        }
      g_assert_cmpint (s->hold_us, <=, SEC (120));
    }
}

/* Each stretch says how it is done, and its words agree: a hold is never counted, a repeat never
 * held, a move has the words for its time; a caution is a caution, not a note. */
static void
test_kinds (void)
{
  g_autoptr (LimberConfig) c = load_defaults ();
  GPtrArray *stretches = limber_catalogue_get_stretches (c->catalogue);
  guint per_kind[3] = { 0 };

  for (guint i = 0; i < stretches->len; i++)
    {
      const LimberStretch *s = g_ptr_array_index (stretches, i);

      g_test_message ("%s", s->id);
      per_kind[s->kind]++;
      g_assert_cmpint (s->kind == LIMBER_KIND_REPEAT, ==, s->reps > 0);
      g_assert_cmpint (s->kind == LIMBER_KIND_MOVE, ==, s->cue != NULL);
      if (s->away)
        g_assert_cmpint (s->kind, ==, LIMBER_KIND_MOVE);
      g_assert_true (s->caution == NULL || strstr (s->caution, "Works") == NULL);
      g_assert_true (s->caution == NULL || strstr (s->caution, "Suits") == NULL);
    }
  g_assert_cmpuint (per_kind[LIMBER_KIND_HOLD], >=, 8);
  g_assert_cmpuint (per_kind[LIMBER_KIND_REPEAT], >=, 8);
  g_assert_cmpuint (per_kind[LIMBER_KIND_MOVE], >=, 4);
  g_assert_cmpint (limber_catalogue_get_stretch (c->catalogue, "walk")->kind, ==, LIMBER_KIND_MOVE);
  g_assert_cmpint (limber_catalogue_get_stretch (c->catalogue, "sit-to-stand")->kind, ==, LIMBER_KIND_REPEAT);
  g_assert_cmpint (limber_catalogue_get_stretch (c->catalogue, "calf-raises")->kind, ==, LIMBER_KIND_REPEAT);
  g_assert_cmpint (limber_catalogue_get_stretch (c->catalogue, "march-in-place")->kind, ==, LIMBER_KIND_MOVE);
  g_assert_cmpint (limber_catalogue_get_stretch (c->catalogue, "wall-chest")->kind, ==, LIMBER_KIND_HOLD);
}

static void
test_counts_per_area (void)
{
  g_autoptr (LimberConfig) c = load_defaults ();
  GPtrArray *stretches = limber_catalogue_get_stretches (c->catalogue);
  guint per_area[LIMBER_AREA_EYES + 1] = { 0 };
  static const char *const required[] = { "walk", "stair-climb", "calf-raises", "sit-to-stand", "chin-tuck",
                                          "look-far", "standing-row", "hip-extension", "side-leg-raise",
                                          "split-squat", "wheel-away", "pressure-lift", "seated-row" };

  for (guint i = 0; i < stretches->len; i++)
    per_area[((const LimberStretch *) g_ptr_array_index (stretches, i))->area]++;
  g_assert_cmpuint (stretches->len, >=, 30);
  g_assert_cmpuint (per_area[LIMBER_AREA_HIPS], >=, 8);
  g_assert_cmpuint (per_area[LIMBER_AREA_UPPER_BACK], >=, 10);
  g_assert_cmpuint (per_area[LIMBER_AREA_NECK] + per_area[LIMBER_AREA_EYES], >=, 4);
  g_assert_cmpuint (per_area[LIMBER_AREA_WHOLE_BODY] + per_area[LIMBER_AREA_LEGS], >=, 8);
  for (gsize i = 0; i < G_N_ELEMENTS (required); i++)
    g_assert_nonnull (limber_catalogue_get_stretch (c->catalogue, required[i]));
  /* The progressions: glute squeeze → sit to stand → split squat; squeeze → wall angels → rows. */
  g_assert_cmpstr (limber_catalogue_get_stretch (c->catalogue, "glute-squeeze")->harder, ==, "sit-to-stand");
  g_assert_cmpstr (limber_catalogue_get_stretch (c->catalogue, "sit-to-stand")->harder, ==, "split-squat");
  g_assert_cmpstr (limber_catalogue_get_stretch (c->catalogue, "shoulder-blade-squeeze")->harder, ==, "wall-angels");
  g_assert_cmpstr (limber_catalogue_get_stretch (c->catalogue, "wall-angels")->harder, ==, "standing-row");
}

static gboolean
ends_with_walk (const LimberProfile *p, const LimberCatalogue *c, const LimberRoutine *r)
{
  g_autoptr (GArray) steps = limber_profile_get_steps (p, c, r);
  return steps->len > 0 && g_array_index (steps, LimberRoutineStep, steps->len - 1).stretch->away;
}

static void
test_routine_totals (void)
{
  g_autoptr (LimberConfig) c = load_defaults ();
  LimberProfile p;

  limber_profile_init (&p);
  for (guint micro = 0; micro <= 1; micro++)
    {
      const char *const *ids = limber_catalogue_get_rotation (c->catalogue, micro);
      g_autoptr (GHashTable) distinct = g_hash_table_new (g_str_hash, g_str_equal);

      for (gsize i = 0; ids[i]; i++)
        {
          const LimberRoutine *r = limber_catalogue_get_routine (c->catalogue, ids[i]);
          gint64 total_us = limber_profile_total_us (&p, c->catalogue, r);

          g_test_message ("routine %s", r->id);
          g_hash_table_add (distinct, (gpointer) ids[i]);
          if (micro)
            {
              g_assert_cmpint (total_us, >=, SEC (15));
              g_assert_cmpint (total_us, <=, SEC (40));
            }
          else if (ends_with_walk (&p, c->catalogue, r))
            /* [DEM16]'s 3 min break, [HEN16]'s 5: a walk routine is its moves and the walk. */
            g_assert_cmpint (total_us, <=, SEC (240));
          else
            {
              g_assert_cmpint (total_us, >=, SEC (60));
              g_assert_cmpint (total_us, <=, SEC (120));
            }
        }
      g_assert_cmpuint (g_hash_table_size (distinct), >=, 5);
    }
}

/* The evidence behind the 2-minute break is 2 minutes of walking: in every profile, a walk lasts
 * at least break-length, comes last in its routine, and nothing after it is shown to an empty chair. */
static void
test_walks_long_and_last (void)
{
  g_autoptr (LimberConfig) c = load_defaults ();
  g_autoptr (LimberConfig) longer = load_text ("[breaks]\nbreak-length = 3m\n");

  for (guint n = 0; n < N_PROFILES; n++)
    {
      LimberProfile p = popup_profile_number (n);
      GPtrArray *routines = limber_catalogue_get_routines (c->catalogue);

      for (guint i = 0; i < routines->len; i++)
        {
          g_autoptr (GArray) steps = limber_profile_get_steps (&p, c->catalogue, g_ptr_array_index (routines, i));
          g_autoptr (GArray) longer_steps = limber_profile_get_steps (
              &p, longer->catalogue, limber_catalogue_get_routine (longer->catalogue,
                                                                   ((LimberRoutine *) g_ptr_array_index (routines, i))->id));

          for (guint k = 0; k < steps->len; k++)
            {
              const LimberRoutineStep *step = &g_array_index (steps, LimberRoutineStep, k);
              if (!step->stretch->away)
                continue;
              g_assert_cmpuint (k, ==, steps->len - 1);
              g_assert_cmpint (step->duration_us, >=, c->break_length_us);
              g_assert_cmpint (g_array_index (longer_steps, LimberRoutineStep, k).duration_us, >=, SEC (180));
            }
        }
    }
  /* Every second movement break is a walk away from the desk. */
  g_assert_true (ends_with_walk (&(LimberProfile) { .chair = LIMBER_CHAIR_WHEELS }, c->catalogue,
                                 limber_catalogue_pick (c->catalogue, FALSE, 1)));
}

/* With a chair that rolls or swivels, no step sits on its edge, gets up from it, turns in it or
 * pushes on it; and no micro-break is ever the half-off-the-chair stretch. */
static void
test_no_chair_leaning_on_wheels (void)
{
  g_autoptr (LimberConfig) c = load_defaults ();
  GPtrArray *routines = limber_catalogue_get_routines (c->catalogue);

  for (guint n = 0; n < N_PROFILES; n++)
    {
      LimberProfile p = popup_profile_number (n);

      for (guint i = 0; i < routines->len; i++)
        {
          g_autoptr (GArray) steps = limber_profile_get_steps (&p, c->catalogue, g_ptr_array_index (routines, i));

          for (guint k = 0; k < steps->len; k++)
            {
              const LimberStretch *s = g_array_index (steps, LimberRoutineStep, k).stretch;
              /* Only what the profile provides is ever shown. */
              g_assert_cmpuint (s->needs & ~limber_profile_provides (&p), ==, 0);
              if (p.chair == LIMBER_CHAIR_WHEELS && p.mobility == LIMBER_MOBILITY_STANDING)
                g_assert_cmpuint (s->needs & (LIMBER_NEED_FIXED_CHAIR | LIMBER_NEED_STEADY_SEAT), ==, 0);
            }
        }
      {
        g_autoptr (GPtrArray) micros = offered (&p, c->catalogue, TRUE);
        for (guint i = 0; i < micros->len; i++)
          {
            g_autoptr (GArray) steps = limber_profile_get_steps (&p, c->catalogue, g_ptr_array_index (micros, i));
            for (guint k = 0; k < steps->len; k++)
              g_assert_cmpuint (g_array_index (steps, LimberRoutineStep, k).stretch->needs & LIMBER_NEED_FIXED_CHAIR,
                                ==, 0);
          }
      }
    }
}

/* "Time to stand up" means it: every movement break has a step done on your feet, unless the
 * user moves seated, whose breaks have none. */
static void
test_movement_breaks_stand_up (void)
{
  g_autoptr (LimberConfig) c = load_defaults ();

  for (guint n = 0; n < N_PROFILES; n++)
    {
      LimberProfile p = popup_profile_number (n);
      g_autoptr (GPtrArray) routines = offered (&p, c->catalogue, FALSE);

      for (guint i = 0; i < routines->len; i++)
        {
          g_autoptr (GArray) steps = limber_profile_get_steps (&p, c->catalogue, g_ptr_array_index (routines, i));
          guint standing = 0;

          g_assert_cmpuint (steps->len, >, 0);
          for (guint k = 0; k < steps->len; k++)
            standing += (g_array_index (steps, LimberRoutineStep, k).stretch->needs & LIMBER_NEED_STANDING) != 0;
          g_test_message ("profile %u routine %s", n, ((LimberRoutine *) g_ptr_array_index (routines, i))->id);
          if (p.mobility == LIMBER_MOBILITY_SEATED)
            g_assert_cmpuint (standing, ==, 0);
          else
            g_assert_cmpuint (standing, >, 0);
        }
    }
}

static const char *
shown_id (const LimberProfile *p, const LimberCatalogue *c, const char *id)
{
  const LimberStretch *s = limber_profile_resolve (p, c, limber_catalogue_get_stretch (c, id));
  return s ? s->id : NULL;
}

/* What each [profile] key and the gentle week swap in. */
static void
test_profile_swaps (void)
{
  g_autoptr (LimberConfig) c = load_defaults ();
  const LimberCatalogue *cat = c->catalogue;
  LimberProfile p;

  limber_profile_init (&p);
  g_assert_true (limber_profile_equal (&p, &c->profile));
  g_assert_cmpstr (shown_id (&p, cat, "sit-to-stand"), ==, "desk-squat");
  g_assert_cmpstr (shown_id (&p, cat, "doorway-chest"), ==, "wall-chest");
  g_assert_cmpstr (shown_id (&p, cat, "seated-twist"), ==, "standing-twist");
  g_assert_cmpstr (shown_id (&p, cat, "hip-flexor-seated"), ==, "hip-flexor-standing");
  p.chair = LIMBER_CHAIR_FIXED;
  g_assert_cmpstr (shown_id (&p, cat, "sit-to-stand"), ==, "sit-to-stand");
  g_assert_cmpstr (shown_id (&p, cat, "hip-flexor-seated"), ==, "hip-flexor-seated");
  p.space = LIMBER_SPACE_DOORWAY;
  g_assert_cmpstr (shown_id (&p, cat, "doorway-chest"), ==, "doorway-chest");
  p.space = LIMBER_SPACE_NONE;
  g_assert_cmpstr (shown_id (&p, cat, "doorway-chest"), ==, "elbow-opener");
  g_assert_cmpstr (shown_id (&p, cat, "wall-angels"), ==, "arm-slides");
  limber_profile_init (&p);
  p.pregnant = TRUE;
  g_assert_cmpstr (shown_id (&p, cat, "lunge-reach"), ==, "shallow-lunge-reach");
  g_assert_cmpstr (shown_id (&p, cat, "glute-bridge"), ==, "glute-squeeze");
  g_assert_cmpstr (shown_id (&p, cat, "split-squat"), ==, "desk-squat");
  g_assert_true (limber_profile_stand_slowly (&p));
  limber_profile_init (&p);
  p.gentle = LIMBER_GENTLE_ON;
  g_assert_cmpstr (shown_id (&p, cat, "split-squat"), ==, "desk-squat");
  g_assert_cmpstr (shown_id (&p, cat, "stair-climb"), ==, "walk");
  g_assert_cmpstr (shown_id (&p, cat, "lunge-reach"), ==, "shallow-lunge-reach");
  g_assert_false (limber_profile_walk_only (&p));
  limber_profile_init (&p);
  p.mobility = LIMBER_MOBILITY_SEATED;
  g_assert_cmpstr (shown_id (&p, cat, "walk"), ==, "wheel-away");
  g_assert_cmpstr (shown_id (&p, cat, "standing-row"), ==, "seated-row");
  g_assert_cmpstr (shown_id (&p, cat, "desk-squat"), ==, "pressure-lift");
  g_assert_cmpstr (shown_id (&p, cat, "seated-twist"), ==, "seated-twist");
  g_assert_cmpstr (shown_id (&p, cat, "hip-flexor-seated"), ==, "seated-pelvic-tilt");
  /* Walk-only, from the file or from the week after "That hurt". */
  for (guint week = 0; week <= 1; week++)
    {
      limber_profile_init (&p);
      p.walk_only = !week;
      p.gentle = week ? LIMBER_GENTLE_WALK_ONLY : LIMBER_GENTLE_OFF;
      for (guint n = 0; n < 10; n++)
        {
          g_assert_cmpstr (limber_profile_pick (&p, cat, FALSE, n)->id, ==, "walk-break");
          g_assert_true (g_str_equal (limber_profile_pick (&p, cat, TRUE, n)->id, "eyes-far") ||
                         g_str_equal (limber_profile_pick (&p, cat, TRUE, n)->id, "tall-sit"));
        }
    }
}

/* The config file's [profile] keys reach the profile. */
static void
test_profile_from_config (void)
{
  g_autoptr (LimberConfig) c = load_text ("[profile]\nchair = fixed\nspace = none\nmobility = seated\n"
                                          "pregnant = true\nwalk-only = true\n");
  g_autofree char *described = limber_profile_describe (&c->profile);

  g_assert_cmpint (c->profile.chair, ==, LIMBER_CHAIR_FIXED);
  g_assert_cmpint (c->profile.space, ==, LIMBER_SPACE_NONE);
  g_assert_cmpint (c->profile.mobility, ==, LIMBER_MOBILITY_SEATED);
  g_assert_true (c->profile.pregnant);
  g_assert_true (c->profile.walk_only);
  g_assert_cmpint (c->profile.gentle, ==, LIMBER_GENTLE_OFF);
  g_assert_cmpstr (described, ==, "chair = fixed, space = none, mobility = seated, pregnant, walk-only");
}

/* Nothing in the catalogue is dead: every stretch is shown by a rotated routine in some profile
 * (except the opt-in ones, named here), and every micro routine shows all it holds. */
static void
test_every_item_reachable (void)
{
  g_autoptr (LimberConfig) c = load_defaults ();
  GPtrArray *stretches = limber_catalogue_get_stretches (c->catalogue);
  g_autoptr (GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
  static const char *const opt_in[] = { "glute-bridge", "hip-flexor-seated", "stair-climb", NULL };

  for (guint n = 0; n < N_PROFILES; n++)
    {
      LimberProfile p = popup_profile_number (n);

      for (guint micro = 0; micro <= 1; micro++)
        {
          g_autoptr (GPtrArray) routines = offered (&p, c->catalogue, micro);
          for (guint i = 0; i < routines->len; i++)
            {
              const LimberRoutine *r = g_ptr_array_index (routines, i);
              g_autoptr (GArray) steps = limber_profile_get_steps (&p, c->catalogue, r);

              /* A micro-break is one popup: its routine has one stretch. */
              if (micro)
                g_assert_cmpuint (g_strv_length (r->stretch_ids), ==, 1);
              for (guint k = 0; k < steps->len; k++)
                g_hash_table_add (shown, g_array_index (steps, LimberRoutineStep, k).stretch->id);
            }
        }
    }
  for (guint i = 0; i < stretches->len; i++)
    {
      const LimberStretch *s = g_ptr_array_index (stretches, i);
      g_test_message ("%s", s->id);
      g_assert_true (g_hash_table_contains (shown, s->id) || g_strv_contains (opt_in, s->id));
    }
  g_assert_true (g_hash_table_contains (shown, "shoulder-rolls"));
  g_assert_true (g_hash_table_contains (shown, "wall-chest"));
  g_assert_true (g_hash_table_contains (shown, "march-in-place"));
}

/* Every second movement break is a walk away from the desk, and never the same routine twice in a row. */
static void
test_rotation_alternates_walks (void)
{
  g_autoptr (LimberConfig) c = load_defaults ();
  const LimberRoutine *previous = NULL;
  guint len = g_strv_length ((char **) limber_catalogue_get_rotation (c->catalogue, FALSE));

  for (guint n = 0; n < 200; n++)
    {
      const LimberRoutine *r = limber_catalogue_pick (c->catalogue, FALSE, n);
      g_assert_cmpint (ends_with_walk (&c->profile, c->catalogue, r), ==, n % 2 == 1);
      g_assert_true (r != previous);
      previous = r;
    }
  g_assert_true (limber_catalogue_pick (c->catalogue, FALSE, 0) == limber_catalogue_pick (c->catalogue, FALSE, len));
  g_assert_cmpstr (limber_catalogue_pick (c->catalogue, TRUE, 0)->id, ==, "eyes-far");
  g_assert_cmpstr (limber_catalogue_pick (c->catalogue, FALSE, 0)->id, ==, "desk-reset");
}

static void
test_shuffle_stable_and_alternating (void)
{
  g_autoptr (LimberConfig) c = load_text ("[routines]\norder = shuffle\n");
  guint len = g_strv_length ((char **) limber_catalogue_get_rotation (c->catalogue, FALSE));
  gboolean differs = FALSE;

  for (guint round = 0; round < 20; round++)
    {
      g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint k = 0; k < len; k++)
        {
          guint n = round * len + k;
          const LimberRoutine *r = limber_catalogue_pick (c->catalogue, FALSE, n);
          g_assert_true (r == limber_catalogue_pick (c->catalogue, FALSE, n));
          g_assert_cmpint (ends_with_walk (&c->profile, c->catalogue, r), ==, n % 2 == 1);
          differs |= strcmp (r->id, limber_catalogue_get_rotation (c->catalogue, FALSE)[k]) != 0;
          g_hash_table_add (seen, r->id);
        }
      /* Each distinct routine of the list comes once per round. */
      g_assert_cmpuint (g_hash_table_size (seen), >=, 5);
    }
  g_assert_true (differs);
}

/* A two-sided stretch is two steps, one per side, each as long as the hold. */
static void
test_steps_for_guided_routine (void)
{
  g_autoptr (LimberConfig) c = load_defaults ();
  const LimberRoutine *r = limber_catalogue_get_routine (c->catalogue, "hip-opener");
  g_autoptr (GArray) steps = limber_profile_get_steps (&c->profile, c->catalogue, r);
  const LimberRoutineStep *second, *third;
  g_autofree char *body = NULL;

  g_assert_cmpuint (steps->len, ==, 5);
  second = &g_array_index (steps, LimberRoutineStep, 1);
  third = &g_array_index (steps, LimberRoutineStep, 2);
  g_assert_cmpstr (second->stretch->id, ==, "hip-flexor-standing");
  g_assert_cmpuint (second->side, ==, 1);
  g_assert_cmpuint (third->side, ==, 2);
  g_assert_true (third->stretch == second->stretch);
  g_assert_cmpint (second->duration_us, ==, SEC (25));
  g_assert_cmpuint (g_array_index (steps, LimberRoutineStep, 0).side, ==, 0);
  body = limber_stretch_format_steps (second->stretch);
  g_assert_nonnull (strchr (body, '\n'));
  g_assert_cmpint (limber_profile_total_us (&c->profile, c->catalogue, r), ==, SEC (25 + 50 + 40));
}

/* The shipped pictures: one per stretch in data/limber/stretches, found where they are installed. */
static void
test_pictures (void)
{
  g_autoptr (LimberConfig) c = load_defaults ();
  GPtrArray *stretches = limber_catalogue_get_stretches (c->catalogue);
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "data", "limber", "stretches", NULL);

  for (guint i = 0; i < stretches->len; i++)
    {
      const LimberStretch *s = g_ptr_array_index (stretches, i);
      g_autofree char *name = g_strconcat (s->id, ".svg", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;

      g_test_message ("%s", path);
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      g_assert_true (g_str_has_prefix (text, "<svg") || g_str_has_prefix (text, "<?xml"));
    }
  /* The picture directories follow XDG_DATA_DIRS (main () points it at the source tree's data/,
   * which stands in for an install); an explicit picture key names its own file. */
  g_assert_nonnull (limber_catalogue_get_stretch (c->catalogue, "walk")->picture);
  g_assert_true (g_str_has_suffix (limber_catalogue_get_stretch (c->catalogue, "walk")->picture,
                                   "/limber/stretches/walk.svg"));
  {
    g_autofree char *conf = g_strdup_printf ("[stretch mine]\ntitle = Mine\narea = hips\nsteps = a\nhold = 10s\n"
                                             "picture = %s/walk.svg\n", dir);
    g_autoptr (LimberConfig) mine = load_text (conf);
    g_autofree char *want = g_build_filename (dir, "walk.svg", NULL);

    g_assert_cmpstr (limber_catalogue_get_stretch (mine->catalogue, "mine")->picture, ==, want);
  }
}

/* The plain text of @r fits what GNOME, KDE and dunst show (reminder.h). */
static void
assert_fits (const LimberReminder *r)
{
  g_autofree char *plain = limber_wording_plain (r->body);

  g_test_message ("%s | %s", r->summary, plain);
  g_assert_cmpint (g_utf8_strlen (r->summary, -1), <=, LIMBER_REMINDER_MAX_SUMMARY_CHARS);
  g_assert_cmpuint (limber_wording_count_lines (plain, LIMBER_REMINDER_GNOME_COLUMNS), <=, LIMBER_REMINDER_GNOME_LINES);
  g_assert_cmpuint (limber_wording_count_lines (plain, LIMBER_REMINDER_KDE_COLUMNS), <=, LIMBER_REMINDER_KDE_LINES);
  g_assert_cmpuint (limber_wording_count_lines (plain, LIMBER_REMINDER_DUNST_COLUMNS), <=, LIMBER_REMINDER_DUNST_LINES);
}

/* The step popup of every side of every stretch, as the daemon fills it in. */
static void
check_step_popups (const LimberCatalogue *cat, const LimberStretch *s)
{
  g_autofree char *text = g_strjoinv (" ", s->steps);

  for (guint side = 0; side <= 2; side++)
    {
      LimberReminderInput in = popup_step_input (cat, s, text, side);
      g_autoptr (LimberReminder) markup = limber_reminder_build (&in, TRUE, TRUE);
      g_autoptr (LimberReminder) plain = limber_reminder_build (&in, TRUE, FALSE);
      g_autofree char *shown = limber_wording_plain (markup->body);

      assert_fits (markup);
      g_assert_cmpstr (shown, ==, plain->body);
      /* The words of the time (in bold) follow the kind: "Hold" for a hold only. */
      g_assert_cmpint (strstr (markup->body, "<b>Hold ") != NULL, ==, s->kind == LIMBER_KIND_HOLD);
      g_assert_cmpint (strstr (markup->body, " slow rounds") != NULL, ==, s->kind == LIMBER_KIND_REPEAT);
      if (s->kind == LIMBER_KIND_MOVE)
        g_assert_nonnull (strstr (shown, s->cue));
      if (s->caution != NULL)
        g_assert_nonnull (strstr (shown, s->caution));
    }
}

static void
check_movement_popups (const LimberCatalogue *cat, const LimberProfile *p, const LimberRoutine *r)
{
  g_autoptr (GArray) steps = limber_profile_get_steps (p, cat, r);
  const LimberStretch *first = g_array_index (steps, LimberRoutineStep, 0).stretch;
  gboolean seated = p->mobility == LIMBER_MOBILITY_SEATED;
  LimberWording w = seated ? LIMBER_WORDING_MOVEMENT_SEATED : LIMBER_WORDING_MOVEMENT;

  for (guint k = 0; k < limber_wording_count (w); k++)
    {
      LimberReminderInput in = {
        .kind = LIMBER_REMINDER_MOVEMENT, .sitting_us = SEC (75 * 60), .routine_title = r->title,
        .routine_total_us = limber_profile_total_us (p, cat, r), .first_step = first->steps[0],
        .snoozes_left = 2, .snooze_us = SEC (300), .seated = seated, .wording = k,
        .stand_slowly = limber_profile_stand_slowly (p) && !seated, .area = limber_area_to_string (first->area),
      };
      g_autoptr (LimberReminder) popup = limber_reminder_build (&in, TRUE, TRUE);

      assert_fits (popup);
      g_assert_cmpint (strstr (popup->summary, "stand up") != NULL, ==, !seated);
      g_assert_cmpint (strstr (popup->body, "Stand up slowly") != NULL, ==, in.stand_slowly);
    }
}

static void
check_micro_popups (const LimberCatalogue *cat, const LimberProfile *p, const LimberRoutine *r)
{
  g_autoptr (GArray) steps = limber_profile_get_steps (p, cat, r);
  const LimberStretch *s = g_array_index (steps, LimberRoutineStep, 0).stretch;
  g_autofree char *text = g_strjoinv (" ", s->steps);

  for (guint k = 0; k < limber_wording_count (LIMBER_WORDING_MICRO); k++)
    {
      LimberReminderInput in = {
        .kind = LIMBER_REMINDER_MICRO, .sitting_us = SEC (75 * 60), .stretch_title = s->title, .step_text = text,
        .hold_us = SEC (30), .wording = k, .area = limber_area_to_string (s->area), .picture = s->picture,
      };
      g_autoptr (LimberReminder) popup = limber_reminder_build (&in, TRUE, TRUE);
      assert_fits (popup);
    }
}

/* Every popup a shipped stretch, routine or wording makes, in every profile, fits the servers. */
static void
test_popups_fit (void)
{
  g_autoptr (LimberConfig) c = load_defaults ();
  GPtrArray *stretches = limber_catalogue_get_stretches (c->catalogue);
  GPtrArray *routines = limber_catalogue_get_routines (c->catalogue);

  for (guint i = 0; i < stretches->len; i++)
    check_step_popups (c->catalogue, g_ptr_array_index (stretches, i));
  for (guint n = 0; n < N_PROFILES; n++)
    {
      LimberProfile p = popup_profile_number (n);
      g_autoptr (GPtrArray) micros = offered (&p, c->catalogue, TRUE);

      for (guint i = 0; i < routines->len; i++)
        check_movement_popups (c->catalogue, &p, g_ptr_array_index (routines, i));
      for (guint i = 0; i < micros->len; i++)
        check_micro_popups (c->catalogue, &p, g_ptr_array_index (micros, i));
    }
}

/* The safety wording the issue asks for is there, and no claim to fix or treat anything. */
static void
test_safety_wording (void)
{
  g_autoptr (GBytes) bytes = limber_config_get_defaults ();
  g_autofree char *text = g_ascii_strdown (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *note = g_ascii_strdown (limber_routine_get_safety_note (), -1);
  static const char *const needed[] = { "never bounce", "1 on a scale of 0 to 5", "sharp", "numbness",
                                        "tingling", "weakness", "persists", "not medical advice" };

  for (gsize i = 0; i < G_N_ELEMENTS (needed); i++)
    {
      g_assert_nonnull (strstr (text, needed[i]));
      g_assert_nonnull (strstr (note, needed[i]));
    }
  g_assert_null (strstr (text, "fixes"));
  g_assert_null (strstr (text, "cure"));
  g_assert_null (strstr (text, "correct your posture"));
  /* The review's over-claims, put right: the ADA statement is for people with diabetes. */
  g_assert_nonnull (strstr (text, "written for\n# people with diabetes"));
  g_assert_null (strstr (text, "31 days"));
}

int
main (int argc, char **argv)
{
  g_autofree char *data = g_build_filename (g_getenv ("G_TEST_SRCDIR") ? g_getenv ("G_TEST_SRCDIR") : ".", "..",
                                            "data", NULL);

  /* Before GLib reads it: the source tree's pictures stand in for installed ones. */
  g_setenv ("XDG_DATA_DIRS", data, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/routine/catalogue/steps-fit-popup", test_steps_fit_popup);
  g_test_add_func ("/routine/catalogue/kinds", test_kinds);
  g_test_add_func ("/routine/catalogue/counts-per-area", test_counts_per_area);
  g_test_add_func ("/routine/catalogue/routine-totals", test_routine_totals);
  g_test_add_func ("/routine/catalogue/walks-long-and-last", test_walks_long_and_last);
  g_test_add_func ("/routine/catalogue/no-chair-leaning-on-wheels", test_no_chair_leaning_on_wheels);
  g_test_add_func ("/routine/catalogue/movement-breaks-stand-up", test_movement_breaks_stand_up);
  g_test_add_func ("/routine/catalogue/every-item-reachable", test_every_item_reachable);
  g_test_add_func ("/routine/catalogue/pictures", test_pictures);
  g_test_add_func ("/routine/catalogue/popups-fit", test_popups_fit);
  g_test_add_func ("/routine/catalogue/safety-wording", test_safety_wording);
  g_test_add_func ("/routine/profile/swaps", test_profile_swaps);
  g_test_add_func ("/routine/profile/from-config", test_profile_from_config);
  g_test_add_func ("/routine/rotation/alternates-walks", test_rotation_alternates_walks);
  g_test_add_func ("/routine/rotation/shuffle", test_shuffle_stable_and_alternating);
  g_test_add_func ("/routine/steps", test_steps_for_guided_routine);
  return g_test_run ();
}
