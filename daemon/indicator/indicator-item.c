/* indicator-item.c: the indicator's org.kde.StatusNotifierItem at /StatusNotifierItem: properties read at each Get. */
#include "indicator/indicator-item.h"

#include "indicator/indicator-menu.h"
#include "indicator/limber-tray-item.h"

#define ITEM_INTERFACE "org.kde.StatusNotifierItem"

struct _LimberIndicatorItem
{
  const LimberIndicatorView *view;
  LimberIndicatorItemRequested requested;
  gpointer user_data;
  GDBusConnection *connection;
  guint registration;
};

static void
method_call (GDBusConnection *connection, const char *sender, const char *path, const char *interface,
             const char *method, GVariant *parameters, GDBusMethodInvocation *invocation, gpointer user_data)
{
  LimberIndicatorItem *item = user_data;

  /* The reply first: the host must not wait on what the request starts. */
  g_dbus_method_invocation_return_value (invocation, NULL);
  if (g_str_equal (method, "Activate"))
    item->requested (LIMBER_INDICATOR_ITEM_ACTIVATE, item->user_data);
  else if (g_str_equal (method, "SecondaryActivate"))
    item->requested (LIMBER_INDICATOR_ITEM_SECONDARY_ACTIVATE, item->user_data);
  /* ContextMenu: ItemIsMenu tells the host to show the menu itself; Scroll means nothing here. */
}

static GVariant *
empty_pixmaps (void)
{
  return g_variant_new_array (G_VARIANT_TYPE ("(iiay)"), NULL, 0);
}

static GVariant *
item_get_property (GDBusConnection *connection, const char *sender, const char *path, const char *interface,
                   const char *name, GError **error, gpointer user_data)
{
  LimberIndicatorItem *item = user_data;
  const LimberIndicatorView *view = item->view;

  if (g_str_equal (name, "Category"))
    return g_variant_new_string ("ApplicationStatus");
  if (g_str_equal (name, "Id"))
    return g_variant_new_string ("limber");
  if (g_str_equal (name, "Title"))
    return g_variant_new_string ("Limber");
  if (g_str_equal (name, "Status"))
    return g_variant_new_string (view->status);
  if (g_str_equal (name, "WindowId"))
    return g_variant_new_int32 (0);
  if (g_str_equal (name, "IconName"))
    return g_variant_new_string (view->icon_name);
  if (g_str_equal (name, "AttentionIconName"))
    return g_variant_new_string ("limber-break-due");
  if (g_str_equal (name, "OverlayIconName") || g_str_equal (name, "AttentionMovieName"))
    return g_variant_new_string ("");
  if (g_str_equal (name, "IconPixmap") || g_str_equal (name, "OverlayIconPixmap") ||
      g_str_equal (name, "AttentionIconPixmap"))
    return empty_pixmaps ();
  /* Empty: the hosts find our icons in the hicolor theme of the XDG data directories. waybar
   * takes a path given here as the only place to look, and then misses the hicolor theme. */
  if (g_str_equal (name, "IconThemePath"))
    return g_variant_new_string ("");
  if (g_str_equal (name, "ToolTip"))
    return g_variant_new ("(s@a(iiay)ss)", view->icon_name, empty_pixmaps (), view->tooltip_title,
                          view->tooltip_text);
  if (g_str_equal (name, "ItemIsMenu"))
    return g_variant_new_boolean (TRUE);
  if (g_str_equal (name, "Menu"))
    return g_variant_new_object_path (LIMBER_INDICATOR_MENU_PATH);
  g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_PROPERTY, "No property %s.", name);
  return NULL;
}

static const GDBusInterfaceVTable vtable = { method_call, item_get_property, NULL, { NULL } };

LimberIndicatorItem *
limber_indicator_item_new (const LimberIndicatorView *view, LimberIndicatorItemRequested requested, gpointer user_data)
{
  LimberIndicatorItem *item = g_new0 (LimberIndicatorItem, 1);

  item->view = view;
  item->requested = requested;
  item->user_data = user_data;
  return item;
}

void
limber_indicator_item_free (LimberIndicatorItem *item)
{
  if (item == NULL)
    return;
  limber_indicator_item_unexport (item);
  g_free (item);
}

gboolean
limber_indicator_item_export (LimberIndicatorItem *item, GDBusConnection *connection, GError **error)
{
  if (item->registration != 0)
    return TRUE;
  item->registration = g_dbus_connection_register_object (connection, LIMBER_INDICATOR_ITEM_PATH,
                                                          limber_tray_status_notifier_item_interface_info (), &vtable,
                                                          item, NULL, error);
  if (item->registration == 0)
    return FALSE;
  item->connection = g_object_ref (connection);
  return TRUE;
}

void
limber_indicator_item_unexport (LimberIndicatorItem *item)
{
  if (item->registration != 0)
    g_dbus_connection_unregister_object (item->connection, item->registration);
  item->registration = 0;
  g_clear_object (&item->connection);
}

static void
emit (LimberIndicatorItem *item, const char *signal, GVariant *parameters)
{
  g_dbus_connection_emit_signal (item->connection, NULL, LIMBER_INDICATOR_ITEM_PATH, ITEM_INTERFACE, signal,
                                 parameters, NULL);
}

void
limber_indicator_item_update (LimberIndicatorItem *item, const LimberIndicatorView *before)
{
  const LimberIndicatorView *view = item->view;

  if (item->registration == 0)
    return;
  if (g_strcmp0 (before->icon_name, view->icon_name) != 0)
    emit (item, "NewIcon", NULL);
  if (g_strcmp0 (before->status, view->status) != 0)
    emit (item, "NewStatus", g_variant_new ("(s)", view->status));
  if (g_strcmp0 (before->tooltip_title, view->tooltip_title) != 0 ||
      g_strcmp0 (before->tooltip_text, view->tooltip_text) != 0)
    emit (item, "NewToolTip", NULL);
}
