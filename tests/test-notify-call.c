/* test-notify-call.c: the Notify arguments, replies and signals of org.freedesktop.Notifications. */
#include <unistd.h>

#include "platform/notify-call.h"

static LimberReminder *
step_reminder (void)
{
  LimberReminderInput in = {
    .kind = LIMBER_REMINDER_STEP,
    .stretch_title = "Chin tuck",
    .step_text = "Draw your chin back.",
    .hold_us = 20 * G_USEC_PER_SEC,
    .step = 0,
    .n_steps = 2,
  };
  return limber_reminder_build (&in, TRUE, TRUE);
}

static void
test_args (void)
{
  g_autoptr (LimberReminder) r = step_reminder ();
  g_autoptr (GVariant) args = g_variant_ref_sink (limber_notify_call_args (r, 7));
  const char *app, *icon, *summary, *body;
  g_autofree const char **actions = NULL;
  g_autoptr (GVariant) hints = NULL;
  guint replaces_id;
  gint32 expire_ms;
  guchar urgency = 0;
  gboolean resident = FALSE;
  gint32 value = -1;
  gint64 pid = 0;
  const char *entry = NULL, *category = NULL, *image = NULL;

  g_assert_cmpstr (g_variant_get_type_string (args), ==, "(susssasa{sv}i)");
  g_variant_get (args, "(&su&s&s&s^a&s@a{sv}i)", &app, &replaces_id, &icon, &summary, &body, &actions,
                 &hints, &expire_ms);
  g_assert_cmpstr (app, ==, "limber");
  g_assert_cmpuint (replaces_id, ==, 7);
  g_assert_cmpstr (icon, ==, LIMBER_REMINDER_ICON);
  g_assert_cmpstr (summary, ==, r->summary);
  g_assert_cmpstr (body, ==, r->body);
  g_assert_cmpuint (g_strv_length ((char **) actions), ==, r->actions->len);
  g_assert_cmpstr (actions[0], ==, "next");
  g_assert_cmpint (expire_ms, ==, 0);
  /* Urgency is a byte on the wire, as the spec says. */
  g_assert_true (g_variant_lookup (hints, "urgency", "y", &urgency));
  g_assert_cmpuint (urgency, ==, 1);
  g_assert_true (g_variant_lookup (hints, "category", "&s", &category));
  g_assert_cmpstr (category, ==, r->category);
  g_assert_true (g_variant_lookup (hints, "desktop-entry", "&s", &entry));
  g_assert_cmpstr (entry, ==, LIMBER_REMINDER_DESKTOP_ENTRY);
  g_assert_true (g_variant_lookup (hints, "image-path", "&s", &image));
  g_assert_cmpstr (image, ==, LIMBER_REMINDER_ICON);
  /* A step with an illustration sends its file; the app icon stays the popup's icon. */
  {
    LimberReminderInput in = { .kind = LIMBER_REMINDER_STEP, .step_text = "x", .picture = "/tmp/walk.svg" };
    g_autoptr (LimberReminder) pictured = limber_reminder_build (&in, TRUE, TRUE);
    g_autoptr (GVariant) pictured_args = g_variant_ref_sink (limber_notify_call_args (pictured, 0));
    g_autoptr (GVariant) pictured_hints = g_variant_get_child_value (pictured_args, 6);
    const char *path = NULL;

    g_assert_true (g_variant_lookup (pictured_hints, "image-path", "&s", &path));
    g_assert_cmpstr (path, ==, "/tmp/walk.svg");
  }
  g_assert_true (g_variant_lookup (hints, "resident", "b", &resident) && resident);
  g_assert_true (g_variant_lookup (hints, "value", "i", &value));
  g_assert_cmpint (value, ==, r->progress);
  g_assert_true (g_variant_lookup (hints, "sender-pid", "x", &pid));
  g_assert_cmpint (pid, ==, getpid ());
}

static void
test_args_critical_expiring (void)
{
  LimberReminderInput in = { .kind = LIMBER_REMINDER_MOVEMENT, .escalate = TRUE };
  g_autoptr (LimberReminder) r = limber_reminder_build (&in, FALSE, FALSE);
  g_autoptr (GVariant) args = NULL;
  g_autoptr (GVariant) hints = NULL;
  guchar urgency = 0;
  gint32 expire_ms = -1;

  r->expire_us = 1500 * 1000;
  r->progress = -1;
  args = g_variant_ref_sink (limber_notify_call_args (r, 0));
  g_variant_get (args, "(&su&s&s&s^a&s@a{sv}i)", NULL, NULL, NULL, NULL, NULL, NULL, &hints, &expire_ms);
  g_assert_cmpint (expire_ms, ==, 1500);
  g_assert_true (g_variant_lookup (hints, "urgency", "y", &urgency));
  g_assert_cmpuint (urgency, ==, 2);
  g_assert_false (g_variant_lookup (hints, "resident", "b", NULL));
  g_assert_false (g_variant_lookup (hints, "value", "i", NULL));
  /* Less than a millisecond still expires, rather than turning into "never". */
  r->expire_us = 10;
  g_clear_pointer (&args, g_variant_unref);
  args = g_variant_ref_sink (limber_notify_call_args (r, 0));
  g_variant_get_child (args, 7, "i", &expire_ms);
  g_assert_cmpint (expire_ms, ==, 1);
}

static void
test_replies_and_signals (void)
{
  g_autoptr (GVariant) reply = g_variant_ref_sink (g_variant_new ("(u)", 42));
  g_autoptr (GVariant) wrong = g_variant_ref_sink (g_variant_new ("(i)", 42));
  g_autoptr (GVariant) action = g_variant_ref_sink (g_variant_new ("(us)", 3, "snooze"));
  g_autoptr (GVariant) closed = g_variant_ref_sink (g_variant_new ("(uu)", 4, 1));
  guint id = 0, reason = 0;
  const char *key = NULL;

  g_assert_cmpuint (limber_notify_call_reply_id (reply), ==, 42);
  g_assert_cmpuint (limber_notify_call_reply_id (wrong), ==, 0);
  g_assert_cmpuint (limber_notify_call_reply_id (NULL), ==, 0);
  g_assert_true (limber_notify_call_parse_action (action, &id, &key));
  g_assert_cmpuint (id, ==, 3);
  g_assert_cmpstr (key, ==, "snooze");
  g_assert_false (limber_notify_call_parse_action (closed, &id, &key));
  g_assert_true (limber_notify_call_parse_closed (closed, &id, &reason));
  g_assert_cmpuint (id, ==, 4);
  g_assert_cmpuint (reason, ==, 1);
  g_assert_false (limber_notify_call_parse_closed (action, &id, &reason));
}

static void
test_closed_choice (void)
{
  g_assert_cmpint (limber_notify_call_closed_choice (1), ==, LIMBER_CHOICE_EXPIRED);
  g_assert_cmpint (limber_notify_call_closed_choice (2), ==, LIMBER_CHOICE_DISMISSED);
  g_assert_cmpint (limber_notify_call_closed_choice (3), ==, LIMBER_CHOICE_EXPIRED);
  g_assert_cmpint (limber_notify_call_closed_choice (4), ==, LIMBER_CHOICE_EXPIRED);
  g_assert_cmpint (limber_notify_call_closed_choice (0), ==, LIMBER_CHOICE_EXPIRED);
  g_assert_cmpint (limber_notify_call_closed_choice (99), ==, LIMBER_CHOICE_EXPIRED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/notify-call/args", test_args);
  g_test_add_func ("/notify-call/args-critical-expiring", test_args_critical_expiring);
  g_test_add_func ("/notify-call/replies-and-signals", test_replies_and_signals);
  g_test_add_func ("/notify-call/closed-choice", test_closed_choice);
  return g_test_run ();
}
