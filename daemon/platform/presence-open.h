/* presence-open.h: which presence backend this session gets, and opening it. */
#pragma once

#include <glib.h>

#include "platform/presence.h"

G_BEGIN_DECLS

typedef enum
{
  LIMBER_PRESENCE_BACKEND_AUTO,
  LIMBER_PRESENCE_BACKEND_X11,      /* XSync IDLETIME (presence-x11.h) */
  LIMBER_PRESENCE_BACKEND_WAYLAND,  /* ext-idle-notify-v1 (presence-wayland.h) */
  LIMBER_PRESENCE_BACKEND_GNOME,    /* mutter's idle monitor over D-Bus (presence-gnome.h) */
} LimberPresenceBackend;

/* "auto", "x11", "wayland" or "gnome" (as for --backend); anything else
 * fails with a sentence listing them. */
gboolean limber_presence_backend_parse (const char            *text,
                                        LimberPresenceBackend *backend,
                                        GError               **error);
/* The word for @backend, as limber_presence_backend_parse takes it. */
const char *limber_presence_backend_to_string (LimberPresenceBackend backend);

/* Opens @backend, or with AUTO the one this session calls for:
 *  - X11 when XDG_SESSION_TYPE=x11, or when DISPLAY is set and neither
 *    WAYLAND_DISPLAY nor XDG_SESSION_TYPE=wayland says Wayland;
 *  - on Wayland (WAYLAND_DISPLAY set, or XDG_SESSION_TYPE=wayland): GNOME's
 *    idle monitor when org.gnome.Mutter.IdleMonitor has an owner on the
 *    session bus (one blocking NameHasOwner to the bus daemon), else
 *    ext-idle-notify-v1 when the compositor offers it, else a one-line error
 *    naming what is missing.  X11 is never chosen on Wayland: through
 *    Xwayland it would see only the input of X clients.
 * An explicit X11, WAYLAND or GNOME opens that one, whatever the session
 * says.  @force_poll is for X11 only (presence-x11.h); the other backends
 * never poll.  Opening blocks for a few round trips to the X server, the
 * compositor or the bus daemon; after that every backend runs on the
 * thread-default main context and never blocks.  Errors are one sentence
 * for the user.  For the log and status: limber_presence_get_name, and
 * limber_presence_get_note for the backend's caveat (NULL: none). */
LimberPresence *limber_presence_open (LimberPresenceBackend      backend,
                                      gboolean                   force_poll,
                                      const LimberPresenceFuncs *funcs,
                                      gpointer                   user_data,
                                      GError                   **error);

G_END_DECLS
