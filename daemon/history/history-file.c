/* history-file.c: reading and writing the history file, a GKeyFile with one group per day. */
#include "history/history-private.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#define FORMAT_VERSION 1
#define GROUP_HEADER "limber"
#define GROUP_LIVE "live"

typedef struct
{
  GHashTable *days;
  guint carried_good_days;
  gboolean has_live;
  LimberLiveSession live;
  gint64 welcomed, gentle_until_us, gentle_walk_only;
} Parsed;

static gboolean
get_non_negative (GKeyFile *file, const char *group, const char *key, gint64 *out, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  gint64 value = g_key_file_get_int64 (file, group, key, &local_error);

  if (local_error != NULL && g_error_matches (local_error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND))
    value = 0; /* a key added in a later version, or a zero not written */
  else if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (value < 0)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[%s] %s is negative (%" G_GINT64_FORMAT ")", group, key, value);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

static gboolean
get_count (GKeyFile *file, const char *group, const char *key, guint *out, GError **error)
{
  gint64 value;

  if (!get_non_negative (file, group, key, &value, error))
    return FALSE;
  if (value > G_MAXUINT)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[%s] %s is out of range", group, key);
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

static gboolean
parse_day (GKeyFile *file, const char *group, Parsed *parsed, GError **error)
{
  g_autoptr (LimberDay) day = limber_day_new (group);
  GDate date;

  if (!limber_history_parse_date (group, &date))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE,
                   "group [%s] is neither a date (YYYY-MM-DD) nor [%s] or [%s]", group, GROUP_HEADER, GROUP_LIVE);
      return FALSE;
    }
  if (!get_non_negative (file, group, "sitting-us", &day->sitting_us, error) ||
      !get_non_negative (file, group, "standing-us", &day->standing_us, error) ||
      !get_non_negative (file, group, "longest-bout-us", &day->longest_bout_us, error))
    return FALSE;
  for (guint c = 0; c < LIMBER_COUNTER_N; c++)
    if (!get_count (file, group, limber_counter_to_string (c), &day->counters[c], error))
      return FALSE;
  g_hash_table_insert (parsed->days, day->date, day);
  g_steal_pointer (&day);
  return TRUE;
}

/* A missing key is FALSE (a file of an earlier version). */
static gboolean
get_flag (GKeyFile *file, const char *group, const char *key, gboolean *out, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  *out = g_key_file_get_boolean (file, group, key, &local_error);
  if (local_error != NULL && !g_error_matches (local_error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_live (GKeyFile *file, Parsed *parsed, GError **error)
{
  LimberLiveSession *live = &parsed->live;

  if (!g_key_file_has_group (file, GROUP_LIVE))
    return TRUE;
  parsed->has_live = TRUE;
  live->boot_id = g_key_file_get_string (file, GROUP_LIVE, "boot-id", NULL);
  return get_flag (file, GROUP_LIVE, "reminder-open", &live->reminder_open, error) &&
         get_flag (file, GROUP_LIVE, "due-open", &live->due_open, error) &&
         get_non_negative (file, GROUP_LIVE, "away-us", &live->away_us, error) &&
         get_count (file, GROUP_LIVE, "micro-number", &live->micro_number, error) &&
         get_flag (file, GROUP_LIVE, "standing", &live->standing, error) &&
         get_non_negative (file, GROUP_LIVE, "posture-us", &live->posture_us, error) &&
         get_count (file, GROUP_LIVE, "posture-prompts", &live->posture_prompts, error) &&
         get_flag (file, GROUP_LIVE, "running", &live->running, error) &&
         get_non_negative (file, GROUP_LIVE, "wall-saved-us", &live->wall_saved_us, error) &&
         get_non_negative (file, GROUP_LIVE, "boot-saved-us", &live->boot_saved_us, error) &&
         get_non_negative (file, GROUP_LIVE, "sitting-us", &live->sitting_us, error) &&
         get_non_negative (file, GROUP_LIVE, "pause-left-us", &live->pause_left_us, error) &&
         get_count (file, GROUP_LIVE, "snoozes-used", &live->snoozes_used, error) &&
         get_count (file, GROUP_LIVE, "break-number", &live->break_number, error);
}

static gboolean
parse_text (const char *text, gsize length, Parsed *parsed, GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_auto (GStrv) groups = NULL;
  gint64 version = 0;
  gint64 carried = 0;

  if (!g_key_file_load_from_data (file, text, length, G_KEY_FILE_NONE, error))
    return FALSE;
  if (!g_key_file_has_group (file, GROUP_HEADER) ||
      !get_non_negative (file, GROUP_HEADER, "version", &version, NULL) || version != FORMAT_VERSION)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE,
                   "it does not start with a [%s] group with version=%d", GROUP_HEADER, FORMAT_VERSION);
      return FALSE;
    }
  if (!get_non_negative (file, GROUP_HEADER, "carried-good-days", &carried, error) || carried > G_MAXUINT)
    return FALSE;
  if (!get_non_negative (file, GROUP_HEADER, "first-run-shown", &parsed->welcomed, error) ||
      !get_non_negative (file, GROUP_HEADER, "gentle-until-us", &parsed->gentle_until_us, error) ||
      !get_non_negative (file, GROUP_HEADER, "gentle-walk-only", &parsed->gentle_walk_only, error))
    return FALSE;
  parsed->carried_good_days = (guint) carried;
  groups = g_key_file_get_groups (file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    if (!g_str_equal (groups[i], GROUP_HEADER) && !g_str_equal (groups[i], GROUP_LIVE) &&
        !parse_day (file, groups[i], parsed, error))
      return FALSE;
  return parse_live (file, parsed, error);
}

/* Move a file we cannot read out of the way, keeping it for the user to inspect. */
static gboolean
quarantine (LimberHistory *history, const char *reason, GError **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = g_strdup_printf ("%s.corrupt-%s", history->path, stamp);

  for (guint n = 2; g_file_test (aside, G_FILE_TEST_EXISTS); n++)
    {
      g_free (aside);
      aside = g_strdup_printf ("%s.corrupt-%s-%u", history->path, stamp, n);
    }
  if (g_rename (history->path, aside) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "The history file %s cannot be read (%s) and could not be moved aside: %s. "
                   "Move or delete it by hand.", history->path, reason, g_strerror (saved_errno));
      return FALSE;
    }
  g_warning ("The history file %s could not be read (%s); it was moved to %s and a new history "
             "was started.", history->path, reason, aside);
  g_free (history->quarantined);
  history->quarantined = g_steal_pointer (&aside);
  return TRUE;
}

/* g_file_set_contents_full writes NAME.XXXXXX and renames it; a crash in between leaves that
 * temporary behind. Only one limberd runs (the bus name), so none of them is in use. */
static void
remove_stale_temporaries (LimberHistory *history)
{
  g_autoptr (GDir) dir = g_dir_open (history->dir, 0, NULL);
  g_autofree char *prefix = g_path_get_basename (history->path);
  gsize prefix_len = strlen (prefix);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix) && strlen (name) == prefix_len + 7 && name[prefix_len] == '.')
      {
        g_autofree char *path = g_build_filename (history->dir, name, NULL);
        g_unlink (path);
      }
}

/* read_only: for a reader beside limberd (limberctl report), which must neither move a file aside
 * nor remove the temporary of a save limberd may be making right now. */
static gboolean
load (LimberHistory *history, gboolean read_only, GError **error)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) local_error = NULL;
  gsize length = 0;
  Parsed parsed = { 0 };

  g_return_val_if_fail (history != NULL, FALSE);
  g_clear_pointer (&history->quarantined, g_free);
  if (!read_only)
    remove_stale_temporaries (history);
  if (!g_file_get_contents (history->path, &text, &length, &local_error))
    {
      /* No file, or something that is not a directory where the state directory should be:
       * nothing to read. Saving will say once what is wrong with the directory. */
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ||
          g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR))
        return TRUE;
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not read the history file: %s. Check its permissions."), local_error->message);
      return FALSE;
    }
  parsed.days = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) limber_day_free);
  if (!parse_text (text, length, &parsed, &local_error))
    {
      g_hash_table_unref (parsed.days);
      limber_live_session_clear (&parsed.live);
      if (!read_only)
        return quarantine (history, local_error ? local_error->message : "unknown error", error);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   /* TRANSLATORS: limberctl report's message: the file's path, then why. */
                   _("The history file %s cannot be read (%s). limberd moves it aside when it starts."),
                   history->path, local_error ? local_error->message : "unknown error");
      return FALSE;
    }
  g_hash_table_unref (history->days);
  history->days = parsed.days;
  history->carried_good_days = parsed.carried_good_days;
  limber_live_session_clear (&history->live);
  history->live = parsed.live;
  history->has_live = parsed.has_live;
  history->welcomed = parsed.welcomed != 0;
  history->gentle_until_us = parsed.gentle_until_us;
  history->gentle_walk_only = parsed.gentle_walk_only != 0;
  history->dirty = FALSE;
  return TRUE;
}

gboolean
limber_history_load (LimberHistory *history, GError **error)
{
  return load (history, FALSE, error);
}

gboolean
limber_history_load_read_only (LimberHistory *history, GError **error)
{
  return load (history, TRUE, error);
}

static void
write_live (GKeyFile *file, const LimberLiveSession *live)
{
  g_key_file_set_int64 (file, GROUP_LIVE, "wall-saved-us", live->wall_saved_us);
  if (live->boot_id != NULL)
    g_key_file_set_string (file, GROUP_LIVE, "boot-id", live->boot_id);
  g_key_file_set_int64 (file, GROUP_LIVE, "boot-saved-us", live->boot_saved_us);
  g_key_file_set_int64 (file, GROUP_LIVE, "sitting-us", live->sitting_us);
  g_key_file_set_int64 (file, GROUP_LIVE, "pause-left-us", live->pause_left_us);
  g_key_file_set_uint64 (file, GROUP_LIVE, "snoozes-used", live->snoozes_used);
  g_key_file_set_uint64 (file, GROUP_LIVE, "break-number", live->break_number);
  g_key_file_set_boolean (file, GROUP_LIVE, "reminder-open", live->reminder_open);
  g_key_file_set_boolean (file, GROUP_LIVE, "due-open", live->due_open);
  g_key_file_set_int64 (file, GROUP_LIVE, "away-us", live->away_us);
  g_key_file_set_uint64 (file, GROUP_LIVE, "micro-number", live->micro_number);
  g_key_file_set_boolean (file, GROUP_LIVE, "standing", live->standing);
  g_key_file_set_int64 (file, GROUP_LIVE, "posture-us", live->posture_us);
  g_key_file_set_uint64 (file, GROUP_LIVE, "posture-prompts", live->posture_prompts);
  g_key_file_set_boolean (file, GROUP_LIVE, "running", live->running);
}

/* qsort hands the comparator pointers to the array's elements, here pointers to the date strings.
 * YYYY-MM-DD sorts by date as plain text. */
static int
compare_dates (const void *a, const void *b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static char *
serialize (LimberHistory *history, gsize *length)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autofree const char **dates = (const char **) g_hash_table_get_keys_as_array (history->days, NULL);
  guint n_dates = g_hash_table_size (history->days);

  g_key_file_set_int64 (file, GROUP_HEADER, "version", FORMAT_VERSION);
  g_key_file_set_comment (file, GROUP_HEADER, NULL,
                          " Limber's history: one group per local day, and the live sitting session.\n"
                          " Times are microseconds. Written by limberd; safe to delete.", NULL);
  g_key_file_set_uint64 (file, GROUP_HEADER, "carried-good-days", history->carried_good_days);
  g_key_file_set_uint64 (file, GROUP_HEADER, "first-run-shown", history->welcomed ? 1 : 0);
  g_key_file_set_int64 (file, GROUP_HEADER, "gentle-until-us", history->gentle_until_us);
  g_key_file_set_uint64 (file, GROUP_HEADER, "gentle-walk-only", history->gentle_walk_only ? 1 : 0);
  if (history->has_live)
    write_live (file, &history->live);
  qsort (dates, n_dates, sizeof *dates, compare_dates);
  for (guint i = 0; i < n_dates; i++)
    {
      const LimberDay *day = g_hash_table_lookup (history->days, dates[i]);

      g_key_file_set_int64 (file, day->date, "sitting-us", day->sitting_us);
      g_key_file_set_int64 (file, day->date, "standing-us", day->standing_us);
      g_key_file_set_int64 (file, day->date, "longest-bout-us", day->longest_bout_us);
      for (guint c = 0; c < LIMBER_COUNTER_N; c++)
        g_key_file_set_uint64 (file, day->date, limber_counter_to_string (c), day->counters[c]);
    }
  return g_key_file_to_data (file, length, NULL);
}

gboolean
limber_history_save (LimberHistory *history, GError **error)
{
  g_autofree char *data = NULL;
  g_autoptr (GError) local_error = NULL;
  gsize length = 0;

  g_return_val_if_fail (history != NULL, FALSE);
  if (g_mkdir_with_parents (history->dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Could not create the state directory %s: %s. History is not being saved; "
                   "make the directory writable or set XDG_STATE_HOME.", history->dir, g_strerror (saved_errno));
      return FALSE;
    }
  limber_history_prune (history);
  data = serialize (history, &length);
  if (!g_file_set_contents_full (history->path, data, (gssize) length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0600,
                                 &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "Could not save the history: %s. History is not being saved; make %s writable.",
                   local_error->message, history->dir);
      return FALSE;
    }
  history->dirty = FALSE;
  return TRUE;
}
