/* sdnotify.h: telling the service manager about readiness, status, reload and stop (sd_notify protocol). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sends MESSAGE (newline-separated KEY=VALUE lines) as one datagram to the
 * AF_UNIX socket named by $NOTIFY_SOCKET ("/path" or "@abstract").  Returns
 * TRUE without doing anything when $NOTIFY_SOCKET is unset or empty. */
gboolean limber_sdnotify_send (const char  *message,
                               GError     **error);

/* The helpers below send one well-known message.  A failure is logged as a
 * warning and returned as FALSE; a daemon keeps running either way. */
gboolean limber_sdnotify_ready (void);
gboolean limber_sdnotify_status (const char *format,
                                 ...) G_GNUC_PRINTF (1, 2);
gboolean limber_sdnotify_reloading (void);
gboolean limber_sdnotify_stopping (void);

G_END_DECLS
