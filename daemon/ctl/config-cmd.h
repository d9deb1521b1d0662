/* config-cmd.h: the limberctl commands that need no daemon: check-config and stretches. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Prints every problem in @path (NULL = the default lookup; nothing found = the built-in
 * defaults) to stdout, one per line, warnings marked "warning: ". Returns 1 if any is an error,
 * else 0; prints nothing for a clean file. */
int limber_config_cmd_check (const char *path);

/* Without @id: lists the catalogue of @config_path (NULL = default lookup), one stretch a line
 * (id, area, time), then the routines. With @id: that stretch (or routine) in full, then the
 * safety note. An unknown id prints a sentence and returns 1; a broken config prints its errors
 * to stderr and returns 1. */
int limber_config_cmd_stretches (const char *config_path, const char *id);

G_END_DECLS
