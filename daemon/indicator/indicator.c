/* indicator.c: LimberIndicator: follows limberd over its bus interface, offers the tray item while a watcher is there. */
#include "indicator/indicator.h"

#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <unistd.h>

#include "bus/bus.h"
#include "indicator/indicator-item.h"
#include "indicator/indicator-menu.h"

#define MINUTE_US (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
#define DAEMON_INTERFACE "org.limber.Daemon1" /* bus/org.limber.Daemon1.xml */

struct _LimberIndicator
{
  GDBusConnection *connection;
  char *limberctl;
  GDBusProxy *daemon;        /* org.limber.Daemon1, its properties cached; only while a watcher is there */
  GCancellable *cancellable;  /* while the proxy is being made */
  LimberIndicatorView view;   /* what item and menu show; they read it at every call */
  LimberIndicatorItem *item;
  LimberIndicatorMenu *menu;
  char *item_name;            /* org.kde.StatusNotifierItem-PID-1 */
  guint watcher_watch;
  guint item_name_id;         /* owned while a watcher is there */
  gboolean item_name_owned;
  gboolean watcher_present;
};

/* A property of limberd's from the proxy's cache, or 0 where it has none (yet). */
static gint64
time_property (LimberIndicator *self, const char *name)
{
  g_autoptr (GVariant) value = self->daemon ? g_dbus_proxy_get_cached_property (self->daemon, name) : NULL;

  return value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_INT64) ? g_variant_get_int64 (value) : 0;
}

/* BreakDue of limberd's, FALSE where it has none (yet). */
static gboolean
break_due_property (LimberIndicator *self)
{
  g_autoptr (GVariant) value = self->daemon ? g_dbus_proxy_get_cached_property (self->daemon, "BreakDue") : NULL;

  return value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN) && g_variant_get_boolean (value);
}

/* input->today and input->info.state stay valid while today and state are held. */
static void
read_state (LimberIndicator *self, LimberIndicatorInput *input, GVariant **state, GVariant **today)
{
  g_autofree char *owner = self->daemon ? g_dbus_proxy_get_name_owner (self->daemon) : NULL;
  gboolean running;

  *state = owner ? g_dbus_proxy_get_cached_property (self->daemon, "State") : NULL;
  *today = owner ? g_dbus_proxy_get_cached_property (self->daemon, "Today") : NULL;
  if (*state != NULL && !g_variant_is_of_type (*state, G_VARIANT_TYPE_STRING))
    g_clear_pointer (state, g_variant_unref);
  if (*today != NULL && !g_variant_is_of_type (*today, G_VARIANT_TYPE_VARDICT))
    g_clear_pointer (today, g_variant_unref);
  running = owner != NULL && *state != NULL;
  *input = (LimberIndicatorInput) {
    .running = running,
    .info = {
      .state = *state ? g_variant_get_string (*state, NULL) : "stopped",
      .wall_now_us = g_get_real_time (),
      .wall_sitting_since_us = time_property (self, "SittingSince"),
      .wall_away_since_us = time_property (self, "AwaySince"),
      .wall_next_due_us = time_property (self, "NextBreakDue"),
      .wall_paused_until_us = time_property (self, "PausedUntil"),
    },
    .today = *today,
    /* Paused, away or in the routine, the icon says that rather than the break waiting. */
    .break_due = running && g_str_equal (g_variant_get_string (*state, NULL), "sitting") && break_due_property (self),
  };
}

/* Every change of limberd's properties, and its coming and going: one new view, and a signal to
 * the hosts for what of it changed. No timer: between changes the hosts read the view's
 * tooltip with the minute of their asking. */
static void
refresh (LimberIndicator *self)
{
  LimberIndicatorInput input;
  LimberIndicatorView before = self->view;
  g_autoptr (GVariant) state = NULL;
  g_autoptr (GVariant) today = NULL;

  read_state (self, &input, &state, &today);
  limber_indicator_view_init (&self->view, &input);
  limber_indicator_item_update (self->item, &before);
  limber_indicator_menu_update (self->menu, &before);
  limber_indicator_view_clear (&before);
#ifdef __GLIBC__
  /* The messages of a change are freed amid live blocks, so glibc keeps their pages resident:
   * 200 changes left 0.14 MiB that nothing used (bench/indicator). Given back here, once per
   * change, the indicator stays at what it needs. */
  malloc_trim (0);
#endif
}

static void
on_properties_changed (GDBusProxy *proxy, GVariant *changed, GStrv invalidated, gpointer user_data)
{
  refresh (user_data);
}

static void
on_owner_changed (GObject *proxy, GParamSpec *pspec, gpointer user_data)
{
  refresh (user_data);
}

static void
on_call_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;

  reply = g_dbus_proxy_call_finish (G_DBUS_PROXY (source), result, &error);
  if (reply == NULL)
    {
      g_dbus_error_strip_remote_error (error);
      g_message ("Limber did not do that: %s", error->message);
    }
}

static void
call_daemon (LimberIndicator *self, const char *method, GVariant *parameters)
{
  g_autoptr (GVariant) owned = parameters ? g_variant_ref_sink (parameters) : NULL;

  /* The items that call limberd are off until it is there. */
  if (self->daemon == NULL)
    return;
  g_dbus_proxy_call (self->daemon, method, parameters, G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL,
                     on_call_done, NULL);
}

static void
on_report_exited (GPid pid, gint wait_status, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!g_spawn_check_wait_status (wait_status, &error))
    g_message ("limberctl report did not finish: %s", error->message);
  g_spawn_close_pid (pid);
}

/* Statistics: limberctl report writes the page and opens it; reaped here, never waited for. */
static void
open_report (LimberIndicator *self)
{
  const char *argv[] = { self->limberctl, "report", NULL };
  g_autoptr (GError) error = NULL;
  GPid pid;

  if (!g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDIN_FROM_DEV_NULL, NULL,
                      NULL, &pid, &error))
    {
      g_message ("Could not run %s report: %s", self->limberctl, error->message);
      return;
    }
  g_child_watch_add (pid, on_report_exited, NULL);
}

static void
on_daemon_pid (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  guint32 pid = 0;

  if (reply == NULL)
    {
      g_dbus_error_strip_remote_error (error);
      g_message ("Could not find limberd to stop it: %s", error->message);
      return;
    }
  /* SIGTERM is how limberd is asked to stop (systemctl stop sends it): it saves and exits 0.
   * limberd hosts the indicator, so this is usually a signal to this very process, handled
   * in its main loop like any other. */
  g_variant_get (reply, "(u)", &pid);
  if (pid > 1 && kill ((pid_t) pid, SIGTERM) != 0)
    g_message ("Could not stop limberd (process %u): %s", pid, g_strerror (errno));
}

/* Quit stops Limber: the owner of its bus name, whichever process that is. */
static void
quit (LimberIndicator *self)
{
  g_dbus_connection_call (self->connection, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                          "GetConnectionUnixProcessID", g_variant_new ("(s)", LIMBER_BUS_NAME), G_VARIANT_TYPE ("(u)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, NULL, on_daemon_pid, NULL);
}

static void
on_clicked (LimberIndicatorItemId id, gpointer user_data)
{
  LimberIndicator *self = user_data;

  switch (id)
    {
    case LIMBER_INDICATOR_ITEM_START:
      call_daemon (self, "StartBreak", NULL);
      break;
    case LIMBER_INDICATOR_ITEM_PAUSE_30_MIN:
      call_daemon (self, "Pause", g_variant_new ("(t)", (guint64) (30 * MINUTE_US)));
      break;
    case LIMBER_INDICATOR_ITEM_PAUSE_1_H:
      call_daemon (self, "Pause", g_variant_new ("(t)", (guint64) (60 * MINUTE_US)));
      break;
    case LIMBER_INDICATOR_ITEM_PAUSE_UNTIL_RESUMED:
      call_daemon (self, "Pause", g_variant_new ("(t)", (guint64) 0));
      break;
    case LIMBER_INDICATOR_ITEM_RESUME:
      call_daemon (self, "Resume", NULL);
      break;
    case LIMBER_INDICATOR_ITEM_SKIP:
      call_daemon (self, "Skip", NULL);
      break;
    case LIMBER_INDICATOR_ITEM_STATISTICS:
      open_report (self);
      break;
    case LIMBER_INDICATOR_ITEM_QUIT:
      quit (self);
      break;
    case LIMBER_INDICATOR_ITEM_SEPARATOR_1:
    case LIMBER_INDICATOR_ITEM_SEPARATOR_2:
    default:
      break;
    }
}

/* Hosts that do not show the menu themselves: a click is Statistics, a middle click pauses or resumes. */
static void
on_requested (LimberIndicatorItemRequest request, gpointer user_data)
{
  LimberIndicator *self = user_data;

  if (request == LIMBER_INDICATOR_ITEM_ACTIVATE)
    open_report (self);
  else if (self->view.visible[LIMBER_INDICATOR_ITEM_RESUME])
    on_clicked (LIMBER_INDICATOR_ITEM_RESUME, self);
  else if (self->view.enabled[LIMBER_INDICATOR_ITEM_PAUSE_UNTIL_RESUMED])
    on_clicked (LIMBER_INDICATOR_ITEM_PAUSE_UNTIL_RESUMED, self);
}

static void
on_registered (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);

  if (reply == NULL)
    {
      g_dbus_error_strip_remote_error (error);
      g_message ("The tray's watcher did not take Limber's icon: %s", error->message);
    }
}

static void
register_item (LimberIndicator *self)
{
  g_dbus_connection_call (self->connection, LIMBER_INDICATOR_WATCHER_NAME, LIMBER_INDICATOR_WATCHER_PATH,
                          LIMBER_INDICATOR_WATCHER_NAME, "RegisterStatusNotifierItem",
                          g_variant_new ("(s)", self->item_name), NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL,
                          on_registered, NULL);
}

static void
on_item_name_acquired (GDBusConnection *connection, const char *name, gpointer user_data)
{
  LimberIndicator *self = user_data;

  self->item_name_owned = TRUE;
  register_item (self);
}

static void
on_item_name_lost (GDBusConnection *connection, const char *name, gpointer user_data)
{
  LimberIndicator *self = user_data;

  self->item_name_owned = FALSE;
}

static void
withdraw (LimberIndicator *self)
{
  if (self->item_name_id != 0)
    g_bus_unown_name (self->item_name_id);
  self->item_name_id = 0;
  self->item_name_owned = FALSE;
  limber_indicator_item_unexport (self->item);
  limber_indicator_menu_unexport (self->menu);
}

/* Offer the item and its menu to the watcher there, and register. */
static void
offer (LimberIndicator *self)
{
  g_autoptr (GError) error = NULL;

  if (!limber_indicator_menu_export (self->menu, self->connection, &error) ||
      !limber_indicator_item_export (self->item, self->connection, &error))
    {
      g_message ("Could not offer the tray icon: %s", error->message);
      withdraw (self);
      return;
    }
  if (self->item_name_owned)
    register_item (self);
  else if (self->item_name_id == 0)
    self->item_name_id = g_bus_own_name_on_connection (self->connection, self->item_name,
                                                       G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE, on_item_name_acquired,
                                                       on_item_name_lost, self, NULL);
}

static void
on_proxy_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  GDBusProxy *daemon = g_dbus_proxy_new_finish (result, &error);
  LimberIndicator *self = user_data;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* dropped, or freed: self may be gone */
  g_clear_object (&self->cancellable);
  if (daemon == NULL)
    {
      g_message ("Could not follow limberd: %s", error->message);
      return;
    }
  self->daemon = daemon;
  g_signal_connect (daemon, "g-properties-changed", G_CALLBACK (on_properties_changed), self);
  g_signal_connect (daemon, "notify::g-name-owner", G_CALLBACK (on_owner_changed), self);
  refresh (self);
  /* The item is offered with limberd's state in it, never a "stopped" one first. */
  if (self->watcher_present)
    offer (self);
}

/* No tray, no proxy: its subscription would send every PropertiesChanged limberd emits back to
 * limberd itself (a wake of the bus thread and of the main loop per change) for nobody. */
static void
drop_proxy (LimberIndicator *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->daemon != NULL)
    g_signal_handlers_disconnect_by_data (self->daemon, self);
  g_clear_object (&self->daemon);
}

/* A watcher (a panel's tray) appeared, or came back after a restart: follow limberd, then offer
 * the item and register. Asynchronous: the indicator lives in the process that owns
 * org.limber.Daemon1, and reads it over the bus like any client (one interface, tested as
 * limberctl uses it). A plain proxy: the generated one would register GObject types for all of
 * it. */
static void
on_watcher_appeared (GDBusConnection *connection, const char *name, const char *owner, gpointer user_data)
{
  LimberIndicator *self = user_data;

  self->watcher_present = TRUE;
  if (self->daemon != NULL)
    {
      offer (self);
      return;
    }
  if (self->cancellable != NULL)
    return;
  self->cancellable = g_cancellable_new ();
  g_dbus_proxy_new (connection, G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START, NULL, LIMBER_BUS_NAME, LIMBER_BUS_PATH,
                    DAEMON_INTERFACE, self->cancellable, on_proxy_ready, self);
}

/* No watcher, nothing offered nor followed: a panel that comes later finds us through its
 * NameOwnerChanged. */
static void
on_watcher_vanished (GDBusConnection *connection, const char *name, gpointer user_data)
{
  LimberIndicator *self = user_data;

  self->watcher_present = FALSE;
  withdraw (self);
  drop_proxy (self);
}

LimberIndicator *
limber_indicator_new (GDBusConnection *connection, const char *limberctl)
{
  LimberIndicator *self = g_new0 (LimberIndicator, 1);

  self->connection = g_object_ref (connection);
  self->limberctl = g_strdup (limberctl);
  self->item_name = g_strdup_printf ("org.kde.StatusNotifierItem-%d-1", (int) getpid ());
  self->item = limber_indicator_item_new (&self->view, on_requested, self);
  self->menu = limber_indicator_menu_new (&self->view, on_clicked, self);
  refresh (self);
  self->watcher_watch = g_bus_watch_name_on_connection (connection, LIMBER_INDICATOR_WATCHER_NAME,
                                                        G_BUS_NAME_WATCHER_FLAGS_NONE, on_watcher_appeared,
                                                        on_watcher_vanished, self, NULL);
  return self;
}

void
limber_indicator_free (LimberIndicator *self)
{
  if (self == NULL)
    return;
  g_bus_unwatch_name (self->watcher_watch);
  withdraw (self);
  drop_proxy (self);
  limber_indicator_item_free (self->item);
  limber_indicator_menu_free (self->menu);
  limber_indicator_view_clear (&self->view);
  g_object_unref (self->connection);
  g_free (self->item_name);
  g_free (self->limberctl);
  g_free (self);
}
