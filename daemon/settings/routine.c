/* routine.c: the stretch and routine catalogue: reading the entries, rotation. */
#include "settings/routine-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "settings/config.h"
#include "settings/config-schema.h"
#include "settings/keyfile-index.h"

#ifndef LIMBER_PICTURE_DIR
#define LIMBER_PICTURE_DIR "/usr/share/limber/stretches"
#endif

static const char *const area_names[] = { "hips", "upper-back", "neck", "legs", "whole-body", "eyes" };
static const char *const kind_names[] = { "hold", "repeat", "move" };
/* In bit order of LimberNeed; NULL-terminated for limber_config_schema_closest. */
static const char *const need_names[] = { "standing", "fixed-chair", "steady-seat", "wall", "doorway",
                                          "lying", "deep", "strong", "wheelchair", NULL };
#define N_NEEDS (G_N_ELEMENTS (need_names) - 1)

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

const char *
limber_kind_to_string (LimberKind kind)
{
  g_return_val_if_fail ((gsize) kind < G_N_ELEMENTS (kind_names), "?");
  return kind_names[kind];
}

const char *
limber_need_to_string (LimberNeed need)
{
  for (gsize i = 0; i < N_NEEDS; i++)
    if ((guint) need == 1u << i)
      return need_names[i];
  return NULL;
}

char *
limber_needs_format (guint needs)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (gsize i = 0; i < N_NEEDS; i++)
    if (needs & (1u << i))
      g_string_append_printf (text, "%s%s", text->len ? ", " : "", need_names[i]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

guint
limber_catalogue_parse_needs (LimberCatalogueReader *rd, const char *group, char **words)
{
  guint needs = 0;

  for (gsize w = 0; words && words[w]; w++)
    {
      const char *close = limber_config_schema_closest (words[w], need_names);
      gboolean known = FALSE;

      for (gsize i = 0; i < N_NEEDS && !known; i++)
        if (strcmp (words[w], need_names[i]) == 0)
          {
            needs |= 1u << i;
            known = TRUE;
          }
      /* TRANSLATORS: an unknown word of needs, and the known one closest to it; the list is config words. */
      if (!known && close != NULL)
        LIMBER_CATALOGUE_REPORT (rd, TRUE, group, "needs", _("\"%s\" is not something a stretch can need (did you "
                                                             "mean %s?); use standing, fixed-chair, steady-seat, "
                                                             "wall, doorway, lying, deep, strong or wheelchair"),
                                 words[w], close);
      else if (!known)
        LIMBER_CATALOGUE_REPORT (rd, TRUE, group, "needs", _("\"%s\" is not something a stretch can need; use "
                                                             "standing, fixed-chair, steady-seat, wall, doorway, "
                                                             "lying, deep, strong or wheelchair"), words[w]);
    }
  return needs;
}

char **
limber_catalogue_picture_dirs (void)
{
  const char *const *data_dirs = g_get_system_data_dirs ();
  g_autoptr (GStrvBuilder) dirs = g_strv_builder_new ();

  g_autofree char *user = g_build_filename (g_get_user_data_dir (), "limber", "stretches", NULL);

  g_strv_builder_add (dirs, LIMBER_PICTURE_DIR);
  g_strv_builder_add (dirs, user);
  for (gsize i = 0; data_dirs[i]; i++)
    {
      g_autofree char *dir = g_build_filename (data_dirs[i], "limber", "stretches", NULL);
      g_strv_builder_add (dirs, dir);
    }
  return g_strv_builder_end (dirs);
}

static void
stretch_free (LimberStretch *s)
{
  g_free (s->id);
  g_free (s->title);
  g_strfreev (s->steps);
  g_free (s->cue);
  g_free (s->caution);
  g_free (s->instead);
  g_free (s->harder);
  g_free (s->picture);
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

#define REPORT LIMBER_CATALOGUE_REPORT

/* A string value with escapes resolved; NULL (reported) when absent, undecodable or empty. */
static char *
read_string (LimberCatalogueReader *rd, const char *group, const char *key, gboolean required)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *value = NULL;

  if (!g_key_file_has_key (rd->keyfile, group, key, NULL))
    {
      if (required)
        /* TRANSLATORS: a key of a [stretch ID] or [routine ID] section, twice ("title"). */
        REPORT (rd, TRUE, group, NULL, _("\"%s\" is missing; add %s = …"), key, key);
      return NULL;
    }
  value = g_key_file_get_string (rd->keyfile, group, key, &error);
  if (value == NULL)
    REPORT (rd, TRUE, group, key, "%s", error->message);
  else if (*g_strstrip (value) == '\0')
    REPORT (rd, TRUE, group, key, "%s", _("is empty; write some text or remove the line"));
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
        REPORT (rd, TRUE, group, NULL, _("\"%s\" is missing; add %s = …"), key, key);
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
        REPORT (rd, TRUE, group, NULL, _("\"%s\" is missing; add %s = …"), key, key);
      return FALSE;
    }
  text = g_strstrip (g_key_file_get_value (rd->keyfile, group, key, NULL));
  if (limber_config_schema_parse_value (schema, text, out_value, &problem))
    return TRUE;
  REPORT (rd, TRUE, group, key, "%s", problem);
  return FALSE;
}

static void
check_steps (LimberCatalogueReader *rd, const char *group, char **steps, const char *caution)
{
  g_autofree char *joined = g_strjoinv (" ", steps);
  glong total = g_utf8_strlen (joined, -1);

  if (steps[0] == NULL)
    REPORT (rd, TRUE, group, "steps", "%s", _("is empty; give at least one step"));
  for (gsize i = 0; steps[i]; i++)
    {
      glong chars = g_utf8_strlen (steps[i], -1);
      if (chars > LIMBER_ROUTINE_MAX_STEP_CHARS)
        /* TRANSLATORS: which step, its length, and the length a popup shows (90). */
        REPORT (rd, FALSE, group, "steps", _("step %d is %ld characters long; popups show about %d, so it may be cut off"),
                (int) i + 1, chars, LIMBER_ROUTINE_MAX_STEP_CHARS);
    }
  if (steps[0] != NULL && total > LIMBER_ROUTINE_MAX_STEPS_CHARS)
    REPORT (rd, FALSE, group, "steps",
            _("the steps are %ld characters together; a popup shows about %d beside the time and the safety "
              "line, so the end may be cut off"), total, LIMBER_ROUTINE_MAX_STEPS_CHARS);
  if (caution != NULL && g_utf8_strlen (caution, -1) > LIMBER_ROUTINE_MAX_CAUTION_CHARS)
    REPORT (rd, FALSE, group, "caution", _("is %ld characters long; the popup shows about %d, so it may be cut off"),
            g_utf8_strlen (caution, -1), LIMBER_ROUTINE_MAX_CAUTION_CHARS);
}

/* kind, reps, cue, away and needs: how the stretch is done and what it needs. */
static gboolean
read_manner (LimberCatalogueReader *rd, const char *group, LimberStretch *s)
{
  gint64 kind = LIMBER_KIND_HOLD, reps = 0, away = FALSE;
  g_auto (GStrv) needs = read_list (rd, group, "needs", FALSE);
  gboolean ok = TRUE;

  if (g_key_file_has_key (rd->keyfile, group, "kind", NULL))
    ok &= read_scalar (rd, group, "kind", &kind);
  if (g_key_file_has_key (rd->keyfile, group, "reps", NULL))
    ok &= read_scalar (rd, group, "reps", &reps);
  if (g_key_file_has_key (rd->keyfile, group, "away", NULL))
    ok &= read_scalar (rd, group, "away", &away);
  s->kind = (LimberKind) kind;
  s->reps = (guint) reps;
  s->away = (gboolean) away;
  s->cue = read_string (rd, group, "cue", FALSE);
  s->needs = limber_catalogue_parse_needs (rd, group, needs);
  if (s->reps > 0 && s->kind != LIMBER_KIND_REPEAT)
    REPORT (rd, FALSE, group, "reps", "%s", _("only a stretch of kind = repeat is counted in reps; it is ignored"));
  if (s->cue != NULL && s->kind != LIMBER_KIND_MOVE)
    REPORT (rd, FALSE, group, "cue", "%s", _("only a stretch of kind = move has a cue; it is ignored"));
  return ok;
}

/* An entry of the shipped catalogue speaks the user's language: its words are in po/ (put there
 * by tools/catalogue-strings). An entry of the user's own file stays as they wrote it. */
static gboolean
is_shipped (LimberCatalogueReader *rd, const char *group)
{
  for (gsize i = 0; rd->indexes[i]; i++)
    if (limber_keyfile_index_lookup (rd->indexes[i], group, NULL) > 0)
      return g_str_equal (limber_keyfile_index_get_file (rd->indexes[i]), LIMBER_CONFIG_BUILTIN_NAME);
  return FALSE;
}

static void
translate (char **text)
{
  if (*text != NULL)
    {
      char *translated = g_strdup (g_dgettext (GETTEXT_PACKAGE, *text));

      g_free (*text);
      *text = translated;
    }
}

/* Before the steps are checked: what the popup shows is what must fit. */
static void
translate_stretch (LimberStretch *s)
{
  translate (&s->title);
  translate (&s->cue);
  translate (&s->caution);
  for (gsize i = 0; s->steps && s->steps[i]; i++)
    translate (&s->steps[i]);
}

static LimberStretch *
read_stretch (LimberCatalogueReader *rd, const char *group, char **picture_dirs)
{
  g_autoptr (LimberStretch) s = g_new0 (LimberStretch, 1);
  g_autofree char *picture = NULL;
  gint64 area = 0, sides = 0;
  gboolean ok = TRUE;

  s->id = g_strdup (group + strlen ("stretch "));
  s->title = read_string (rd, group, "title", TRUE);
  s->steps = read_list (rd, group, "steps", TRUE);
  s->caution = read_string (rd, group, "caution", FALSE);
  s->instead = read_string (rd, group, "instead", FALSE);
  s->harder = read_string (rd, group, "harder", FALSE);
  picture = read_string (rd, group, "picture", FALSE);
  ok &= read_scalar (rd, group, "area", &area);
  ok &= read_scalar (rd, group, "hold", &s->hold_us);
  if (g_key_file_has_key (rd->keyfile, group, "sides", NULL))
    ok &= read_scalar (rd, group, "sides", &sides);
  ok &= read_manner (rd, group, s);
  if (is_shipped (rd, group))
    translate_stretch (s);
  if (s->steps)
    check_steps (rd, group, s->steps, s->caution);
  if (!ok || s->title == NULL || s->steps == NULL || s->steps[0] == NULL)
    return NULL;
  s->area = (LimberArea) area;
  s->sides = sides == 1 ? 2 : 1;
  limber_catalogue_find_picture (rd, s, group, picture, picture_dirs);
  return g_steal_pointer (&s);
}

static LimberRoutine *
read_routine (LimberCatalogueReader *rd, const char *group)
{
  g_autoptr (LimberRoutine) r = g_new0 (LimberRoutine, 1);

  r->id = g_strdup (group + strlen ("routine "));
  r->title = read_string (rd, group, "title", TRUE);
  r->stretch_ids = read_list (rd, group, "stretches", TRUE);
  if (is_shipped (rd, group))
    translate (&r->title);
  if (r->stretch_ids && r->stretch_ids[0] == NULL)
    REPORT (rd, TRUE, group, "stretches", "%s", _("is empty; a routine needs at least one stretch id"));
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
            _("\"%s\" is not a valid id; use letters, digits and '-' only, e.g. [stretch my-stretch]"), id);
  return ok;
}

static char **
catalogue_ids (GHashTable *table)
{
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (table, NULL);
  return g_strdupv ((char **) keys);
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
      REPORT (rd, TRUE, "routines", key, "%s", _("is empty; name at least one routine"));
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
      /* TRANSLATORS: an unknown routine id, and the known one closest to it. */
      if (close != NULL)
        REPORT (rd, TRUE, "routines", key, _("names \"%s\", which is not a routine in the catalogue; did you mean "
                                             "\"%s\"?"), ids[i], close);
      else
        REPORT (rd, TRUE, "routines", key, _("names \"%s\", which is not a routine in the catalogue"), ids[i]);
      ok = FALSE;
    }
  return ok ? g_steal_pointer (&ids) : g_new0 (char *, 1);
}

static void
read_entries (LimberCatalogueReader *rd, LimberCatalogue *c)
{
  g_auto (GStrv) groups = g_key_file_get_groups (rd->keyfile, NULL);
  g_auto (GStrv) picture_dirs = limber_catalogue_picture_dirs ();

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
          LimberStretch *s = read_stretch (rd, groups[i], picture_dirs);
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
  c->movement = read_rotation (&reader, c, "movement", FALSE);
  c->micro = read_rotation (&reader, c, "micro", TRUE);
  c->walk_only = read_rotation (&reader, c, "walk-only", FALSE);
  c->walk_only_micro = read_rotation (&reader, c, "walk-only-micro", TRUE);
  limber_catalogue_check_references (&reader, c);
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
  g_strfreev (c->walk_only);
  g_strfreev (c->walk_only_micro);
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

const char *const *
limber_catalogue_get_walk_only (const LimberCatalogue *c, gboolean micro)
{
  return (const char *const *) (micro ? c->walk_only_micro : c->walk_only);
}

void
limber_catalogue_set_break_length (LimberCatalogue *c, gint64 break_length_us)
{
  c->break_length_us = break_length_us;
}

gint64
limber_catalogue_get_break_length (const LimberCatalogue *c)
{
  return c->break_length_us;
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
limber_catalogue_pick_from (const LimberCatalogue *c, const char *const *ids, guint break_number)
{
  guint len = ids ? g_strv_length ((char **) ids) : 0;
  guint place;

  if (len == 0)
    return NULL;
  place = c->order == LIMBER_ORDER_SHUFFLE ? shuffled_place (len, break_number) : break_number % len;
  return limber_catalogue_get_routine (c, ids[place]);
}

const LimberRoutine *
limber_catalogue_pick (const LimberCatalogue *c, gboolean micro, guint break_number)
{
  return limber_catalogue_pick_from (c, limber_catalogue_get_rotation (c, micro), break_number);
}

char *
limber_stretch_format_steps (const LimberStretch *s)
{
  return g_strjoinv ("\n", s->steps);
}

const char *
limber_routine_get_safety_note (void)
{
  /* TRANSLATORS: health guidance under limberctl stretches ID; lines of about 80 characters. */
  return _("Move gently and never bounce. A stretch should feel like mild tension: no more than\n"
           "about 1 on a scale of 0 to 5. Stop at once on sharp, shooting or growing pain.\n"
           "If you have numbness, tingling or weakness in your arms or legs, or pain that\n"
           "persists or gets worse, see a doctor or physiotherapist before going on.\n"
           "Limber reminds you to move; it is not medical advice.");
}
