/* inhibitors.c: idle inhibitors from logind, GNOME's session manager and KDE's PowerDevil, each watched by its signal. */
#include "platform/inhibitors.h"

#include <gio/gio.h>
#include <string.h>

/* GNOME's GsmInhibitorFlag: LOGOUT 1, SWITCH_USER 2, SUSPEND 4, IDLE 8. */
#define GSM_INHIBITOR_FLAG_IDLE 8u
/* PowerDevil's PolicyAgent::RequiredPolicy: InterruptSession 1, ChangeProfile 2, ChangeScreenSettings 4
 * (what a screen-saver inhibitor or the portal's idle flag asks for). */
#define POWERDEVIL_CHANGE_SCREEN_SETTINGS 4u

typedef enum { SOURCE_LOGIND, SOURCE_GNOME, SOURCE_KDE, N_SOURCES } SourceId;

typedef struct {
  GBusType bus_type;
  const char *name;
  const char *path;
  const char *interface;
  const char *what;            /* for the log line */
} SourceInfo;

static const SourceInfo sources[N_SOURCES] = {
  { G_BUS_TYPE_SYSTEM, "org.freedesktop.login1", "/org/freedesktop/login1", "org.freedesktop.login1.Manager",
    "logind" },
  { G_BUS_TYPE_SESSION, "org.gnome.SessionManager", "/org/gnome/SessionManager", "org.gnome.SessionManager",
    "the GNOME session manager" },
  { G_BUS_TYPE_SESSION, "org.kde.Solid.PowerManagement", "/org/kde/Solid/PowerManagement/PolicyAgent",
    "org.kde.Solid.PowerManagement.PolicyAgent", "KDE power management" },
};

typedef struct {
  LimberInhibitors *owner;
  SourceId id;
  GDBusConnection *bus;
  guint watch_id;
  guint subscription;
  gboolean present;
  gboolean looked;             /* the first appeared/vanished came */
  gboolean inhibited;
} Source;

struct _LimberInhibitors {
  LimberInhibitorsFunc func;
  gpointer user_data;
  GCancellable *cancellable;
  Source sources[N_SOURCES];
  gboolean inhibited;          /* as last reported */
  gboolean logged;
};

static void
update (LimberInhibitors *self)
{
  gboolean inhibited = FALSE;

  for (guint i = 0; i < N_SOURCES; i++)
    inhibited |= self->sources[i].inhibited;
  if (inhibited == self->inhibited)
    return;
  self->inhibited = inhibited;
  self->func (inhibited, self->user_data);
}

static void
set_inhibited (Source *source, gboolean inhibited)
{
  source->inhibited = inhibited;
  update (source->owner);
}

/* The value of BlockInhibited ("idle:sleep:…"), InhibitedActions (u) or HasInhibition's (b). */
static gboolean
value_inhibits (SourceId id, GVariant *value)
{
  if (id == SOURCE_LOGIND && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      g_auto (GStrv) what = g_strsplit (g_variant_get_string (value, NULL), ":", -1);

      return g_strv_contains ((const char *const *) what, "idle");
    }
  if (id == SOURCE_GNOME && g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    return (g_variant_get_uint32 (value) & GSM_INHIBITOR_FLAG_IDLE) != 0;
  if (id == SOURCE_KDE && g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return g_variant_get_boolean (value);
  return FALSE;
}

static void
on_reply (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  g_autoptr (GVariant) value = NULL;
  Source *source;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  source = user_data;
  if (reply == NULL)
    {
      g_debug ("Cannot ask %s about idle inhibitors: %s", sources[source->id].what, error->message);
      return;
    }
  value = g_variant_get_child_value (reply, 0);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT))
    {
      GVariant *inner = g_variant_get_variant (value);

      g_variant_unref (value);
      value = inner;
    }
  if (source->present)
    set_inhibited (source, value_inhibits (source->id, value));
}

static void
ask (Source *source)
{
  const SourceInfo *info = &sources[source->id];
  GVariant *parameters;
  const char *method = "Get";
  const char *interface = "org.freedesktop.DBus.Properties";

  if (source->id == SOURCE_KDE)
    {
      method = "HasInhibition";
      interface = info->interface;
      parameters = g_variant_new ("(u)", POWERDEVIL_CHANGE_SCREEN_SETTINGS);
    }
  else
    parameters = g_variant_new ("(ss)", info->interface,
                                source->id == SOURCE_LOGIND ? "BlockInhibited" : "InhibitedActions");
  g_dbus_connection_call (source->bus, info->name, info->path, interface, method, parameters, NULL,
                          G_DBUS_CALL_FLAGS_NONE, -1, source->owner->cancellable, on_reply, source);
}

static void
on_signal (GDBusConnection *bus, const char *sender, const char *path, const char *interface,
           const char *signal, GVariant *parameters, gpointer user_data)
{
  Source *source = user_data;
  g_autoptr (GVariant) changed = NULL;
  g_autoptr (GVariant) value = NULL;

  /* PowerDevil's InhibitionsChanged says something changed, not what is in force now. */
  if (source->id == SOURCE_KDE || !g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(sa{sv}as)")))
    {
      ask (source);
      return;
    }
  changed = g_variant_get_child_value (parameters, 1);
  value = g_variant_lookup_value (changed, source->id == SOURCE_LOGIND ? "BlockInhibited" : "InhibitedActions",
                                  NULL);
  if (value != NULL)
    set_inhibited (source, value_inhibits (source->id, value));
  else
    ask (source);
}

/* One line once every service has been looked for: which ones Limber listens to. */
static void
log_sources (LimberInhibitors *self)
{
  g_autoptr (GPtrArray) present = g_ptr_array_new ();

  if (self->logged)
    return;
  for (guint i = 0; i < N_SOURCES; i++)
    {
      if (!self->sources[i].looked)
        return;
      if (self->sources[i].present)
        g_ptr_array_add (present, (gpointer) sources[i].what);
    }
  self->logged = TRUE;
  g_ptr_array_add (present, NULL);
  if (present->len == 1)
    g_message ("No idle inhibitors can be seen (neither logind, the GNOME session manager nor KDE power "
               "management is running); a film or presentation holds nothing back.");
  else
    {
      g_autofree char *names = g_strjoinv (", ", (char **) present->pdata);

      g_message ("Watching idle inhibitors through %s: a film or presentation that keeps the screen awake "
                 "holds reminders back.", names);
    }
}

static void
on_appeared (GDBusConnection *bus, const char *name, const char *owner, gpointer user_data)
{
  Source *source = user_data;
  const SourceInfo *info = &sources[source->id];

  source->present = TRUE;
  source->looked = TRUE;
  if (source->subscription == 0)
    source->subscription = g_dbus_connection_signal_subscribe (
        bus, info->name, source->id == SOURCE_KDE ? info->interface : "org.freedesktop.DBus.Properties",
        source->id == SOURCE_KDE ? "InhibitionsChanged" : "PropertiesChanged", info->path,
        source->id == SOURCE_KDE ? NULL : info->interface, G_DBUS_SIGNAL_FLAGS_NONE, on_signal, source, NULL);
  ask (source);
  log_sources (source->owner);
}

static void
on_vanished (GDBusConnection *bus, const char *name, gpointer user_data)
{
  Source *source = user_data;

  source->present = FALSE;
  source->looked = TRUE;
  /* The inhibitors of a service that is gone hold nothing any more. */
  set_inhibited (source, FALSE);
  log_sources (source->owner);
}

/* Watches the services of one bus; without that bus they are all absent. */
static void
start_sources (LimberInhibitors *self, GBusType bus_type, GDBusConnection *bus)
{
  for (guint i = 0; i < N_SOURCES; i++)
    {
      Source *source = &self->sources[i];

      if (sources[i].bus_type != bus_type)
        continue;
      if (bus == NULL)
        {
          source->looked = TRUE;
          continue;
        }
      source->bus = g_object_ref (bus);
      source->watch_id = g_bus_watch_name_on_connection (bus, sources[i].name, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                         on_appeared, on_vanished, source, NULL);
    }
  log_sources (self);
}

static void
on_bus (LimberInhibitors *self, GBusType bus_type, GAsyncResult *result)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDBusConnection) bus = g_bus_get_finish (result, &error);

  if (bus == NULL)
    g_debug ("No %s bus for idle inhibitors: %s", bus_type == G_BUS_TYPE_SYSTEM ? "system" : "session",
             error->message);
  start_sources (self, bus_type, bus);
}

static void
on_system_bus (GObject *object, GAsyncResult *result, gpointer user_data)
{
  if (!g_cancellable_is_cancelled (G_CANCELLABLE (user_data)))
    on_bus (g_object_get_data (user_data, "inhibitors"), G_BUS_TYPE_SYSTEM, result);
  g_object_unref (user_data);
}

static void
on_session_bus (GObject *object, GAsyncResult *result, gpointer user_data)
{
  if (!g_cancellable_is_cancelled (G_CANCELLABLE (user_data)))
    on_bus (g_object_get_data (user_data, "inhibitors"), G_BUS_TYPE_SESSION, result);
  g_object_unref (user_data);
}

LimberInhibitors *
limber_inhibitors_new (LimberInhibitorsFunc func, gpointer user_data)
{
  LimberInhibitors *self = g_new0 (LimberInhibitors, 1);

  g_return_val_if_fail (func != NULL, NULL);
  self->func = func;
  self->user_data = user_data;
  self->cancellable = g_cancellable_new ();
  g_object_set_data (G_OBJECT (self->cancellable), "inhibitors", self);
  for (guint i = 0; i < N_SOURCES; i++)
    {
      self->sources[i].owner = self;
      self->sources[i].id = i;
    }
  /* The callbacks hold the cancellable, so a free before they run leaves them harmless. */
  g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, on_system_bus, g_object_ref (self->cancellable));
  g_bus_get (G_BUS_TYPE_SESSION, self->cancellable, on_session_bus, g_object_ref (self->cancellable));
  return self;
}

gboolean
limber_inhibitors_get_inhibited (LimberInhibitors *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->inhibited;
}

void
limber_inhibitors_free (LimberInhibitors *self)
{
  if (self == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  for (guint i = 0; i < N_SOURCES; i++)
    {
      Source *source = &self->sources[i];

      if (source->watch_id != 0)
        g_bus_unwatch_name (source->watch_id);
      if (source->subscription != 0)
        g_dbus_connection_signal_unsubscribe (source->bus, source->subscription);
      g_clear_object (&source->bus);
    }
  g_clear_object (&self->cancellable);
  g_free (self);
}
