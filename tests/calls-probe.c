/* calls-probe.c: prints "busy MASK" whenever LimberCalls reports a change (for trying the PipeWire watcher by hand). */
#include <stdio.h>

#include "platform/calls.h"

static void
on_busy (guint busy, gpointer user_data)
{
  printf ("busy %u\n", busy);
  fflush (stdout);
}

int
main (void)
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr (LimberCalls) calls = limber_calls_new (on_busy, NULL);

  g_main_loop_run (loop);
  return 0;
}
