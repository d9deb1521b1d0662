/* presence-wayland.h: presence on Wayland compositors from ext-idle-notify-v1 notifications. */
#pragma once

#include <glib.h>

#include "platform/presence.h"

G_BEGIN_DECLS

/* The compositor keeps the timers; limberd only listens, so it wakes for
 * the leaving and the return and never while the user types or is away.
 *
 * What counts as input follows `[presence] media-playback`
 * (limber_presence_set_input_only).  `sitting`, the default: the
 * notifications come from get_idle_notification, which an idle inhibitor (a
 * video player, a presentation) holds back, so a video playing at the desk
 * reads as a present user, as on X11 and GNOME.  `away`, with
 * ext_idle_notifier_v1 version 2 (wlroots 0.19 and sway 1.11, KWin 6.4,
 * Hyprland, Smithay compositors): the main notification comes from
 * get_input_idle_notification, which ignores idle inhibitors, so a playing
 * video does not hide a walk away.  Version 1 (sway 1.10, Debian 13) has
 * only the inhibitor-obeying kind: the note then says so.
 *
 * Notifications, one set per threshold (a new threshold replaces them):
 *  - main: the threshold, input-only with `away` where offered.  `idled` = AWAY, at
 *    now − threshold: the compositor does not tell when the last input was.
 *    Started while the user is already idle, the timer runs "starting from
 *    the creation of the notification object" (the protocol), so AWAY comes
 *    one threshold after the start, with the same at_us: the protocol tells
 *    no idle time.
 *  - fallback (input-only main only): a regular notification, same timeout.  A
 *    compositor that never sends `resumed` for input notifications (niri,
 *    niri-wm/niri#3136) would otherwise leave Limber believing the user away
 *    for ever, so whichever `resumed` comes first is BACK.  The fallback is
 *    dropped once the main notification has sent a `resumed`: the compositor
 *    then works, and a regular notification also "resumes" when an inhibitor
 *    starts, which would read as a return while the user is gone.
 *  - return (0 ms): created by expect_return and by a threshold change while
 *    away, where no notification is idle yet to tell the next input.  At
 *    0 ms ("notified as soon as possible when the seat is inactive", says
 *    the protocol) the compositor reports `idled` at once and `resumed` at
 *    the first input, which is BACK; it is destroyed then, since a 0 ms
 *    notification that stays would report every keystroke.  With version 1 an inhibitor holds
 *    it back too: the return is then seen at the first input after it ends.
 * An `idled` on a notification that is idle already breaks the protocol and
 * means the compositor skipped a `resumed`: it counts as BACK at now −
 * timeout (the latest the input can have been), then, for the main
 * notification, AWAY again.
 *
 * Connecting (in _new) is the only blocking part: one roundtrip for the
 * globals.  After that the connection is one GLib source (wlsource.h) on the
 * thread-default main context; the compositor going away (socket closed,
 * protocol error, the seat or the notifier global removed) is reported
 * through funcs->lost exactly once.  get_fullscreen answers UNKNOWN. */

/* Connects to $WAYLAND_DISPLAY (libwayland's rules: wayland-0 when unset)
 * and binds ext_idle_notifier_v1 (version 2 when offered) and the first
 * seat.  Reports nothing until a threshold is set.  Fails with a one-line
 * message: G_IO_ERROR_HOST_UNREACHABLE when the compositor is unreachable,
 * G_IO_ERROR_NOT_SUPPORTED when it lacks ext-idle-notify-v1, G_IO_ERROR_FAILED
 * when it has no seat. */
LimberPresence *limber_presence_wayland_new (const LimberPresenceFuncs *funcs,
                                             gpointer                   user_data,
                                             GError                   **error);

/* The Wayland backend's own calls (for its probe and tests). */
/* The ext_idle_notifier_v1 version bound (1 or 2); 0 for other backends. */
guint    limber_presence_wayland_get_version (LimberPresence *self);
gboolean limber_presence_wayland_is_away (LimberPresence *self);

G_END_DECLS
