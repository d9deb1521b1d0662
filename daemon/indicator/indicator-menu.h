/* indicator-menu.h: the indicator's menu over com.canonical.dbusmenu at /MenuBar. */
#pragma once

#include <gio/gio.h>

#include "indicator/indicator-view.h"

G_BEGIN_DECLS

#define LIMBER_INDICATOR_MENU_PATH "/MenuBar"

/* A click on item id. */
typedef void (*LimberIndicatorMenuClicked) (LimberIndicatorItemId id, gpointer user_data);

typedef struct _LimberIndicatorMenu LimberIndicatorMenu;

/* view is borrowed and read at every call (it must outlive the menu). */
LimberIndicatorMenu *limber_indicator_menu_new (const LimberIndicatorView *view, LimberIndicatorMenuClicked clicked,
                                                gpointer user_data);
void limber_indicator_menu_free (LimberIndicatorMenu *menu);

gboolean limber_indicator_menu_export (LimberIndicatorMenu *menu, GDBusConnection *connection, GError **error);
void limber_indicator_menu_unexport (LimberIndicatorMenu *menu);

/* The view changed: tells the hosts which items' "enabled" and "visible" did
 * (ItemsPropertiesUpdated), or nothing when none did. */
void limber_indicator_menu_update (LimberIndicatorMenu *menu, const LimberIndicatorView *before);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberIndicatorMenu, limber_indicator_menu_free)

G_END_DECLS
