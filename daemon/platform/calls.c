/* calls.c: camera and microphone in use, from PipeWire's registry and node info events. */
#include "platform/calls.h"

#include <dlfcn.h>
#include <errno.h>
#include <gio/gio.h>
#include <glib-unix.h>
#include <string.h>

/* spa's inline method calls (pw_registry_bind, pw_node_add_listener…) are GNU statement
 * expressions, and dlsym hands out functions as object pointers (POSIX allows it): neither is
 * ISO C, both are what a PipeWire client is written in. */
#pragma GCC diagnostic ignored "-Wpedantic"
#include <pipewire/impl-module.h>
#include <pipewire/pipewire.h>

#include "core/scheduler-types.h"
#include "platform/calls-graph.h"

/* A node that stops running (a call renegotiating) is given this long before the call counts as
 * over, so a held reminder does not slip out in the gap. */
#define CLEAR_DELAY_MS 400

/* The few functions libpipewire exports that Limber calls (the rest are inline). Loaded with
 * dlopen so that a daemon with defer-during-calls off never maps the library or its plugins. */
typedef struct {
  __typeof__ (pw_init) *init;
  __typeof__ (pw_loop_new) *loop_new;
  __typeof__ (pw_loop_destroy) *loop_destroy;
  __typeof__ (pw_context_new) *context_new;
  __typeof__ (pw_context_destroy) *context_destroy;
  __typeof__ (pw_context_load_module) *context_load_module;
  __typeof__ (pw_context_connect) *context_connect;
  __typeof__ (pw_core_disconnect) *core_disconnect;
  __typeof__ (pw_proxy_destroy) *proxy_destroy;
  __typeof__ (pw_properties_new) *properties_new;
  __typeof__ (pw_log_set_level) *log_set_level;
} PwApi;

typedef struct {
  LimberCalls *calls;
  guint32 id;
  struct pw_proxy *proxy;
  struct spa_hook listener;
} BoundNode;

struct _LimberCalls {
  LimberCallsFunc func;
  gpointer user_data;
  const PwApi *pw;
  struct pw_loop *loop;
  struct pw_context *context;
  struct pw_core *core;
  struct pw_registry *registry;
  struct spa_hook core_listener;
  struct spa_hook registry_listener;
  guint loop_source_id;
  GFileMonitor *socket_monitor;
  char *socket_name;
  LimberCallsGraph *graph;
  GHashTable *bound;        /* id → BoundNode */
  guint busy;               /* as last reported */
  guint clear_source_id;
  guint disconnect_source_id;
  gboolean entered;         /* pw_loop_enter done: this thread runs the PipeWire loop */
};

static const PwApi *
load_pipewire (char **out_problem)
{
  static PwApi api;
  static gboolean loaded;
  void *lib;

  if (loaded)
    return &api;
  lib = dlopen ("libpipewire-0.3.so.0", RTLD_NOW | RTLD_LOCAL);
  if (lib == NULL)
    {
      *out_problem = g_strdup (dlerror ());
      return NULL;
    }
#define LOAD(field, name) if ((api.field = (__typeof__ (api.field)) dlsym (lib, name)) == NULL) goto missing
  LOAD (init, "pw_init");
  LOAD (loop_new, "pw_loop_new");
  LOAD (loop_destroy, "pw_loop_destroy");
  LOAD (context_new, "pw_context_new");
  LOAD (context_destroy, "pw_context_destroy");
  LOAD (context_load_module, "pw_context_load_module");
  LOAD (context_connect, "pw_context_connect");
  LOAD (core_disconnect, "pw_core_disconnect");
  LOAD (proxy_destroy, "pw_proxy_destroy");
  LOAD (properties_new, "pw_properties_new");
  LOAD (log_set_level, "pw_log_set_level");
#undef LOAD
  /* Never unloaded: its plugins may keep threads and state for the process's life. */
  api.init (NULL, NULL);
  /* Its warnings (no real-time priority, no modules from a config) would fill the journal;
   * PIPEWIRE_DEBUG still sets the level for whoever debugs. */
  if (g_getenv ("PIPEWIRE_DEBUG") == NULL)
    api.log_set_level (SPA_LOG_LEVEL_ERROR);
  loaded = TRUE;
  return &api;
missing:
  *out_problem = g_strdup (dlerror ());
  dlclose (lib);
  return NULL;
}

/* The loop control's methods, called as spa's macros do (the macros' empty variadic lists are
 * not ISO C). */
static const struct spa_loop_control_methods *
loop_methods (struct pw_loop *loop, void **object)
{
  struct spa_interface *iface = &loop->control->iface;

  *object = iface->cb.data;
  return iface->cb.funcs;
}

static int
loop_get_fd (struct pw_loop *loop)
{
  void *object;

  return loop_methods (loop, &object)->get_fd (object);
}

static void
loop_enter (struct pw_loop *loop, gboolean enter)
{
  void *object;
  const struct spa_loop_control_methods *methods = loop_methods (loop, &object);

  if (enter)
    methods->enter (object);
  else
    methods->leave (object);
}

static gboolean
on_clear (gpointer user_data)
{
  LimberCalls *self = user_data;

  self->clear_source_id = 0;
  self->busy = limber_calls_graph_get_busy (self->graph);
  self->func (self->busy, self->user_data);
  return G_SOURCE_REMOVE;
}

/* A reason that begins is told at once; one that ends, after CLEAR_DELAY_MS without coming back. */
static void
update (LimberCalls *self)
{
  guint busy = limber_calls_graph_get_busy (self->graph);

  if ((busy & ~self->busy) != 0)
    {
      g_clear_handle_id (&self->clear_source_id, g_source_remove);
      self->busy = busy;
      self->func (busy, self->user_data);
    }
  else if (busy != self->busy && self->clear_source_id == 0)
    self->clear_source_id = g_timeout_add (CLEAR_DELAY_MS, on_clear, self);
  else if (busy == self->busy)
    g_clear_handle_id (&self->clear_source_id, g_source_remove);
}

static gboolean
is_true (const struct spa_dict *props, const char *key)
{
  const char *value = props ? spa_dict_lookup (props, key) : NULL;

  return value != NULL && (g_str_equal (value, "true") || g_str_equal (value, "1"));
}

static void
on_node_info (void *data, const struct pw_node_info *info)
{
  BoundNode *node = data;
  LimberCalls *self = node->calls;

  /* A peak meter (pavucontrol's, GNOME's volume applet through pipewire-pulse) is created with
   * stream.monitor = true; a passive stream keeps no source running by itself. An info event
   * carries the properties only when they changed. */
  if (info->change_mask & PW_NODE_CHANGE_MASK_PROPS)
    limber_calls_graph_set_meter (self->graph, node->id, is_true (info->props, PW_KEY_STREAM_MONITOR)
                                                         || is_true (info->props, PW_KEY_NODE_PASSIVE));
  if (info->change_mask & PW_NODE_CHANGE_MASK_STATE)
    limber_calls_graph_set_running (self->graph, node->id, info->state == PW_NODE_STATE_RUNNING);
  update (self);
}

static const struct pw_node_events node_events = {
  .version = PW_VERSION_NODE_EVENTS,
  .info = on_node_info,
};

static void
bound_node_free (gpointer data)
{
  BoundNode *node = data;

  spa_hook_remove (&node->listener);
  node->calls->pw->proxy_destroy (node->proxy);
  g_free (node);
}

static guint32
dict_uint (const struct spa_dict *props, const char *key)
{
  const char *value = spa_dict_lookup (props, key);
  guint64 number = 0;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT32, &number, NULL))
    return SPA_ID_INVALID;
  return (guint32) number;
}

static void
add_node (LimberCalls *self, guint32 id, const struct spa_dict *props)
{
  LimberCallsNode kind = limber_calls_graph_classify (spa_dict_lookup (props, PW_KEY_MEDIA_CLASS),
                                                      spa_dict_lookup (props, PW_KEY_MEDIA_ROLE));
  BoundNode *node;

  limber_calls_graph_add_node (self->graph, id, kind);
  /* Sources only matter as the far end of a link; the others' state is in their info. */
  if (kind != LIMBER_CALLS_NODE_CAMERA && kind != LIMBER_CALLS_NODE_CAPTURE)
    return;
  node = g_new0 (BoundNode, 1);
  node->calls = self;
  node->id = id;
  node->proxy = pw_registry_bind (self->registry, id, PW_TYPE_INTERFACE_Node, PW_VERSION_NODE, 0);
  if (node->proxy == NULL)
    {
      g_free (node);
      return;
    }
  pw_node_add_listener ((struct pw_node *) node->proxy, &node->listener, &node_events, node);
  g_hash_table_replace (self->bound, GUINT_TO_POINTER (id), node);
}

static void
on_global (void *data, uint32_t id, uint32_t permissions, const char *type, uint32_t version,
           const struct spa_dict *props)
{
  LimberCalls *self = data;

  if (props == NULL)
    return;
  if (g_str_equal (type, PW_TYPE_INTERFACE_Node))
    add_node (self, id, props);
  else if (g_str_equal (type, PW_TYPE_INTERFACE_Link))
    {
      limber_calls_graph_add_link (self->graph, id, dict_uint (props, PW_KEY_LINK_OUTPUT_NODE),
                                   dict_uint (props, PW_KEY_LINK_INPUT_NODE));
      update (self);
    }
}

static void
on_global_remove (void *data, uint32_t id)
{
  LimberCalls *self = data;

  g_hash_table_remove (self->bound, GUINT_TO_POINTER (id));
  limber_calls_graph_remove (self->graph, id);
  update (self);
}

static const struct pw_registry_events registry_events = {
  .version = PW_VERSION_REGISTRY_EVENTS,
  .global = on_global,
  .global_remove = on_global_remove,
};

static void disconnect (LimberCalls *self);

static gboolean
on_disconnected (gpointer user_data)
{
  LimberCalls *self = user_data;

  self->disconnect_source_id = 0;
  g_message ("PipeWire went away: calls are not seen until it is back.");
  disconnect (self);
  update (self);
  return G_SOURCE_REMOVE;
}

static void
on_core_error (void *data, uint32_t id, int seq, int res, const char *message)
{
  LimberCalls *self = data;

  /* Only the connection's own end matters; errors about single objects are no reason to stop. */
  if (id != PW_ID_CORE || res != -EPIPE)
    return;
  /* Not from inside the core's own event: the core is destroyed from the GLib loop. */
  if (self->disconnect_source_id == 0)
    self->disconnect_source_id = g_idle_add (on_disconnected, self);
}

static const struct pw_core_events core_events = {
  .version = PW_VERSION_CORE_EVENTS,
  .error = on_core_error,
};

static gboolean
on_loop_ready (gint fd, GIOCondition condition, gpointer user_data)
{
  LimberCalls *self = user_data;

  /* Dispatch what is pending without blocking: the GLib loop is the only one that waits. */
  pw_loop_iterate (self->loop, 0);
  return G_SOURCE_CONTINUE;
}

static void
disconnect (LimberCalls *self)
{
  g_hash_table_remove_all (self->bound);
  limber_calls_graph_clear (self->graph);
  if (self->registry != NULL)
    {
      spa_hook_remove (&self->registry_listener);
      self->pw->proxy_destroy ((struct pw_proxy *) self->registry);
      self->registry = NULL;
    }
  if (self->core != NULL)
    {
      spa_hook_remove (&self->core_listener);
      self->pw->core_disconnect (self->core);
      self->core = NULL;
    }
}

static gboolean
connect_core (LimberCalls *self)
{
  self->core = self->pw->context_connect (self->context, NULL, 0);
  if (self->core == NULL)
    return FALSE;
  pw_core_add_listener (self->core, &self->core_listener, &core_events, self);
  self->registry = pw_core_get_registry (self->core, PW_VERSION_REGISTRY, 0);
  pw_registry_add_listener (self->registry, &self->registry_listener, &registry_events, self);
  return TRUE;
}

/* PipeWire started after limberd (or restarted): its socket appearing is the event to wait for. */
static void
on_socket_changed (GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event,
                   gpointer user_data)
{
  LimberCalls *self = user_data;
  g_autofree char *name = g_file_get_basename (file);

  if (self->core != NULL || event != G_FILE_MONITOR_EVENT_CREATED || !g_str_equal (name, self->socket_name))
    return;
  if (connect_core (self))
    g_message ("PipeWire is here: a camera or microphone in use holds reminders back.");
}

static void
watch_socket (LimberCalls *self)
{
  const char *dir = g_getenv ("PIPEWIRE_RUNTIME_DIR");
  const char *remote = g_getenv ("PIPEWIRE_REMOTE");
  g_autoptr (GFile) file = NULL;

  dir = dir && *dir ? dir : g_get_user_runtime_dir ();
  self->socket_name = g_strdup (remote && *remote && !strchr (remote, '/') ? remote : "pipewire-0");
  file = g_file_new_for_path (dir);
  self->socket_monitor = g_file_monitor_directory (file, G_FILE_MONITOR_NONE, NULL, NULL);
  if (self->socket_monitor != NULL)
    g_signal_connect (self->socket_monitor, "changed", G_CALLBACK (on_socket_changed), self);
}

static gboolean
start (LimberCalls *self, char **out_problem)
{
  struct pw_properties *props;

  self->pw = load_pipewire (out_problem);
  if (self->pw == NULL)
    return FALSE;
  self->loop = self->pw->loop_new (NULL);
  if (self->loop == NULL)
    {
      *out_problem = g_strdup (g_strerror (errno));
      return FALSE;
    }
  /* No client.conf: a watcher needs the native protocol alone, not the modules that make
   * streams and devices, and each module costs memory; nor D-Bus (libdbus) for real-time
   * scheduling it never asks for. */
  props = self->pw->properties_new (PW_KEY_CONFIG_NAME, "null", "support.dbus", "false", NULL);
  self->context = self->pw->context_new (self->loop, props, 0);
  if (self->context == NULL
      || self->pw->context_load_module (self->context, "libpipewire-module-protocol-native", NULL, NULL) == NULL)
    {
      *out_problem = g_strdup_printf ("cannot set up a PipeWire client: %s", g_strerror (errno));
      return FALSE;
    }
  loop_enter (self->loop, TRUE);
  self->entered = TRUE;
  self->loop_source_id = g_unix_fd_add (loop_get_fd (self->loop), G_IO_IN, on_loop_ready, self);
  watch_socket (self);
  return TRUE;
}

LimberCalls *
limber_calls_new (LimberCallsFunc func, gpointer user_data)
{
  LimberCalls *self = g_new0 (LimberCalls, 1);
  g_autofree char *problem = NULL;

  g_return_val_if_fail (func != NULL, NULL);
  self->func = func;
  self->user_data = user_data;
  self->graph = limber_calls_graph_new ();
  self->bound = g_hash_table_new_full (NULL, NULL, NULL, bound_node_free);
  if (!start (self, &problem))
    g_message ("Calls are not seen (PipeWire cannot be used: %s); a camera or microphone in use "
               "holds nothing back.", problem);
  else if (!connect_core (self))
    g_message ("PipeWire is not running: calls are not seen until it starts.");
  else
    g_message ("Watching PipeWire: a camera or microphone in use holds reminders back.");
  return self;
}

guint
limber_calls_get_busy (LimberCalls *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->busy;
}

void
limber_calls_free (LimberCalls *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->clear_source_id, g_source_remove);
  g_clear_handle_id (&self->disconnect_source_id, g_source_remove);
  g_clear_object (&self->socket_monitor);
  if (self->pw != NULL)
    {
      disconnect (self);
      if (self->context != NULL)
        self->pw->context_destroy (self->context);
      if (self->loop != NULL)
        {
          g_clear_handle_id (&self->loop_source_id, g_source_remove);
          if (self->entered)
            loop_enter (self->loop, FALSE);
          self->pw->loop_destroy (self->loop);
        }
    }
  g_hash_table_unref (self->bound);
  limber_calls_graph_free (self->graph);
  g_free (self->socket_name);
  g_free (self);
}
