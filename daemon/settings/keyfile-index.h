/* keyfile-index.h: the line numbers GKeyFile does not keep, and the checks it does not make. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Lines longer than this are refused: no sensible setting needs them. */
#define LIMBER_KEYFILE_INDEX_MAX_LINE 4096

typedef struct _LimberKeyfileIndex LimberKeyfileIndex;

/* Reads @text (@length bytes, may hold NULs) with GKeyFile's rules (leading blanks ignored, '#'
 * comments, "[group]", "key = value", "key[locale] = value") and remembers where each group and key
 * is. Appends to @diagnostics (of LimberDiagnostic*, named @file) every line GKeyFile would reject or
 * misread: NUL bytes, invalid UTF-8, over-long lines, lines that are none of the above, keys
 * before any group (errors); keys set twice and groups opened twice (warnings).
 * (transfer full) */
LimberKeyfileIndex *limber_keyfile_index_new (const char *file, const char *text, gsize length,
                                              GPtrArray *diagnostics);
void limber_keyfile_index_free (LimberKeyfileIndex *index);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberKeyfileIndex, limber_keyfile_index_free)

/* TRUE when no error was found, so the text may be handed to GKeyFile. */
gboolean limber_keyfile_index_is_valid (const LimberKeyfileIndex *index);

/* The file name given to _new(). */
const char *limber_keyfile_index_get_file (const LimberKeyfileIndex *index);

/* The line of @key in @group (the last one, which GKeyFile uses), or of the first "[group]" line
 * when @key is NULL; 0 when absent. Locale suffixes are ignored: "title[de]" counts as "title". */
int limber_keyfile_index_lookup (const LimberKeyfileIndex *index, const char *group, const char *key);

G_END_DECLS

G_BEGIN_DECLS

/* Appends one diagnostic to @diagnostics, placed by the first of @indexes (NULL-terminated,
 * searched in order: the user's file, then the built-in one) that knows @key in @group, else
 * the first that knows the "[group]" line, else the first index's file with line 0.
 * @key may be NULL. Does nothing when @diagnostics is NULL. */
void limber_keyfile_index_report (const LimberKeyfileIndex *const *indexes, GPtrArray *diagnostics,
                                  gboolean is_error, const char *group, const char *key,
                                  const char *format, ...) G_GNUC_PRINTF (6, 7);

G_END_DECLS
