/* fuzz-log.c: quiet GLib logging for the fuzz targets, with criticals and errors made crashes. */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

static GLogWriterOutput
write_log (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  if ((level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR | G_LOG_FLAG_FATAL)) == 0)
    return G_LOG_WRITER_HANDLED; /* warnings are expected: a corrupt history file is moved aside */
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
      fprintf (stderr, "fuzz: %s\n", (const char *) fields[i].value);
  /* abort (), not GLib's SIGTRAP, which libFuzzer would not catch and keep as a crash. */
  abort ();
}

void
fuzz_log_init (void)
{
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_log_set_writer_func (write_log, NULL, NULL);
}
