/* history.c: the per-day records and the live session in memory (history-file.c reads and writes them). */
#include "history/history-private.h"

#include <stdio.h>
#include <string.h>

static const char *const counter_names[LIMBER_COUNTER_N] = {
  [LIMBER_COUNTER_BREAKS_DUE] = "breaks-due",
  [LIMBER_COUNTER_TAKEN_NATURAL] = "taken-natural",
  [LIMBER_COUNTER_TAKEN_GUIDED] = "taken-guided",
  [LIMBER_COUNTER_PARTIAL] = "partial",
  [LIMBER_COUNTER_SNOOZED] = "snoozed",
  [LIMBER_COUNTER_SKIPPED] = "skipped",
  [LIMBER_COUNTER_IGNORED] = "ignored",
  [LIMBER_COUNTER_MICRO_SHOWN] = "micro-shown",
  [LIMBER_COUNTER_MICRO_TAKEN] = "micro-taken",
  [LIMBER_COUNTER_LONG_BOUTS] = "long-bouts",
  [LIMBER_COUNTER_SWITCHES] = "switches",
};

const char *
limber_counter_to_string (LimberCounter counter)
{
  g_return_val_if_fail (counter < LIMBER_COUNTER_N, NULL);
  return counter_names[counter];
}

LimberDay *
limber_day_new (const char *date)
{
  LimberDay *day = g_new0 (LimberDay, 1);

  day->date = g_strdup (date);
  return day;
}

LimberDay *
limber_day_copy (const LimberDay *day)
{
  LimberDay *copy = g_memdup2 (day, sizeof *day);

  copy->date = g_strdup (day->date);
  return copy;
}

void
limber_day_free (LimberDay *day)
{
  if (day == NULL)
    return;
  g_free (day->date);
  g_free (day);
}

guint
limber_day_get_taken (const LimberDay *day)
{
  return day->counters[LIMBER_COUNTER_TAKEN_NATURAL] + day->counters[LIMBER_COUNTER_TAKEN_GUIDED] +
         day->counters[LIMBER_COUNTER_PARTIAL];
}

gboolean
limber_day_is_good (const LimberDay *day)
{
  guint due = day->counters[LIMBER_COUNTER_BREAKS_DUE];

  /* A day with nothing due (a day off) is neither good nor bad: it only pauses progress. */
  return due > 0 && (guint64) limber_day_get_taken (day) * 100 >= (guint64) due * LIMBER_HISTORY_GOOD_DAY_PERCENT;
}

void
limber_live_session_clear (LimberLiveSession *session)
{
  g_clear_pointer (&session->boot_id, g_free);
}

LimberHistory *
limber_history_new (const char *state_dir)
{
  LimberHistory *history = g_new0 (LimberHistory, 1);

  history->dir = state_dir ? g_strdup (state_dir) : g_build_filename (g_get_user_state_dir (), "limber", NULL);
  history->path = g_build_filename (history->dir, "history.ini", NULL);
  history->days = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) limber_day_free);
  return history;
}

void
limber_history_free (LimberHistory *history)
{
  if (history == NULL)
    return;
  g_hash_table_unref (history->days);
  limber_live_session_clear (&history->live);
  g_free (history->quarantined);
  g_free (history->path);
  g_free (history->dir);
  g_free (history);
}

const char *
limber_history_get_path (LimberHistory *history)
{
  return history->path;
}

const char *
limber_history_get_quarantined (LimberHistory *history)
{
  return history->quarantined;
}

gboolean
limber_history_get_welcomed (LimberHistory *history)
{
  return history->welcomed;
}

void
limber_history_set_welcomed (LimberHistory *history)
{
  history->dirty |= !history->welcomed;
  history->welcomed = TRUE;
}

gint64
limber_history_get_gentle (LimberHistory *history, gboolean *out_walk_only)
{
  if (out_walk_only != NULL)
    *out_walk_only = history->gentle_walk_only;
  return history->gentle_until_us;
}

void
limber_history_set_gentle (LimberHistory *history, gint64 wall_until_us, gboolean walk_only)
{
  history->gentle_until_us = MAX (wall_until_us, 0);
  history->gentle_walk_only = walk_only && wall_until_us > 0;
  history->dirty = TRUE;
}

gboolean
limber_history_is_dirty (LimberHistory *history)
{
  return history->dirty;
}

char *
limber_history_date_for (gint64 wall_at_us)
{
  g_autoptr (GDateTime) at = g_date_time_new_from_unix_local (wall_at_us / G_USEC_PER_SEC);

  return at ? g_date_time_format (at, "%Y-%m-%d") : NULL;
}

gboolean
limber_history_parse_date (const char *text, GDate *out)
{
  unsigned year, month, day;
  char tail;

  if (strlen (text) != 10 || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3)
    return FALSE;
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, day, month, year);
  return TRUE;
}

LimberDay *
limber_history_ensure_day (LimberHistory *history, const char *date)
{
  LimberDay *day = g_hash_table_lookup (history->days, date);

  if (day == NULL)
    {
      day = limber_day_new (date);
      g_hash_table_insert (history->days, day->date, day);
    }
  return day;
}

static LimberDay *
day_at (LimberHistory *history, gint64 wall_at_us)
{
  g_autofree char *date = limber_history_date_for (wall_at_us);

  return date ? limber_history_ensure_day (history, date) : NULL;
}

/* The first instant of the local day after the one holding wall_at_us. */
static gint64
next_midnight_us (gint64 wall_at_us)
{
  g_autoptr (GDateTime) at = g_date_time_new_from_unix_local (wall_at_us / G_USEC_PER_SEC);
  g_autoptr (GDateTime) midnight = NULL;
  g_autoptr (GDateTime) next = NULL;

  if (at == NULL)
    return G_MAXINT64;
  midnight = g_date_time_new_local (g_date_time_get_year (at), g_date_time_get_month (at),
                                    g_date_time_get_day_of_month (at), 0, 0, 0);
  next = midnight ? g_date_time_add_days (midnight, 1) : NULL;
  return next ? g_date_time_to_unix (next) * G_USEC_PER_SEC : G_MAXINT64;
}

/* Adds the time to the days it belongs to, split at local midnight, in the field of LimberDay
 * at field_offset. */
static void
add_time (LimberHistory *history, gint64 wall_from_us, gint64 wall_to_us, gsize field_offset)
{
  while (wall_from_us < wall_to_us)
    {
      gint64 end_us = MIN (wall_to_us, next_midnight_us (wall_from_us));
      LimberDay *day = day_at (history, wall_from_us);

      if (day == NULL || end_us <= wall_from_us)
        return;
      *(gint64 *) ((char *) day + field_offset) += end_us - wall_from_us;
      history->dirty = TRUE;
      wall_from_us = end_us;
    }
}

void
limber_history_add_sitting (LimberHistory *history, gint64 wall_from_us, gint64 wall_to_us)
{
  g_return_if_fail (history != NULL);
  add_time (history, wall_from_us, wall_to_us, G_STRUCT_OFFSET (LimberDay, sitting_us));
}

void
limber_history_add_standing (LimberHistory *history, gint64 wall_from_us, gint64 wall_to_us)
{
  g_return_if_fail (history != NULL);
  add_time (history, wall_from_us, wall_to_us, G_STRUCT_OFFSET (LimberDay, standing_us));
}

void
limber_history_add_bout (LimberHistory *history, gint64 wall_end_us, gint64 length_us, gint64 sit_limit_us)
{
  LimberDay *day;

  g_return_if_fail (history != NULL);
  day = day_at (history, wall_end_us);
  if (day == NULL || length_us <= 0)
    return;
  day->longest_bout_us = MAX (day->longest_bout_us, length_us);
  if (sit_limit_us > 0 && length_us > sit_limit_us)
    day->counters[LIMBER_COUNTER_LONG_BOUTS]++;
  history->dirty = TRUE;
}

void
limber_history_count (LimberHistory *history, LimberCounter counter, gint64 wall_at_us)
{
  LimberDay *day;

  g_return_if_fail (history != NULL && counter < LIMBER_COUNTER_N);
  day = day_at (history, wall_at_us);
  if (day == NULL)
    return;
  day->counters[counter]++;
  history->dirty = TRUE;
}

void
limber_history_set_live (LimberHistory *history, const LimberLiveSession *session)
{
  g_return_if_fail (history != NULL && session != NULL);
  limber_live_session_clear (&history->live);
  history->live = *session;
  history->live.boot_id = g_strdup (session->boot_id);
  history->has_live = TRUE;
  history->dirty = TRUE;
}

void
limber_history_clear_live (LimberHistory *history)
{
  limber_live_session_clear (&history->live);
  history->has_live = FALSE;
  history->dirty = TRUE;
}

gboolean
limber_history_get_live (LimberHistory *history, LimberLiveSession *out)
{
  g_return_val_if_fail (history != NULL && out != NULL, FALSE);
  if (!history->has_live)
    return FALSE;
  *out = history->live;
  out->boot_id = g_strdup (history->live.boot_id);
  return TRUE;
}

const LimberDay *
limber_history_get_day (LimberHistory *history, const char *date)
{
  return g_hash_table_lookup (history->days, date);
}

GPtrArray *
limber_history_get_days (LimberHistory *history, guint n_days, gint64 wall_now_us)
{
  GPtrArray *days = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_day_free);
  g_autofree char *today = limber_history_date_for (wall_now_us);
  GDate date;

  if (today == NULL || !limber_history_parse_date (today, &date) || n_days == 0)
    return days;
  g_date_subtract_days (&date, n_days - 1);
  for (guint i = 0; i < n_days; i++, g_date_add_days (&date, 1))
    {
      char text[16];
      const LimberDay *day;

      g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
      day = g_hash_table_lookup (history->days, text);
      g_ptr_array_add (days, day ? limber_day_copy (day) : limber_day_new (text));
    }
  return days;
}

guint
limber_history_habit_days (LimberHistory *history)
{
  GHashTableIter iter;
  LimberDay *day;
  guint good = history->carried_good_days;

  g_hash_table_iter_init (&iter, history->days);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &day))
    good += limber_day_is_good (day) ? 1 : 0;
  return good;
}

/* Keep the file small: drop records older than LIMBER_HISTORY_KEEP_DAYS before the newest one,
 * carrying their good days so habit progress never goes backwards. */
void
limber_history_prune (LimberHistory *history)
{
  GHashTableIter iter;
  LimberDay *day;
  GDate newest, date;
  gboolean have_newest = FALSE;

  g_date_clear (&newest, 1);
  g_hash_table_iter_init (&iter, history->days);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &day))
    if (limber_history_parse_date (day->date, &date) &&
        (!have_newest || g_date_compare (&date, &newest) > 0))
      {
        newest = date;
        have_newest = TRUE;
      }
  /* Nothing can be older than that in the first KEEP_DAYS days of year 1 (found by fuzz-history:
   * g_date_subtract_days refuses to go before 0001-01-01). */
  if (!have_newest || g_date_get_julian (&newest) <= LIMBER_HISTORY_KEEP_DAYS)
    return;
  g_date_subtract_days (&newest, LIMBER_HISTORY_KEEP_DAYS);
  g_hash_table_iter_init (&iter, history->days);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &day))
    if (limber_history_parse_date (day->date, &date) && g_date_compare (&date, &newest) < 0)
      {
        history->carried_good_days += limber_day_is_good (day) ? 1 : 0;
        g_hash_table_iter_remove (&iter);
        history->dirty = TRUE;
      }
}
