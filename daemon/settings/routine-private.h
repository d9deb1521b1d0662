/* routine-private.h: LimberCatalogue's fields, shared by routine.c (reading the entries) and routine-check.c (checking how they refer to each other). */
#pragma once

#include "settings/routine.h"

struct _LimberCatalogue
{
  GPtrArray *stretches;     /* LimberStretch*, file order, owned */
  GPtrArray *routines;      /* LimberRoutine*, file order, owned */
  GHashTable *stretch_by_id;
  GHashTable *routine_by_id;
  char **movement;
  char **micro;
  char **walk_only;         /* [routines] walk-only */
  char **walk_only_micro;   /* [routines] walk-only-micro */
  LimberOrder order;
  gint64 break_length_us;
};

typedef struct
{
  GKeyFile *keyfile;
  const LimberKeyfileIndex *const *indexes;
  GPtrArray *diagnostics;
} LimberCatalogueReader;

#define LIMBER_CATALOGUE_REPORT(rd, err, group, key, ...) \
  limber_keyfile_index_report ((rd)->indexes, (rd)->diagnostics, (err), (group), (key), __VA_ARGS__)

/* routine-check.c */
/* The stretches' instead and harder name stretches there are; a routine's stretches exist, a walk
 * away from the desk comes last, a micro-break routine has one stretch (only the first is shown). */
void limber_catalogue_check_references (LimberCatalogueReader *rd, LimberCatalogue *c);
/* @s->picture from its `picture` key (@name, may be NULL: ID.svg) in the picture directories. */
void limber_catalogue_find_picture (LimberCatalogueReader *rd, LimberStretch *s, const char *group,
                                    const char *name, char **dirs);
/* The LimberNeed bits of a `needs` list; unknown words are reported. */
guint limber_catalogue_parse_needs (LimberCatalogueReader *rd, const char *group, char **words);
