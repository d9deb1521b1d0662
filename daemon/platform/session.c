/* session.c: the login session from logind (lock state, seat activity, sleep with a delay inhibitor) and the session type. */
#include "platform/session.h"

#include <gio/gio.h>
#include <gio/gunixfdlist.h>
#include <unistd.h>

#include "platform/deadline.h"

#define LOGIND_NAME "org.freedesktop.login1"
#define LOGIND_PATH "/org/freedesktop/login1"
#define LOGIND_MANAGER LOGIND_NAME ".Manager"
#define LOGIND_SESSION LOGIND_NAME ".Session"

struct _LimberSession
{
  LimberSessionFuncs funcs;
  gpointer user_data;
  GCancellable *cancellable;
  GDBusConnection *bus;
  char *session_path;
  guint sleep_subscription;
  guint props_subscription;
  int sleep_fd;
  gboolean inhibit_pending;
  gboolean tried_by_pid;
  gboolean locked;
  gboolean active;            /* as logind last said; a session is active until it says otherwise */
  gboolean ready_sent;
};

gboolean
limber_session_is_wayland (void)
{
  const char *wayland_display = g_getenv ("WAYLAND_DISPLAY");

  return (wayland_display != NULL && *wayland_display != '\0')
         || g_strcmp0 (g_getenv ("XDG_SESSION_TYPE"), "wayland") == 0;
}

static void
send_ready (LimberSession *self)
{
  if (self->ready_sent)
    return;
  self->ready_sent = TRUE;
  if (self->funcs.ready != NULL)
    self->funcs.ready (self->session_path, self->user_data);
}

static void
set_locked (LimberSession *self,
            gboolean       locked)
{
  if (locked == self->locked)
    return;
  self->locked = locked;
  if (self->funcs.locked != NULL)
    self->funcs.locked (locked, limber_now_us (), self->user_data);
}

static void
set_active (LimberSession *self,
            gboolean       active)
{
  if (active == self->active)
    return;
  self->active = active;
  if (self->funcs.active != NULL)
    self->funcs.active (active, limber_now_us (), self->user_data);
}

/* The session properties Limber follows, from a GetAll reply or a PropertiesChanged signal. */
static void
take_properties (LimberSession *self,
                 GVariant      *properties)
{
  gboolean value;

  if (g_variant_lookup (properties, "LockedHint", "b", &value))
    set_locked (self, value);
  if (g_variant_lookup (properties, "Active", "b", &value))
    set_active (self, value);
}

static void
on_inhibit (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GUnixFDList) fds = NULL;
  g_autoptr (GVariant) reply = NULL;
  LimberSession *self;
  gint32 index;

  reply = g_dbus_connection_call_with_unix_fd_list_finish (G_DBUS_CONNECTION (source), &fds,
                                                           result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  self->inhibit_pending = FALSE;
  if (reply == NULL)
    g_message ("logind refused a sleep delay lock (%s): state is saved after resume instead.",
               error->message);
  else
    {
      g_variant_get (reply, "(h)", &index);
      self->sleep_fd = g_unix_fd_list_get (fds, index, &error);
      if (self->sleep_fd < 0)
        g_message ("logind sent no sleep delay lock: %s", error->message);
    }
  send_ready (self);
}

static void
take_sleep_lock (LimberSession *self)
{
  if (self->sleep_fd >= 0 || self->inhibit_pending)
    return;
  self->inhibit_pending = TRUE;
  g_dbus_connection_call_with_unix_fd_list (self->bus, LOGIND_NAME, LOGIND_PATH, LOGIND_MANAGER,
                                            "Inhibit",
                                            g_variant_new ("(ssss)", "sleep", "Limber",
                                                           "Saving the sitting clock", "delay"),
                                            G_VARIANT_TYPE ("(h)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                            NULL, self->cancellable, on_inhibit, self);
}

static void
on_prepare_for_sleep (GDBusConnection *bus,
                      const char      *sender,
                      const char      *path,
                      const char      *interface,
                      const char      *signal,
                      GVariant        *parameters,
                      gpointer         user_data)
{
  LimberSession *self = user_data;
  gboolean start;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;
  g_variant_get (parameters, "(b)", &start);
  if (!start)
    take_sleep_lock (self);
  if (self->funcs.sleeping != NULL)
    self->funcs.sleeping (start, limber_now_us (), self->user_data);
}

static void
on_session_properties (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) properties = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (reply == NULL)
    {
      g_debug ("Cannot read the session's LockedHint and Active: %s", error->message);
      return;
    }
  g_variant_get (reply, "(@a{sv})", &properties);
  take_properties (user_data, properties);
}

static void
read_session_properties (LimberSession *self)
{
  g_dbus_connection_call (self->bus, LOGIND_NAME, self->session_path,
                          "org.freedesktop.DBus.Properties", "GetAll",
                          g_variant_new ("(s)", LOGIND_SESSION),
                          G_VARIANT_TYPE ("(a{sv})"), G_DBUS_CALL_FLAGS_NONE, -1,
                          self->cancellable, on_session_properties, self);
}

static void
on_session_properties_changed (GDBusConnection *bus,
                               const char      *sender,
                               const char      *path,
                               const char      *interface,
                               const char      *signal,
                               GVariant        *parameters,
                               gpointer         user_data)
{
  LimberSession *self = user_data;
  g_autoptr (GVariant) changed = NULL;
  g_autofree const char **invalidated = NULL;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(sa{sv}as)")))
    return;
  g_variant_get (parameters, "(s@a{sv}^a&s)", NULL, &changed, &invalidated);
  take_properties (self, changed);
  if (invalidated != NULL
      && (g_strv_contains (invalidated, "LockedHint") || g_strv_contains (invalidated, "Active")))
    read_session_properties (self);
}

static void
watch_session (LimberSession *self,
               const char    *session_path)
{
  self->session_path = g_strdup (session_path);
  /* arg0 lets the bus drop changes of the session's other interfaces. */
  self->props_subscription =
    g_dbus_connection_signal_subscribe (self->bus, LOGIND_NAME, "org.freedesktop.DBus.Properties",
                                        "PropertiesChanged", session_path, LOGIND_SESSION,
                                        G_DBUS_SIGNAL_FLAGS_NONE, on_session_properties_changed,
                                        self, NULL);
  read_session_properties (self);
}

static void get_session (LimberSession *self, gboolean by_pid);

static void
on_get_session (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  LimberSession *self;
  const char *path;
  gboolean by_pid;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  by_pid = self->tried_by_pid;
  if (reply != NULL)
    {
      g_variant_get (reply, "(&o)", &path);
      watch_session (self, path);
    }
  else if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN)
           || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER))
    {
      g_message ("logind is not running: screen locks and suspend will not count as breaks.");
      send_ready (self);
      return;
    }
  else if (!by_pid)
    {
      get_session (self, TRUE);
      return;
    }
  else
    g_message ("logind knows no session for limberd (%s): screen locks will not count as "
               "breaks.", error->message);
  take_sleep_lock (self);
}

static void
get_session (LimberSession *self,
             gboolean       by_pid)
{
  self->tried_by_pid = by_pid;
  g_dbus_connection_call (self->bus, LOGIND_NAME, LOGIND_PATH, LOGIND_MANAGER,
                          by_pid ? "GetSessionByPID" : "GetSession",
                          by_pid ? g_variant_new ("(u)", (guint32) getpid ())
                                 : g_variant_new ("(s)", "auto"),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          self->cancellable, on_get_session, self);
}

static void
on_bus (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  GDBusConnection *bus;
  LimberSession *self;

  bus = g_bus_get_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  if (bus == NULL)
    {
      g_message ("No system bus (%s): screen locks and suspend will not count as breaks.",
                 error->message);
      send_ready (self);
      return;
    }
  self->bus = bus;
  self->sleep_subscription =
    g_dbus_connection_signal_subscribe (bus, LOGIND_NAME, LOGIND_MANAGER, "PrepareForSleep",
                                        LOGIND_PATH, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_prepare_for_sleep, self, NULL);
  get_session (self, FALSE);
}

LimberSession *
limber_session_new (const LimberSessionFuncs *funcs,
                    gpointer                  user_data)
{
  LimberSession *self;

  g_return_val_if_fail (funcs != NULL, NULL);

  self = g_new0 (LimberSession, 1);
  self->funcs = *funcs;
  self->user_data = user_data;
  self->sleep_fd = -1;
  self->active = TRUE;
  self->cancellable = g_cancellable_new ();
  g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, on_bus, self);
  return self;
}

void
limber_session_release_sleep_lock (LimberSession *self)
{
  g_return_if_fail (self != NULL);
  if (self->sleep_fd >= 0)
    {
      close (self->sleep_fd);
      self->sleep_fd = -1;
    }
}

gboolean
limber_session_has_sleep_lock (LimberSession *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->sleep_fd >= 0;
}

void
limber_session_free (LimberSession *self)
{
  if (self == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->bus != NULL)
    {
      if (self->props_subscription != 0)
        g_dbus_connection_signal_unsubscribe (self->bus, self->props_subscription);
      if (self->sleep_subscription != 0)
        g_dbus_connection_signal_unsubscribe (self->bus, self->sleep_subscription);
      g_clear_object (&self->bus);
    }
  limber_session_release_sleep_lock (self);
  g_free (self->session_path);
  g_free (self);
}
