/* keyfile-index.c: a line index beside GKeyFile, built from the same text. */
#include "settings/keyfile-index.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "settings/diagnostic.h"

struct _LimberKeyfileIndex
{
  char *file;
  GHashTable *lines;   /* "group\nkey" or "group" -> GINT_TO_POINTER (line) */
  gboolean valid;
};

typedef struct
{
  LimberKeyfileIndex *index;
  GPtrArray *diagnostics;
  char *group;          /* current group, NULL before the first */
  int line;
} LimberKeyfileScan;

static char *
make_slot (const char *group, const char *key)
{
  return key ? g_strconcat (group, "\n", key, NULL) : g_strdup (group);
}

static void
report (LimberKeyfileScan *scan, LimberDiagnosticLevel level, const char *key, const char *fmt, ...)
  G_GNUC_PRINTF (4, 5);

static void
report (LimberKeyfileScan *scan, LimberDiagnosticLevel level, const char *key, const char *fmt, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, fmt);
  message = g_strdup_vprintf (fmt, args);
  va_end (args);
  if (level == LIMBER_DIAGNOSTIC_ERROR)
    scan->index->valid = FALSE;
  if (scan->diagnostics)
    g_ptr_array_add (scan->diagnostics,
                     limber_diagnostic_new (level, scan->index->file, scan->line,
                                            key ? scan->group : NULL, key, message));
}

static void
scan_group (LimberKeyfileScan *scan, const char *line)
{
  const char *end = strrchr (line, ']');
  g_autofree char *name = NULL;
  int previous;

  if (end == NULL || end[1] != '\0' || end == line + 1 || memchr (line + 1, '[', end - line - 1)
      || memchr (line + 1, ']', end - line - 1))
    {
      report (scan, LIMBER_DIAGNOSTIC_ERROR, NULL,
              _("\"%s\" is not a valid section header; write it as [name] on its own line"), line);
      return;
    }
  name = g_strndup (line + 1, end - line - 1);
  g_free (scan->group);
  scan->group = g_strdup (name);
  previous = GPOINTER_TO_INT (g_hash_table_lookup (scan->index->lines, name));
  if (previous)
    report (scan, LIMBER_DIAGNOSTIC_WARNING, NULL,
            _("section [%s] appears again (first on line %d); its keys are merged into one section"),
            name, previous);
  else
    g_hash_table_insert (scan->index->lines, g_steal_pointer (&name), GINT_TO_POINTER (scan->line));
}

static void
scan_key (LimberKeyfileScan *scan, const char *line)
{
  const char *eq = strchr (line, '=');
  g_autofree char *key = NULL;
  char *locale;
  int previous;

  if (eq == NULL)
    {
      report (scan, LIMBER_DIAGNOSTIC_ERROR, NULL,
              _("\"%s\" is not a setting; write key = value, [section] or a # comment"), line);
      return;
    }
  key = g_strstrip (g_strndup (line, eq - line));
  if (*key == '\0')
    {
      report (scan, LIMBER_DIAGNOSTIC_ERROR, NULL, "%s", _("a line starts with \"=\"; write key = value"));
      return;
    }
  if (scan->group == NULL)
    {
      report (scan, LIMBER_DIAGNOSTIC_ERROR, NULL,
              _("\"%s\" comes before any [section]; move it under one, e.g. [breaks]"), key);
      return;
    }
  locale = strchr (key, '[');
  if (locale)
    *locale = '\0';
  previous = limber_keyfile_index_lookup (scan->index, scan->group, key);
  if (previous && !locale)
    report (scan, LIMBER_DIAGNOSTIC_WARNING, key,
            _("is set again (first on line %d); the value on this line is used"), previous);
  g_hash_table_insert (scan->index->lines, make_slot (scan->group, key), GINT_TO_POINTER (scan->line));
}

/* Checks one raw line (without its newline) and records it. */
static void
scan_line (LimberKeyfileScan *scan, const char *raw, gsize length)
{
  const char *bad = NULL;
  g_autofree char *line = NULL;

  if (memchr (raw, '\0', length))
    {
      report (scan, LIMBER_DIAGNOSTIC_ERROR, NULL,
              "%s", _("contains a NUL byte; the config must be a plain text file"));
      return;
    }
  if (length > LIMBER_KEYFILE_INDEX_MAX_LINE)
    {
      report (scan, LIMBER_DIAGNOSTIC_ERROR, NULL,
              /* The length is below 2^32 (the file is at most 1 MiB): "%u" keeps the msgid readable. */
              _("is %u bytes long; lines may be at most %d bytes"), (guint) length, LIMBER_KEYFILE_INDEX_MAX_LINE);
      return;
    }
  if (!g_utf8_validate (raw, length, &bad))
    {
      report (scan, LIMBER_DIAGNOSTIC_ERROR, NULL,
              _("is not valid UTF-8 (byte 0x%02x at column %d); save the file as UTF-8"),
              (guint) (guchar) *bad, (int) (bad - raw) + 1);
      return;
    }
  line = g_strstrip (g_strndup (raw, length));
  if (*line == '\0' || *line == '#')
    return;
  if (*line == '[')
    scan_group (scan, line);
  else
    scan_key (scan, line);
}

LimberKeyfileIndex *
limber_keyfile_index_new (const char *file, const char *text, gsize length, GPtrArray *diagnostics)
{
  LimberKeyfileIndex *index = g_new0 (LimberKeyfileIndex, 1);
  LimberKeyfileScan scan = { index, diagnostics, NULL, 0 };
  const char *p = text, *end = text + length;

  index->file = g_strdup (file);
  index->lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  index->valid = TRUE;
  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      gsize len = (nl ? nl : end) - p;

      scan.line++;
      if (len > 0 && p[len - 1] == '\r')
        len--;
      scan_line (&scan, p, len);
      p = nl ? nl + 1 : end;
    }
  g_free (scan.group);
  return index;
}

void
limber_keyfile_index_free (LimberKeyfileIndex *index)
{
  if (index == NULL)
    return;
  g_free (index->file);
  g_hash_table_unref (index->lines);
  g_free (index);
}

gboolean
limber_keyfile_index_is_valid (const LimberKeyfileIndex *index)
{
  return index->valid;
}

const char *
limber_keyfile_index_get_file (const LimberKeyfileIndex *index)
{
  return index->file;
}

int
limber_keyfile_index_lookup (const LimberKeyfileIndex *index, const char *group, const char *key)
{
  g_autofree char *slot = NULL;

  if (index == NULL || group == NULL)
    return 0;
  slot = make_slot (group, key);
  return GPOINTER_TO_INT (g_hash_table_lookup (index->lines, slot));
}

void
limber_keyfile_index_report (const LimberKeyfileIndex *const *indexes, GPtrArray *diagnostics,
                             gboolean is_error, const char *group, const char *key,
                             const char *format, ...)
{
  const LimberKeyfileIndex *where = indexes[0];
  int line = 0;
  va_list args;
  g_autofree char *message = NULL;

  if (diagnostics == NULL)
    return;
  for (gsize i = 0; key && line == 0 && indexes[i]; i++)
    if ((line = limber_keyfile_index_lookup (indexes[i], group, key)))
      where = indexes[i];
  for (gsize i = 0; line == 0 && indexes[i]; i++)
    if ((line = limber_keyfile_index_lookup (indexes[i], group, NULL)))
      where = indexes[i];
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (diagnostics,
                   limber_diagnostic_new (is_error ? LIMBER_DIAGNOSTIC_ERROR : LIMBER_DIAGNOSTIC_WARNING,
                                          where->file, line, group, key, message));
}
