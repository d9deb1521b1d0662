/* presence-open.c: which presence backend this session gets, and opening it. */
#include "platform/presence-open.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "platform/presence-gnome.h"
#include "platform/presence-wayland.h"
#include "platform/presence-x11.h"

static const char *const backend_names[] = {
  [LIMBER_PRESENCE_BACKEND_AUTO] = "auto",
  [LIMBER_PRESENCE_BACKEND_X11] = "x11",
  [LIMBER_PRESENCE_BACKEND_WAYLAND] = "wayland",
  [LIMBER_PRESENCE_BACKEND_GNOME] = "gnome",
};

gboolean
limber_presence_backend_parse (const char            *text,
                               LimberPresenceBackend *backend,
                               GError               **error)
{
  g_return_val_if_fail (backend != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (backend_names); i++)
    if (g_strcmp0 (text, backend_names[i]) == 0)
      {
        *backend = (LimberPresenceBackend) i;
        return TRUE;
      }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("Unknown presence backend '%s': use auto, x11, wayland or gnome."),
               text != NULL ? text : "");
  return FALSE;
}

const char *
limber_presence_backend_to_string (LimberPresenceBackend backend)
{
  g_return_val_if_fail ((guint) backend < G_N_ELEMENTS (backend_names), NULL);
  return backend_names[backend];
}

static gboolean
env_is_set (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && *value != '\0';
}

/* GNOME first: mutter offers no ext-idle-notify, and its D-Bus monitor is
 * there whatever WAYLAND_DISPLAY says. */
static LimberPresence *
open_on_wayland (const LimberPresenceFuncs *funcs,
                 gpointer                   user_data,
                 GError                   **error)
{
  g_autoptr (GError) local_error = NULL;
  LimberPresence *presence;

  if (limber_presence_gnome_available ())
    return limber_presence_gnome_new (funcs, user_data, error);
  presence = limber_presence_wayland_new (funcs, user_data, &local_error);
  if (presence != NULL)
    return presence;
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _("This Wayland compositor offers neither ext-idle-notify-v1 nor GNOME's "
                           "idle monitor, so limberd cannot tell when you are away."));
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

static LimberPresenceBackend
choose (void)
{
  if (g_strcmp0 (g_getenv ("XDG_SESSION_TYPE"), "x11") == 0)
    return LIMBER_PRESENCE_BACKEND_X11;
  if (env_is_set ("WAYLAND_DISPLAY") || g_strcmp0 (g_getenv ("XDG_SESSION_TYPE"), "wayland") == 0)
    return LIMBER_PRESENCE_BACKEND_WAYLAND;
  if (env_is_set ("DISPLAY"))
    return LIMBER_PRESENCE_BACKEND_X11;
  /* A user service started before the session imported its environment. */
  if (limber_presence_gnome_available ())
    return LIMBER_PRESENCE_BACKEND_GNOME;
  return LIMBER_PRESENCE_BACKEND_AUTO;
}

LimberPresence *
limber_presence_open (LimberPresenceBackend      backend,
                      gboolean                   force_poll,
                      const LimberPresenceFuncs *funcs,
                      gpointer                   user_data,
                      GError                   **error)
{
  g_return_val_if_fail (funcs != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (backend)
    {
    case LIMBER_PRESENCE_BACKEND_X11:
      return limber_presence_x11_new (NULL, force_poll, funcs, user_data, error);
    case LIMBER_PRESENCE_BACKEND_WAYLAND:
      return limber_presence_wayland_new (funcs, user_data, error);
    case LIMBER_PRESENCE_BACKEND_GNOME:
      return limber_presence_gnome_new (funcs, user_data, error);
    case LIMBER_PRESENCE_BACKEND_AUTO:
    default:
      break;
    }
  switch (choose ())
    {
    case LIMBER_PRESENCE_BACKEND_X11:
      return limber_presence_x11_new (NULL, force_poll, funcs, user_data, error);
    case LIMBER_PRESENCE_BACKEND_WAYLAND:
      return open_on_wayland (funcs, user_data, error);
    case LIMBER_PRESENCE_BACKEND_GNOME:
      return limber_presence_gnome_new (funcs, user_data, error);
    case LIMBER_PRESENCE_BACKEND_AUTO:
    default:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("DISPLAY is not set (nor WAYLAND_DISPLAY): start limberd inside your "
                             "desktop session, or import both with 'systemctl --user "
                             "import-environment DISPLAY WAYLAND_DISPLAY'."));
      return NULL;
    }
}
