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
 * loop is quit when the user chooses Quit.
 * Nothing in it blocks, so it may run in the process that owns org.limber.Daemon1 too. */
LimberIndicator *limber_indicator_new (GDBusConnection *connection, const char *limberctl, GMainLoop *loop);
void limber_indicator_free (LimberIndicator *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberIndicator, limber_indicator_free)

G_END_DECLS
