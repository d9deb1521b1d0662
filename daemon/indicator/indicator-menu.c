/* indicator-menu.c: the indicator's menu over com.canonical.dbusmenu (version 3) at /MenuBar. */
#include "indicator/indicator-menu.h"

#include "indicator/limber-tray-menu.h"

#define MENU_INTERFACE "com.canonical.dbusmenu"

struct _LimberIndicatorMenu
{
  const LimberIndicatorView *view;
  LimberIndicatorMenuClicked clicked;
  gpointer user_data;
  GDBusConnection *connection;
  guint registration;
  guint revision; /* the layout never changes: one revision for the menu's life */
};

static gboolean
is_item (gint32 id)
{
  return id >= 0 && id <= LIMBER_INDICATOR_ITEM_LAST;
}

static gboolean
wanted (const char *const *names, const char *name)
{
  return names == NULL || names[0] == NULL || g_strv_contains (names, name);
}

/* The properties of item id (0: the root), only those in names (NULL or empty: all). */
static GVariant *
item_properties (LimberIndicatorMenu *menu, gint32 id, const char *const *names)
{
  GVariantDict props;
  const char *label = id > 0 ? limber_indicator_view_label (id) : NULL;

  g_variant_dict_init (&props, NULL);
  if (id == 0)
    {
      if (wanted (names, "children-display"))
        g_variant_dict_insert (&props, "children-display", "s", "submenu");
      return g_variant_dict_end (&props);
    }
  if (label == NULL)
    {
      if (wanted (names, "type"))
        g_variant_dict_insert (&props, "type", "s", "separator");
      return g_variant_dict_end (&props);
    }
  if (wanted (names, "label"))
    g_variant_dict_insert (&props, "label", "s", label);
  if (wanted (names, "enabled"))
    g_variant_dict_insert (&props, "enabled", "b", menu->view->enabled[id]);
  if (wanted (names, "visible"))
    g_variant_dict_insert (&props, "visible", "b", menu->view->visible[id]);
  return g_variant_dict_end (&props);
}

/* One (ia{sv}av) node: the item and, depth permitting, the root's children. */
static GVariant *
layout_node (LimberIndicatorMenu *menu, gint32 id, gint32 depth, const char *const *names)
{
  GVariantBuilder children;

  g_variant_builder_init (&children, G_VARIANT_TYPE ("av"));
  if (id == 0 && depth != 0)
    for (gint32 child = LIMBER_INDICATOR_ITEM_START; child <= LIMBER_INDICATOR_ITEM_LAST; child++)
      g_variant_builder_add (&children, "v", layout_node (menu, child, depth - 1, names));
  return g_variant_new ("(i@a{sv}av)", id, item_properties (menu, id, names), &children);
}

static void
get_layout (LimberIndicatorMenu *menu, GVariant *parameters, GDBusMethodInvocation *invocation)
{
  gint32 parent, depth;
  g_autofree const char **names = NULL;

  g_variant_get (parameters, "(ii^a&s)", &parent, &depth, &names);
  if (!is_item (parent))
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                             "There is no menu item %d.", parent);
      return;
    }
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u@(ia{sv}av))", menu->revision,
                                                                    layout_node (menu, parent, depth, names)));
}

static void
get_group_properties (LimberIndicatorMenu *menu, GVariant *parameters, GDBusMethodInvocation *invocation)
{
  g_autoptr (GVariant) ids = NULL;
  g_autofree const char **names = NULL;
  GVariantBuilder builder;
  gsize n_ids;
  const gint32 *id;

  g_variant_get (parameters, "(@ai^a&s)", &ids, &names);
  id = g_variant_get_fixed_array (ids, &n_ids, sizeof (gint32));
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ia{sv})"));
  /* No ids: every item. */
  for (gint32 i = 0; n_ids == 0 && i <= LIMBER_INDICATOR_ITEM_LAST; i++)
    g_variant_builder_add (&builder, "(i@a{sv})", i, item_properties (menu, i, names));
  for (gsize i = 0; i < n_ids; i++)
    if (is_item (id[i]))
      g_variant_builder_add (&builder, "(i@a{sv})", id[i], item_properties (menu, id[i], names));
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(a(ia{sv}))", &builder));
}

static void
get_property (LimberIndicatorMenu *menu, GVariant *parameters, GDBusMethodInvocation *invocation)
{
  gint32 id;
  const char *name;
  g_autoptr (GVariant) props = NULL;
  g_autoptr (GVariant) value = NULL;

  g_variant_get (parameters, "(i&s)", &id, &name);
  props = is_item (id) ? g_variant_ref_sink (item_properties (menu, id, NULL)) : NULL;
  value = props ? g_variant_lookup_value (props, name, NULL) : NULL;
  if (value == NULL)
    g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                           "Menu item %d has no property “%s”.", id, name);
  else
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(v)", value));
}

static gboolean
clickable (LimberIndicatorMenu *menu, gint32 id)
{
  return id > 0 && is_item (id) && limber_indicator_view_label (id) != NULL && menu->view->enabled[id] &&
         menu->view->visible[id];
}

/* Event and EventGroup reply first and click after, so the host never waits on what a click starts. */
static void
event (LimberIndicatorMenu *menu, GVariant *parameters, GDBusMethodInvocation *invocation)
{
  gint32 id;
  const char *event_id;

  g_variant_get (parameters, "(i&svu)", &id, &event_id, NULL, NULL);
  if (id <= 0 || !is_item (id))
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                             "There is no menu item %d.", id);
      return;
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
  if (g_str_equal (event_id, "clicked") && clickable (menu, id))
    menu->clicked (id, menu->user_data);
}

static void
event_group (LimberIndicatorMenu *menu, GVariant *parameters, GDBusMethodInvocation *invocation)
{
  g_autoptr (GVariant) list = g_variant_get_child_value (parameters, 0);
  g_autoptr (GArray) clicks = g_array_new (FALSE, FALSE, sizeof (gint32));
  GVariantBuilder errors;
  GVariantIter iter;
  gint32 id;
  const char *event_id;

  g_variant_builder_init (&errors, G_VARIANT_TYPE ("ai"));
  g_variant_iter_init (&iter, list);
  while (g_variant_iter_loop (&iter, "(i&svu)", &id, &event_id, NULL, NULL))
    if (id <= 0 || !is_item (id))
      g_variant_builder_add (&errors, "i", id);
    else if (g_str_equal (event_id, "clicked") && clickable (menu, id))
      g_array_append_val (clicks, id);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ai)", &errors));
  for (guint i = 0; i < clicks->len; i++)
    menu->clicked (g_array_index (clicks, gint32, i), menu->user_data);
}

static void
method_call (GDBusConnection *connection, const char *sender, const char *path, const char *interface,
             const char *method, GVariant *parameters, GDBusMethodInvocation *invocation, gpointer user_data)
{
  LimberIndicatorMenu *menu = user_data;

  if (g_str_equal (method, "GetLayout"))
    get_layout (menu, parameters, invocation);
  else if (g_str_equal (method, "GetGroupProperties"))
    get_group_properties (menu, parameters, invocation);
  else if (g_str_equal (method, "GetProperty"))
    get_property (menu, parameters, invocation);
  else if (g_str_equal (method, "Event"))
    event (menu, parameters, invocation);
  else if (g_str_equal (method, "EventGroup"))
    event_group (menu, parameters, invocation);
  /* The items are kept up to date by ItemsPropertiesUpdated: nothing to refresh before showing. */
  else if (g_str_equal (method, "AboutToShow"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(b)", FALSE));
  else if (g_str_equal (method, "AboutToShowGroup"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(aiai)", NULL, NULL));
  else
    g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD,
                                           "No method %s.", method);
}

static GVariant *
menu_get_property (GDBusConnection *connection, const char *sender, const char *path, const char *interface,
                   const char *name, GError **error, gpointer user_data)
{
  if (g_str_equal (name, "Version"))
    return g_variant_new_uint32 (3);
  if (g_str_equal (name, "TextDirection"))
    return g_variant_new_string ("ltr");
  if (g_str_equal (name, "Status"))
    return g_variant_new_string ("normal");
  if (g_str_equal (name, "IconThemePath"))
    return g_variant_new_strv (NULL, 0);
  g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_PROPERTY, "No property %s.", name);
  return NULL;
}

static const GDBusInterfaceVTable vtable = { method_call, menu_get_property, NULL, { NULL } };

LimberIndicatorMenu *
limber_indicator_menu_new (const LimberIndicatorView *view, LimberIndicatorMenuClicked clicked, gpointer user_data)
{
  LimberIndicatorMenu *menu = g_new0 (LimberIndicatorMenu, 1);

  menu->view = view;
  menu->clicked = clicked;
  menu->user_data = user_data;
  menu->revision = 1;
  return menu;
}

void
limber_indicator_menu_free (LimberIndicatorMenu *menu)
{
  if (menu == NULL)
    return;
  limber_indicator_menu_unexport (menu);
  g_free (menu);
}

gboolean
limber_indicator_menu_export (LimberIndicatorMenu *menu, GDBusConnection *connection, GError **error)
{
  if (menu->registration != 0)
    return TRUE;
  menu->registration = g_dbus_connection_register_object (connection, LIMBER_INDICATOR_MENU_PATH,
                                                          limber_tray_dbusmenu_interface_info (), &vtable, menu, NULL,
                                                          error);
  if (menu->registration == 0)
    return FALSE;
  menu->connection = g_object_ref (connection);
  return TRUE;
}

void
limber_indicator_menu_unexport (LimberIndicatorMenu *menu)
{
  if (menu->registration != 0)
    g_dbus_connection_unregister_object (menu->connection, menu->registration);
  menu->registration = 0;
  g_clear_object (&menu->connection);
}

void
limber_indicator_menu_update (LimberIndicatorMenu *menu, const LimberIndicatorView *before)
{
  static const char *const changing[] = { "enabled", "visible", NULL };
  GVariantBuilder updated;
  gboolean any = FALSE;

  if (menu->registration == 0)
    return;
  g_variant_builder_init (&updated, G_VARIANT_TYPE ("a(ia{sv})"));
  for (gint32 id = LIMBER_INDICATOR_ITEM_START; id <= LIMBER_INDICATOR_ITEM_LAST; id++)
    if (limber_indicator_view_label (id) != NULL && (before->enabled[id] != menu->view->enabled[id] ||
                                                     before->visible[id] != menu->view->visible[id]))
      {
        g_variant_builder_add (&updated, "(i@a{sv})", id, item_properties (menu, id, changing));
        any = TRUE;
      }
  if (!any)
    {
      g_variant_builder_clear (&updated);
      return;
    }
  g_dbus_connection_emit_signal (menu->connection, NULL, LIMBER_INDICATOR_MENU_PATH, MENU_INTERFACE,
                                 "ItemsPropertiesUpdated", g_variant_new ("(a(ia{sv})a(ias))", &updated, NULL), NULL);
}
