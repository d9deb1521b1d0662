/* fuzz-history.c: limber_history_load on any state file; what loads must save and load again. */
#include <glib/gstdio.h>

#include "fuzz.h"
#include "history/history.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_log_init ();
  return 0;
}

static void
remove_dir (const char *dir)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *dir = g_dir_make_tmp ("limber-fuzz-history-XXXXXX", NULL);
  g_autoptr (LimberHistory) history = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (dir);
  history = limber_history_new (dir);
  g_assert_true (g_file_set_contents (limber_history_get_path (history), (const char *) data,
                                      (gssize) size, NULL));
  g_assert_true (limber_history_load (history, &error));
  g_assert_no_error (error);
  if (limber_history_get_quarantined (history) == NULL)
    {
      g_autoptr (LimberHistory) again = limber_history_new (dir);
      g_autoptr (GPtrArray) days = limber_history_get_days (history, 7, G_GINT64_CONSTANT (1700000000) * G_USEC_PER_SEC);

      limber_history_habit_days (history);
      g_assert_true (limber_history_save (history, &error));
      g_assert_true (limber_history_load (again, &error));
      g_assert_null (limber_history_get_quarantined (again));
      g_assert_cmpuint (limber_history_habit_days (again), ==, limber_history_habit_days (history));
    }
  remove_dir (dir);
  return 0;
}
