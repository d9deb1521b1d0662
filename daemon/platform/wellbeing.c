/* wellbeing.c: GNOME Wellbeing's movement breaks, from its GSettings and org.gnome.Shell.ScreenTime. */
#include "platform/wellbeing.h"

#include <gio/gio.h>

#include "platform/deadline.h"

#define SCHEMA_ID "org.gnome.desktop.break-reminders"
#define SHELL_NAME "org.gnome.Shell"
#define SCREEN_TIME_PATH "/org/gnome/Shell/ScreenTime"
#define SCREEN_TIME_IFACE "org.gnome.Shell.ScreenTime"
/* GNOME Shell checks its break timers about every 10 s: a due break may come this much early. */
#define DUE_SLACK_US (60 * G_USEC_PER_SEC)

struct _LimberWellbeing {
  LimberWellbeingFuncs funcs;
  gpointer user_data;
  GSettings *settings;
  GSettings *movement;
  GDBusConnection *bus;
  GCancellable *cancellable;
  guint watch_id;
  guint subscription;
  gboolean movement_on;         /* selected-breaks has "movement" */
  gboolean eyesight_on;         /* selected-breaks has "eyesight" */
  gint64 interval_us;           /* movement interval-seconds */
  gint64 duration_us;           /* movement duration-seconds */
  gboolean shell;               /* GNOME Shell's ScreenTime answered */
  guint32 screen_state;
  guint64 last_break_end_s;     /* LastBreakEndTime, wall seconds */
  gboolean end_known;           /* last_break_end_s was read */
  gboolean movement_break;      /* the break due or in progress is a movement one */
  gint64 break_since_us;        /* when it went IN_BREAK; 0 not seen */
  gint64 movement_ref_us;       /* the last movement break Limber saw end (or the start) */
  LimberWellbeingState state;   /* as last reported */
};

static LimberWellbeingState
compute_state (LimberWellbeing *self)
{
  if (self->settings == NULL)
    return LIMBER_WELLBEING_ABSENT;
  if (!self->movement_on || !self->shell || self->screen_state == LIMBER_SCREEN_TIME_DISABLED)
    return LIMBER_WELLBEING_OFF;
  if ((self->screen_state == LIMBER_SCREEN_TIME_BREAK_DUE || self->screen_state == LIMBER_SCREEN_TIME_IN_BREAK)
      && self->movement_break)
    return LIMBER_WELLBEING_DUE;
  return LIMBER_WELLBEING_ON;
}

static void
update (LimberWellbeing *self)
{
  LimberWellbeingState state = compute_state (self);

  if (state == self->state)
    return;
  self->state = state;
  if (self->funcs.changed != NULL)
    self->funcs.changed (state, self->user_data);
}

static void
read_settings (LimberWellbeing *self)
{
  g_auto (GStrv) selected = g_settings_get_strv (self->settings, "selected-breaks");

  self->movement_on = g_strv_contains ((const char *const *) selected, "movement");
  self->eyesight_on = g_strv_contains ((const char *const *) selected, "eyesight");
  if (self->movement != NULL)
    {
      self->interval_us = (gint64) g_settings_get_uint (self->movement, "interval-seconds") * G_USEC_PER_SEC;
      self->duration_us = (gint64) g_settings_get_uint (self->movement, "duration-seconds") * G_USEC_PER_SEC;
    }
}

static void
on_settings_changed (GSettings *settings, const char *key, gpointer user_data)
{
  read_settings (user_data);
  update (user_data);
}

/* ScreenTime does not say which kind of break is due. With eyesight breaks off it can only be
 * a movement break; with both on, it is taken for one when GNOME's movement interval has passed
 * since the last movement-length break seen (or since limberd started). */
static gboolean
due_is_movement (LimberWellbeing *self)
{
  if (!self->eyesight_on)
    return TRUE;
  return limber_now_us () - self->movement_ref_us >= self->interval_us - DUE_SLACK_US;
}

static void
take_last_break_end (LimberWellbeing *self, guint64 end_s)
{
  gint64 now_us = limber_now_us ();
  gint64 since_us;

  /* The first value read tells of a break before limberd looked: nothing to credit. */
  if (!self->end_known || end_s <= self->last_break_end_s)
    {
      self->end_known = TRUE;
      self->last_break_end_s = MAX (self->last_break_end_s, end_s);
      return;
    }
  self->last_break_end_s = end_s;
  since_us = self->break_since_us != 0 ? self->break_since_us : now_us - self->duration_us;
  if (!self->movement_break && now_us - since_us < self->duration_us)
    return;
  self->movement_ref_us = now_us;
  self->break_since_us = 0;
  if (self->funcs.taken != NULL)
    self->funcs.taken (since_us, self->user_data);
}

static void
take_state (LimberWellbeing *self, guint32 screen_state)
{
  gboolean was_break = self->screen_state == LIMBER_SCREEN_TIME_BREAK_DUE
                       || self->screen_state == LIMBER_SCREEN_TIME_IN_BREAK;
  gboolean is_break = screen_state == LIMBER_SCREEN_TIME_BREAK_DUE || screen_state == LIMBER_SCREEN_TIME_IN_BREAK;

  if (is_break && !was_break)
    self->movement_break = due_is_movement (self);
  if (screen_state == LIMBER_SCREEN_TIME_IN_BREAK && self->screen_state != LIMBER_SCREEN_TIME_IN_BREAK)
    self->break_since_us = limber_now_us ();
  if (!is_break)
    self->movement_break = FALSE;
  self->screen_state = screen_state;
}

/* LastBreakEndTime first: the two change together, and the end of a break must be seen
 * before the state that follows it. */
static void
take_properties (LimberWellbeing *self, GVariant *dict)
{
  guint32 screen_state;
  guint64 end_s;

  if (g_variant_lookup (dict, "LastBreakEndTime", "t", &end_s))
    take_last_break_end (self, end_s);
  if (g_variant_lookup (dict, "State", "u", &screen_state))
    {
      take_state (self, screen_state);
      self->shell = TRUE;
    }
  update (self);
}

static void
on_properties_changed (GDBusConnection *bus, const char *sender, const char *path, const char *interface,
                       const char *signal, GVariant *parameters, gpointer user_data)
{
  g_autoptr (GVariant) changed = NULL;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(sa{sv}as)")))
    return;
  changed = g_variant_get_child_value (parameters, 1);
  take_properties (user_data, changed);
}

static void
on_get_all (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  g_autoptr (GVariant) dict = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (reply == NULL)
    {
      /* A GNOME Shell before 48 has no ScreenTime: no Wellbeing breaks to follow. */
      g_debug ("GNOME Shell has no ScreenTime: %s", error->message);
      return;
    }
  dict = g_variant_get_child_value (reply, 0);
  take_properties (user_data, dict);
}

static void
on_shell_appeared (GDBusConnection *bus, const char *name, const char *owner, gpointer user_data)
{
  LimberWellbeing *self = user_data;

  if (self->subscription == 0)
    self->subscription = g_dbus_connection_signal_subscribe (bus, SHELL_NAME, "org.freedesktop.DBus.Properties",
                                                             "PropertiesChanged", SCREEN_TIME_PATH,
                                                             SCREEN_TIME_IFACE, G_DBUS_SIGNAL_FLAGS_NONE,
                                                             on_properties_changed, self, NULL);
  g_dbus_connection_call (bus, SHELL_NAME, SCREEN_TIME_PATH, "org.freedesktop.DBus.Properties", "GetAll",
                          g_variant_new ("(s)", SCREEN_TIME_IFACE), G_VARIANT_TYPE ("(a{sv})"),
                          G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable, on_get_all, self);
}

static void
on_shell_vanished (GDBusConnection *bus, const char *name, gpointer user_data)
{
  LimberWellbeing *self = user_data;

  self->shell = FALSE;
  self->screen_state = LIMBER_SCREEN_TIME_DISABLED;
  self->movement_break = FALSE;
  self->end_known = FALSE;
  update (self);
}

static void
on_bus (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  GDBusConnection *bus = g_bus_get_finish (result, &error);
  LimberWellbeing *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  if (bus == NULL)
    return;
  self->bus = bus;
  self->watch_id = g_bus_watch_name_on_connection (bus, SHELL_NAME, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                   on_shell_appeared, on_shell_vanished, self, NULL);
}

/* The schema, only where it is installed: g_settings_new on a missing one aborts. */
static gboolean
open_settings (LimberWellbeing *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE) : NULL;
  g_auto (GStrv) children = NULL;

  if (schema == NULL || !g_settings_schema_has_key (schema, "selected-breaks"))
    return FALSE;
  self->settings = g_settings_new_full (schema, NULL, NULL);
  children = g_settings_schema_list_children (schema);
  if (g_strv_contains ((const char *const *) children, "movement"))
    {
      self->movement = g_settings_get_child (self->settings, "movement");
      g_signal_connect (self->movement, "changed", G_CALLBACK (on_settings_changed), self);
    }
  g_signal_connect (self->settings, "changed", G_CALLBACK (on_settings_changed), self);
  read_settings (self);
  return TRUE;
}

LimberWellbeing *
limber_wellbeing_new (const LimberWellbeingFuncs *funcs, gpointer user_data)
{
  LimberWellbeing *self = g_new0 (LimberWellbeing, 1);

  g_return_val_if_fail (funcs != NULL, NULL);
  self->funcs = *funcs;
  self->user_data = user_data;
  self->movement_ref_us = limber_now_us ();
  self->state = LIMBER_WELLBEING_ABSENT;
  if (!open_settings (self))
    {
      g_message ("GNOME Wellbeing is not installed here (no %s schema): Limber keeps its own schedule.",
                 SCHEMA_ID);
      return self;
    }
  self->state = LIMBER_WELLBEING_OFF;
  g_message ("GNOME Wellbeing's settings are here (movement breaks %s); watching GNOME Shell's ScreenTime.",
             self->movement_on ? "selected" : "not selected");
  self->cancellable = g_cancellable_new ();
  g_bus_get (G_BUS_TYPE_SESSION, self->cancellable, on_bus, self);
  return self;
}

LimberWellbeingState
limber_wellbeing_get_state (LimberWellbeing *self)
{
  g_return_val_if_fail (self != NULL, LIMBER_WELLBEING_ABSENT);
  return self->state;
}

void
limber_wellbeing_free (LimberWellbeing *self)
{
  if (self == NULL)
    return;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->watch_id != 0)
    g_bus_unwatch_name (self->watch_id);
  if (self->subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->bus, self->subscription);
  g_clear_object (&self->bus);
  g_clear_object (&self->cancellable);
  if (self->movement != NULL)
    g_signal_handlers_disconnect_by_data (self->movement, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->movement);
  g_clear_object (&self->settings);
  g_free (self);
}
