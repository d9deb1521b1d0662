/* notifier.h: the one live Limber popup on the desktop's notification server, and the server's do-not-disturb state. */
#pragma once

#include <glib.h>

#include "core/reminder.h"

G_BEGIN_DECLS

typedef struct _LimberNotifier LimberNotifier;

/* The live popup was answered: an action, closed by the user (DISMISSED), or taken down by the
 * server without a choice (EXPIRED). At most one choice per popup; none for a popup we
 * withdrew or replaced ourselves, no close after an action, and none for a close that crossed
 * our update of that popup on the wire (the server shows the update as a new popup). */
typedef void (*LimberNotifierChoiceFunc) (LimberChoice choice,
                                          gpointer     user_data);
/* The server's do-not-disturb state changed (see limber_notifier_dnd_active). */
typedef void (*LimberNotifierDndFunc) (gboolean active,
                                       gpointer user_data);

/* Watches org.freedesktop.Notifications on the session bus and talks to its owner directly.
 * Choices are delivered from the main loop, never from inside a show/withdraw call. */
LimberNotifier *limber_notifier_new (LimberNotifierChoiceFunc func,
                                     gpointer                 user_data);
void limber_notifier_free (LimberNotifier *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberNotifier, limber_notifier_free)

/* Builds the popup with the server's capabilities and replaces the live one in place (same id).
 * Never blocks: Notify is sent asynchronously and bounded by a timeout; while one is in flight a
 * newer show or withdraw waits for its reply (which brings the id), so none is lost or reordered.
 * A Notify that fails or times out is warned about once per server and not sent again to that
 * server until a newer show; the next server to take the name gets the popup.
 * Without a server nothing is sent: the popup is kept pending, logged once, and shown when a
 * server appears (a D-Bus-activatable server is asked to start, without waiting). After a server
 * restart the current popup is shown again with fresh ids and capabilities. A stretch's picture
 * (image-path) goes only to a server that shows images (icon-static or icon-multi). */
void limber_notifier_show (LimberNotifier            *self,
                           const LimberReminderInput *in);
/* A one-off notice (e.g. "the config has an error", the first-run notice) beside the live
 * reminder, which it leaves alone. One made while no server is there (or before its
 * capabilities are known) is sent when one is; the first few such are kept. */
void limber_notifier_notice (LimberNotifier *self, const char *text);
/* Closes the live popup (CloseNotification; if its Notify is in flight, once the reply brings
 * the id) and drops a pending one. Reports no choice. */
void limber_notifier_withdraw (LimberNotifier *self);

gboolean limber_notifier_has_server (LimberNotifier *self);
/* TRUE while a popup is on the server or pending for one. */
gboolean limber_notifier_has_current (LimberNotifier *self);

/* Do-not-disturb, read without blocking from cached state: dunst paused (org.dunstproject.cmd0
 * "paused"), KDE's Inhibited property, GNOME's show-banners=false (only when the server is
 * gnome-shell and the schema is installed). FALSE when unknown. */
gboolean limber_notifier_dnd_active (LimberNotifier *self);
void limber_notifier_set_dnd_func (LimberNotifier       *self,
                                   LimberNotifierDndFunc func,
                                   gpointer              user_data);

G_END_DECLS
