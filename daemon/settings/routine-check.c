/* routine-check.c: how the catalogue's entries refer to each other, and where their pictures are. */
#include "settings/routine-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "settings/config-schema.h"
#include "settings/keyfile-index.h"

#define REPORT LIMBER_CATALOGUE_REPORT

static char **
known_ids (GHashTable *table)
{
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (table, NULL);
  return g_strdupv ((char **) keys);
}

/* ", did you mean \"x\"?" or "". (transfer full) */
static char *
hint (const char *id, char **known)
{
  const char *close = limber_config_schema_closest (id, (const char *const *) known);
  /* TRANSLATORS: ends a problem with an unknown id; %s is the known id closest to it. */
  return close ? g_strdup_printf (_("; did you mean \"%s\"?"), close) : g_strdup ("");
}

/* A stretch that is there but broken has been reported already. */
static gboolean
stretch_is_there (LimberCatalogueReader *rd, LimberCatalogue *c, const char *id)
{
  g_autofree char *group = g_strconcat ("stretch ", id, NULL);
  return g_hash_table_contains (c->stretch_by_id, id) || g_key_file_has_group (rd->keyfile, group);
}

static void
check_link (LimberCatalogueReader *rd, LimberCatalogue *c, const LimberStretch *s, const char *key,
            const char *target, char **known)
{
  g_autofree char *group = g_strconcat ("stretch ", s->id, NULL);
  g_autofree char *did_you_mean = NULL;

  if (target == NULL)
    return;
  if (strcmp (target, s->id) == 0)
    {
      REPORT (rd, TRUE, group, key, "%s", _("names the stretch itself; name another stretch, or remove the line"));
      return;
    }
  if (stretch_is_there (rd, c, target))
    return;
  did_you_mean = hint (target, known);
  /* TRANSLATORS: an unknown stretch id, then "; did you mean …?" or nothing. */
  REPORT (rd, TRUE, group, key, _("names \"%s\", which is not a stretch in the catalogue%s"), target, did_you_mean);
}

static void
check_routine (LimberCatalogueReader *rd, LimberCatalogue *c, const LimberRoutine *r, char **known)
{
  g_autofree char *group = g_strconcat ("routine ", r->id, NULL);

  for (gsize i = 0; r->stretch_ids[i]; i++)
    {
      const char *id = r->stretch_ids[i];
      const LimberStretch *s = g_hash_table_lookup (c->stretch_by_id, id);
      g_autofree char *did_you_mean = NULL;

      if (s != NULL && s->away && r->stretch_ids[i + 1] != NULL)
        REPORT (rd, FALSE, group, "stretches", _("\"%s\" leaves the desk, so the steps after it would be shown to "
                                                 "an empty chair; put it last"), id);
      if (stretch_is_there (rd, c, id))
        continue;
      did_you_mean = hint (id, known);
      REPORT (rd, TRUE, group, "stretches", _("names \"%s\", which is not a stretch in the catalogue%s"), id,
              did_you_mean);
    }
}

/* A micro-break shows one popup, for the first stretch of its routine. */
static void
check_micro (LimberCatalogueReader *rd, LimberCatalogue *c, char **ids, const char *key)
{
  for (gsize i = 0; ids && ids[i]; i++)
    {
      const LimberRoutine *r = g_hash_table_lookup (c->routine_by_id, ids[i]);
      g_autofree char *group = NULL;

      if (r == NULL || r->stretch_ids[0] == NULL || r->stretch_ids[1] == NULL)
        continue;
      group = g_strconcat ("routine ", r->id, NULL);
      /* TRANSLATORS: a key of [routines] ("micro"), then the id of a stretch that is never shown. */
      REPORT (rd, FALSE, group, "stretches", _("is a micro-break ([routines] %s), which shows only its first "
                                               "stretch, so \"%s\" is never shown; give each stretch a routine of "
                                               "its own"), key, r->stretch_ids[1]);
    }
}

void
limber_catalogue_check_references (LimberCatalogueReader *rd, LimberCatalogue *c)
{
  g_auto (GStrv) known = known_ids (c->stretch_by_id);

  for (guint i = 0; i < c->stretches->len; i++)
    {
      const LimberStretch *s = g_ptr_array_index (c->stretches, i);
      check_link (rd, c, s, "instead", s->instead, known);
      check_link (rd, c, s, "harder", s->harder, known);
    }
  for (guint i = 0; i < c->routines->len; i++)
    check_routine (rd, c, g_ptr_array_index (c->routines, i), known);
  check_micro (rd, c, c->micro, "micro");
  check_micro (rd, c, c->walk_only_micro, "walk-only-micro");
}

void
limber_catalogue_find_picture (LimberCatalogueReader *rd, LimberStretch *s, const char *group, const char *name,
                               char **dirs)
{
  g_autofree char *file = name ? g_strdup (name) : g_strconcat (s->id, ".svg", NULL);

  if (g_path_is_absolute (file))
    {
      if (g_file_test (file, G_FILE_TEST_IS_REGULAR))
        s->picture = g_steal_pointer (&file);
    }
  for (gsize i = 0; s->picture == NULL && !g_path_is_absolute (file) && dirs[i]; i++)
    {
      g_autofree char *path = g_build_filename (dirs[i], file, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        s->picture = g_steal_pointer (&path);
    }
  /* Without a picture the popup's text is complete: only a file the user named is worth a word. */
  if (s->picture == NULL && name != NULL)
    REPORT (rd, FALSE, group, "picture", g_path_is_absolute (name)
                                           ? _("\"%s\" was not found; the popup shows the text alone")
                                           : _("\"%s\" was not found in the picture directories (see limber.conf(5)); "
                                               "the popup shows the text alone"), name);
}
