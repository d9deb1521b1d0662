/* diagnostic.h: one problem found in a config file, and the one way it is written for people. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LIMBER_DIAGNOSTIC_WARNING,
  LIMBER_DIAGNOSTIC_ERROR,
} LimberDiagnosticLevel;

typedef struct
{
  LimberDiagnosticLevel level;
  char *file;      /* as given by the caller (not resolved), never NULL */
  int line;        /* 1-based; 0 when the problem has no single line (e.g. an unreadable file) */
  char *group;     /* NULL when not about a group */
  char *key;       /* NULL when not about a key */
  char *message;   /* a sentence without the location: what is wrong and what is allowed */
} LimberDiagnostic;

/* (transfer full) All strings are copied; @group and @key may be NULL. */
LimberDiagnostic *limber_diagnostic_new (LimberDiagnosticLevel level, const char *file, int line,
                                         const char *group, const char *key, const char *message);
void limber_diagnostic_free (LimberDiagnostic *d);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberDiagnostic, limber_diagnostic_free)

/* "FILE:LINE: KEY: MESSAGE". The group is written, as "[stretch ID] KEY", only for catalogue
 * sections (whose keys repeat from section to section); ":LINE" is left out when line is 0;
 * warnings end with nothing extra, errors likewise: the level is for the caller to show.
 * (transfer full) */
char *limber_diagnostic_format (const LimberDiagnostic *d);

/* Whether any diagnostic in @diagnostics (of LimberDiagnostic*) is an error. */
gboolean limber_diagnostic_list_has_error (GPtrArray *diagnostics);

G_END_DECLS
