/* limberctl-json.c: limberctl's view of the daemon's properties: status info and JSON objects. */
#include "ctl/limberctl.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

void
limberctl_status_info (LimberDBusDaemon1 *proxy, gint64 wall_now_us, LimberStatusInfo *info)
{
  const char *state = limber_dbus_daemon1_get_state (proxy);

  *info = (LimberStatusInfo) {
    .state = state ? state : "unknown",
    .wall_now_us = wall_now_us,
    .wall_sitting_since_us = limber_dbus_daemon1_get_sitting_since (proxy),
    .wall_away_since_us = limber_dbus_daemon1_get_away_since (proxy),
    .wall_next_due_us = limber_dbus_daemon1_get_next_break_due (proxy),
    .wall_paused_until_us = limber_dbus_daemon1_get_paused_until (proxy),
    .busy = limber_busy_from_strings (limber_dbus_daemon1_get_busy (proxy)),
    .wall_held_since_us = limber_dbus_daemon1_get_held_since (proxy),
    .following = g_strcmp0 (limber_dbus_daemon1_get_wellbeing (proxy), "follow") == 0,
    /* NULL from a daemon older than sit-stand desks: sitting. */
    .posture = limber_dbus_daemon1_get_posture (proxy),
    .wall_posture_since_us = limber_dbus_daemon1_get_posture_since (proxy),
  };
}

char *
limberctl_wellbeing_text (LimberDBusDaemon1 *proxy)
{
  const char *wellbeing = limber_dbus_daemon1_get_wellbeing (proxy);

  if (g_strcmp0 (wellbeing, "follow") == 0)
    return g_strdup (_("GNOME Wellbeing's movement breaks are on: Limber follows them and offers its routine "
                       "when GNOME's break is due (gnome-wellbeing = follow)."));
  if (g_strcmp0 (wellbeing, "ignore") == 0)
    return g_strdup (_("GNOME Wellbeing's movement breaks are on: Limber keeps its own schedule beside them "
                       "(gnome-wellbeing = ignore)."));
  return NULL;
}

void
limberctl_json_begin (JsonBuilder *builder)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, LIMBERCTL_JSON_VERSION);
}

/* 0 (none) and INT64_MAX (no end) become null: JSON readers lose precision on huge numbers. */
static void
add_time (JsonBuilder *builder, const char *name, gint64 value_us)
{
  json_builder_set_member_name (builder, name);
  if (value_us == 0 || value_us == G_MAXINT64)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, value_us);
}

JsonNode *
limberctl_day_json (GVariant *day)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  GVariantIter iter;
  const char *key;
  GVariant *value;

  json_builder_begin_object (builder);
  g_variant_iter_init (&iter, day);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    {
      g_autofree char *name = g_strdelimit (g_strdup (key), "-", '_');

      json_builder_set_member_name (builder, name);
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        json_builder_add_string_value (builder, g_variant_get_string (value, NULL));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        json_builder_add_int_value (builder, g_variant_get_int64 (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
        json_builder_add_int_value (builder, g_variant_get_uint32 (value));
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* "presence": {"backend": "wayland", "notes": ["…"]}: where presence comes from, and what
 * this desktop cannot give, in the user's language as the text members are (docs/json.md). */
static void
add_presence (JsonBuilder *builder, LimberDBusDaemon1 *proxy)
{
  const char *backend = limber_dbus_daemon1_get_presence (proxy);
  const char *const *notes = limber_dbus_daemon1_get_presence_notes (proxy);

  json_builder_set_member_name (builder, "presence");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "backend");
  if (backend != NULL && *backend != '\0')
    json_builder_add_string_value (builder, backend);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "notes");
  json_builder_begin_array (builder);
  for (guint i = 0; notes != NULL && notes[i] != NULL; i++)
    json_builder_add_string_value (builder, _(notes[i]));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

JsonNode *
limberctl_status_json (LimberDBusDaemon1 *proxy, gint64 wall_now_us)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  GVariant *today = limber_dbus_daemon1_get_today (proxy);
  LimberStatusInfo info;

  limberctl_status_info (proxy, wall_now_us, &info);
  text = limber_status_format_relative (&info);
  line = limber_status_format_absolute (&info);
  limberctl_json_begin (builder);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, info.state);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "line");
  json_builder_add_string_value (builder, line);
  add_time (builder, "sitting_since_us", info.wall_sitting_since_us);
  add_time (builder, "away_since_us", info.wall_away_since_us);
  add_time (builder, "next_break_due_us", info.wall_next_due_us);
  add_time (builder, "paused_until_us", info.wall_paused_until_us);
  json_builder_set_member_name (builder, "posture");
  json_builder_add_string_value (builder, info.posture ? info.posture : "sitting");
  add_time (builder, "posture_since_us", info.wall_posture_since_us);
  json_builder_set_member_name (builder, "paused_until_resumed");
  json_builder_add_boolean_value (builder, g_str_equal (info.state, "paused") &&
                                  (info.wall_paused_until_us == 0 || info.wall_paused_until_us == G_MAXINT64));
  add_time (builder, "held_since_us", info.wall_held_since_us);
  json_builder_set_member_name (builder, "busy");
  json_builder_begin_array (builder);
  for (const char *const *name = limber_dbus_daemon1_get_busy (proxy); name && *name; name++)
    json_builder_add_string_value (builder, *name);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "wellbeing");
  if (limber_dbus_daemon1_get_wellbeing (proxy) && *limber_dbus_daemon1_get_wellbeing (proxy))
    json_builder_add_string_value (builder, limber_dbus_daemon1_get_wellbeing (proxy));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "now_us");
  json_builder_add_int_value (builder, wall_now_us);
  add_presence (builder, proxy);
  json_builder_set_member_name (builder, "today");
  if (today != NULL && g_variant_is_of_type (today, G_VARIANT_TYPE_VARDICT))
    json_builder_add_value (builder, limberctl_day_json (today));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

void
limberctl_print_json (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  printf ("%s\n", text);
  fflush (stdout);
}
