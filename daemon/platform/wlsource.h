/* wlsource.h: a Wayland client connection as a GLib source that reads, dispatches and flushes it. */
#pragma once

#include <glib.h>
#include <wayland-client.h>

G_BEGIN_DECLS

/* Called once, from dispatch, when the connection broke (the compositor
 * exited, closed the socket or sent a protocol error); the source then
 * removes itself.  The display must not be used for requests any more
 * (wl_display_disconnect is still safe). */
typedef void (*LimberWlSourceLostFunc) (gpointer user_data);

/* A new source for @display (not attached).  Events go to the listeners of
 * the display's proxies on its default queue, from the source's dispatch.
 * Each main-loop iteration it dispatches what libwayland already queued,
 * else announces a read (wl_display_prepare_read) and flushes the requests
 * made since the last iteration, so requests sent from other sources'
 * callbacks reach the compositor before the loop sleeps.  It wakes only when
 * the socket is readable, hung up or, after a short write, writable. */
GSource *limber_wlsource_new (struct wl_display     *display,
                              LimberWlSourceLostFunc lost_func,
                              gpointer               user_data);

/* TRUE once the connection broke (also set by limber_wlsource_flush). */
gboolean limber_wlsource_is_broken (GSource *source);

/* Sends the queued requests now without blocking; what the socket cannot
 * take yet is sent when it becomes writable.  FALSE when broken. */
gboolean limber_wlsource_flush (GSource *source);

G_END_DECLS
