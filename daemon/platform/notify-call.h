/* notify-call.h: the wire format of org.freedesktop.Notifications: Notify's arguments for a popup, and the replies and signals read back. */
#pragma once

#include <glib.h>

#include "core/reminder.h"

G_BEGIN_DECLS

#define LIMBER_NOTIFY_CALL_BUS_NAME "org.freedesktop.Notifications"
#define LIMBER_NOTIFY_CALL_PATH "/org/freedesktop/Notifications"
#define LIMBER_NOTIFY_CALL_IFACE "org.freedesktop.Notifications"
/* The app name every Limber popup carries. */
#define LIMBER_NOTIFY_CALL_APP_NAME "limber"

/* The (susssasa{sv}i) arguments of Notify for r (whose actions limber_reminder_build already
 * left out for a server without them), replacing the popup replaces_id in place (0: a new
 * popup). A floating reference. */
GVariant *limber_notify_call_args (const LimberReminder *r,
                                   guint                 replaces_id);
/* The id in a Notify reply "(u)"; 0 when the reply is no such thing (0 is never a valid id). */
guint limber_notify_call_reply_id (GVariant *reply);
/* ActionInvoked "(us)": TRUE with the popup's id and the key, which points into params. */
gboolean limber_notify_call_parse_action (GVariant    *params,
                                          guint       *id,
                                          const char **key);
/* NotificationClosed "(uu)": TRUE with the popup's id and the server's reason. */
gboolean limber_notify_call_parse_closed (GVariant *params,
                                          guint    *id,
                                          guint    *reason);
/* What a close the server reports means to the user: reason 2 (dismissed by the user) is
 * DISMISSED; 1 (expired), 3 (a CloseNotification that was not ours), 4 (undefined) and any
 * other value are EXPIRED. */
LimberChoice limber_notify_call_closed_choice (guint reason);

G_END_DECLS
