/* fuzz-config.c: limber_config_load on any file, over the built-in defaults and catalogue. */
#include <glib/gstdio.h>
#include <unistd.h>

#include "settings/config.h"
#include "settings/diagnostic.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_log_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_diagnostic_free);
  g_autoptr (LimberConfig) config = NULL;
  int fd = g_file_open_tmp ("limber-fuzz-config-XXXXXX.conf", &path, NULL);

  g_assert_cmpint (fd, >=, 0);
  g_assert_true (g_file_set_contents (path, (const char *) data, (gssize) size, NULL));
  close (fd);
  config = limber_config_load (path, diagnostics, &error);
  g_unlink (path);
  if (config == NULL)
    {
      g_assert_nonnull (error);
      g_assert_cmpuint (diagnostics->len, >, 0);
    }
  else
    {
      g_assert_no_error (error);
      g_assert_nonnull (config->catalogue);
      g_assert_cmpint (config->sit_limit_us, >, 0);
    }
  for (guint i = 0; i < diagnostics->len; i++)
    g_free (limber_diagnostic_format (g_ptr_array_index (diagnostics, i)));
  return 0;
}
