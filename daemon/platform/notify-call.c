/* notify-call.c: the wire format of org.freedesktop.Notifications (Desktop Notifications
 * Specification 1.2): what Notify carries for a Limber popup, and what the server sends back. */
#include "platform/notify-call.h"

#include <unistd.h>

#define URGENCY_NORMAL 1
#define URGENCY_CRITICAL 2
#define CLOSED_DISMISSED_BY_USER 2

static GVariant *
build_hints (const LimberReminder *r)
{
  GVariantBuilder hints;

  g_variant_builder_init (&hints, G_VARIANT_TYPE ("a{sv}"));
  /* The spec says urgency is a byte; servers that get an int ignore it. */
  g_variant_builder_add (&hints, "{sv}", "urgency",
                         g_variant_new_byte (r->critical ? URGENCY_CRITICAL : URGENCY_NORMAL));
  if (r->category != NULL)
    g_variant_builder_add (&hints, "{sv}", "category", g_variant_new_string (r->category));
  g_variant_builder_add (&hints, "{sv}", "desktop-entry", g_variant_new_string (LIMBER_REMINDER_DESKTOP_ENTRY));
  /* A stretch's illustration where there is one (a file path), else the app icon by name. */
  g_variant_builder_add (&hints, "{sv}", "image-path",
                         g_variant_new_string (r->image_path ? r->image_path : LIMBER_REMINDER_ICON));
  /* Some servers match a popup to its app by process id (libnotify used to send it for us). */
  g_variant_builder_add (&hints, "{sv}", "sender-pid", g_variant_new_int64 (getpid ()));
  if (r->resident)
    g_variant_builder_add (&hints, "{sv}", "resident", g_variant_new_boolean (TRUE));
  if (r->progress >= 0)
    g_variant_builder_add (&hints, "{sv}", "value", g_variant_new_int32 (r->progress));
  return g_variant_builder_end (&hints);
}

GVariant *
limber_notify_call_args (const LimberReminder *r, guint replaces_id)
{
  GVariantBuilder actions;
  gint32 expire_ms = 0;

  g_return_val_if_fail (r != NULL, NULL);

  /* 0 means "never expires" on the wire too; -1 (the server's default) is never wanted. */
  if (r->expire_us > 0)
    expire_ms = (gint32) CLAMP (r->expire_us / 1000, 1, G_MAXINT32);
  g_variant_builder_init (&actions, G_VARIANT_TYPE_STRING_ARRAY);
  for (guint i = 0; i + 1 < r->actions->len; i += 2)
    {
      g_variant_builder_add (&actions, "s", (const char *) g_ptr_array_index (r->actions, i));
      g_variant_builder_add (&actions, "s", (const char *) g_ptr_array_index (r->actions, i + 1));
    }
  return g_variant_new ("(susss@as@a{sv}i)", LIMBER_NOTIFY_CALL_APP_NAME, replaces_id,
                        LIMBER_REMINDER_ICON, r->summary ? r->summary : "", r->body ? r->body : "",
                        g_variant_builder_end (&actions), build_hints (r), expire_ms);
}

guint
limber_notify_call_reply_id (GVariant *reply)
{
  guint id = 0;

  if (reply != NULL && g_variant_is_of_type (reply, G_VARIANT_TYPE ("(u)")))
    g_variant_get (reply, "(u)", &id);
  return id;
}

gboolean
limber_notify_call_parse_action (GVariant *params, guint *id, const char **key)
{
  g_return_val_if_fail (id != NULL && key != NULL, FALSE);

  if (params == NULL || !g_variant_is_of_type (params, G_VARIANT_TYPE ("(us)")))
    return FALSE;
  g_variant_get (params, "(u&s)", id, key);
  return TRUE;
}

gboolean
limber_notify_call_parse_closed (GVariant *params, guint *id, guint *reason)
{
  g_return_val_if_fail (id != NULL && reason != NULL, FALSE);

  if (params == NULL || !g_variant_is_of_type (params, G_VARIANT_TYPE ("(uu)")))
    return FALSE;
  g_variant_get (params, "(uu)", id, reason);
  return TRUE;
}

LimberChoice
limber_notify_call_closed_choice (guint reason)
{
  return reason == CLOSED_DISMISSED_BY_USER ? LIMBER_CHOICE_DISMISSED : LIMBER_CHOICE_EXPIRED;
}
