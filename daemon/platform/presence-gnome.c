/* presence-gnome.c: presence on GNOME from mutter's idle monitor (org.gnome.Mutter.IdleMonitor) on the session bus. */
#include "platform/presence-gnome.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "platform/deadline.h"

#define MUTTER_IDLE_NAME "org.gnome.Mutter.IdleMonitor"
#define MUTTER_IDLE_PATH "/org/gnome/Mutter/IdleMonitor/Core"
#define MUTTER_IDLE_IFACE "org.gnome.Mutter.IdleMonitor"
/* Only for the start-up checks, which go to the bus daemon, not to mutter. */
#define LIMBER_GNOME_START_TIMEOUT_MS 2000

typedef struct _LimberPresenceGnome LimberPresenceGnome;

/* What outlives the backend: replies and signals still on their way find
 * self NULL after free, and give back any watch mutter made for them. */
typedef struct
{
  LimberPresenceGnome *self;
  char *owner;  /* mutter's unique name: watch ids are only its own */
} LimberGnomeLink;

/* One call in flight. */
typedef struct
{
  LimberGnomeLink *link;  /* a reference */
  guint generation;       /* self->idle_generation when it was made */
} LimberGnomeCall;

struct _LimberPresenceGnome
{
  LimberPresence parent;
  GDBusConnection *bus;
  LimberGnomeLink *link;
  guint name_watch_id;
  guint signal_id;

  gint64 threshold_ms;    /* 0: none set yet */
  guint idle_generation;  /* counts idle watches asked for: older replies are stale */
  guint idle_watch;       /* 0: none (yet) */
  guint active_watch;     /* 0: none (yet); only while away */
  gboolean away;
  gboolean away_reported; /* AWAY waits for GetIdletime, or for BACK */
  gint64 idle_fired_us;
  gboolean lost;
};

static const LimberPresenceClass gnome_class;

static void
gnome_unref (LimberPresenceGnome *self)
{
  limber_presence_free (&self->parent);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberPresenceGnome, gnome_unref)

static LimberPresenceGnome *
as_gnome (LimberPresence *presence)
{
  return presence != NULL && presence->klass == &gnome_class ? (LimberPresenceGnome *) presence
                                                            : NULL;
}

static void
link_clear (gpointer data)
{
  g_free (((LimberGnomeLink *) data)->owner);
}

static void
link_release (gpointer link)
{
  g_rc_box_release_full (link, link_clear);
}

static void
call_free (LimberGnomeCall *call)
{
  link_release (call->link);
  g_free (call);
}

/* An asynchronous call to mutter; without @callback no reply is asked for. */
static void
call_mutter (LimberPresenceGnome *self,
             const char          *method,
             GVariant            *args,
             const char          *reply_type,
             GAsyncReadyCallback  callback)
{
  LimberGnomeCall *call = NULL;

  if (callback != NULL)
    {
      call = g_new0 (LimberGnomeCall, 1);
      call->link = g_rc_box_acquire (self->link);
      call->generation = self->idle_generation;
    }
  g_dbus_connection_call (self->bus, self->link->owner, MUTTER_IDLE_PATH, MUTTER_IDLE_IFACE, method,
                          args, reply_type != NULL ? G_VARIANT_TYPE (reply_type) : NULL,
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL, callback, call);
}

static void
remove_watch (GDBusConnection *bus,
              const char      *owner,
              guint            id)
{
  g_dbus_connection_call (bus, owner, MUTTER_IDLE_PATH, MUTTER_IDLE_IFACE, "RemoveWatch",
                          g_variant_new ("(u)", id), NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, -1,
                          NULL, NULL, NULL);
}

static void
report_lost (LimberPresenceGnome *self)
{
  if (self->lost)
    return;
  self->lost = TRUE;
  limber_presence_report_lost (&self->parent);
}

static void
report_away (LimberPresenceGnome *self,
             gint64               at_us)
{
  self->away_reported = TRUE;
  limber_presence_report (&self->parent, LIMBER_PRESENCE_AWAY, at_us);
}

static void
enter_back (LimberPresenceGnome *self,
            gint64               at_us)
{
  if (!self->away_reported)
    report_away (self, self->idle_fired_us - self->threshold_ms * 1000);
  self->away = FALSE;
  limber_presence_report (&self->parent, LIMBER_PRESENCE_BACK, at_us);
}

/* The id a watch call returned (0 on error), and the live backend it is
 * still wanted by, or NULL (then the watch is given back). */
static LimberPresenceGnome *
finish_watch_call (GObject         *source,
                   GAsyncResult    *result,
                   LimberGnomeCall *call,
                   gboolean         idle_watch,
                   guint           *id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result,
                                                              &error);
  LimberPresenceGnome *self = call->link->self;

  *id = 0;
  if (reply != NULL)
    g_variant_get (reply, "(u)", id);
  if (self != NULL && !self->lost && reply == NULL)
    {
      g_warning ("GNOME's idle monitor refused a watch: %s", error->message);
      report_lost (self);
    }
  if (self == NULL || self->lost || (idle_watch && call->generation != self->idle_generation)
      || (!idle_watch && !self->away))
    {
      if (*id != 0)
        remove_watch (G_DBUS_CONNECTION (source), call->link->owner, *id);
      self = NULL;
    }
  return self;
}

static void
on_idle_watch_added (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  LimberPresenceGnome *self;
  guint id;

  self = finish_watch_call (source, result, user_data, TRUE, &id);
  if (self != NULL)
    self->idle_watch = id;
  call_free (user_data);
}

static void
on_active_watch_added (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  LimberPresenceGnome *self;
  guint id;

  self = finish_watch_call (source, result, user_data, FALSE, &id);
  if (self != NULL)
    self->active_watch = id;
  call_free (user_data);
}

static void
on_idletime (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  LimberGnomeCall *call = user_data;
  LimberPresenceGnome *self = call->link->self;
  g_autoptr (GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result,
                                                              NULL);
  gint64 at_us;
  guint64 idle_ms;

  if (self != NULL && !self->lost && self->away && !self->away_reported)
    {
      /* The watch proves the user idle for the threshold when it fired; an
       * idle time shorter than that means they came back in between. */
      at_us = self->idle_fired_us - self->threshold_ms * 1000;
      if (reply != NULL)
        {
          g_variant_get (reply, "(t)", &idle_ms);
          at_us = MIN (at_us, limber_now_us () - (gint64) MIN (idle_ms, G_MAXINT64 / 1000) * 1000);
        }
      report_away (self, at_us);
    }
  call_free (call);
}

/* Watches the next input; mutter drops the watch once it fired. */
static void
add_active_watch (LimberPresenceGnome *self)
{
  self->active_watch = 0;
  call_mutter (self, "AddUserActiveWatch", NULL, "(u)", on_active_watch_added);
}

static void
on_watch_fired (GDBusConnection *bus,
                const char      *sender,
                const char      *path,
                const char      *iface,
                const char      *signal,
                GVariant        *params,
                gpointer         user_data)
{
  LimberGnomeLink *link = user_data;
  LimberPresenceGnome *self = link->self;
  guint id;

  if (self == NULL || self->lost || !g_variant_is_of_type (params, G_VARIANT_TYPE ("(u)")))
    return;
  g_variant_get (params, "(u)", &id);
  /* A reply comes before the WatchFired for its id: mutter fires watches
   * from its main loop after answering, and GDBus keeps the order. */
  if (id != 0 && id == self->idle_watch && !self->away)
    {
      self->away = TRUE;
      self->away_reported = FALSE;
      self->idle_fired_us = limber_now_us ();
      add_active_watch (self);
      call_mutter (self, "GetIdletime", NULL, "(t)", on_idletime);
    }
  else if (id != 0 && id == self->active_watch && self->away)
    {
      self->active_watch = 0;
      enter_back (self, limber_now_us ());
    }
}

static void
on_name_appeared (GDBusConnection *bus,
                  const char      *name,
                  const char      *owner,
                  gpointer         user_data)
{
  LimberGnomeLink *link = user_data;

  /* Replaced between the start-up check and this watch: our watches died. */
  if (link->self != NULL && g_strcmp0 (owner, link->owner) != 0)
    report_lost (link->self);
}

static void
on_name_vanished (GDBusConnection *bus,
                  const char      *name,
                  gpointer         user_data)
{
  LimberGnomeLink *link = user_data;

  if (link->self != NULL)
    report_lost (link->self);
}

/* Mutter's unique name, or NULL with an error for the user. */
static char *
get_owner (GDBusConnection *bus,
           GError         **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GVariant) reply = NULL;
  char *owner = NULL;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetNameOwner",
                                       g_variant_new ("(s)", MUTTER_IDLE_NAME), G_VARIANT_TYPE ("(s)"),
                                       G_DBUS_CALL_FLAGS_NONE, LIMBER_GNOME_START_TIMEOUT_MS, NULL,
                                       &local_error);
  if (reply != NULL)
    g_variant_get (reply, "(s)", &owner);
  else if (g_dbus_error_is_remote_error (local_error))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 "GNOME's idle monitor (%s) is not on the session bus: this is not a GNOME "
                 "session, or gnome-shell is not running.", MUTTER_IDLE_NAME);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 "Cannot ask the session bus for GNOME's idle monitor: %s", local_error->message);
  return owner;
}

gboolean
limber_presence_gnome_available (void)
{
  g_autoptr (GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr (GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  if (bus == NULL)
    return FALSE;
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", MUTTER_IDLE_NAME), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, LIMBER_GNOME_START_TIMEOUT_MS, NULL,
                                       NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);
  return has_owner;
}

LimberPresence *
limber_presence_gnome_new (const LimberPresenceFuncs *funcs,
                           gpointer                   user_data,
                           GError                   **error)
{
  g_autoptr (LimberPresenceGnome) self = NULL;
  g_autoptr (GError) local_error = NULL;
  char *owner;

  g_return_val_if_fail (funcs != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (LimberPresenceGnome, 1);
  limber_presence_init (&self->parent, &gnome_class, funcs, user_data);
  self->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &local_error);
  if (self->bus == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Cannot reach the session bus to ask GNOME's idle monitor: %s",
                   local_error->message);
      return NULL;
    }
  owner = get_owner (self->bus, error);
  if (owner == NULL)
    return NULL;
  self->link = g_rc_box_new0 (LimberGnomeLink);
  self->link->self = self;
  self->link->owner = owner;
  self->signal_id = g_dbus_connection_signal_subscribe (self->bus, owner, MUTTER_IDLE_IFACE,
                                                        "WatchFired", MUTTER_IDLE_PATH, NULL,
                                                        G_DBUS_SIGNAL_FLAGS_NONE, on_watch_fired,
                                                        g_rc_box_acquire (self->link), link_release);
  self->name_watch_id = g_bus_watch_name_on_connection (self->bus, MUTTER_IDLE_NAME,
                                                        G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                        on_name_appeared, on_name_vanished,
                                                        g_rc_box_acquire (self->link), link_release);
  limber_presence_set_note (&self->parent,
                            N_("GNOME's idle monitor obeys idle inhibitors: while a video player, a call "
                            "or a presentation keeps the screen awake, limberd sees you as sitting "
                            "even if you walk away ([presence] media-playback = away acts like sitting)."));
  return &g_steal_pointer (&self)->parent;
}

static void
gnome_free (LimberPresence *presence)
{
  LimberPresenceGnome *self = (LimberPresenceGnome *) presence;

  if (self->link != NULL)
    {
      self->link->self = NULL;
      if (!self->lost && !g_dbus_connection_is_closed (self->bus))
        {
          if (self->idle_watch != 0)
            remove_watch (self->bus, self->link->owner, self->idle_watch);
          if (self->active_watch != 0)
            remove_watch (self->bus, self->link->owner, self->active_watch);
        }
      g_dbus_connection_signal_unsubscribe (self->bus, self->signal_id);
      g_bus_unwatch_name (self->name_watch_id);
      link_release (self->link);
    }
  g_clear_object (&self->bus);
  g_free (self);
}

static void
gnome_set_threshold (LimberPresence *presence,
                     gint64          away_after_us)
{
  LimberPresenceGnome *self = (LimberPresenceGnome *) presence;

  self->threshold_ms = (away_after_us + 999) / 1000;
  if (self->lost)
    return;
  /* Stale replies (an older threshold) give their watch back. */
  self->idle_generation++;
  if (self->idle_watch != 0)
    remove_watch (self->bus, self->link->owner, self->idle_watch);
  self->idle_watch = 0;
  /* Fires at once when the user is idle past it already. */
  call_mutter (self, "AddIdleWatch", g_variant_new ("(t)", (guint64) self->threshold_ms), "(u)",
               on_idle_watch_added);
}

static void
gnome_expect_return (LimberPresence *presence)
{
  LimberPresenceGnome *self = (LimberPresenceGnome *) presence;

  if (self->away || self->lost)
    return;
  self->away = TRUE;
  self->away_reported = TRUE;  /* the caller knows: it said so */
  add_active_watch (self);
}

gboolean
limber_presence_gnome_is_away (LimberPresence *presence)
{
  LimberPresenceGnome *self = as_gnome (presence);

  g_return_val_if_fail (self != NULL, FALSE);
  return self->away;
}

static const LimberPresenceClass gnome_class = {
  .name = "gnome",
  .set_threshold = gnome_set_threshold,
  .expect_return = gnome_expect_return,
  .get_fullscreen = NULL,
  .free = gnome_free,
};
