/* indicator.h: LimberIndicator, limberd's state in the tray: a client of org.limber.Daemon1 offering a StatusNotifierItem. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LIMBER_INDICATOR_WATCHER_NAME "org.kde.StatusNotifierWatcher"
#define LIMBER_INDICATOR_WATCHER_PATH "/StatusNotifierWatcher"

typedef struct _LimberIndicator LimberIndicator;

/* Follows limberd on connection and, while a StatusNotifierWatcher is on the bus, offers the
 * item and its menu and registers them with it (again whenever a watcher comes back); with no
 * watcher it offers nothing. limberctl is the program Statistics runs ("limberctl report");
 * Quit sends SIGTERM to the owner of org.limber.Daemon1.
 * Nothing in it blocks: limberd runs it on its own connection ([indicator] enabled). */
LimberIndicator *limber_indicator_new (GDBusConnection *connection, const char *limberctl);
void limber_indicator_free (LimberIndicator *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberIndicator, limber_indicator_free)

G_END_DECLS
