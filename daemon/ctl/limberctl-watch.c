/* limberctl-watch.c: `limberctl watch`, one line per change of the daemon's state, for people and status bars. */
#include "ctl/limberctl.h"

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>

typedef enum
{
  WATCH_FORMAT_TEXT,
  WATCH_FORMAT_JSON,
  WATCH_FORMAT_WAYBAR,
} WatchFormat;

typedef struct
{
  LimberDBusDaemon1 *proxy;
  WatchFormat format;
  GMainLoop *loop;
  char *last_line;  /* text format: the line printed last, so a change the line does not show prints nothing */
} Watch;

static guint
lookup_count (GVariant *today, const char *key)
{
  guint value = 0;

  if (today != NULL)
    g_variant_lookup (today, key, "u", &value);
  return value;
}

static char *
today_summary (GVariant *today)
{
  gint64 sitting_us = 0, longest_us = 0, standing_us = 0;
  g_autofree char *sitting = NULL;
  g_autofree char *longest = NULL;
  g_autofree char *standing = NULL;
  GString *line;
  guint due;
  guint taken = lookup_count (today, "taken-natural") + lookup_count (today, "taken-guided") +
                lookup_count (today, "partial");

  if (today != NULL)
    {
      g_variant_lookup (today, "sitting-us", "x", &sitting_us);
      g_variant_lookup (today, "longest-bout-us", "x", &longest_us);
      g_variant_lookup (today, "standing-us", "x", &standing_us);
    }
  sitting = limber_status_format_duration (sitting_us);
  longest = limber_status_format_duration (longest_us);
  /* Standing only where there was some: a sitting desk's tooltip stays as it was. */
  if (standing_us > 0)
    {
      g_autofree char *time = limber_status_format_duration (standing_us);

      /* TRANSLATORS: a part of waybar's tooltip: the time stood today ("40 min"). */
      standing = g_strdup_printf (_("%s standing"), time);
    }
  due = lookup_count (today, "breaks-due");
  line = g_string_new (NULL);
  /* TRANSLATORS: waybar's tooltip begins with the time sat today ("3 h 10 min"). */
  g_string_printf (line, _("Today: %s sitting"), sitting);
  if (standing != NULL)
    g_string_append_printf (line, " · %s", standing);
  g_string_append (line, " · ");
  /* TRANSLATORS: breaks taken today of those due. */
  g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "%u of %u break taken", "%u of %u breaks taken", due),
                          taken, due);
  if (longest_us > 0)
    {
      g_string_append (line, " · ");
      /* TRANSLATORS: a part of waybar's tooltip: the longest time sat without a break ("52 min"). */
      g_string_append_printf (line, _("longest bout %s"), longest);
    }
  return g_string_free (line, FALSE);
}

/* How far through the sitting stretch toward the next break, at the moment of the change. */
static gint64
percentage (const LimberStatusInfo *info)
{
  gint64 span_us = info->wall_next_due_us - info->wall_sitting_since_us;

  if (!g_str_equal (info->state, "sitting") || info->wall_sitting_since_us == 0 ||
      info->wall_next_due_us == 0 || span_us <= 0)
    return 0;
  return CLAMP ((info->wall_now_us - info->wall_sitting_since_us) * 100 / span_us, 0, 100);
}

static void
print_waybar (const char *text, const char *tooltip, const char *class_name, gint64 percent)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  limberctl_json_begin (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "tooltip");
  json_builder_add_string_value (builder, tooltip);
  json_builder_set_member_name (builder, "class");
  json_builder_add_string_value (builder, class_name);
  json_builder_set_member_name (builder, "percentage");
  json_builder_add_int_value (builder, percent);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  limberctl_print_json (root);
}

/* Absolute times only: the line stays true until the next change, so nothing needs a refresh. */
static void
print_state (Watch *watch)
{
  LimberStatusInfo info;
  g_autofree char *line = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *tooltip = NULL;

  limberctl_status_info (watch->proxy, g_get_real_time (), &info);
  line = limber_status_format_absolute (&info);
  if (watch->format == WATCH_FORMAT_JSON)
    {
      g_autoptr (JsonNode) node = limberctl_status_json (watch->proxy, info.wall_now_us);
      limberctl_print_json (node);
      return;
    }
  if (watch->format == WATCH_FORMAT_TEXT)
    {
      if (g_strcmp0 (line, watch->last_line) == 0)
        return;
      g_free (watch->last_line);
      watch->last_line = g_strdup (line);
      printf ("%s\n", line);
      fflush (stdout);
      return;
    }
  summary = today_summary (limber_dbus_daemon1_get_today (watch->proxy));
  tooltip = g_strdup_printf ("%s\n%s", line, summary);
  print_waybar (line, tooltip, info.state, percentage (&info));
}

/* The json format's line while no daemon runs: the state and text members of a status object. */
static void
print_stopped_json (void)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  limberctl_json_begin (builder);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, "stopped");
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, _("Limber is not running"));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  limberctl_print_json (root);
}

static void
print_stopped (Watch *watch)
{
  g_clear_pointer (&watch->last_line, g_free);
  if (watch->format == WATCH_FORMAT_WAYBAR)
    print_waybar (_("Limber is not running"), _("Start it with: systemctl --user start limber"), "stopped", 0);
  else if (watch->format == WATCH_FORMAT_JSON)
    print_stopped_json ();
  else
    {
      printf ("%s\n", _("Limber is not running"));
      fflush (stdout);
    }
}

static void
on_properties_changed (GDBusProxy *proxy, GVariant *changed, GStrv invalidated, Watch *watch)
{
  g_autofree char *owner = g_dbus_proxy_get_name_owner (proxy);

  /* When the daemon goes away the proxy invalidates everything; the owner change reports that. */
  if (owner != NULL)
    print_state (watch);
}

static void
on_owner_changed (GObject *proxy, GParamSpec *pspec, Watch *watch)
{
  g_autofree char *owner = g_dbus_proxy_get_name_owner (G_DBUS_PROXY (proxy));

  if (owner != NULL)
    print_state (watch);
  else
    print_stopped (watch);
}

static gboolean
on_quit_signal (gpointer user_data)
{
  g_main_loop_quit (((Watch *) user_data)->loop);
  return G_SOURCE_CONTINUE;
}

static gboolean
parse_format (const char *text, WatchFormat *out)
{
  static const char *const names[] = { "text", "json", "waybar" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *out = (WatchFormat) i;
        return TRUE;
      }
  return FALSE;
}

int
limberctl_watch_run (int argc, char **argv)
{
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("text (a sentence), json (as status --json) or waybar (text/tooltip/class/percentage)"), N_("FORMAT") },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  Watch watch = { 0 };
  guint sigint_id, sigterm_id;

  if (!limberctl_parse_options ("watch", NULL, N_("Print the state now and a line whenever it changes; "
                                "nothing in between. Keeps running while Limber stops and starts."),
                                entries, &argc, &argv))
    return LIMBERCTL_EXIT_USAGE;
  if (argc > 1 || (format != NULL && !parse_format (format, &watch.format)))
    {
      g_printerr (_("limberctl watch: choose --format text, json or waybar.\nTry 'limberctl watch --help'.\n"));
      return LIMBERCTL_EXIT_USAGE;
    }
  watch.proxy = limberctl_proxy_new ();
  if (!limberctl_require_daemon (watch.proxy) && watch.proxy == NULL)
    return LIMBERCTL_EXIT_NOT_RUNNING;
  watch.loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (watch.proxy, "g-properties-changed", G_CALLBACK (on_properties_changed), &watch);
  g_signal_connect (watch.proxy, "notify::g-name-owner", G_CALLBACK (on_owner_changed), &watch);
  on_owner_changed (G_OBJECT (watch.proxy), NULL, &watch);
  sigint_id = g_unix_signal_add (SIGINT, on_quit_signal, &watch);
  sigterm_id = g_unix_signal_add (SIGTERM, on_quit_signal, &watch);
  g_main_loop_run (watch.loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  g_signal_handlers_disconnect_by_data (watch.proxy, &watch);
  g_object_unref (watch.proxy);
  g_main_loop_unref (watch.loop);
  g_free (watch.last_line);
  return LIMBERCTL_EXIT_OK;
}
