/* notifier.c: the one live Limber popup on the desktop's notification server (libnotify), and the server's do-not-disturb state. */
#include "platform/notifier.h"

#include <gio/gio.h>
#include <libnotify/notify.h>

#define NOTIFY_NAME "org.freedesktop.Notifications"
#define NOTIFY_PATH "/org/freedesktop/Notifications"
#define NOTIFY_IFACE "org.freedesktop.Notifications"
#define DUNST_IFACE "org.dunstproject.cmd0"
#define GNOME_SCHEMA "org.gnome.desktop.notifications"
#define CLOSED_DISMISSED_BY_USER 2
/* Calls other than libnotify's Notify never wait longer than this for a reply. */
#define CALL_TIMEOUT_MS 5000

struct _LimberNotifier
{
  LimberNotifierChoiceFunc func;
  gpointer user_data;
  LimberNotifierDndFunc dnd_func;
  gpointer dnd_data;

  guint watch_id;
  GDBusConnection *bus;
  char *owner;               /* unique name of the server; NULL while nobody owns the name */
  GCancellable *cancellable; /* the calls made to the current owner */
  guint props_sub_id;
  gboolean caps_known;
  gboolean has_actions;
  gboolean has_markup;
  gboolean watch_settled;     /* the watcher has said whether a server is there */
  gboolean logged_absent;
  gboolean tried_activation;

  gboolean dunst_paused;
  gboolean kde_inhibited;
  GSettings *gnome_settings; /* only while the server is gnome-shell */
  gboolean dnd_reported;

  LimberReminderInput *current; /* what should be on screen; NULL when nothing */
  gboolean current_shown;       /* current is live on the server */
  NotifyNotification *live;
  LimberReminderKind live_kind;
  gboolean live_resident;
  gboolean live_answered;       /* an action came: the close that follows is not a dismissal */
  gboolean live_closed;

  GArray *choices;              /* LimberChoice waiting for dispatch_id */
  guint dispatch_id;
};

static void deliver (LimberNotifier *self);

static void
close_id_async (LimberNotifier *self, guint id)
{
  if (self->bus == NULL || self->owner == NULL || id == 0)
    return;
  g_dbus_connection_call (self->bus, self->owner, NOTIFY_PATH, NOTIFY_IFACE, "CloseNotification",
                          g_variant_new ("(u)", id), NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START,
                          CALL_TIMEOUT_MS, NULL, NULL, NULL);
}

/* Forgets the live popup object; with close_it, asks the server to take it down first.
 * Never called from inside libnotify's own signal emission (see queue_choice). */
static void
retire_live (LimberNotifier *self, gboolean close_it)
{
  NotifyNotification *n = g_steal_pointer (&self->live);
  gint id = 0;

  if (n == NULL)
    return;
  g_signal_handlers_disconnect_by_data (n, self);
  g_object_get (n, "id", &id, NULL);
  if (close_it && !self->live_closed)
    close_id_async (self, (guint) id);
  g_object_unref (n);
  self->live_closed = FALSE;
  self->live_answered = FALSE;
}

static gboolean
dispatch_choices (gpointer data)
{
  LimberNotifier *self = data;

  self->dispatch_id = 0;
  if (self->live != NULL && self->live_closed)
    retire_live (self, FALSE);
  /* The callback may show or withdraw: take one choice at a time. */
  while (self->choices->len > 0)
    {
      LimberChoice choice = g_array_index (self->choices, LimberChoice, 0);
      g_array_remove_index (self->choices, 0);
      g_debug ("Reminder answered: %s", limber_choice_to_string (choice));
      if (self->func != NULL)
        self->func (choice, self->user_data);
    }
  return G_SOURCE_REMOVE;
}

/* libnotify still touches the notification after its callbacks return, so choices are
 * reported (and the object dropped) from an idle, never from inside those callbacks. */
static void
queue_choice (LimberNotifier *self, gboolean have_choice, LimberChoice choice)
{
  if (have_choice)
    g_array_append_val (self->choices, choice);
  if (self->dispatch_id == 0)
    self->dispatch_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, dispatch_choices, self, NULL);
}

static void
on_action (NotifyNotification *n, char *action, gpointer data)
{
  LimberNotifier *self = data;

  if (n != self->live || self->live_answered)
    return;
  self->live_answered = TRUE;
  /* Answered: the daemon decides what comes next; nothing to show again after a restart. */
  g_clear_pointer (&self->current, limber_reminder_input_free);
  self->current_shown = FALSE;
  queue_choice (self, TRUE, limber_choice_from_action_for_kind (self->live_kind, action));
}

static void
on_closed (NotifyNotification *n, gpointer data)
{
  LimberNotifier *self = data;
  gint reason = notify_notification_get_closed_reason (n);

  if (n != self->live)
    return;
  self->live_closed = TRUE;
  g_clear_pointer (&self->current, limber_reminder_input_free);
  self->current_shown = FALSE;
  queue_choice (self, reason == CLOSED_DISMISSED_BY_USER && !self->live_answered,
                LIMBER_CHOICE_DISMISSED);
}

static void
apply_reminder (LimberNotifier *self, NotifyNotification *n, const LimberReminder *r)
{
  notify_notification_clear_actions (n);
  notify_notification_clear_hints (n);
  for (guint i = 0; i + 1 < r->actions->len; i += 2)
    notify_notification_add_action (n, g_ptr_array_index (r->actions, i),
                                    g_ptr_array_index (r->actions, i + 1),
                                    on_action, self, NULL);
  notify_notification_set_urgency (n, r->critical ? NOTIFY_URGENCY_CRITICAL : NOTIFY_URGENCY_NORMAL);
  notify_notification_set_category (n, r->category);
  notify_notification_set_hint_string (n, "desktop-entry", LIMBER_REMINDER_DESKTOP_ENTRY);
  notify_notification_set_hint_string (n, "image-path", LIMBER_REMINDER_ICON);
  if (r->resident)
    notify_notification_set_hint (n, "resident", g_variant_new_boolean (TRUE));
  if (r->progress >= 0)
    notify_notification_set_hint_int32 (n, "value", r->progress);
  notify_notification_set_timeout (n, r->expire_us == 0 ? NOTIFY_EXPIRES_NEVER
                                                        : (int) (r->expire_us / 1000));
}

static void
deliver (LimberNotifier *self)
{
  g_autoptr (LimberReminder) r = NULL;
  g_autoptr (GError) error = NULL;

  if (self->current == NULL || self->owner == NULL || !self->caps_known)
    return;
  r = limber_reminder_build (self->current, self->has_actions, self->has_markup);
  /* After a close or an answer the old id is spent: start a fresh popup, taking down a
   * resident one the server kept, so a late NotificationClosed for it reads as nothing. */
  if (self->live != NULL && (self->live_closed || self->live_answered))
    retire_live (self, self->live_resident);
  if (self->live == NULL)
    {
      self->live = notify_notification_new (r->summary, r->body, LIMBER_REMINDER_ICON);
      g_signal_connect (self->live, "closed", G_CALLBACK (on_closed), self);
    }
  else
    notify_notification_update (self->live, r->summary, r->body, LIMBER_REMINDER_ICON);
  apply_reminder (self, self->live, r);
  self->live_kind = r->kind;
  self->live_resident = r->resident;
  if (!notify_notification_show (self->live, &error))
    {
      g_warning ("Could not show the reminder on the notification server: %s", error->message);
      retire_live (self, FALSE);
      self->current_shown = FALSE;
      return;
    }
  self->current_shown = TRUE;
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

/* Replies to calls made for one server owner; data is the notifier, valid until the
 * cancellable of that owner is cancelled (vanish, free). */
typedef void (*ReplyFunc) (LimberNotifier *self, GVariant *reply, gpointer tag);

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
  call->func (call->self, reply, call->tag);
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

static void
on_capabilities (LimberNotifier *self, GVariant *reply, gpointer tag)
{
  g_autofree const char **caps = NULL;

  if (reply != NULL && g_variant_is_of_type (reply, G_VARIANT_TYPE ("(as)")))
    {
      g_variant_get (reply, "(^a&s)", &caps);
      self->has_actions = g_strv_contains (caps, "actions");
      self->has_markup = g_strv_contains (caps, "body-markup");
    }
  /* A server that cannot list them still gets plain text with the limberctl hints. */
  self->caps_known = TRUE;
  g_debug ("Notification server capabilities: actions %d, body-markup %d",
           self->has_actions, self->has_markup);
  if (self->current != NULL && !self->current_shown)
    deliver (self);
}

static void
on_server_information (LimberNotifier *self, GVariant *reply, gpointer tag)
{
  const char *name = NULL;

  if (reply == NULL || !g_variant_is_of_type (reply, G_VARIANT_TYPE ("(ssss)")))
    return;
  g_variant_get (reply, "(&s&s&s&s)", &name, NULL, NULL, NULL);
  g_debug ("Notification server: %s", name);
  if (g_strcmp0 (name, "gnome-shell") == 0)
    watch_gnome_settings (self);
  update_dnd (self);
}

static void
on_property (LimberNotifier *self, GVariant *reply, gpointer tag)
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
on_name_appeared (GDBusConnection *bus, const char *name, const char *owner, gpointer data)
{
  LimberNotifier *self = data;

  g_set_object (&self->bus, bus);
  self->watch_settled = TRUE;
  self->owner = g_strdup (owner);
  self->cancellable = g_cancellable_new ();
  self->logged_absent = FALSE;
  self->tried_activation = FALSE;
  g_debug ("Notification server %s appeared", owner);
  self->props_sub_id = g_dbus_connection_signal_subscribe (bus, owner, "org.freedesktop.DBus.Properties",
                                                           "PropertiesChanged", NOTIFY_PATH, NULL,
                                                           G_DBUS_SIGNAL_FLAGS_NONE,
                                                           on_properties_changed, self, NULL);
  call_server (self, NOTIFY_IFACE, "GetCapabilities", NULL, on_capabilities, NULL);
  call_server (self, NOTIFY_IFACE, "GetServerInformation", NULL, on_server_information, NULL);
  get_property (self, DUNST_IFACE, "paused");
  get_property (self, NOTIFY_IFACE, "Inhibited");
}

static void
forget_server (LimberNotifier *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->props_sub_id != 0)
    g_dbus_connection_signal_unsubscribe (self->bus, self->props_sub_id);
  self->props_sub_id = 0;
  g_clear_pointer (&self->owner, g_free);
  /* The server's ids die with it: the next popup starts fresh. */
  retire_live (self, FALSE);
  self->current_shown = FALSE;
  self->caps_known = self->has_actions = self->has_markup = FALSE;
  self->dunst_paused = self->kde_inhibited = FALSE;
  g_clear_object (&self->gnome_settings);
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
  self->choices = g_array_new (FALSE, FALSE, sizeof (LimberChoice));
  if (!notify_is_initted ())
    notify_init ("limber");
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
  /* A popup whose buttons nobody listens to any more should not stay behind. */
  limber_notifier_withdraw (self);
  if (self->bus != NULL)
    g_dbus_connection_flush_sync (self->bus, NULL, NULL);
  forget_server (self);
  g_clear_handle_id (&self->dispatch_id, g_source_remove);
  g_array_unref (self->choices);
  g_clear_object (&self->bus);
  g_free (self);
}

void
limber_notifier_show (LimberNotifier *self, const LimberReminderInput *in)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (in != NULL);

  g_clear_pointer (&self->current, limber_reminder_input_free);
  self->current = limber_reminder_input_copy (in);
  self->current_shown = FALSE;
  if (self->owner == NULL)
    {
      log_absent_once (self);
      return;
    }
  /* Until the capabilities arrive, on_capabilities delivers it. */
  deliver (self);
}

void
limber_notifier_notice (LimberNotifier *self, const char *text)
{
  LimberReminderInput in = { .kind = LIMBER_REMINDER_NOTICE, .text = text };
  g_autoptr (LimberReminder) r = NULL;
  g_autoptr (GError) error = NULL;
  NotifyNotification *n;

  g_return_if_fail (self != NULL);
  /* A notice is a one-off beside the live reminder, never instead of it; with no
   * server to show it, the log line the daemon wrote is the report. */
  if (self->owner == NULL || !self->caps_known)
    return;
  r = limber_reminder_build (&in, FALSE, self->has_markup);
  n = notify_notification_new (r->summary, r->body, LIMBER_REMINDER_ICON);
  apply_reminder (self, n, r);
  if (!notify_notification_show (n, &error))
    g_warning ("Could not show a notice on the notification server: %s", error->message);
  g_object_unref (n);
}

void
limber_notifier_withdraw (LimberNotifier *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->current, limber_reminder_input_free);
  self->current_shown = FALSE;
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
