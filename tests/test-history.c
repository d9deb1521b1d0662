/* test-history.c: per-day records, the midnight split, the state file's round trip, modes and failures. */
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "history/history.h"

#define MINUTE_US (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
#define DAY_US (24 * 60 * MINUTE_US)

/* Local wall time (TZ is Europe/Berlin for the whole binary). */
static gint64
at (int year, int month, int day, int hour, int minute)
{
  g_autoptr (GDateTime) dt = g_date_time_new_local (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_chmod (path, 0700);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

typedef struct
{
  char *tmp;
  char *state_dir;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->tmp = g_dir_make_tmp ("limber-history-XXXXXX", NULL);
  g_assert_nonnull (f->tmp);
  f->state_dir = g_build_filename (f->tmp, "state", "limber", NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  remove_tree (f->tmp);
  g_free (f->state_dir);
  g_free (f->tmp);
}

static void
test_midnight_split (Fixture *f, gconstpointer data)
{
  g_autoptr (LimberHistory) h = limber_history_new (f->state_dir);

  limber_history_add_sitting (h, at (2026, 3, 9, 23, 30), at (2026, 3, 10, 0, 45));
  g_assert_cmpint (limber_history_get_day (h, "2026-03-09")->sitting_us, ==, 30 * MINUTE_US);
  g_assert_cmpint (limber_history_get_day (h, "2026-03-10")->sitting_us, ==, 45 * MINUTE_US);
  /* Across two midnights, and across the spring-forward night (29 March has 23 hours in Berlin). */
  limber_history_add_sitting (h, at (2026, 3, 28, 23, 0), at (2026, 3, 30, 1, 0));
  g_assert_cmpint (limber_history_get_day (h, "2026-03-28")->sitting_us, ==, 60 * MINUTE_US);
  g_assert_cmpint (limber_history_get_day (h, "2026-03-29")->sitting_us, ==, 23 * 60 * MINUTE_US);
  g_assert_cmpint (limber_history_get_day (h, "2026-03-30")->sitting_us, ==, 60 * MINUTE_US);
  /* An empty or reversed span adds nothing. */
  limber_history_add_sitting (h, at (2026, 4, 1, 10, 0), at (2026, 4, 1, 9, 0));
  g_assert_null (limber_history_get_day (h, "2026-04-01"));
}

static void
test_counters_and_bouts (Fixture *f, gconstpointer data)
{
  g_autoptr (LimberHistory) h = limber_history_new (f->state_dir);
  gint64 noon_us = at (2026, 3, 10, 12, 0);
  const LimberDay *day;

  for (int i = 0; i < 5; i++)
    limber_history_count (h, LIMBER_COUNTER_BREAKS_DUE, noon_us);
  limber_history_count (h, LIMBER_COUNTER_TAKEN_NATURAL, noon_us);
  limber_history_count (h, LIMBER_COUNTER_TAKEN_GUIDED, noon_us);
  limber_history_count (h, LIMBER_COUNTER_PARTIAL, noon_us);
  limber_history_count (h, LIMBER_COUNTER_SNOOZED, at (2026, 3, 10, 23, 59));
  limber_history_count (h, LIMBER_COUNTER_SKIPPED, at (2026, 3, 11, 0, 0));
  limber_history_add_bout (h, noon_us, 50 * MINUTE_US, 45 * MINUTE_US);
  limber_history_add_bout (h, noon_us, 30 * MINUTE_US, 45 * MINUTE_US);
  limber_history_add_bout (h, noon_us, 45 * MINUTE_US, 45 * MINUTE_US);
  day = limber_history_get_day (h, "2026-03-10");
  g_assert_nonnull (day);
  g_assert_cmpuint (day->counters[LIMBER_COUNTER_BREAKS_DUE], ==, 5);
  g_assert_cmpuint (day->counters[LIMBER_COUNTER_SNOOZED], ==, 1);
  g_assert_cmpuint (day->counters[LIMBER_COUNTER_SKIPPED], ==, 0);
  g_assert_cmpuint (day->counters[LIMBER_COUNTER_LONG_BOUTS], ==, 1); /* only the bout over the limit */
  g_assert_cmpint (day->longest_bout_us, ==, 50 * MINUTE_US);
  g_assert_cmpuint (limber_day_get_taken (day), ==, 3);
  g_assert_false (limber_day_is_good (day)); /* 3 of 5 is 60 % */
  limber_history_count (h, LIMBER_COUNTER_TAKEN_NATURAL, noon_us);
  g_assert_true (limber_day_is_good (day)); /* 4 of 5 is 80 % */
  g_assert_cmpuint (limber_history_get_day (h, "2026-03-11")->counters[LIMBER_COUNTER_SKIPPED], ==, 1);
  g_assert_cmpstr (limber_counter_to_string (LIMBER_COUNTER_LONG_BOUTS), ==, "long-bouts");
}

static void
make_day (LimberHistory *h, gint64 wall_us, guint due, guint taken)
{
  for (guint i = 0; i < due; i++)
    limber_history_count (h, LIMBER_COUNTER_BREAKS_DUE, wall_us);
  for (guint i = 0; i < taken; i++)
    limber_history_count (h, LIMBER_COUNTER_TAKEN_NATURAL, wall_us);
}

static void
test_habit_and_days (Fixture *f, gconstpointer data)
{
  g_autoptr (LimberHistory) h = limber_history_new (f->state_dir);
  g_autoptr (GPtrArray) days = NULL;
  gint64 day1_us = at (2026, 3, 10, 12, 0);

  make_day (h, day1_us, 5, 5);
  make_day (h, day1_us + DAY_US, 5, 1);     /* a missed day */
  make_day (h, day1_us + 3 * DAY_US, 4, 4); /* after a day off with nothing due */
  /* A missed day pauses progress and never wipes it. */
  g_assert_cmpuint (limber_history_habit_days (h), ==, 2);
  days = limber_history_get_days (h, 5, day1_us + 4 * DAY_US);
  g_assert_cmpuint (days->len, ==, 5);
  g_assert_cmpstr (((LimberDay *) days->pdata[0])->date, ==, "2026-03-10");
  g_assert_cmpstr (((LimberDay *) days->pdata[2])->date, ==, "2026-03-12");
  g_assert_cmpuint (((LimberDay *) days->pdata[2])->counters[LIMBER_COUNTER_BREAKS_DUE], ==, 0);
  g_assert_cmpstr (((LimberDay *) days->pdata[4])->date, ==, "2026-03-14");
  g_assert_cmpuint (((LimberDay *) days->pdata[3])->counters[LIMBER_COUNTER_BREAKS_DUE], ==, 4);
}

/* Days recorded out of order come back oldest first: in the saved file, and from get_days. */
static void
test_days_in_date_order (Fixture *f, gconstpointer data)
{
  /* Offsets in days from 1 March 2026, in an order that is neither chronological nor its
   * reverse; twelve days spanning a month boundary, so a sort on anything but the date shows. */
  static const int offsets[] = { 7, 2, 30, 0, 11, 5, 29, 1, 16, 9, 3, 21 };
  g_autoptr (LimberHistory) h = limber_history_new (f->state_dir);
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) days = NULL;
  g_auto (GStrv) groups = NULL;
  g_autofree char *previous = NULL;
  gint64 first_us = at (2026, 3, 1, 10, 0);
  guint n_dates = 0;

  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      gint64 from_us = first_us + offsets[i] * DAY_US;
      limber_history_add_sitting (h, from_us, from_us + (i + 1) * MINUTE_US);
    }
  g_assert_true (limber_history_save (h, &error));
  g_assert_no_error (error);

  g_assert_true (g_key_file_load_from_file (file, limber_history_get_path (h), G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  groups = g_key_file_get_groups (file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      GDate date;

      if (!limber_history_parse_date (groups[i], &date))
        continue; /* [limber], [live] */
      if (previous != NULL)
        g_assert_cmpstr (previous, <, groups[i]);
      g_free (previous);
      previous = g_strdup (groups[i]);
      n_dates++;
    }
  g_assert_cmpuint (n_dates, ==, G_N_ELEMENTS (offsets));

  days = limber_history_get_days (h, 31, first_us + 30 * DAY_US);
  g_assert_cmpuint (days->len, ==, 31);
  g_assert_cmpstr (((LimberDay *) days->pdata[0])->date, ==, "2026-03-01");
  g_assert_cmpstr (((LimberDay *) days->pdata[30])->date, ==, "2026-03-31");
  for (guint i = 1; i < days->len; i++)
    g_assert_cmpstr (((LimberDay *) days->pdata[i - 1])->date, <, ((LimberDay *) days->pdata[i])->date);
  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    g_assert_cmpint (((LimberDay *) days->pdata[offsets[i]])->sitting_us, ==, (i + 1) * MINUTE_US);
}

/* Standing time splits at midnight as sitting does, apart from it; the sit-to-stand switches count. */
static void
test_standing (Fixture *f, gconstpointer data)
{
  g_autoptr (LimberHistory) h = limber_history_new (f->state_dir);
  g_autoptr (LimberHistory) again = limber_history_new (f->state_dir);
  g_autoptr (GError) error = NULL;
  const LimberDay *day;

  limber_history_add_sitting (h, at (2026, 3, 9, 23, 0), at (2026, 3, 9, 23, 40));
  limber_history_add_standing (h, at (2026, 3, 9, 23, 40), at (2026, 3, 10, 0, 10));
  limber_history_count (h, LIMBER_COUNTER_SWITCHES, at (2026, 3, 9, 23, 40));
  limber_history_add_standing (h, at (2026, 3, 10, 0, 30), at (2026, 3, 10, 0, 20));
  g_assert_cmpint (limber_history_get_day (h, "2026-03-09")->sitting_us, ==, 40 * MINUTE_US);
  g_assert_cmpint (limber_history_get_day (h, "2026-03-09")->standing_us, ==, 20 * MINUTE_US);
  g_assert_cmpint (limber_history_get_day (h, "2026-03-10")->standing_us, ==, 10 * MINUTE_US);
  g_assert_cmpint (limber_history_get_day (h, "2026-03-10")->sitting_us, ==, 0);
  g_assert_cmpstr (limber_counter_to_string (LIMBER_COUNTER_SWITCHES), ==, "switches");
  g_assert_true (limber_history_save (h, &error));
  g_assert_true (limber_history_load (again, &error));
  g_assert_no_error (error);
  day = limber_history_get_day (again, "2026-03-09");
  g_assert_cmpint (day->standing_us, ==, 20 * MINUTE_US);
  g_assert_cmpuint (day->counters[LIMBER_COUNTER_SWITCHES], ==, 1);
}

/* A file from before sit-stand desks: the new keys read as 0, the posture as sitting. */
static void
test_file_without_posture (Fixture *f, gconstpointer data)
{
  g_autoptr (LimberHistory) h = limber_history_new (f->state_dir);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->state_dir, "history.ini", NULL);
  LimberLiveSession got = { 0 };
  const LimberDay *day;

  g_assert_cmpint (g_mkdir_with_parents (f->state_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "[limber]\nversion=1\n\n[live]\nwall-saved-us=5\nsitting-us=60\n\n"
                                      "[2026-03-09]\nsitting-us=600\nlongest-bout-us=300\ntaken-natural=2\n",
                                      -1, NULL));
  g_assert_true (limber_history_load (h, &error));
  g_assert_no_error (error);
  g_assert_null (limber_history_get_quarantined (h));
  day = limber_history_get_day (h, "2026-03-09");
  g_assert_cmpint (day->sitting_us, ==, 600);
  g_assert_cmpint (day->standing_us, ==, 0);
  g_assert_cmpuint (day->counters[LIMBER_COUNTER_SWITCHES], ==, 0);
  g_assert_true (limber_history_get_live (h, &got));
  g_assert_false (got.standing);
  g_assert_cmpint (got.posture_us, ==, 0);
  g_assert_cmpuint (got.posture_prompts, ==, 0);
  limber_live_session_clear (&got);
}

static void
assert_mode (const char *path, unsigned mode)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, mode);
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (LimberHistory) h = limber_history_new (f->state_dir);
  g_autoptr (LimberHistory) again = limber_history_new (f->state_dir);
  g_autoptr (GError) error = NULL;
  LimberLiveSession live = { 1000, (char *) "3f1c-boot", 2000, 25 * MINUTE_US, G_MAXINT64, 2, 7, TRUE,
                             TRUE, 90 * G_USEC_PER_SEC, 11, TRUE, 12 * MINUTE_US, 2, TRUE };
  LimberLiveSession got = { 0 };
  const LimberDay *day;

  g_assert_true (limber_history_load (h, &error)); /* nothing there yet: empty */
  g_assert_no_error (error);
  g_assert_false (limber_history_get_live (h, &got));
  limber_history_add_sitting (h, at (2026, 3, 9, 23, 30), at (2026, 3, 10, 0, 45));
  limber_history_add_bout (h, at (2026, 3, 10, 0, 45), 75 * MINUTE_US, 45 * MINUTE_US);
  make_day (h, at (2026, 3, 10, 9, 0), 3, 3);
  limber_history_set_live (h, &live);
  g_assert_true (limber_history_is_dirty (h));
  g_assert_true (limber_history_save (h, &error));
  g_assert_no_error (error);
  g_assert_false (limber_history_is_dirty (h));
  assert_mode (f->state_dir, 0700);
  assert_mode (limber_history_get_path (h), 0600);

  g_assert_true (limber_history_load (again, &error));
  g_assert_no_error (error);
  day = limber_history_get_day (again, "2026-03-10");
  g_assert_nonnull (day);
  g_assert_cmpint (day->sitting_us, ==, 45 * MINUTE_US);
  g_assert_cmpint (day->longest_bout_us, ==, 75 * MINUTE_US);
  g_assert_cmpuint (day->counters[LIMBER_COUNTER_LONG_BOUTS], ==, 1);
  g_assert_cmpuint (day->counters[LIMBER_COUNTER_TAKEN_NATURAL], ==, 3);
  g_assert_cmpint (limber_history_get_day (again, "2026-03-09")->sitting_us, ==, 30 * MINUTE_US);
  g_assert_cmpuint (limber_history_habit_days (again), ==, 1);
  g_assert_true (limber_history_get_live (again, &got));
  g_assert_cmpint (got.wall_saved_us, ==, 1000);
  g_assert_cmpstr (got.boot_id, ==, "3f1c-boot");
  g_assert_cmpint (got.boot_saved_us, ==, 2000);
  g_assert_cmpint (got.sitting_us, ==, 25 * MINUTE_US);
  g_assert_cmpint (got.pause_left_us, ==, G_MAXINT64);
  g_assert_cmpuint (got.snoozes_used, ==, 2);
  g_assert_cmpuint (got.break_number, ==, 7);
  g_assert_true (got.reminder_open);
  /* What a restart needs to show the open reminder again and keep the rotation. */
  g_assert_true (got.due_open);
  g_assert_cmpint (got.away_us, ==, 90 * G_USEC_PER_SEC);
  g_assert_cmpuint (got.micro_number, ==, 11);
  /* A sit-stand desk's posture and its spell. */
  g_assert_true (got.standing);
  g_assert_cmpint (got.posture_us, ==, 12 * MINUTE_US);
  g_assert_cmpuint (got.posture_prompts, ==, 2);
  g_assert_true (got.running);
  limber_live_session_clear (&got);

  /* Clearing the live session survives a round trip too. */
  limber_history_clear_live (again);
  g_assert_true (limber_history_save (again, &error));
  g_assert_true (limber_history_load (h, &error));
  g_assert_false (limber_history_get_live (h, &got));
  g_assert_nonnull (limber_history_get_day (h, "2026-03-10"));
}

static char *
find_quarantined (const char *state_dir)
{
  g_autoptr (GDir) dir = g_dir_open (state_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "history.ini.corrupt-"))
      return g_build_filename (state_dir, name, NULL);
  return NULL;
}

static void
check_quarantine (Fixture *f, const char *contents)
{
  g_autoptr (LimberHistory) h = limber_history_new (f->state_dir);
  g_autoptr (GError) error = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *kept = NULL;

  g_assert_cmpint (g_mkdir_with_parents (f->state_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (limber_history_get_path (h), contents, -1, NULL));
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "The history file *could not be read*moved to*");
  g_assert_true (limber_history_load (h, &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_false (g_file_test (limber_history_get_path (h), G_FILE_TEST_EXISTS));
  aside = find_quarantined (f->state_dir);
  g_assert_nonnull (aside);
  g_assert_cmpstr (aside, ==, limber_history_get_quarantined (h));
  g_assert_true (g_file_get_contents (aside, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, contents); /* never silently dropped */
  g_assert_null (limber_history_get_day (h, "2026-03-10"));
  /* The next save starts a fresh file. */
  limber_history_count (h, LIMBER_COUNTER_BREAKS_DUE, at (2026, 3, 10, 9, 0));
  g_assert_true (limber_history_save (h, &error));
  g_unlink (aside);
  g_unlink (limber_history_get_path (h));
}

static void
test_corrupt (Fixture *f, gconstpointer data)
{
  check_quarantine (f, "\x01\x02 not a key file at all [[[\n");
  check_quarantine (f, "[limber]\nversion=1\n[2026-03-10]\nsitting-us=-5\n");
  check_quarantine (f, "[limber]\nversion=1\n[yesterday]\nsitting-us=5\n");
  check_quarantine (f, "[2026-03-10]\nsitting-us=5\n"); /* no header: not ours */
  check_quarantine (f, "[limber]\nversion=1\n[2026-03-10]\nsnoozed=lots\n");
}

/* limberctl report reads beside a running or starting limberd: it must change nothing on disk. */
static void
test_read_only (Fixture *f, gconstpointer data)
{
  static const char corrupt[] = "[limber]\nversion=1\n[2026-03-10]\nsitting-us=-5\n";
  g_autoptr (LimberHistory) h = limber_history_new (f->state_dir);
  g_autoptr (LimberHistory) reader = limber_history_new (f->state_dir);
  g_autoptr (GError) error = NULL;
  g_autofree char *temporary = g_build_filename (f->state_dir, "history.ini.Ab12Cd", NULL);
  g_autofree char *kept = NULL;

  make_day (h, at (2026, 3, 10, 12, 0), 5, 4);
  g_assert_true (limber_history_save (h, &error));
  g_assert_true (g_file_set_contents (temporary, "a save in progress", -1, NULL));
  g_assert_true (limber_history_load_read_only (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (limber_history_get_day (reader, "2026-03-10")->counters[LIMBER_COUNTER_BREAKS_DUE], ==, 5);
  g_assert_cmpuint (limber_history_habit_days (reader), ==, 1);
  g_assert_true (g_file_test (temporary, G_FILE_TEST_EXISTS)); /* limberd's, not ours to remove */
  /* A file it cannot parse is an error, and stays where it is. */
  g_assert_true (g_file_set_contents (limber_history_get_path (h), corrupt, -1, NULL));
  g_assert_false (limber_history_load_read_only (reader, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_assert_nonnull (strstr (error->message, "cannot be read"));
  g_assert_nonnull (strstr (error->message, limber_history_get_path (h)));
  g_assert_true (g_file_get_contents (limber_history_get_path (h), &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, corrupt);
  g_assert_null (find_quarantined (f->state_dir));
  g_assert_null (limber_history_get_quarantined (reader));
  /* The records read before are kept. */
  g_assert_nonnull (limber_history_get_day (reader, "2026-03-10"));
  g_unlink (temporary);
}

static void
test_unwritable (Fixture *f, gconstpointer data)
{
  /* A state dir under a regular file cannot be created, even by root. */
  g_autofree char *blocker = g_build_filename (f->tmp, "blocker", NULL);
  g_autofree char *dir = g_build_filename (blocker, "limber", NULL);
  g_autoptr (LimberHistory) h = limber_history_new (dir);
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  limber_history_count (h, LIMBER_COUNTER_BREAKS_DUE, at (2026, 3, 10, 9, 0));
  g_assert_false (limber_history_save (h, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
  g_assert_nonnull (strstr (error->message, "History is not being saved"));
  g_clear_error (&error);
  /* The records stay in memory and keep counting. */
  limber_history_count (h, LIMBER_COUNTER_BREAKS_DUE, at (2026, 3, 10, 9, 0));
  g_assert_cmpuint (limber_history_get_day (h, "2026-03-10")->counters[LIMBER_COUNTER_BREAKS_DUE], ==, 2);
  g_assert_true (limber_history_is_dirty (h));
}

static void
test_prune_keeps_habit (Fixture *f, gconstpointer data)
{
  g_autoptr (LimberHistory) h = limber_history_new (f->state_dir);
  g_autoptr (LimberHistory) again = limber_history_new (f->state_dir);
  g_autoptr (GError) error = NULL;
  gint64 old_us = at (2025, 1, 10, 12, 0);

  make_day (h, old_us, 2, 2);
  make_day (h, old_us + (LIMBER_HISTORY_KEEP_DAYS + 20) * DAY_US, 2, 2);
  g_assert_true (limber_history_save (h, &error));
  g_assert_null (limber_history_get_day (h, "2025-01-10"));
  g_assert_true (limber_history_load (again, &error));
  g_assert_cmpuint (limber_history_habit_days (again), ==, 2);
}

/* Found by fuzz-history: pruning a history whose newest day is in year 1 hit a GLib critical. */
static void
test_prune_year_one (Fixture *f, gconstpointer data)
{
  g_autoptr (LimberHistory) h = limber_history_new (f->state_dir);
  g_autoptr (LimberHistory) again = limber_history_new (f->state_dir);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (f->state_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (limber_history_get_path (h),
                                      "[limber]\nversion=1\n[0001-01-02]\nbreaks-due=1\ntaken-natural=1\n",
                                      -1, NULL));
  g_assert_true (limber_history_load (h, &error));
  g_assert_null (limber_history_get_quarantined (h));
  g_assert_true (limber_history_save (h, &error));
  g_assert_no_error (error);
  g_assert_true (limber_history_load (again, &error));
  g_assert_nonnull (limber_history_get_day (again, "0001-01-02"));
  g_assert_cmpuint (limber_history_habit_days (again), ==, 1);
}

/* The child saves in a loop until killed; it never returns. */
static void
save_until_killed (const char *state_dir, guint cycle)
{
  LimberHistory *h = limber_history_new (state_dir);

  limber_history_load (h, NULL);
  for (guint i = 0; i < 100000; i++)
    {
      limber_history_count (h, LIMBER_COUNTER_BREAKS_DUE, at (2026, 3, 10, 9, 0) + (gint64) (i % 40) * DAY_US);
      limber_history_add_sitting (h, at (2026, 3, 10, 23, 0), at (2026, 3, 11, 0, 30 + (int) (cycle % 20)));
      limber_history_save (h, NULL);
    }
  _exit (0);
}

static void
test_kill_9 (Fixture *f, gconstpointer data)
{
  guint saved_days = 0;
  g_autofree char *path = g_build_filename (f->state_dir, "history.ini", NULL);

  for (guint cycle = 0; cycle < 200; cycle++)
    {
      g_autoptr (LimberHistory) h = limber_history_new (f->state_dir);
      g_autoptr (GError) error = NULL;
      pid_t pid = fork ();
      int status = 0;

      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        save_until_killed (f->state_dir, cycle);
      /* The first writer saves at least once, however slow the machine (valgrind). */
      for (guint waited_ms = 0; cycle == 0 && waited_ms < 20000 &&
           !g_file_test (path, G_FILE_TEST_EXISTS); waited_ms++)
        g_usleep (1000);
      g_usleep (g_test_rand_int_range (0, 4000));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      /* Whenever it died, the file is the old one or the new one: never truncated, never unparsable. */
      g_assert_true (limber_history_load (h, &error));
      g_assert_no_error (error);
      g_assert_null (limber_history_get_quarantined (h));
      if (limber_history_get_day (h, "2026-03-10") != NULL)
        saved_days++;
    }
  g_assert_cmpuint (saved_days, >, 0);
  /* A killed writer's temporaries (history.ini.XXXXXX) are cleared by the next load. */
  {
    g_autoptr (GDir) dir = g_dir_open (f->state_dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_cmpstr (name, ==, "history.ini");
  }
}

/* The care keys of the [limber] group: the first-run notice and the gentle week round-trip, and a
 * file from before them reads as "never shown, no gentle week". */
static void
test_care_keys (Fixture *f, gconstpointer data)
{
  g_autoptr (LimberHistory) h = limber_history_new (f->state_dir);
  g_autoptr (LimberHistory) again = limber_history_new (f->state_dir);
  g_autoptr (LimberHistory) old = limber_history_new (f->state_dir);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->state_dir, "history.ini", NULL);
  gboolean walk_only = TRUE;
  gint64 until_us = at (2026, 3, 17, 10, 0);

  g_assert_false (limber_history_get_welcomed (h));
  g_assert_cmpint (limber_history_get_gentle (h, &walk_only), ==, 0);
  g_assert_false (walk_only);
  limber_history_set_welcomed (h);
  limber_history_set_gentle (h, until_us, TRUE);
  g_assert_true (limber_history_is_dirty (h));
  g_assert_true (limber_history_save (h, &error));
  g_assert_no_error (error);
  g_assert_true (limber_history_load (again, &error));
  g_assert_true (limber_history_get_welcomed (again));
  g_assert_cmpint (limber_history_get_gentle (again, &walk_only), ==, until_us);
  g_assert_true (walk_only);
  /* Ended early: no time, and no walk-only left over. */
  limber_history_set_gentle (again, 0, TRUE);
  g_assert_cmpint (limber_history_get_gentle (again, &walk_only), ==, 0);
  g_assert_false (walk_only);
  g_assert_true (g_file_set_contents (path, "[limber]\nversion=1\ncarried-good-days=0\n", -1, NULL));
  g_assert_true (limber_history_load (old, &error));
  g_assert_null (limber_history_get_quarantined (old));
  g_assert_false (limber_history_get_welcomed (old));
  g_assert_cmpint (limber_history_get_gentle (old, NULL), ==, 0);
}

int
main (int argc, char **argv)
{
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/history/midnight-split", test_midnight_split);
  ADD ("/history/counters-and-bouts", test_counters_and_bouts);
  ADD ("/history/habit-and-days", test_habit_and_days);
  ADD ("/history/days-in-date-order", test_days_in_date_order);
  ADD ("/history/round-trip", test_round_trip);
  ADD ("/history/standing", test_standing);
  ADD ("/history/file-without-posture", test_file_without_posture);
  ADD ("/history/corrupt", test_corrupt);
  ADD ("/history/read-only", test_read_only);
  ADD ("/history/unwritable", test_unwritable);
  ADD ("/history/prune-keeps-habit", test_prune_keeps_habit);
  ADD ("/history/prune-year-one", test_prune_year_one);
  ADD ("/history/kill-9", test_kill_9);
  ADD ("/history/care-keys", test_care_keys);
#undef ADD
  return g_test_run ();
}
