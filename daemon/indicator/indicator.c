/* indicator.c: LimberIndicator: follows limberd over its bus interface, offers the tray item while a watcher is there. */
#include "indicator/indicator.h"

#include <errno.h>
#include <signal.h>
#include <unistd.h>

#include "bus/bus.h"
#include "bus/limber-dbus.h"
#include "indicator/indicator-item.h"
#include "indicator/indicator-menu.h"

#define MINUTE_US (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)

struct _LimberIndicator
{
  GDBusConnection *connection;
  GMainLoop *loop;
  char *limberctl;
  LimberDBusDaemon1 *daemon;
  gboolean was_running;
  LimberIndicatorDue due;
  LimberIndicatorView view;   /* what item and menu show; they read it at every call */
  LimberIndicatorItem *item;
  LimberIndicatorMenu *menu;
  char *item_name;            /* org.kde.StatusNotifierItem-PID-1 */
  guint watcher_watch;
  guint item_name_id;         /* owned while a watcher is there */
  gboolean item_name_owned;
};

static void
read_state (LimberIndicator *self, LimberIndicatorInput *input)
{
  g_autofree char *owner = g_dbus_proxy_get_name_owner (G_DBUS_PROXY (self->daemon));
  const char *state = limber_dbus_daemon1_get_state (self->daemon);

  *input = (LimberIndicatorInput) {
    .running = owner != NULL && state != NULL,
    .info = {
      .state = state ? state : "stopped",
      .wall_now_us = g_get_real_time (),
      .wall_sitting_since_us = limber_dbus_daemon1_get_sitting_since (self->daemon),
      .wall_away_since_us = limber_dbus_daemon1_get_away_since (self->daemon),
      .wall_next_due_us = limber_dbus_daemon1_get_next_break_due (self->daemon),
      .wall_paused_until_us = limber_dbus_daemon1_get_paused_until (self->daemon),
    },
    .today = limber_dbus_daemon1_get_today (self->daemon),
  };
  if (input->today != NULL && !g_variant_is_of_type (input->today, G_VARIANT_TYPE_VARDICT))
    input->today = NULL;
}

/* Every change of limberd's properties, and its coming and going: one new view, and a signal to
 * the hosts for what of it changed. No timer: between changes the hosts read the view's
 * tooltip with the minute of their asking. */
static void
refresh (LimberIndicator *self)
{
  LimberIndicatorInput input;
  LimberIndicatorView before = self->view;

  read_state (self, &input);
  if (input.running)
    input.break_due = limber_indicator_view_follow_due (&self->due, input.info.state, input.info.wall_sitting_since_us,
                                                        input.today, !self->was_running);
  self->was_running = input.running;
  limber_indicator_view_init (&self->view, &input);
  limber_indicator_item_update (self->item, &before);
  limber_indicator_menu_update (self->menu, &before);
  limber_indicator_view_clear (&before);
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
  g_dbus_proxy_call (G_DBUS_PROXY (self->daemon), method, parameters, G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL,
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
  LimberIndicator *self = user_data;
  g_autoptr (GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, NULL);
  guint32 pid = 0;

  /* SIGTERM is how limberd is asked to stop (systemctl stop sends it): it saves and exits 0. */
  if (reply != NULL)
    g_variant_get (reply, "(u)", &pid);
  if (pid > 1 && (pid_t) pid != getpid () && kill ((pid_t) pid, SIGTERM) != 0)
    g_message ("Could not stop limberd (process %u): %s", pid, g_strerror (errno));
  g_main_loop_quit (self->loop);
}

/* Quit stops Limber: limberd, then this indicator. */
static void
quit (LimberIndicator *self)
{
  g_dbus_connection_call (self->connection, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                          "GetConnectionUnixProcessID", g_variant_new ("(s)", LIMBER_BUS_NAME), G_VARIANT_TYPE ("(u)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, NULL, on_daemon_pid, self);
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

/* A watcher (a panel's tray) appeared, or came back after a restart: offer the item and register. */
static void
on_watcher_appeared (GDBusConnection *connection, const char *name, const char *owner, gpointer user_data)
{
  LimberIndicator *self = user_data;
  g_autoptr (GError) error = NULL;

  if (!limber_indicator_menu_export (self->menu, connection, &error) ||
      !limber_indicator_item_export (self->item, connection, &error))
    {
      g_message ("Could not offer the tray icon: %s", error->message);
      withdraw (self);
      return;
    }
  if (self->item_name_owned)
    register_item (self);
  else if (self->item_name_id == 0)
    self->item_name_id = g_bus_own_name_on_connection (connection, self->item_name, G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE,
                                                       on_item_name_acquired, on_item_name_lost, self, NULL);
}

/* No watcher, nothing offered: a panel that comes later finds us through its NameOwnerChanged. */
static void
on_watcher_vanished (GDBusConnection *connection, const char *name, gpointer user_data)
{
  withdraw (user_data);
}

LimberIndicator *
limber_indicator_new (GDBusConnection *connection, const char *limberctl, const char *icon_theme_path, GMainLoop *loop,
                      GError **error)
{
  g_autoptr (LimberDBusDaemon1) daemon = NULL;
  LimberIndicator *self;

  /* Without a daemon yet the proxy still follows the name, and loads the properties when it comes. */
  daemon = limber_dbus_daemon1_proxy_new_sync (connection, G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START, LIMBER_BUS_NAME,
                                               LIMBER_BUS_PATH, NULL, error);
  if (daemon == NULL)
    return NULL;
  self = g_new0 (LimberIndicator, 1);
  self->daemon = g_steal_pointer (&daemon);
  self->connection = g_object_ref (connection);
  self->loop = g_main_loop_ref (loop);
  self->limberctl = g_strdup (limberctl);
  self->item_name = g_strdup_printf ("org.kde.StatusNotifierItem-%d-1", (int) getpid ());
  self->item = limber_indicator_item_new (&self->view, icon_theme_path, on_requested, self);
  self->menu = limber_indicator_menu_new (&self->view, on_clicked, self);
  g_signal_connect (self->daemon, "g-properties-changed", G_CALLBACK (on_properties_changed), self);
  g_signal_connect (self->daemon, "notify::g-name-owner", G_CALLBACK (on_owner_changed), self);
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
  g_signal_handlers_disconnect_by_data (self->daemon, self);
  g_clear_object (&self->daemon);
  limber_indicator_item_free (self->item);
  limber_indicator_menu_free (self->menu);
  limber_indicator_view_clear (&self->view);
  g_main_loop_unref (self->loop);
  g_object_unref (self->connection);
  g_free (self->item_name);
  g_free (self->limberctl);
  g_free (self);
}
