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
typedef struct _LimberPresenceX11 LimberPresenceX11;

/* Connects to @display (NULL: $DISPLAY) and attaches the connection to the
 * thread-default main context.  Reports nothing until a threshold is set.
 * With @force_poll, or when the server lacks the SYNC IDLETIME counter, it
 * polls XScreenSaverQueryInfo instead: once when the threshold could first be
 * reached, then every second while away.  Fails with a one-line message when
 * DISPLAY is unset, the server is unreachable, or it can measure no idle time. */
LimberPresenceX11 *limber_presence_x11_new (const char            *display,
                                            gboolean               force_poll,
                                            LimberPresenceFunc     func,
                                            LimberPresenceLostFunc lost,
                                            gpointer               user_data,
                                            GError               **error);
void               limber_presence_x11_free (LimberPresenceX11 *self);

/* Sets the idle time after which the user counts as away, and re-arms.  If
 * the user is present but already idle past it, AWAY is reported at once
 * (from inside this call). */
void     limber_presence_x11_set_threshold (LimberPresenceX11 *self,
                                            gint64             away_after_us);
/* The idle time now (one round trip): for decision points only.  -1 when
 * the connection is gone. */
gint64   limber_presence_x11_get_idle_us (LimberPresenceX11 *self);
/* After a resume: the user counts as away until the next input, which is
 * reported as BACK (sleep is no input the server sees, so no alarm would).
 * Does nothing while already away. */
void     limber_presence_x11_expect_return (LimberPresenceX11 *self);
gboolean limber_presence_x11_is_away (LimberPresenceX11 *self);
gboolean limber_presence_x11_is_polling (LimberPresenceX11 *self);
/* TRUE when _NET_ACTIVE_WINDOW has _NET_WM_STATE_FULLSCREEN (a few round
 * trips: call it only when a reminder is due). */
gboolean limber_presence_x11_fullscreen_focused (LimberPresenceX11 *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberPresenceX11, limber_presence_x11_free)

G_END_DECLS
