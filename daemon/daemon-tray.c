/* daemon-tray.c: limberd's icon in the panel's tray: the indicator started and stopped as [indicator] enabled says. */
#include "daemon-private.h"

#include "limber-version.h"

/* limberctl beside limberd (as installed, and in the build tree), else the installed one. */
static char *
find_limberctl (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self ? g_path_get_dirname (self) : NULL;
  g_autofree char *beside = dir ? g_build_filename (dir, "limberctl", NULL) : NULL;

  if (beside != NULL && g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&beside);
  return g_build_filename (LIMBER_BINDIR, "limberctl", NULL);
}

void
limber_daemon_tray_apply (LimberDaemon *self)
{
  GDBusConnection *connection = self->bus ? limber_bus_get_connection (self->bus) : NULL;
  g_autofree char *limberctl = NULL;

  if (!self->config->indicator_enabled)
    {
      limber_daemon_tray_stop (self);
      return;
    }
  /* Before the bus is reached there is nothing to offer it on: the name's arrival calls again. */
  if (self->indicator != NULL || connection == NULL)
    return;
  /* On limberd's own connection: a second one would cost a socket and its buffers. The
   * indicator reads limberd over the bus like any client and never blocks the loop. */
  limberctl = find_limberctl ();
  self->indicator = limber_indicator_new (connection, limberctl);
}

void
limber_daemon_tray_stop (LimberDaemon *self)
{
  g_clear_pointer (&self->indicator, limber_indicator_free);
}
