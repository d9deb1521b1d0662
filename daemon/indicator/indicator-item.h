/* indicator-item.h: the indicator's org.kde.StatusNotifierItem at /StatusNotifierItem, and its registration. */
#pragma once

#include <gio/gio.h>

#include "indicator/indicator-view.h"

G_BEGIN_DECLS

#define LIMBER_INDICATOR_ITEM_PATH "/StatusNotifierItem"

/* What the host asks of the item beyond its menu. */
typedef enum
{
  LIMBER_INDICATOR_ITEM_ACTIVATE,           /* a click, where the host does not show the menu */
  LIMBER_INDICATOR_ITEM_SECONDARY_ACTIVATE, /* a middle click */
} LimberIndicatorItemRequest;

typedef void (*LimberIndicatorItemRequested) (LimberIndicatorItemRequest request, gpointer user_data);

typedef struct _LimberIndicatorItem LimberIndicatorItem;

/* view is borrowed and read at every Get, so a host always reads the minute of its asking. */
LimberIndicatorItem *limber_indicator_item_new (const LimberIndicatorView *view, LimberIndicatorItemRequested requested,
                                                gpointer user_data);
void limber_indicator_item_free (LimberIndicatorItem *item);

gboolean limber_indicator_item_export (LimberIndicatorItem *item, GDBusConnection *connection, GError **error);
void limber_indicator_item_unexport (LimberIndicatorItem *item);

/* The view changed: NewIcon, NewStatus and NewToolTip for what did, nothing for what did not. */
void limber_indicator_item_update (LimberIndicatorItem *item, const LimberIndicatorView *before);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberIndicatorItem, limber_indicator_item_free)

G_END_DECLS
