/* config.c: loading the defaults and the user's file into a new, fully checked LimberConfig. */
#include "settings/config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "settings/config-schema.h"
#include "settings/diagnostic.h"
#include "core/duration.h"
#include "settings/keyfile-index.h"
#include "settings/limber-resources.h"

G_DEFINE_QUARK (limber-config-error-quark, limber_config_error)

GBytes *
limber_config_get_defaults (void)
{
  /* Referencing limber_get_resource() also keeps the resource's object in the static library. */
  return g_resource_lookup_data (limber_get_resource (), "/org/limber/limber.conf",
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

static char *
existing_conf (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "limber", "limber.conf", NULL);
  return g_file_test (path, G_FILE_TEST_EXISTS) ? g_steal_pointer (&path) : NULL;
}

char *
limber_config_find_path (void)
{
  const char *const *dirs = g_get_system_config_dirs ();
  char *path = existing_conf (g_get_user_config_dir ());

  for (gsize i = 0; path == NULL && dirs[i]; i++)
    path = existing_conf (dirs[i]);
  return path;
}

static void
add_file_problem (GPtrArray *diagnostics, const char *path, const char *message)
{
  g_ptr_array_add (diagnostics, limber_diagnostic_new (LIMBER_DIAGNOSTIC_ERROR, path, 0, NULL, NULL, message));
}

/* Reads the user's file, refusing what is not a readable regular file of sensible size. */
static char *
read_user_file (const char *path, gsize *out_length, GPtrArray *diagnostics)
{
  GStatBuf st;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  char *text = NULL;

  if (g_stat (path, &st) != 0)
    /* TRANSLATORS: the config file's problems follow its path ("~/.config/limber/limber.conf: …"). */
    message = g_strdup_printf (_("cannot be opened: %s"), g_strerror (errno));
  else if (S_ISDIR (st.st_mode))
    message = g_strdup (_("is a directory, not a file; give the path of the file, e.g. …/limber/limber.conf"));
  else if (!S_ISREG (st.st_mode))
    message = g_strdup (_("is not a regular file; give the path of a text file"));
  else if (st.st_size > LIMBER_CONFIG_MAX_FILE_BYTES)
    /* The size is well below 2^63: "%lld" keeps the msgid readable for xgettext. */
    message = g_strdup_printf (_("is %lld bytes; a config file may be at most %d bytes"),
                               (long long) st.st_size, LIMBER_CONFIG_MAX_FILE_BYTES);
  else if (g_access (path, R_OK) != 0)
    message = g_strdup_printf (_("cannot be read: %s; check its permissions"), g_strerror (errno));
  else if (!g_file_get_contents (path, &text, out_length, &error))
    message = g_strdup_printf (_("cannot be read: %s"), error->message);
  if (message)
    add_file_problem (diagnostics, path, message);
  return text;
}

/* Indexes and parses one file's text; NULL (with diagnostics) when it is not a valid key file. */
static GKeyFile *
parse_text (const char *file, const char *text, gsize length, LimberKeyfileIndex **out_index,
            GPtrArray *diagnostics)
{
  g_autoptr (GKeyFile) keyfile = g_key_file_new ();
  g_autoptr (GError) error = NULL;

  *out_index = limber_keyfile_index_new (file, text, length, diagnostics);
  if (!limber_keyfile_index_is_valid (*out_index))
    return NULL;
  if (!g_key_file_load_from_data (keyfile, text, length, G_KEY_FILE_NONE, &error))
    {
      g_autofree char *message = g_strdup_printf (_("is not a valid config file: %s"), error->message);
      add_file_problem (diagnostics, file, message);
      return NULL;
    }
  return g_steal_pointer (&keyfile);
}

static void
check_unknown_keys (GKeyFile *keyfile, const LimberKeyfileIndex *index, const char *group,
                    GPtrArray *diagnostics)
{
  const LimberKeyfileIndex *const indexes[] = { index, NULL };
  g_auto (GStrv) keys = g_key_file_get_keys (keyfile, group, NULL, NULL);

  for (gsize k = 0; keys && keys[k]; k++)
    {
      const char *hint = limber_config_schema_suggest_key (group, keys[k]);
      if (limber_config_schema_lookup (group, keys[k]))
        continue;
      if (hint != NULL)
        /* TRANSLATORS: %s is the known key closest to an unknown one. */
        limber_keyfile_index_report (indexes, diagnostics, FALSE, group, keys[k],
                                     _("unknown key, did you mean %s?; it is ignored"), hint);
      else
        limber_keyfile_index_report (indexes, diagnostics, FALSE, group, keys[k], "%s", _("unknown key; it is ignored"));
    }
}

/* Unknown sections and keys are warnings with a "did you mean" hint. */
static void
check_unknown (GKeyFile *keyfile, const LimberKeyfileIndex *index, GPtrArray *diagnostics)
{
  const LimberKeyfileIndex *const indexes[] = { index, NULL };
  g_auto (GStrv) groups = g_key_file_get_groups (keyfile, NULL);

  for (gsize g = 0; groups[g]; g++)
    {
      const char *hint = limber_config_schema_suggest_group (groups[g]);
      gboolean catalogue_hint = g_strcmp0 (hint, "stretch") == 0 || g_strcmp0 (hint, "routine") == 0;

      const char *kind = limber_config_schema_group_kind (groups[g]);
      g_auto (GStrv) keys = g_key_file_get_keys (keyfile, groups[g], NULL, NULL);

      if (strchr (groups[g], ' ') && kind && (keys == NULL || keys[0] == NULL))
        limber_keyfile_index_report (indexes, diagnostics, TRUE, groups[g], NULL, "%s",
                                     kind[1] == 't' ? _("is empty; a stretch needs title, area, steps and hold")
                                                    : _("is empty; a routine needs title and stretches"));
      if (kind != NULL)
        {
          check_unknown_keys (keyfile, index, groups[g], diagnostics);
          continue;
        }
      /* TRANSLATORS: the first %s is a section's name, the second the known one closest to it. */
      if (hint != NULL)
        limber_keyfile_index_report (indexes, diagnostics, FALSE, groups[g], NULL,
                                     catalogue_hint ? _("unknown section [%s], did you mean [%s ID]?; it is ignored")
                                                    : _("unknown section [%s], did you mean [%s]?; it is ignored"),
                                     groups[g], hint);
      else
        limber_keyfile_index_report (indexes, diagnostics, FALSE, groups[g], NULL,
                                     _("unknown section [%s]; it is ignored"), groups[g]);
    }
}

/* User keys override single keys; a user's [stretch ID] / [routine ID] replaces the entry whole. */
static void
merge_keyfile (GKeyFile *into, GKeyFile *user)
{
  g_auto (GStrv) groups = g_key_file_get_groups (user, NULL);

  for (gsize g = 0; groups[g]; g++)
    {
      const char *kind = limber_config_schema_group_kind (groups[g]);
      g_auto (GStrv) keys = g_key_file_get_keys (user, groups[g], NULL, NULL);

      if (g_strcmp0 (kind, "stretch") == 0 || g_strcmp0 (kind, "routine") == 0)
        g_key_file_remove_group (into, groups[g], NULL);
      for (gsize k = 0; keys && keys[k]; k++)
        {
          g_autofree char *value = g_key_file_get_value (user, groups[g], keys[k], NULL);
          g_key_file_set_value (into, groups[g], keys[k], value);
        }
    }
}

static void
store_value (LimberConfig *c, const LimberSchemaKey *key, gint64 value)
{
  char *field = (char *) c + key->offset;

  if (key->type == LIMBER_SCHEMA_DURATION)
    *(gint64 *) field = value;
  else if (key->type == LIMBER_SCHEMA_UINT)
    *(guint *) field = (guint) value;
  else if (key->type == LIMBER_SCHEMA_BOOLEAN)
    *(gboolean *) field = (gboolean) value;
  else
    *(int *) field = (int) value;
}

/* Every schema key with a LimberConfig field, from the merged key file. */
static gboolean
read_settings (LimberConfig *c, GKeyFile *keyfile, const LimberKeyfileIndex *const *indexes,
               GPtrArray *diagnostics)
{
  gsize n_keys;
  const LimberSchemaKey *keys = limber_config_schema_get_keys (&n_keys);
  gboolean ok = TRUE;

  for (gsize i = 0; i < n_keys; i++)
    {
      g_autofree char *text = NULL, *problem = NULL;
      gint64 value = 0;

      if (keys[i].offset < 0)
        continue;
      text = g_key_file_get_value (keyfile, keys[i].group, keys[i].key, NULL);
      if (text == NULL)
        limber_keyfile_index_report (indexes, diagnostics, TRUE, keys[i].group, keys[i].key,
                                     "%s", _("is missing from the defaults; this is a bug in Limber"));
      else if (limber_config_schema_parse_value (&keys[i], g_strstrip (text), &value, &problem))
        store_value (c, &keys[i], value);
      else
        limber_keyfile_index_report (indexes, diagnostics, TRUE, keys[i].group, keys[i].key, "%s", problem);
      ok &= text != NULL && problem == NULL;
    }
  return ok;
}

/* Of two related keys, the one the user's file sets (it is the one to change). */
static const char *
key_to_blame (const LimberKeyfileIndex *const *indexes, const char *a, const char *b)
{
  if (indexes[1] == NULL || limber_keyfile_index_lookup (indexes[0], "breaks", a))
    return a;
  return limber_keyfile_index_lookup (indexes[0], "breaks", b) ? b : a;
}

static void
check_shorter (const LimberKeyfileIndex *const *indexes, GPtrArray *diagnostics,
               const char *short_key, gint64 short_us, const char *long_key, gint64 long_us)
{
  g_autofree char *s = limber_duration_format (short_us);
  g_autofree char *l = limber_duration_format (long_us);
  const char *blame = key_to_blame (indexes, short_key, long_key);

  if (short_us < long_us)
    return;
  if (blame == short_key)
    limber_keyfile_index_report (indexes, diagnostics, TRUE, "breaks", short_key,
                                 /* TRANSLATORS: a value ("5m"), the other key and its value. */
                                 _("\"%s\" must be shorter than %s (%s)"), s, long_key, l);
  else
    limber_keyfile_index_report (indexes, diagnostics, TRUE, "breaks", long_key,
                                 _("\"%s\" must be longer than %s (%s)"), l, short_key, s);
}

/* Standing past stand-limit, its notice says more than "you may sit", which then never comes. */
static void
check_sit_stand (const LimberConfig *c, const LimberKeyfileIndex *const *indexes, GPtrArray *diagnostics)
{
  g_autofree char *sit = NULL;
  g_autofree char *limit = NULL;

  if (c->stand_before_sit_us == 0 || c->stand_limit_us == 0 || c->stand_before_sit_us < c->stand_limit_us)
    return;
  sit = limber_duration_format (c->stand_before_sit_us);
  limit = limber_duration_format (c->stand_limit_us);
  limber_keyfile_index_report (indexes, diagnostics, FALSE, "sit-stand", "stand-before-sit",
                               _("\"%s\" is not shorter than stand-limit (%s), so the note that you may sit "
                                 "never comes; shorten it, or set it to 0 to turn it off"), sit, limit);
}

static void
check_relations (const LimberConfig *c, const LimberKeyfileIndex *const *indexes, GPtrArray *diagnostics)
{
  check_sit_stand (c, indexes, diagnostics);
  check_shorter (indexes, diagnostics, "micro-length", c->micro_length_us, "break-length", c->break_length_us);
  check_shorter (indexes, diagnostics, "break-length", c->break_length_us, "sit-limit", c->sit_limit_us);
  if (c->micro_interval_us > 0 && c->micro_interval_us >= c->sit_limit_us)
    {
      g_autofree char *m = limber_duration_format (c->micro_interval_us);
      g_autofree char *s = limber_duration_format (c->sit_limit_us);
      if (key_to_blame (indexes, "micro-interval", "sit-limit")[0] == 'm')
        limber_keyfile_index_report (indexes, diagnostics, FALSE, "breaks", "micro-interval",
                                     _("\"%s\" is not shorter than sit-limit (%s), so no micro-break will come; "
                                       "use 0 to turn them off"), m, s);
      else
        limber_keyfile_index_report (indexes, diagnostics, FALSE, "breaks", "sit-limit",
                                     _("\"%s\" is not longer than micro-interval (%s), so no micro-break will come; "
                                       "shorten micro-interval, or set it to 0 to turn them off"), s, m);
    }
}

void
limber_config_free (LimberConfig *c)
{
  if (c == NULL)
    return;
  limber_catalogue_free (c->catalogue);
  g_free (c->path);
  g_free (c);
}

/* The merged key file of the defaults and @path, with the index of each (user first), or NULL
 * when either cannot be parsed. */
static GKeyFile *
load_keyfiles (const char *path, LimberKeyfileIndex **out_user, LimberKeyfileIndex **out_builtin,
               GPtrArray *diagnostics)
{
  g_autoptr (GBytes) defaults = limber_config_get_defaults ();
  g_autoptr (GKeyFile) keyfile = NULL;
  g_autoptr (GKeyFile) user = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  keyfile = parse_text (LIMBER_CONFIG_BUILTIN_NAME, g_bytes_get_data (defaults, NULL), g_bytes_get_size (defaults),
                        out_builtin, diagnostics);
  if (keyfile)
    check_unknown (keyfile, *out_builtin, diagnostics);
  if (path == NULL)
    return g_steal_pointer (&keyfile);
  text = read_user_file (path, &length, diagnostics);
  if (text == NULL)
    return NULL;
  user = parse_text (path, text, length, out_user, diagnostics);
  if (user == NULL || keyfile == NULL)
    return NULL;
  check_unknown (user, *out_user, diagnostics);
  merge_keyfile (keyfile, user);
  return g_steal_pointer (&keyfile);
}

/* The user's file first, then by line; the sort is stable, so one line keeps its order. */
static int
compare_place (gconstpointer a, gconstpointer b)
{
  const LimberDiagnostic *da = *(LimberDiagnostic *const *) a;
  const LimberDiagnostic *db = *(LimberDiagnostic *const *) b;
  gboolean builtin_a = strcmp (da->file, LIMBER_CONFIG_BUILTIN_NAME) == 0;
  gboolean builtin_b = strcmp (db->file, LIMBER_CONFIG_BUILTIN_NAME) == 0;

  if (builtin_a != builtin_b)
    return builtin_a ? 1 : -1;
  return (da->line > db->line) - (da->line < db->line);
}

static void
fail_with_errors (GPtrArray *diagnostics, GError **error)
{
  g_autoptr (GString) lines = g_string_new (NULL);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const LimberDiagnostic *d = g_ptr_array_index (diagnostics, i);
      g_autofree char *line = NULL;
      if (d->level != LIMBER_DIAGNOSTIC_ERROR)
        continue;
      line = limber_diagnostic_format (d);
      g_string_append_printf (lines, "%s%s", lines->len ? "\n" : "", line);
    }
  g_set_error_literal (error, LIMBER_CONFIG_ERROR, LIMBER_CONFIG_ERROR_INVALID, lines->str);
}

LimberConfig *
limber_config_load (const char *path, GPtrArray *diagnostics, GError **error)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_diagnostic_free);
  g_autoptr (LimberKeyfileIndex) user = NULL;
  g_autoptr (LimberKeyfileIndex) builtin = NULL;
  g_autoptr (LimberConfig) c = g_new0 (LimberConfig, 1);
  g_autoptr (GKeyFile) keyfile = NULL;
  gboolean failed;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  keyfile = load_keyfiles (path, &user, &builtin, found);
  if (keyfile)
    {
      const LimberKeyfileIndex *const indexes[] = { user ? user : builtin, user ? builtin : NULL, NULL };
      /* Relations between settings are checked only when each setting is valid on its own,
       * so one bad value gives one message. */
      gboolean settings_ok = read_settings (c, keyfile, indexes, found);
      c->catalogue = limber_catalogue_new_from_keyfile (keyfile, indexes, found);
      limber_catalogue_set_break_length (c->catalogue, c->break_length_us);
      if (settings_ok)
        check_relations (c, indexes, found);
    }
  c->path = g_strdup (path);
  g_ptr_array_sort (found, compare_place);
  failed = limber_diagnostic_list_has_error (found);
  if (failed)
    fail_with_errors (found, error);
  if (diagnostics)
    g_ptr_array_extend_and_steal (diagnostics, g_steal_pointer (&found));
  if (failed)
    return NULL;
  return g_steal_pointer (&c);
}
