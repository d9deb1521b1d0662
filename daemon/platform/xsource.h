/* xsource.h: an Xlib connection as a GLib source that drains every queued event. */
#pragma once

#include <glib.h>

#include "platform/xlib.h"

G_BEGIN_DECLS

/* Called once per event, in order. */
typedef void (*LimberXSourceEventFunc) (XEvent  *event,
                                        gpointer user_data);
/* Called once, from dispatch, when the connection broke; the source then
 * removes itself.  The Display must not be used for requests any more
 * (XCloseDisplay is still safe). */
typedef void (*LimberXSourceLostFunc) (gpointer user_data);

/* A new source for @display (not attached), opened through @x.  It dispatches when the fd is
 * readable or hung up, and also when Xlib already holds queued events (read
 * while waiting for a reply to a synchronous call), so no event waits for the
 * next wake-up.  It installs an IO-error exit handler on @display so that a
 * dead server is reported through @lost_func instead of Xlib's exit(). */
GSource *limber_xsource_new (const LimberXlib      *x,
                             Display               *display,
                             LimberXSourceEventFunc event_func,
                             LimberXSourceLostFunc  lost_func,
                             gpointer               user_data);

/* TRUE once the connection broke.  Set from inside the Xlib call that saw
 * the error, so callers check it after synchronous requests. */
gboolean limber_xsource_is_broken (GSource *source);

G_END_DECLS
