/* floor.c: the floor under limberd's footprint: a program that links exactly limberd's
 * libraries, opens the connections limberd opens, and then does nothing in a GLib main loop.
 *
 *   floor [--backend x11|wayland|gnome] [--pipewire]
 *
 * It connects to the session bus and the system bus (limberd watches logind on the system bus
 * and talks to everything else on the session bus); on x11 it opens libX11, libXext and libXss
 * at run time as limberd does for that backend alone, opens $DISPLAY and queries the SYNC (with
 * its system counters) and MIT-SCREEN-SAVER extensions, as limberd's X11 backend does; on wayland it connects to $WAYLAND_DISPLAY and reads the registry's globals once; on
 * gnome, where presence comes over the session bus, nothing more. --pipewire loads libpipewire
 * at run time the way limberd does with defer-during-calls on (no client.conf, the native
 * protocol module only) and connects when a PipeWire daemon is there. Then it tells
 * $NOTIFY_SOCKET READY=1, so its start-up is timed the way limberd's is, and waits for SIGTERM.
 *
 * Whatever limberd costs above this program is limberd's own: bench/footprint reports the
 * ratio. Built with the benchmarks, never installed. */
#include <dlfcn.h>
#include <gio/gio.h>
#include <glib-unix.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <wayland-client.h>
#include <X11/Xlib.h>
#include <X11/extensions/scrnsaver.h>
#include <X11/extensions/sync.h>

/* PipeWire's headers are GNU C (statement expressions) and dlsym hands out functions as object
 * pointers: neither is ISO C; limberd's calls.c is written the same way. */
#pragma GCC diagnostic ignored "-Wpedantic"
#include <pipewire/impl-module.h>
#include <pipewire/pipewire.h>

typedef struct {
  GMainLoop *loop;
  Display *display;
  struct wl_display *wayland;
  struct pw_loop *pw_loop;
} Floor;

typedef struct {
  __typeof__ (XOpenDisplay) *open_display;
  __typeof__ (XPending) *pending;
  __typeof__ (XNextEvent) *next_event;
  __typeof__ (XScreenSaverQueryExtension) *xss_query_extension;
  __typeof__ (XSyncQueryExtension) *sync_query_extension;
  __typeof__ (XSyncInitialize) *sync_initialize;
  __typeof__ (XSyncListSystemCounters) *sync_list_system_counters;
  __typeof__ (XSyncFreeSystemCounterList) *sync_free_system_counter_list;
} Xlib;

static Xlib xlib;

static gboolean
on_x (gint fd, GIOCondition condition, gpointer user_data)
{
  Floor *floor_ = user_data;

  while (xlib.pending (floor_->display) > 0)
    {
      XEvent event;

      xlib.next_event (floor_->display, &event);
    }
  return G_SOURCE_CONTINUE;
}

/* Xlib and its extensions opened at run time, as limberd's X11 backend alone does (xlib.c). */
static gboolean
load_xlib (void)
{
  void *x11 = dlopen ("libX11.so.6", RTLD_NOW | RTLD_LOCAL);
  void *xext = dlopen ("libXext.so.6", RTLD_NOW | RTLD_LOCAL);
  void *xss = dlopen ("libXss.so.1", RTLD_NOW | RTLD_LOCAL);

  if (x11 == NULL || xext == NULL || xss == NULL)
    return FALSE;
  xlib.open_display = dlsym (x11, "XOpenDisplay");
  xlib.pending = dlsym (x11, "XPending");
  xlib.next_event = dlsym (x11, "XNextEvent");
  xlib.xss_query_extension = dlsym (xss, "XScreenSaverQueryExtension");
  xlib.sync_query_extension = dlsym (xext, "XSyncQueryExtension");
  xlib.sync_initialize = dlsym (xext, "XSyncInitialize");
  xlib.sync_list_system_counters = dlsym (xext, "XSyncListSystemCounters");
  xlib.sync_free_system_counter_list = dlsym (xext, "XSyncFreeSystemCounterList");
  return xlib.open_display && xlib.pending && xlib.next_event && xlib.xss_query_extension
         && xlib.sync_query_extension && xlib.sync_initialize && xlib.sync_list_system_counters
         && xlib.sync_free_system_counter_list;
}

static gboolean
open_x11 (Floor *floor_)
{
  int event_base, error_base, major, minor, n = 0;
  XSyncSystemCounter *counters;

  if (!load_xlib ())
    return FALSE;
  floor_->display = xlib.open_display (NULL);
  if (floor_->display == NULL)
    return FALSE;
  xlib.xss_query_extension (floor_->display, &event_base, &error_base);
  if (xlib.sync_query_extension (floor_->display, &event_base, &error_base)
      && xlib.sync_initialize (floor_->display, &major, &minor))
    {
      counters = xlib.sync_list_system_counters (floor_->display, &n);
      if (counters != NULL)
        xlib.sync_free_system_counter_list (counters);
    }
  g_unix_fd_add (ConnectionNumber (floor_->display), G_IO_IN, on_x, floor_);
  return TRUE;
}

static void
on_global (void *data, struct wl_registry *registry, uint32_t name, const char *interface, uint32_t version)
{
}

static void
on_global_remove (void *data, struct wl_registry *registry, uint32_t name)
{
}

static const struct wl_registry_listener registry_listener = { on_global, on_global_remove };

static gboolean
on_wayland (gint fd, GIOCondition condition, gpointer user_data)
{
  Floor *floor_ = user_data;

  if (wl_display_dispatch (floor_->wayland) < 0)
    g_main_loop_quit (floor_->loop);
  return G_SOURCE_CONTINUE;
}

static gboolean
open_wayland (Floor *floor_)
{
  struct wl_registry *registry;

  floor_->wayland = wl_display_connect (NULL);
  if (floor_->wayland == NULL)
    return FALSE;
  registry = wl_display_get_registry (floor_->wayland);
  wl_registry_add_listener (registry, &registry_listener, NULL);
  if (wl_display_roundtrip (floor_->wayland) < 0)
    return FALSE;
  g_unix_fd_add (wl_display_get_fd (floor_->wayland), G_IO_IN, on_wayland, floor_);
  return TRUE;
}

static gboolean
on_pipewire (gint fd, GIOCondition condition, gpointer user_data)
{
  Floor *floor_ = user_data;
  struct spa_interface *iface = &floor_->pw_loop->control->iface;
  const struct spa_loop_control_methods *methods = iface->cb.funcs;

  methods->iterate (iface->cb.data, 0);
  return G_SOURCE_CONTINUE;
}

/* As calls.c does: dlopen, pw_init, a loop, a context without config, the native protocol. */
static gboolean
open_pipewire (Floor *floor_)
{
  void *lib = dlopen ("libpipewire-0.3.so.0", RTLD_NOW | RTLD_LOCAL);
  __typeof__ (pw_init) *init;
  __typeof__ (pw_loop_new) *loop_new;
  __typeof__ (pw_context_new) *context_new;
  __typeof__ (pw_context_load_module) *load_module;
  __typeof__ (pw_context_connect) *context_connect;
  __typeof__ (pw_properties_new) *properties_new;
  __typeof__ (pw_log_set_level) *log_set_level;
  struct pw_context *context;
  struct spa_interface *iface;
  const struct spa_loop_control_methods *methods;

  if (lib == NULL)
    return FALSE;
  init = dlsym (lib, "pw_init");
  loop_new = dlsym (lib, "pw_loop_new");
  context_new = dlsym (lib, "pw_context_new");
  load_module = dlsym (lib, "pw_context_load_module");
  context_connect = dlsym (lib, "pw_context_connect");
  properties_new = dlsym (lib, "pw_properties_new");
  log_set_level = dlsym (lib, "pw_log_set_level");
  if (!init || !loop_new || !context_new || !load_module || !context_connect || !properties_new || !log_set_level)
    return FALSE;
  init (NULL, NULL);
  log_set_level (SPA_LOG_LEVEL_ERROR);
  floor_->pw_loop = loop_new (NULL);
  context = floor_->pw_loop ? context_new (floor_->pw_loop, properties_new (PW_KEY_CONFIG_NAME, "null",
                                                                           "support.dbus", "false", NULL), 0)
                            : NULL;
  if (context == NULL || load_module (context, "libpipewire-module-protocol-native", NULL, NULL) == NULL)
    return FALSE;
  iface = &floor_->pw_loop->control->iface;
  methods = iface->cb.funcs;
  methods->enter (iface->cb.data);
  g_unix_fd_add (methods->get_fd (iface->cb.data), G_IO_IN, on_pipewire, floor_);
  /* No daemon is no failure: limberd then waits for its socket. */
  context_connect (context, NULL, 0);
  return TRUE;
}

static void
notify_ready (void)
{
  const char *name = g_getenv ("NOTIFY_SOCKET");
  struct sockaddr_un address = { .sun_family = AF_UNIX };
  size_t len;
  int fd;

  if (name == NULL || (name[0] != '/' && name[0] != '@') || (len = strlen (name)) >= sizeof address.sun_path)
    return;
  memcpy (address.sun_path, name, len);
  if (name[0] == '@')
    address.sun_path[0] = '\0';
  fd = socket (AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return;
  if (sendto (fd, "READY=1", 7, MSG_NOSIGNAL, (const struct sockaddr *) &address,
              (socklen_t) (offsetof (struct sockaddr_un, sun_path) + len + (name[0] == '@' ? 0 : 1))) < 0)
    perror ("floor: sd_notify");
  close (fd);
}

static gboolean
on_sigterm (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int argc, char **argv)
{
  g_autofree char *backend = NULL;
  gboolean pipewire = FALSE;
  GOptionEntry entries[] = {
    { "backend", 'b', 0, G_OPTION_ARG_STRING, &backend, "The connection presence takes (default x11)",
      "x11|wayland|gnome" },
    { "pipewire", 0, 0, G_OPTION_ARG_NONE, &pipewire, "Load libpipewire as limberd does for defer-during-calls",
      NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- limberd's libraries and connections, idle");
  g_autoptr (GError) error = NULL;
  g_autoptr (GDBusConnection) session = NULL;
  g_autoptr (GDBusConnection) system = NULL;
  Floor floor_ = { NULL };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "floor: %s\n", error->message);
      return 2;
    }
  g_thread_pool_set_max_unused_threads (0);
  floor_.loop = g_main_loop_new (NULL, FALSE);
  session = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (session == NULL)
    {
      fprintf (stderr, "floor: no session bus: %s\n", error->message);
      return 1;
    }
  system = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, NULL);
  if (g_strcmp0 (backend, "wayland") == 0 ? !open_wayland (&floor_)
      : g_strcmp0 (backend, "gnome") == 0 ? FALSE
                                           : !open_x11 (&floor_))
    {
      fprintf (stderr, "floor: cannot connect to the %s display\n", backend ? backend : "x11");
      return 1;
    }
  if (pipewire && !open_pipewire (&floor_))
    fprintf (stderr, "floor: cannot set up libpipewire-0.3.so.0 as limberd does\n");
  g_unix_signal_add (SIGTERM, on_sigterm, floor_.loop);
  notify_ready ();
  g_main_loop_run (floor_.loop);
  g_main_loop_unref (floor_.loop);
  return 0;
}
