/* inhibitors.h: whether a program keeps the session from going idle (logind, GNOME's session manager, KDE's PowerDevil). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* inhibited: some program holds an idle inhibitor now (a film, a presentation, a call). */
typedef void (*LimberInhibitorsFunc) (gboolean inhibited, gpointer user_data);

typedef struct _LimberInhibitors LimberInhibitors;

/* Watches, without polling: logind's BlockInhibited containing "idle" (system bus, its
 * PropertiesChanged), org.gnome.SessionManager's InhibitedActions idle bit (8) and KDE's
 * org.kde.Solid.PowerManagement.PolicyAgent HasInhibition(ChangeScreenSettings), which
 * org.freedesktop.ScreenSaver.Inhibit and the portal feed. Logs one line, once every service has
 * been looked for, naming those that are there. */
LimberInhibitors *limber_inhibitors_new (LimberInhibitorsFunc func, gpointer user_data);
gboolean limber_inhibitors_get_inhibited (LimberInhibitors *self);
void limber_inhibitors_free (LimberInhibitors *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberInhibitors, limber_inhibitors_free)

G_END_DECLS
