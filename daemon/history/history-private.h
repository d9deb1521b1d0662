/* history-private.h: LimberHistory's fields, shared by history.c (the records) and history-file.c (the file). */
#pragma once

#include "history/history.h"

struct _LimberHistory
{
  char *dir;
  char *path;
  GHashTable *days; /* date → LimberDay*, owned */
  guint carried_good_days; /* good days of records dropped for age */
  gboolean has_live;
  LimberLiveSession live;
  gboolean dirty;
  char *quarantined;
  /* the [limber] group's care keys (additions: a missing key reads as 0) */
  gboolean welcomed;        /* first-run-shown */
  gint64 gentle_until_us;   /* gentle-until-us: wall µs, 0 = none */
  gboolean gentle_walk_only; /* gentle-walk-only */
};

LimberDay *limber_history_ensure_day (LimberHistory *history, const char *date);
void limber_history_prune (LimberHistory *history);
