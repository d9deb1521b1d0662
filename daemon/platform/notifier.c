/* notifier.c: the one live Limber popup on the desktop's notification server, and the server's do-not-disturb state.
 *
 * Every call to the server is asynchronous and bounded by CALL_TIMEOUT_MS, so a server that hangs
 * delays a popup but never the main loop. At most one Notify for the live popup is in flight: a
 * show or withdraw made meanwhile is remembered and acted on when its reply brings the id. */
#include "platform/notifier.h"

#include <gio/gio.h>

#include "platform/notify-call.h"

#define NOTIFY_NAME LIMBER_NOTIFY_CALL_BUS_NAME
#define NOTIFY_PATH LIMBER_NOTIFY_CALL_PATH
#define NOTIFY_IFACE LIMBER_NOTIFY_CALL_IFACE
#define DUNST_IFACE "org.dunstproject.cmd0"
#define GNOME_SCHEMA "org.gnome.desktop.notifications"
/* No call to the server waits longer than this for its reply. */
#define CALL_TIMEOUT_MS 5000
/* Notices kept while no server is there: the log has every one, the popups the first few. */
#define MAX_PENDING_NOTICES 4

struct _LimberNotifier
{
  LimberNotifierChoiceFunc func;
  gpointer user_data;
  LimberNotifierDndFunc dnd_func;
  gpointer dnd_data;

  guint watch_id;
  GDBusConnection *bus;
  char *owner;               /* unique name of the server; NULL while nobody owns the name */
  char *server_name;         /* what GetServerInformation said, for messages; NULL until then */
  GCancellable *cancellable; /* the calls made to the current owner */
  guint props_sub_id;
  guint popup_sub_id;        /* ActionInvoked and NotificationClosed from the owner */
  gboolean caps_known, has_actions, has_markup, has_images;
  GPtrArray *notices;         /* texts of notices waiting for a server that can take them */
  gboolean watch_settled;     /* the watcher has said whether a server is there */
  gboolean logged_absent;
  gboolean tried_activation;
  gboolean warned_failure;    /* a Notify to this owner failed: said once, then only debug */

  gboolean dunst_paused, kde_inhibited;
  GSettings *gnome_settings; /* only while the server is gnome-shell */
  gboolean dnd_reported;

  LimberReminderInput *current; /* what should be on screen; NULL when nothing */
  gboolean current_sent;        /* current went to this owner (live, in flight, or refused) */
  guint live_id;                /* our popup on the server; 0 when there is none */
  LimberReminderKind live_kind;
  gboolean live_resident;
  gboolean live_answered;       /* an action came: the close that follows is no choice */

  gboolean in_flight;           /* a Notify for the live popup awaits its reply */
  LimberReminderKind sent_kind; /* what that Notify carries */
  gboolean sent_resident;
  gboolean close_on_reply;      /* withdrawn meanwhile: close the id the reply brings */
};

/* Replies to calls made for one server owner; data is the notifier, valid until the
 * cancellable of that owner is cancelled (vanish, free). reply NULL: error says why. */
typedef void (*ReplyFunc) (LimberNotifier *self, GVariant *reply, const GError *error, gpointer tag);

typedef struct
{
  LimberNotifier *self;
  ReplyFunc func;
  gpointer tag;
} Call;

static void
on_call_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autofree Call *call = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (reply == NULL)
    g_debug ("Notification server call failed: %s", error->message);
  call->func (call->self, reply, error, call->tag);
}

static void
call_server (LimberNotifier *self, const char *iface, const char *method, GVariant *args,
             ReplyFunc func, gpointer tag)
{
  Call *call = g_new0 (Call, 1);

  call->self = self;
  call->func = func;
  call->tag = tag;
  g_dbus_connection_call (self->bus, self->owner, NOTIFY_PATH, iface, method, args, NULL,
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, CALL_TIMEOUT_MS, self->cancellable,
                          on_call_done, call);
}

/* Forgets the live popup; with close_it, asks the server to take it down first. A late
 * NotificationClosed for it then names an id that is not live, and reads as nothing. */
static void
retire_live (LimberNotifier *self, gboolean close_it)
{
  guint id = self->live_id;

  self->live_id = 0;
  self->live_answered = FALSE;
  if (!close_it || id == 0 || self->bus == NULL || self->owner == NULL)
    return;
  g_dbus_connection_call (self->bus, self->owner, NOTIFY_PATH, NOTIFY_IFACE, "CloseNotification",
                          g_variant_new ("(u)", id), NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START,
                          CALL_TIMEOUT_MS, NULL, NULL, NULL);
}

/* One warning per server owner: a hung server would otherwise fill the log. */
static void
warn_failure (LimberNotifier *self, const char *what, const GError *error)
{
  g_autofree char *why = NULL;

  if (self->warned_failure)
    {
      g_debug ("The notification server failed again to show %s", what);
      return;
    }
  self->warned_failure = TRUE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    why = g_strdup_printf ("it did not answer within %d s", CALL_TIMEOUT_MS / 1000);
  else
    why = g_strdup (error != NULL ? error->message : "its reply carried no popup id");
  g_warning ("Could not show %s on the notification server %s (%s): %s. If the server has hung, "
             "restart it: the reminder is shown again as soon as a new server takes " NOTIFY_NAME ".",
             what, self->server_name ? self->server_name : "with no name", self->owner, why);
}

static void on_notify_reply (LimberNotifier *self, GVariant *reply, const GError *error, gpointer tag);

/* Sends current unless it went already or another Notify is in flight (its reply calls again). */
static void
deliver (LimberNotifier *self)
{
  g_autoptr (LimberReminder) r = NULL;

  if (self->current == NULL || self->current_sent || self->in_flight || self->owner == NULL ||
      !self->caps_known)
    return;
  r = limber_reminder_build (self->current, self->has_actions, self->has_markup);
  /* A server that shows no images gets the text alone, which is complete without the picture. */
  if (!self->has_images)
    g_clear_pointer (&r->image_path, g_free);
  /* After an answer the old id is spent: start a fresh popup, taking down a resident one the
   * server kept. */
  if (self->live_answered)
    retire_live (self, self->live_resident);
  self->current_sent = TRUE;
  self->in_flight = TRUE;
  self->sent_kind = r->kind;
  self->sent_resident = r->resident;
  call_server (self, NOTIFY_IFACE, "Notify", limber_notify_call_args (r, self->live_id),
               on_notify_reply, NULL);
}

static void
on_notify_reply (LimberNotifier *self, GVariant *reply, const GError *error, gpointer tag)
{
  guint id = limber_notify_call_reply_id (reply);

  self->in_flight = FALSE;
  if (id == 0)
    {
      /* Not sent again to this server, which may hang each time: a newer show is, and a
       * new server gets the current popup. */
      warn_failure (self, "the reminder", error);
      if (self->close_on_reply)
        retire_live (self, TRUE);
      self->close_on_reply = FALSE;
      deliver (self);
      return;
    }
  /* A new id is a new popup: nothing has been answered on it yet. */
  if (id != self->live_id)
    retire_live (self, FALSE);
  self->live_id = id;
  self->live_kind = self->sent_kind;
  self->live_resident = self->sent_resident;
  if (self->close_on_reply)
    retire_live (self, TRUE);
  self->close_on_reply = FALSE;
  deliver (self);
}

static void
report (LimberNotifier *self, LimberChoice choice)
{
  g_debug ("Reminder answered: %s", limber_choice_to_string (choice));
  if (self->func != NULL)
    self->func (choice, self->user_data);
}

static void
on_action (LimberNotifier *self, guint id, const char *key)
{
  if (id == 0 || id != self->live_id || self->live_answered)
    return;
  self->live_answered = TRUE;
  /* Answered: the daemon decides what comes next; nothing to show again after a restart. */
  g_clear_pointer (&self->current, limber_reminder_input_free);
  self->current_sent = FALSE;
  report (self, limber_choice_from_action_for_kind (self->live_kind, key));
}

static void
on_closed (LimberNotifier *self, guint id, guint reason)
{
  gboolean answered = self->live_answered;

  if (id == 0 || id != self->live_id)
    return;
  retire_live (self, FALSE);
  /* A Notify replacing it is on its way: the server shows that as a new popup, so the newer
   * reminder is still on screen and this close answers nothing. */
  if (self->in_flight)
    return;
  g_clear_pointer (&self->current, limber_reminder_input_free);
  self->current_sent = FALSE;
  if (!answered)
    report (self, limber_notify_call_closed_choice (reason));
}

static void
on_popup_signal (GDBusConnection *bus, const char *sender, const char *path, const char *iface,
                 const char *signal, GVariant *params, gpointer data)
{
  guint id, reason;
  const char *key;

  if (g_strcmp0 (signal, "ActionInvoked") == 0 && limber_notify_call_parse_action (params, &id, &key))
    on_action (data, id, key);
  else if (g_strcmp0 (signal, "NotificationClosed") == 0 &&
           limber_notify_call_parse_closed (params, &id, &reason))
    on_closed (data, id, reason);
}

static gboolean
compute_dnd (LimberNotifier *self)
{
  gboolean gnome_off = self->gnome_settings != NULL &&
                       !g_settings_get_boolean (self->gnome_settings, "show-banners");

  return self->owner != NULL && (self->dunst_paused || self->kde_inhibited || gnome_off);
}

static void
update_dnd (LimberNotifier *self)
{
  gboolean active = compute_dnd (self);

  if (active == self->dnd_reported)
    return;
  self->dnd_reported = active;
  g_debug ("Notification server do-not-disturb: %s", active ? "on" : "off");
  if (self->dnd_func != NULL)
    self->dnd_func (active, self->dnd_data);
}

static void
on_gnome_changed (GSettings *settings, const char *key, gpointer data)
{
  update_dnd (data);
}

/* GNOME's do-not-disturb is a setting, read only while gnome-shell is the server and only
 * when its schema is installed (looking up a missing schema would abort). */
static void
watch_gnome_settings (LimberNotifier *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, GNOME_SCHEMA, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "show-banners") || self->gnome_settings)
    return;
  self->gnome_settings = g_settings_new_full (schema, NULL, NULL);
  g_signal_connect (self->gnome_settings, "changed::show-banners", G_CALLBACK (on_gnome_changed), self);
}

static void
apply_property (LimberNotifier *self, const char *iface, const char *name, GVariant *value)
{
  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return;
  if (g_strcmp0 (iface, DUNST_IFACE) == 0 && g_strcmp0 (name, "paused") == 0)
    self->dunst_paused = g_variant_get_boolean (value);
  else if (g_strcmp0 (iface, NOTIFY_IFACE) == 0 && g_strcmp0 (name, "Inhibited") == 0)
    self->kde_inhibited = g_variant_get_boolean (value);
  update_dnd (self);
}

static void
on_properties_changed (GDBusConnection *bus, const char *sender, const char *path, const char *iface,
                       const char *signal, GVariant *params, gpointer data)
{
  g_autoptr (GVariantIter) changed = NULL;
  const char *changed_iface, *name;
  GVariant *value;

  if (!g_variant_is_of_type (params, G_VARIANT_TYPE ("(sa{sv}as)")))
    return;
  g_variant_get (params, "(&sa{sv}as)", &changed_iface, &changed, NULL);
  while (g_variant_iter_loop (changed, "{&sv}", &name, &value))
    apply_property (data, changed_iface, name, value);
}

static void send_notices (LimberNotifier *self);

static void
on_capabilities (LimberNotifier *self, GVariant *reply, const GError *error, gpointer tag)
{
  g_autofree const char **caps = NULL;

  if (reply != NULL && g_variant_is_of_type (reply, G_VARIANT_TYPE ("(as)")))
    {
      g_variant_get (reply, "(^a&s)", &caps);
      self->has_actions = g_strv_contains (caps, "actions");
      self->has_markup = g_strv_contains (caps, "body-markup");
      /* The spec's way of saying the popup shows its image (GNOME, KDE and dunst say icon-static). */
      self->has_images = g_strv_contains (caps, "icon-static") || g_strv_contains (caps, "icon-multi");
    }
  /* A server that cannot list them still gets plain text with the limberctl hints. */
  self->caps_known = TRUE;
  g_debug ("Notification server capabilities: actions %d, body-markup %d, images %d",
           self->has_actions, self->has_markup, self->has_images);
  deliver (self);
  send_notices (self);
}

static void
on_server_information (LimberNotifier *self, GVariant *reply, const GError *error, gpointer tag)
{
  const char *name = NULL;

  if (reply == NULL || !g_variant_is_of_type (reply, G_VARIANT_TYPE ("(ssss)")))
    return;
  g_variant_get (reply, "(&s&s&s&s)", &name, NULL, NULL, NULL);
  g_debug ("Notification server: %s", name);
  g_free (self->server_name);
  self->server_name = g_strdup (name);
  if (g_strcmp0 (name, "gnome-shell") == 0)
    watch_gnome_settings (self);
  update_dnd (self);
}

static void
on_property (LimberNotifier *self, GVariant *reply, const GError *error, gpointer tag)
{
  const char *iface = tag;
  g_autoptr (GVariant) value = NULL;

  if (reply == NULL || !g_variant_is_of_type (reply, G_VARIANT_TYPE ("(v)")))
    return;
  g_variant_get (reply, "(v)", &value);
  apply_property (self, iface, g_strcmp0 (iface, DUNST_IFACE) == 0 ? "paused" : "Inhibited", value);
}

static void
get_property (LimberNotifier *self, const char *iface, const char *name)
{
  call_server (self, "org.freedesktop.DBus.Properties", "Get", g_variant_new ("(ss)", iface, name),
               on_property, (gpointer) iface);
}

static void
forget_server (LimberNotifier *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->props_sub_id != 0)
    g_dbus_connection_signal_unsubscribe (self->bus, self->props_sub_id);
  if (self->popup_sub_id != 0)
    g_dbus_connection_signal_unsubscribe (self->bus, self->popup_sub_id);
  self->props_sub_id = self->popup_sub_id = 0;
  g_clear_pointer (&self->owner, g_free);
  g_clear_pointer (&self->server_name, g_free);
  /* The server's ids die with it, and so do the replies it owed: the next popup starts fresh. */
  retire_live (self, FALSE);
  self->in_flight = self->close_on_reply = self->current_sent = FALSE;
  self->caps_known = self->has_actions = self->has_markup = self->has_images = self->warned_failure = FALSE;
  self->dunst_paused = self->kde_inhibited = FALSE;
  g_clear_object (&self->gnome_settings);
}

static void
on_name_appeared (GDBusConnection *bus, const char *name, const char *owner, gpointer data)
{
  LimberNotifier *self = data;

  forget_server (self);
  g_set_object (&self->bus, bus);
  self->watch_settled = TRUE;
  self->owner = g_strdup (owner);
  self->cancellable = g_cancellable_new ();
  self->logged_absent = FALSE;
  self->tried_activation = FALSE;
  g_debug ("Notification server %s appeared", owner);
  /* Filtered on the unique name: a popup signal from anyone else is no answer. */
  self->props_sub_id = g_dbus_connection_signal_subscribe (bus, owner, "org.freedesktop.DBus.Properties",
                                                           "PropertiesChanged", NOTIFY_PATH, NULL,
                                                           G_DBUS_SIGNAL_FLAGS_NONE,
                                                           on_properties_changed, self, NULL);
  self->popup_sub_id = g_dbus_connection_signal_subscribe (bus, owner, NOTIFY_IFACE, NULL, NOTIFY_PATH,
                                                           NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                                           on_popup_signal, self, NULL);
  call_server (self, NOTIFY_IFACE, "GetCapabilities", NULL, on_capabilities, NULL);
  call_server (self, NOTIFY_IFACE, "GetServerInformation", NULL, on_server_information, NULL);
  get_property (self, DUNST_IFACE, "paused");
  get_property (self, NOTIFY_IFACE, "Inhibited");
}

static void
log_absent_once (LimberNotifier *self)
{
  if (self->current == NULL || self->logged_absent || !self->watch_settled)
    return;
  self->logged_absent = TRUE;
  g_message ("No notification server is running (nothing owns " NOTIFY_NAME "); "
             "the reminder will appear as soon as one starts.");
  /* A D-Bus-activatable server (dunst, mako) starts on request; ask without waiting. */
  if (self->bus != NULL && !self->tried_activation)
    {
      self->tried_activation = TRUE;
      g_dbus_connection_call (self->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                              "org.freedesktop.DBus", "StartServiceByName",
                              g_variant_new ("(su)", NOTIFY_NAME, 0), NULL, G_DBUS_CALL_FLAGS_NONE,
                              CALL_TIMEOUT_MS, NULL, NULL, NULL);
    }
}

static void
on_name_vanished (GDBusConnection *bus, const char *name, gpointer data)
{
  LimberNotifier *self = data;

  if (bus != NULL)
    g_set_object (&self->bus, bus);
  self->watch_settled = TRUE;
  if (self->owner != NULL)
    g_debug ("Notification server %s went away", self->owner);
  forget_server (self);
  update_dnd (self);
  log_absent_once (self);
}

LimberNotifier *
limber_notifier_new (LimberNotifierChoiceFunc func, gpointer user_data)
{
  LimberNotifier *self = g_new0 (LimberNotifier, 1);

  self->func = func;
  self->user_data = user_data;
  self->notices = g_ptr_array_new_with_free_func (g_free);
  self->watch_id = g_bus_watch_name (G_BUS_TYPE_SESSION, NOTIFY_NAME, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                     on_name_appeared, on_name_vanished, self, NULL);
  return self;
}

void
limber_notifier_free (LimberNotifier *self)
{
  if (self == NULL)
    return;
  g_bus_unwatch_name (self->watch_id);
  /* A popup whose buttons nobody listens to any more should not stay behind (one whose
   * Notify is still in flight has no id yet to close). */
  limber_notifier_withdraw (self);
  if (self->bus != NULL)
    g_dbus_connection_flush_sync (self->bus, NULL, NULL);
  forget_server (self);
  g_clear_object (&self->bus);
  g_ptr_array_unref (self->notices);
  g_free (self);
}

void
limber_notifier_show (LimberNotifier *self, const LimberReminderInput *in)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (in != NULL);

  g_clear_pointer (&self->current, limber_reminder_input_free);
  self->current = limber_reminder_input_copy (in);
  self->current_sent = FALSE;
  /* The reply of a Notify in flight brings the id this one replaces. */
  self->close_on_reply = FALSE;
  if (self->owner == NULL)
    {
      log_absent_once (self);
      return;
    }
  /* Until the capabilities arrive, on_capabilities delivers it. */
  deliver (self);
}

static void
on_notice_reply (LimberNotifier *self, GVariant *reply, const GError *error, gpointer tag)
{
  if (limber_notify_call_reply_id (reply) == 0)
    warn_failure (self, "a notice", error);
}

/* Sends the notices kept until a server with known capabilities was there. */
static void
send_notices (LimberNotifier *self)
{
  if (self->owner == NULL || !self->caps_known)
    return;
  for (guint i = 0; i < self->notices->len; i++)
    {
      LimberReminderInput in = { .kind = LIMBER_REMINDER_NOTICE, .text = g_ptr_array_index (self->notices, i) };
      g_autoptr (LimberReminder) r = limber_reminder_build (&in, FALSE, self->has_markup);

      call_server (self, NOTIFY_IFACE, "Notify", limber_notify_call_args (r, 0), on_notice_reply, NULL);
    }
  g_ptr_array_set_size (self->notices, 0);
}

void
limber_notifier_notice (LimberNotifier *self, const char *text)
{
  g_return_if_fail (self != NULL);
  /* A notice is a one-off beside the live reminder, never instead of it. One made before a
   * server is there (the first-run notice at start-up) waits for one; a few at most. */
  if (self->notices->len < MAX_PENDING_NOTICES)
    g_ptr_array_add (self->notices, g_strdup (text));
  send_notices (self);
}

void
limber_notifier_withdraw (LimberNotifier *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->current, limber_reminder_input_free);
  self->current_sent = FALSE;
  if (self->in_flight)
    self->close_on_reply = TRUE;
  else
    retire_live (self, TRUE);
}

gboolean
limber_notifier_has_server (LimberNotifier *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->owner != NULL;
}

gboolean
limber_notifier_has_current (LimberNotifier *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->current != NULL;
}

gboolean
limber_notifier_dnd_active (LimberNotifier *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return compute_dnd (self);
}

void
limber_notifier_set_dnd_func (LimberNotifier *self, LimberNotifierDndFunc func, gpointer user_data)
{
  g_return_if_fail (self != NULL);
  self->dnd_func = func;
  self->dnd_data = user_data;
}
