/* fuzz-duration.c: limber_duration_parse on any text; what parses must format and parse back. */
#include <string.h>

#include "core/duration.h"
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
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr (GError) error = NULL;
  gint64 us = -1;

  if (limber_duration_parse (text, &us, &error))
    {
      g_autofree char *compact = limber_duration_format (us);
      g_autofree char *human = limber_duration_format_human (us);
      gint64 again_us = -1;

      g_assert_no_error (error);
      g_assert_cmpint (us, >=, 0);
      g_assert_cmpint (us, <=, LIMBER_DURATION_MAX_US);
      g_assert_true (limber_duration_parse (compact, &again_us, NULL));
      if (us % 1000 == 0)
        g_assert_cmpint (again_us, ==, us);
      g_assert_nonnull (human);
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_nonnull (error->message);
    }
  return 0;
}
