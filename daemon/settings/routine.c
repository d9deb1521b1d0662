/* routine.c: the stretch and routine catalogue: parsing, cross-checks, rotation. */
#include "settings/routine.h"

#include <string.h>

#include "settings/config-schema.h"
#include "settings/keyfile-index.h"

struct _LimberCatalogue
{
  GPtrArray *stretches;     /* LimberStretch*, file order, owned */
  GPtrArray *routines;      /* LimberRoutine*, file order, owned */
  GHashTable *stretch_by_id;
  GHashTable *routine_by_id;
  char **movement;
  char **micro;
  LimberOrder order;
};

typedef struct
{
  GKeyFile *keyfile;
  const LimberKeyfileIndex *const *indexes;
  GPtrArray *diagnostics;
} LimberCatalogueReader;

static const char *const area_names[] = { "hips", "upper-back", "neck", "legs", "whole-body", "eyes" };

const char *
limber_area_to_string (LimberArea area)
{
  g_return_val_if_fail ((gsize) area < G_N_ELEMENTS (area_names), "?");
  return area_names[area];
}

gboolean
limber_area_from_string (const char *text, LimberArea *out_area)
{
  for (gsize i = 0; i < G_N_ELEMENTS (area_names); i++)
    if (strcmp (text, area_names[i]) == 0)
      {
        *out_area = (LimberArea) i;
        return TRUE;
      }
  return FALSE;
}

static void
stretch_free (LimberStretch *s)
{
  g_free (s->id);
  g_free (s->title);
  g_strfreev (s->steps);
  g_free (s->caution);
  g_free (s);
}

static void
routine_free (LimberRoutine *r)
{
  g_free (r->id);
  g_free (r->title);
  g_strfreev (r->stretch_ids);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberStretch, stretch_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberRoutine, routine_free)

#define REPORT(rd, err, group, key, ...) \
  limber_keyfile_index_report ((rd)->indexes, (rd)->diagnostics, (err), (group), (key), __VA_ARGS__)

/* A string value with escapes resolved; NULL (reported) when absent, undecodable or empty. */
static char *
read_string (LimberCatalogueReader *rd, const char *group, const char *key, gboolean required)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *value = NULL;

  if (!g_key_file_has_key (rd->keyfile, group, key, NULL))
    {
      if (required)
        REPORT (rd, TRUE, group, NULL, "\"%s\" is missing; add %s = …", key, key);
      return NULL;
    }
  value = g_key_file_get_string (rd->keyfile, group, key, &error);
  if (value == NULL)
    REPORT (rd, TRUE, group, key, "%s", error->message);
  else if (*g_strstrip (value) == '\0')
    REPORT (rd, TRUE, group, key, "is empty; write some text or remove the line");
  else
    return g_steal_pointer (&value);
  return NULL;
}

/* A ";"-separated list without empty items; NULL (reported) when absent or empty. */
static char **
read_list (LimberCatalogueReader *rd, const char *group, const char *key, gboolean required)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) items = NULL;
  g_autoptr (GStrvBuilder) kept = g_strv_builder_new ();

  if (!g_key_file_has_key (rd->keyfile, group, key, NULL))
    {
      if (required)
        REPORT (rd, TRUE, group, NULL, "\"%s\" is missing; add %s = …", key, key);
      return NULL;
    }
  items = g_key_file_get_string_list (rd->keyfile, group, key, NULL, &error);
  for (gsize i = 0; items && items[i]; i++)
    if (*g_strstrip (items[i]) != '\0')
      g_strv_builder_add (kept, items[i]);
  if (items == NULL)
    REPORT (rd, TRUE, group, key, "%s", error->message);
  else
    return g_strv_builder_end (kept);
  return NULL;
}

/* A DURATION or CHOICE key through the schema; FALSE (reported) when bad or missing. */
static gboolean
read_scalar (LimberCatalogueReader *rd, const char *group, const char *key, gint64 *out_value)
{
  const LimberSchemaKey *schema = limber_config_schema_lookup (group, key);
  g_autofree char *text = NULL;
  g_autofree char *problem = NULL;

  if (!g_key_file_has_key (rd->keyfile, group, key, NULL))
    {
      if (schema->required)
        REPORT (rd, TRUE, group, NULL, "\"%s\" is missing; add %s = …", key, key);
      return FALSE;
    }
  text = g_strstrip (g_key_file_get_value (rd->keyfile, group, key, NULL));
  if (limber_config_schema_parse_value (schema, text, out_value, &problem))
    return TRUE;
  REPORT (rd, TRUE, group, key, "%s", problem);
  return FALSE;
}

static void
check_steps (LimberCatalogueReader *rd, const char *group, char **steps)
{
  if (steps[0] == NULL)
    REPORT (rd, TRUE, group, "steps", "is empty; give at least one step");
  for (gsize i = 0; steps[i]; i++)
    {
      glong chars = g_utf8_strlen (steps[i], -1);
      if (chars > LIMBER_ROUTINE_MAX_STEP_CHARS)
        REPORT (rd, FALSE, group, "steps",
                "step %" G_GSIZE_FORMAT " is %ld characters long; popups show about %d, so it may be cut off",
                i + 1, chars, LIMBER_ROUTINE_MAX_STEP_CHARS);
    }
}

static LimberStretch *
read_stretch (LimberCatalogueReader *rd, const char *group)
{
  g_autoptr (LimberStretch) s = g_new0 (LimberStretch, 1);
  gint64 area = 0, sides = 0;
  gboolean ok = TRUE;

  s->id = g_strdup (group + strlen ("stretch "));
  s->title = read_string (rd, group, "title", TRUE);
  s->steps = read_list (rd, group, "steps", TRUE);
  s->caution = read_string (rd, group, "caution", FALSE);
  ok &= read_scalar (rd, group, "area", &area);
  ok &= read_scalar (rd, group, "hold", &s->hold_us);
  if (g_key_file_has_key (rd->keyfile, group, "sides", NULL))
    ok &= read_scalar (rd, group, "sides", &sides);
  if (s->steps)
    check_steps (rd, group, s->steps);
  if (!ok || s->title == NULL || s->steps == NULL || s->steps[0] == NULL)
    return NULL;
  s->area = (LimberArea) area;
  s->sides = sides == 1 ? 2 : 1;
  return g_steal_pointer (&s);
}

static LimberRoutine *
read_routine (LimberCatalogueReader *rd, const char *group)
{
  g_autoptr (LimberRoutine) r = g_new0 (LimberRoutine, 1);

  r->id = g_strdup (group + strlen ("routine "));
  r->title = read_string (rd, group, "title", TRUE);
  r->stretch_ids = read_list (rd, group, "stretches", TRUE);
  if (r->stretch_ids && r->stretch_ids[0] == NULL)
    REPORT (rd, TRUE, group, "stretches", "is empty; a routine needs at least one stretch id");
  if (r->title == NULL || r->stretch_ids == NULL || r->stretch_ids[0] == NULL)
    return NULL;
  return g_steal_pointer (&r);
}

/* Ids are single words of letters, digits, '-' and '_', so lists and messages stay unambiguous. */
static gboolean
check_id (LimberCatalogueReader *rd, const char *group, const char *id)
{
  gboolean ok = *id != '\0';

  for (const char *p = id; *p; p++)
    ok &= g_ascii_isalnum (*p) || *p == '-' || *p == '_';
  if (!ok)
    REPORT (rd, TRUE, group, NULL,
            "\"%s\" is not a valid id; use letters, digits and '-' only, e.g. [stretch my-stretch]", id);
  return ok;
}

static char **
catalogue_ids (GHashTable *table)
{
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (table, NULL);
  return g_strdupv ((char **) keys);
}

static void
check_references (LimberCatalogueReader *rd, LimberCatalogue *c, const LimberRoutine *r)
{
  g_autofree char *group = g_strconcat ("routine ", r->id, NULL);
  g_auto (GStrv) known = catalogue_ids (c->stretch_by_id);

  for (gsize i = 0; r->stretch_ids[i]; i++)
    {
      const char *id = r->stretch_ids[i];
      const char *close = limber_config_schema_closest (id, (const char *const *) known);
      g_autofree char *its_group = g_strconcat ("stretch ", id, NULL);
      /* A stretch that is there but broken has been reported already. */
      if (g_hash_table_contains (c->stretch_by_id, id) || g_key_file_has_group (rd->keyfile, its_group))
        continue;
      REPORT (rd, TRUE, group, "stretches", "names \"%s\", which is not a stretch in the catalogue%s%s%s", id,
              close ? "; did you mean \"" : "", close ? close : "", close ? "\"?" : "");
    }
}

/* [routines] movement / micro: routine ids that exist; movement may not be empty. */
static char **
read_rotation (LimberCatalogueReader *rd, LimberCatalogue *c, const char *key, gboolean may_be_empty)
{
  g_auto (GStrv) ids = read_list (rd, "routines", key, TRUE);
  g_auto (GStrv) known = catalogue_ids (c->routine_by_id);
  gboolean ok = ids != NULL;

  if (ids && ids[0] == NULL && !may_be_empty)
    {
      REPORT (rd, TRUE, "routines", key, "is empty; name at least one routine");
      ok = FALSE;
    }
  for (gsize i = 0; ids && ids[i]; i++)
    {
      const char *close = limber_config_schema_closest (ids[i], (const char *const *) known);
      g_autofree char *its_group = g_strconcat ("routine ", ids[i], NULL);
      if (g_hash_table_contains (c->routine_by_id, ids[i]) || g_key_file_has_group (rd->keyfile, its_group))
        {
          ok &= g_hash_table_contains (c->routine_by_id, ids[i]);
          continue;
        }
      REPORT (rd, TRUE, "routines", key, "names \"%s\", which is not a routine in the catalogue%s%s%s", ids[i],
              close ? "; did you mean \"" : "", close ? close : "", close ? "\"?" : "");
      ok = FALSE;
    }
  return ok ? g_steal_pointer (&ids) : g_new0 (char *, 1);
}

static void
read_entries (LimberCatalogueReader *rd, LimberCatalogue *c)
{
  g_auto (GStrv) groups = g_key_file_get_groups (rd->keyfile, NULL);

  for (gsize i = 0; groups[i]; i++)
    {
      const char *kind = limber_config_schema_group_kind (groups[i]);
      gboolean is_stretch = g_strcmp0 (kind, "stretch") == 0;

      if (!is_stretch && g_strcmp0 (kind, "routine") != 0)
        continue;
      if (!check_id (rd, groups[i], strchr (groups[i], ' ') + 1))
        continue;
      if (is_stretch)
        {
          LimberStretch *s = read_stretch (rd, groups[i]);
          if (s)
            {
              g_ptr_array_add (c->stretches, s);
              g_hash_table_insert (c->stretch_by_id, s->id, s);
            }
        }
      else
        {
          LimberRoutine *r = read_routine (rd, groups[i]);
          if (r)
            {
              g_ptr_array_add (c->routines, r);
              g_hash_table_insert (c->routine_by_id, r->id, r);
            }
        }
    }
}

LimberCatalogue *
limber_catalogue_new_from_keyfile (GKeyFile *keyfile, const LimberKeyfileIndex *const *indexes,
                                   GPtrArray *diagnostics)
{
  LimberCatalogueReader reader = { keyfile, indexes, diagnostics };
  LimberCatalogue *c = g_new0 (LimberCatalogue, 1);
  gint64 order = LIMBER_ORDER_ROTATE;

  c->stretches = g_ptr_array_new_with_free_func ((GDestroyNotify) stretch_free);
  c->routines = g_ptr_array_new_with_free_func ((GDestroyNotify) routine_free);
  c->stretch_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  c->routine_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  read_entries (&reader, c);
  for (guint i = 0; i < c->routines->len; i++)
    check_references (&reader, c, g_ptr_array_index (c->routines, i));
  c->movement = read_rotation (&reader, c, "movement", FALSE);
  c->micro = read_rotation (&reader, c, "micro", TRUE);
  read_scalar (&reader, "routines", "order", &order);
  c->order = (LimberOrder) order;
  return c;
}

void
limber_catalogue_free (LimberCatalogue *c)
{
  if (c == NULL)
    return;
  g_hash_table_unref (c->stretch_by_id);
  g_hash_table_unref (c->routine_by_id);
  g_ptr_array_unref (c->stretches);
  g_ptr_array_unref (c->routines);
  g_strfreev (c->movement);
  g_strfreev (c->micro);
  g_free (c);
}

const LimberStretch *
limber_catalogue_get_stretch (const LimberCatalogue *c, const char *id)
{
  return g_hash_table_lookup (c->stretch_by_id, id);
}

const LimberRoutine *
limber_catalogue_get_routine (const LimberCatalogue *c, const char *id)
{
  return g_hash_table_lookup (c->routine_by_id, id);
}

GPtrArray *
limber_catalogue_get_stretches (const LimberCatalogue *c)
{
  return c->stretches;
}

GPtrArray *
limber_catalogue_get_routines (const LimberCatalogue *c)
{
  return c->routines;
}

const char *const *
limber_catalogue_get_rotation (const LimberCatalogue *c, gboolean micro)
{
  return (const char *const *) (micro ? c->micro : c->movement);
}

LimberOrder
limber_catalogue_get_order (const LimberCatalogue *c)
{
  return c->order;
}

/* The place in the list for @n under shuffle: a permutation of the places of one parity, seeded
 * by the round, so the same n always maps to the same place. */
static guint
shuffled_place (guint len, guint n)
{
  guint round = n / len, place = n % len;
  guint parity = place % 2, count = (len - parity + 1) / 2;
  g_autofree guint *perm = g_new (guint, count);
  g_autoptr (GRand) rand = g_rand_new_with_seed (round * 2654435761u + 1);

  for (guint i = 0; i < count; i++)
    perm[i] = parity + 2 * i;
  for (guint i = count - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rand, 0, i + 1), t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
  return perm[place / 2];
}

const LimberRoutine *
limber_catalogue_pick (const LimberCatalogue *c, gboolean micro, guint break_number)
{
  const char *const *ids = limber_catalogue_get_rotation (c, micro);
  guint len = g_strv_length ((char **) ids);
  guint place;

  if (len == 0)
    return NULL;
  place = c->order == LIMBER_ORDER_SHUFFLE ? shuffled_place (len, break_number) : break_number % len;
  return limber_catalogue_get_routine (c, ids[place]);
}

gint64
limber_routine_total_us (const LimberCatalogue *c, const LimberRoutine *r)
{
  g_autoptr (GArray) steps = limber_routine_get_steps (c, r);
  gint64 total_us = 0;

  for (guint i = 0; i < steps->len; i++)
    total_us += g_array_index (steps, LimberRoutineStep, i).duration_us;
  return total_us;
}

GArray *
limber_routine_get_steps (const LimberCatalogue *c, const LimberRoutine *r)
{
  GArray *steps = g_array_new (FALSE, TRUE, sizeof (LimberRoutineStep));

  for (gsize i = 0; r->stretch_ids[i]; i++)
    {
      LimberRoutineStep step = { limber_catalogue_get_stretch (c, r->stretch_ids[i]), 0 };
      if (step.stretch == NULL)
        continue;
      step.duration_us = step.stretch->hold_us * step.stretch->sides;
      g_array_append_val (steps, step);
    }
  return steps;
}

char *
limber_stretch_format_steps (const LimberStretch *s)
{
  return g_strjoinv ("\n", s->steps);
}

const char *
limber_routine_get_safety_note (void)
{
  return "Move gently and never bounce. A stretch should feel like mild tension: no more than\n"
         "about 1 on a scale of 0 to 5. Stop at once on sharp, shooting or growing pain.\n"
         "If you have numbness, tingling or weakness in your arms or legs, or pain that\n"
         "persists or gets worse, see a doctor or physiotherapist before going on.\n"
         "Limber reminds you to move; it is not medical advice.";
}
