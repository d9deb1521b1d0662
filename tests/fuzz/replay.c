/* replay.c: feeds every file of the given directories to a fuzz target, without libFuzzer. */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "fuzz.h"

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static int
replay_dir (const char *dir)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) listing = g_dir_open (dir, 0, &error);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (listing == NULL)
    {
      fprintf (stderr, "replay: %s\n", error->message);
      return -1;
    }
  while ((name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autofree char *data = NULL;
      gsize size = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        continue;
      if (!g_file_get_contents (path, &data, &size, &error))
        {
          fprintf (stderr, "replay: %s\n", error->message);
          return -1;
        }
      printf ("%s\n", path);
      fflush (stdout);
      LLVMFuzzerTestOneInput ((const guint8 *) data, size);
    }
  return (int) names->len;
}

int
main (int argc, char **argv)
{
  int total = 0;

  LLVMFuzzerInitialize (&argc, &argv);
  if (argc < 2)
    {
      fprintf (stderr, "usage: %s CORPUS-DIR…\n", argv[0]);
      return 2;
    }
  for (int i = 1; i < argc; i++)
    {
      int n = replay_dir (argv[i]);
      if (n < 0)
        return 1;
      total += n;
    }
  printf ("%d inputs replayed\n", total);
  return total > 0 ? 0 : 1;
}
