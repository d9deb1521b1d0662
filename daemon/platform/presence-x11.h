/* presence-x11.h: presence on X11 from XSync IDLETIME alarms, or polling MIT-SCREEN-SAVER. */
#pragma once

#include <glib.h>

#include "platform/presence.h"

G_BEGIN_DECLS

/* What counts as input: whatever resets the server's idle time, i.e. real
 * devices, XTest (xdotool) and XResetScreenSaver.  Video players call the
 * latter as a heartbeat while playing (mpv every 10 s, SDL every 30 s), so a
 * running video reads as a present user, the same as GNOME's idle monitor and
 * ext-idle-notify v1 with an inhibitor: watching counts as sitting.  Telling
 * them apart ("input only") would need XInput2 raw events; not done here.
 * The server's idle clock is CLOCK_MONOTONIC: it excludes time asleep, so
 * sleep is reported by LimberSession, not by this backend. */

/* Connects to @display (NULL: $DISPLAY) and attaches the connection to the
 * thread-default main context.  Reports nothing until a threshold is set.
 * With @force_poll, or when the server lacks the SYNC IDLETIME counter, it
 * polls XScreenSaverQueryInfo instead: once when the threshold could first be
 * reached, then every second while away.  Fails with a one-line message when
 * DISPLAY is unset, the server is unreachable, or it can measure no idle time. */
LimberPresence *limber_presence_x11_new (const char                *display,
                                         gboolean                   force_poll,
                                         const LimberPresenceFuncs *funcs,
                                         gpointer                   user_data,
                                         GError                   **error);

/* The X11 backend's own calls (for its probe and tests). */
/* The idle time now (one round trip).  -1 when the connection is gone. */
gint64   limber_presence_x11_get_idle_us (LimberPresence *self);
gboolean limber_presence_x11_is_away (LimberPresence *self);
gboolean limber_presence_x11_is_polling (LimberPresence *self);

G_END_DECLS
