/* test-routine.c: the shipped catalogue's content rules, and the rotation. */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "settings/config.h"

#define SEC(n) ((gint64) (n) * G_USEC_PER_SEC)

static LimberConfig *
load_defaults (void)
{
  g_autoptr (GError) error = NULL;
  LimberConfig *c = limber_config_load (NULL, NULL, &error);
  g_assert_no_error (error);
  return c;
}

static void
test_steps_fit_popup (void)
{
  g_autoptr (LimberConfig) c = load_defaults ();
  GPtrArray *stretches = limber_catalogue_get_stretches (c->catalogue);

  for (guint i = 0; i < stretches->len; i++)
    {
      const LimberStretch *s = g_ptr_array_index (stretches, i);
      g_assert_nonnull (s->steps[0]);
      for (gsize k = 0; s->steps[k]; k++)
        {
          g_test_message ("%s step %" G_GSIZE_FORMAT, s->id, k + 1);
          g_assert_cmpint (g_utf8_strlen (s->steps[k], -1), <=, LIMBER_ROUTINE_MAX_STEP_CHARS);
        }
      g_assert_cmpint (s->hold_us, >=, SEC (10));
      g_assert_cmpint (s->hold_us, <=, SEC (60));
    }
}

static void
test_counts_per_area (void)
{
  g_autoptr (LimberConfig) c = load_defaults ();
  GPtrArray *stretches = limber_catalogue_get_stretches (c->catalogue);
  guint per_area[LIMBER_AREA_EYES + 1] = { 0 };
  static const char *const required[] = { "walk", "stair-climb", "calf-raises", "sit-to-stand", "chin-tuck", "look-far" };

  for (guint i = 0; i < stretches->len; i++)
    per_area[((const LimberStretch *) g_ptr_array_index (stretches, i))->area]++;
  g_assert_cmpuint (stretches->len, >=, 16);
  g_assert_cmpuint (per_area[LIMBER_AREA_HIPS], >=, 5);
  g_assert_cmpuint (per_area[LIMBER_AREA_UPPER_BACK], >=, 5);
  g_assert_cmpuint (per_area[LIMBER_AREA_NECK] + per_area[LIMBER_AREA_EYES], >=, 2);
  g_assert_cmpuint (per_area[LIMBER_AREA_WHOLE_BODY] + per_area[LIMBER_AREA_LEGS], >=, 4);
  for (gsize i = 0; i < G_N_ELEMENTS (required); i++)
    g_assert_nonnull (limber_catalogue_get_stretch (c->catalogue, required[i]));
}

static void
check_rotation_range (const LimberCatalogue *cat, gboolean micro, guint min_count, gint64 min_us, gint64 max_us)
{
  const char *const *ids = limber_catalogue_get_rotation (cat, micro);
  g_autoptr (GHashTable) distinct = g_hash_table_new (g_str_hash, g_str_equal);

  for (gsize i = 0; ids[i]; i++)
    {
      const LimberRoutine *r = limber_catalogue_get_routine (cat, ids[i]);
      gint64 total_us = limber_routine_total_us (cat, r);
      g_test_message ("routine %s", r->id);
      g_assert_cmpint (total_us, >=, min_us);
      g_assert_cmpint (total_us, <=, max_us);
      g_hash_table_add (distinct, (gpointer) ids[i]);
    }
  g_assert_cmpuint (g_hash_table_size (distinct), >=, min_count);
}

static void
test_routine_totals (void)
{
  g_autoptr (LimberConfig) c = load_defaults ();
  GPtrArray *routines = limber_catalogue_get_routines (c->catalogue);

  check_rotation_range (c->catalogue, FALSE, 4, SEC (30), SEC (120));
  check_rotation_range (c->catalogue, TRUE, 4, SEC (20), SEC (40));
  /* Every routine in the catalogue, rotated or not, is one of the two kinds. */
  for (guint i = 0; i < routines->len; i++)
    {
      gint64 total_us = limber_routine_total_us (c->catalogue, g_ptr_array_index (routines, i));
      g_assert_cmpint (total_us, >=, SEC (20));
      g_assert_cmpint (total_us, <=, SEC (120));
    }
}

static gboolean
routine_walks (const LimberCatalogue *cat, const LimberRoutine *r)
{
  for (gsize i = 0; r->stretch_ids[i]; i++)
    if (strcmp (r->stretch_ids[i], "walk") == 0)
      return TRUE;
  return FALSE;
}

/* Every second movement break is a walk away from the desk, and never the same routine twice in a row. */
static void
test_rotation_alternates_walks (void)
{
  g_autoptr (LimberConfig) c = load_defaults ();
  const LimberRoutine *previous = NULL;

  for (guint n = 0; n < 200; n++)
    {
      const LimberRoutine *r = limber_catalogue_pick (c->catalogue, FALSE, n);
      g_assert_cmpint (routine_walks (c->catalogue, r), ==, n % 2 == 1);
      g_assert_true (r != previous);
      previous = r;
    }
  g_assert_true (limber_catalogue_pick (c->catalogue, FALSE, 0) == limber_catalogue_pick (c->catalogue, FALSE, 8));
  g_assert_cmpstr (limber_catalogue_pick (c->catalogue, TRUE, 0)->id, ==, "eyes-far");
}

static void
test_shuffle_stable_and_alternating (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "limber-test-routine.conf", NULL);
  g_autoptr (LimberConfig) c = NULL;
  guint len;
  gboolean differs = FALSE;

  g_assert_true (g_file_set_contents (path, "[routines]\norder = shuffle\n", -1, NULL));
  c = limber_config_load (path, NULL, &error);
  g_assert_no_error (error);
  len = g_strv_length ((char **) limber_catalogue_get_rotation (c->catalogue, FALSE));
  for (guint round = 0; round < 20; round++)
    {
      g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint k = 0; k < len; k++)
        {
          guint n = round * len + k;
          const LimberRoutine *r = limber_catalogue_pick (c->catalogue, FALSE, n);
          g_assert_true (r == limber_catalogue_pick (c->catalogue, FALSE, n));
          g_assert_cmpint (routine_walks (c->catalogue, r), ==, n % 2 == 1);
          differs |= strcmp (r->id, limber_catalogue_get_rotation (c->catalogue, FALSE)[k]) != 0;
          g_hash_table_add (seen, r->id);
        }
      /* Each distinct routine of the list comes once per round. */
      g_assert_cmpuint (g_hash_table_size (seen), >=, 4);
    }
  g_assert_true (differs);
  g_remove (path);
}

static void
test_steps_for_guided_routine (void)
{
  g_autoptr (LimberConfig) c = load_defaults ();
  const LimberRoutine *r = limber_catalogue_get_routine (c->catalogue, "hip-opener");
  g_autoptr (GArray) steps = limber_routine_get_steps (c->catalogue, r);
  const LimberRoutineStep *second;
  g_autofree char *body = NULL;

  g_assert_cmpuint (steps->len, ==, 3);
  second = &g_array_index (steps, LimberRoutineStep, 1);
  g_assert_cmpstr (second->stretch->id, ==, "hip-flexor-standing");
  g_assert_cmpint (second->duration_us, ==, SEC (50));
  body = limber_stretch_format_steps (second->stretch);
  g_assert_nonnull (strchr (body, '\n'));
  g_assert_cmpint (limber_routine_total_us (c->catalogue, r), ==, SEC (100));
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
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/routine/catalogue/steps-fit-popup", test_steps_fit_popup);
  g_test_add_func ("/routine/catalogue/counts-per-area", test_counts_per_area);
  g_test_add_func ("/routine/catalogue/routine-totals", test_routine_totals);
  g_test_add_func ("/routine/catalogue/safety-wording", test_safety_wording);
  g_test_add_func ("/routine/rotation/alternates-walks", test_rotation_alternates_walks);
  g_test_add_func ("/routine/rotation/shuffle", test_shuffle_stable_and_alternating);
  g_test_add_func ("/routine/steps", test_steps_for_guided_routine);
  return g_test_run ();
}
