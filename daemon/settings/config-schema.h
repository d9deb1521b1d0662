/* config-schema.h: the one table of config groups and keys: type, range and meaning (no defaults). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LIMBER_SCHEMA_DURATION,     /* "30m"; min/max in microseconds */
  LIMBER_SCHEMA_UINT,         /* whole number; min/max */
  LIMBER_SCHEMA_BOOLEAN,      /* true or false */
  LIMBER_SCHEMA_CHOICE,       /* one of choices, stored as its index */
  LIMBER_SCHEMA_STRING,
  LIMBER_SCHEMA_STRING_LIST,  /* ";"-separated */
} LimberSchemaType;

typedef struct
{
  const char *group;           /* "breaks", ...; "stretch" / "routine" for [stretch ID] / [routine ID] */
  const char *key;
  LimberSchemaType type;
  gint64 min, max;
  const char *const *choices;  /* CHOICE only, NULL-terminated */
  gssize offset;               /* offsetof (LimberConfig, field), or -1 when read elsewhere */
  gboolean required;           /* catalogue sections only: must be present */
  const char *doc;             /* one line */
} LimberSchemaKey;

/* (transfer none) The whole table, *n_keys entries. */
const LimberSchemaKey *limber_config_schema_get_keys (gsize *n_keys);

/* The table's group for a file's group: "breaks" for "breaks", "stretch" for "stretch hip-x";
 * NULL when the group is unknown. */
const char *limber_config_schema_group_kind (const char *group);

/* (transfer none) The entry for @key in @group (a file's group name), or NULL. */
const LimberSchemaKey *limber_config_schema_lookup (const char *group, const char *key);

/* The closest known key in @group's kind, or known section, when close enough to be a likely
 * typo; NULL otherwise. (transfer none) */
const char *limber_config_schema_suggest_key (const char *group, const char *key);
const char *limber_config_schema_suggest_group (const char *group);

/* The closest of @candidates (NULL-terminated) to @word, or NULL when none is close. */
const char *limber_config_schema_closest (const char *word, const char *const *candidates);

/* What a key accepts, for messages: "a duration from 1s to 24h", "true or false", ... (transfer full) */
char *limber_config_schema_describe (const LimberSchemaKey *key);

G_END_DECLS

G_BEGIN_DECLS

/* Parses @text (already stripped) for a DURATION, UINT, BOOLEAN or CHOICE key into *out_value
 * (microseconds, the number, 0/1, the choice's index). On failure returns FALSE and sets
 * *out_problem to a message such as "\"30\" needs a unit, e.g. 30m" or "\"7\" is out of range;
 * use a whole number from 0 to 5". (transfer full for *out_problem) */
gboolean limber_config_schema_parse_value (const LimberSchemaKey *key, const char *text,
                                           gint64 *out_value, char **out_problem);

G_END_DECLS
