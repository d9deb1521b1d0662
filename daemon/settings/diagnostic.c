/* diagnostic.c: diagnostic values and their formatter. */
#include "settings/diagnostic.h"

#include <string.h>

LimberDiagnostic *
limber_diagnostic_new (LimberDiagnosticLevel level, const char *file, int line,
                       const char *group, const char *key, const char *message)
{
  LimberDiagnostic *d = g_new0 (LimberDiagnostic, 1);

  g_return_val_if_fail (file != NULL && message != NULL, NULL);
  d->level = level;
  d->file = g_strdup (file);
  d->line = line;
  d->group = g_strdup (group);
  d->key = g_strdup (key);
  d->message = g_strdup (message);
  return d;
}

void
limber_diagnostic_free (LimberDiagnostic *d)
{
  if (d == NULL)
    return;
  g_free (d->file);
  g_free (d->group);
  g_free (d->key);
  g_free (d->message);
  g_free (d);
}

char *
limber_diagnostic_format (const LimberDiagnostic *d)
{
  GString *out = g_string_new (d->file);
  /* Catalogue groups ("stretch ID", "routine ID") share key names, so they are named. */
  gboolean named_group = d->group != NULL && strchr (d->group, ' ') != NULL;

  if (d->line > 0)
    g_string_append_printf (out, ":%d", d->line);
  g_string_append (out, ": ");
  if (named_group)
    g_string_append_printf (out, "[%s]%s", d->group, d->key ? " " : ": ");
  if (d->key)
    g_string_append_printf (out, "%s: ", d->key);
  g_string_append (out, d->message);
  return g_string_free (out, FALSE);
}

gboolean
limber_diagnostic_list_has_error (GPtrArray *diagnostics)
{
  for (guint i = 0; diagnostics && i < diagnostics->len; i++)
    {
      const LimberDiagnostic *d = g_ptr_array_index (diagnostics, i);
      if (d->level == LIMBER_DIAGNOSTIC_ERROR)
        return TRUE;
    }
  return FALSE;
}
