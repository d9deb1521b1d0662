/* test-reminder.c: the popup content for every kind, per server capability. */
#include <string.h>

#include "core/reminder.h"

#define MIN_US (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)

static LimberReminderInput
movement_input (void)
{
  LimberReminderInput in = {
    .kind = LIMBER_REMINDER_MOVEMENT,
    .sitting_us = 32 * MIN_US,
    .routine_title = "Hips and back",
    .routine_total_us = 3 * MIN_US,
    .first_step = "Stand up and step one foot back.",
    .snoozes_left = 2,
    .snooze_us = 5 * MIN_US,
  };
  return in;
}

static LimberReminderInput
step_input (guint sides)
{
  LimberReminderInput in = {
    .kind = LIMBER_REMINDER_STEP,
    .stretch_title = "Standing hip flexor stretch",
    .step_text = "Tuck your pelvis and lean forward gently.",
    .hold_us = 30 * G_USEC_PER_SEC,
    .sides = sides,
    .step = 1,
    .n_steps = 4,
  };
  return in;
}

/* The action keys of r, joined: "default,snooze,skip". */
static char *
action_keys (const LimberReminder *r)
{
  g_autoptr (GString) keys = g_string_new (NULL);

  g_assert_cmpuint (r->actions->len % 2, ==, 0);
  for (guint i = 0; i < r->actions->len; i += 2)
    g_string_append_printf (keys, "%s%s", i ? "," : "", (char *) g_ptr_array_index (r->actions, i));
  return g_string_free (g_steal_pointer (&keys), FALSE);
}

static const char *
action_label (const LimberReminder *r, const char *key)
{
  for (guint i = 0; i < r->actions->len; i += 2)
    if (g_str_equal (g_ptr_array_index (r->actions, i), key))
      return g_ptr_array_index (r->actions, i + 1);
  return NULL;
}

static void
test_movement (void)
{
  LimberReminderInput in = movement_input ();
  g_autoptr (LimberReminder) r = limber_reminder_build (&in, TRUE, TRUE);
  g_autofree char *keys = action_keys (r);

  g_assert_cmpstr (r->summary, ==, "Time to stand up — 32 min sitting");
  g_assert_cmpstr (r->body, ==, "<b>Hips and back</b> · 3 min\nFirst: Stand up and step one foot back.");
  g_assert_cmpstr (keys, ==, "default,snooze,skip");
  g_assert_cmpstr (action_label (r, "default"), ==, "Start");
  g_assert_cmpstr (action_label (r, "snooze"), ==, "Snooze 5 min");
  g_assert_cmpstr (action_label (r, "skip"), ==, "Skip");
  g_assert_cmpstr (r->category, ==, "x-limber.break");
  g_assert_false (r->critical);
  g_assert_false (r->resident);
  g_assert_cmpint (r->expire_us, ==, 0);
  g_assert_cmpint (r->progress, ==, -1);
  g_assert_null (strstr (r->body, "limberctl"));
}

static void
test_movement_snooze (void)
{
  LimberReminderInput in = movement_input ();
  in.snooze_us = 10 * MIN_US;
  g_autoptr (LimberReminder) ten = limber_reminder_build (&in, TRUE, FALSE);
  in.snooze_us = 90 * G_USEC_PER_SEC;
  g_autoptr (LimberReminder) ninety = limber_reminder_build (&in, TRUE, FALSE);
  in.snoozes_left = 0;
  g_autoptr (LimberReminder) none = limber_reminder_build (&in, TRUE, FALSE);
  g_autoptr (LimberReminder) none_plain = limber_reminder_build (&in, FALSE, FALSE);
  g_autofree char *keys = action_keys (none);

  g_assert_cmpstr (action_label (ten, "snooze"), ==, "Snooze 10 min");
  g_assert_cmpstr (action_label (ninety, "snooze"), ==, "Snooze 1 min 30 s");
  g_assert_cmpstr (keys, ==, "default,skip");
  g_assert_null (strstr (none_plain->body, "snooze"));
  g_assert_nonnull (strstr (none_plain->body, "limberctl skip"));
}

static void
test_movement_escalate (void)
{
  LimberReminderInput in = movement_input ();
  in.escalate = TRUE;
  in.sitting_us = 75 * MIN_US;
  g_autoptr (LimberReminder) r = limber_reminder_build (&in, TRUE, TRUE);

  g_assert_true (r->critical);
  g_assert_cmpstr (r->summary, ==, "Time to stand up — 1 h 15 min sitting");
}

static void
test_no_actions (void)
{
  LimberReminderInput in = movement_input ();
  g_autoptr (LimberReminder) r = limber_reminder_build (&in, FALSE, FALSE);

  g_assert_cmpuint (r->actions->len, ==, 0);
  g_assert_nonnull (strstr (r->body, "limberctl start"));
  g_assert_nonnull (strstr (r->body, "limberctl snooze"));
  g_assert_nonnull (strstr (r->body, "limberctl skip"));
  g_assert_cmpstr (r->body, ==, "Hips and back · 3 min\nFirst: Stand up and step one foot back.\n\n"
                                "Start: limberctl start · Snooze: limberctl snooze · Skip: limberctl skip");
}

static void
test_escaping (void)
{
  LimberReminderInput in = movement_input ();
  in.routine_title = "<b>&";
  in.first_step = "a < b & \"c\"";
  g_autoptr (LimberReminder) markup = limber_reminder_build (&in, TRUE, TRUE);
  g_autoptr (LimberReminder) plain = limber_reminder_build (&in, TRUE, FALSE);
  LimberReminderInput step = step_input (1);
  step.stretch_title = "Hip & <i>knee</i>";
  step.step_text = "<b>&";
  g_autoptr (LimberReminder) step_markup = limber_reminder_build (&step, TRUE, TRUE);
  LimberReminderInput notice = { .kind = LIMBER_REMINDER_NOTICE, .text = "limber.conf:3: <b>&" };
  g_autoptr (LimberReminder) notice_markup = limber_reminder_build (&notice, TRUE, TRUE);
  g_autoptr (LimberReminder) notice_plain = limber_reminder_build (&notice, TRUE, FALSE);

  g_assert_cmpstr (markup->body, ==, "<b>&lt;b&gt;&amp;</b> · 3 min\nFirst: a &lt; b &amp; &quot;c&quot;");
  g_assert_cmpstr (plain->body, ==, "<b>& · 3 min\nFirst: a < b & \"c\"");
  /* The summary is plain text for every server. */
  g_assert_cmpstr (step_markup->summary, ==, "Hip & <i>knee</i> (2 of 4)");
  g_assert_true (g_str_has_prefix (step_markup->body, "&lt;b&gt;&amp;\n"));
  g_assert_cmpstr (notice_markup->body, ==, "limber.conf:3: &lt;b&gt;&amp;");
  g_assert_cmpstr (notice_plain->body, ==, "limber.conf:3: <b>&");
  g_assert_cmpstr (notice_plain->category, ==, "x-limber.notice");
}

static void
test_step (void)
{
  LimberReminderInput in = step_input (2);
  g_autoptr (LimberReminder) r = limber_reminder_build (&in, TRUE, FALSE);
  g_autofree char *keys = action_keys (r);
  LimberReminderInput one_side = step_input (1);
  g_autoptr (LimberReminder) one = limber_reminder_build (&one_side, FALSE, TRUE);
  LimberReminderInput last = step_input (1);
  last.step = 3;
  last.hold_us = 0;
  g_autoptr (LimberReminder) end = limber_reminder_build (&last, TRUE, FALSE);

  g_assert_cmpstr (r->summary, ==, "Standing hip flexor stretch (2 of 4)");
  g_assert_cmpstr (r->body, ==, "Tuck your pelvis and lean forward gently.\nHold 30 s, then switch sides.");
  g_assert_cmpstr (keys, ==, "next,stop");
  g_assert_true (r->resident);
  g_assert_cmpint (r->progress, ==, 50);
  g_assert_cmpint (r->expire_us, ==, 0);
  g_assert_cmpstr (one->body, ==, "Tuck your pelvis and lean forward gently.\n<b>Hold 30 s</b>.");
  g_assert_cmpuint (one->actions->len, ==, 0);
  g_assert_cmpstr (end->body, ==, "Tuck your pelvis and lean forward gently.");
  g_assert_cmpint (end->progress, ==, 100);
}

static void
test_micro_done (void)
{
  LimberReminderInput micro = {
    .kind = LIMBER_REMINDER_MICRO,
    .stretch_title = "Chin tuck",
    .step_text = "Draw your chin straight back, hold, release.",
    .hold_us = 20 * G_USEC_PER_SEC,
  };
  g_autoptr (LimberReminder) m = limber_reminder_build (&micro, TRUE, TRUE);
  g_autofree char *keys = action_keys (m);
  LimberReminderInput done = { .kind = LIMBER_REMINDER_DONE, .routine_title = "Hips & back" };
  g_autoptr (LimberReminder) d = limber_reminder_build (&done, TRUE, TRUE);

  g_assert_cmpstr (m->summary, ==, "Micro-break — Chin tuck");
  g_assert_cmpstr (m->body, ==, "Draw your chin straight back, hold, release.\nAbout 20 s.");
  g_assert_cmpstr (keys, ==, "done");
  g_assert_cmpint (m->expire_us, ==, 20 * G_USEC_PER_SEC);
  g_assert_false (m->critical);
  g_assert_cmpstr (d->summary, ==, "Done — sitting clock reset");
  g_assert_cmpstr (d->body, ==, "Hips &amp; back complete. Nice work.");
  g_assert_cmpuint (d->actions->len, ==, 0);
  g_assert_cmpint (d->expire_us, >, 0);
  g_assert_cmpint (d->expire_us, <=, 10 * G_USEC_PER_SEC);
}

static void
test_choices (void)
{
  g_assert_cmpint (limber_choice_from_action ("default"), ==, LIMBER_CHOICE_START);
  g_assert_cmpint (limber_choice_from_action ("snooze"), ==, LIMBER_CHOICE_SNOOZE);
  g_assert_cmpint (limber_choice_from_action ("skip"), ==, LIMBER_CHOICE_SKIP);
  g_assert_cmpint (limber_choice_from_action ("next"), ==, LIMBER_CHOICE_NEXT);
  g_assert_cmpint (limber_choice_from_action ("stop"), ==, LIMBER_CHOICE_STOP);
  g_assert_cmpint (limber_choice_from_action ("done"), ==, LIMBER_CHOICE_DONE);
  g_assert_cmpint (limber_choice_from_action ("dismissed"), ==, LIMBER_CHOICE_DISMISSED);
  g_assert_cmpint (limber_choice_from_action ("bogus"), ==, LIMBER_CHOICE_DISMISSED);
  /* An expiry comes from the server's close, never from an action key. */
  g_assert_cmpint (limber_choice_from_action ("expired"), ==, LIMBER_CHOICE_DISMISSED);
  g_assert_cmpint (limber_choice_from_action (NULL), ==, LIMBER_CHOICE_DISMISSED);
  g_assert_cmpint (limber_choice_from_action_for_kind (LIMBER_REMINDER_STEP, "default"), ==, LIMBER_CHOICE_NEXT);
  g_assert_cmpint (limber_choice_from_action_for_kind (LIMBER_REMINDER_MICRO, "default"), ==, LIMBER_CHOICE_DONE);
  g_assert_cmpint (limber_choice_from_action_for_kind (LIMBER_REMINDER_STEP, "stop"), ==, LIMBER_CHOICE_STOP);
  g_assert_cmpstr (limber_choice_to_string (LIMBER_CHOICE_SNOOZE), ==, "snooze");
  g_assert_cmpstr (limber_choice_to_string (LIMBER_CHOICE_EXPIRED), ==, "expired");
  g_assert_cmpint (limber_choice_from_action ("stand"), ==, LIMBER_CHOICE_STAND);
  g_assert_cmpint (limber_choice_from_action ("sit"), ==, LIMBER_CHOICE_SIT);
  g_assert_cmpstr (limber_choice_to_string (LIMBER_CHOICE_SIT), ==, "sit");
  for (guint c = LIMBER_CHOICE_START; c <= LIMBER_CHOICE_SIT; c++)
    g_assert_cmpstr (limber_choice_to_string ((LimberChoice) c), !=, "unknown");
  g_assert_cmpstr (limber_choice_to_string ((LimberChoice) 99), ==, "unknown");
}

static void
expect_actions (const LimberReminder *r, const char *expected)
{
  g_autoptr (GString) got = g_string_new (NULL);

  for (guint i = 0; i < r->actions->len; i++)
    g_string_append_printf (got, "%s%s", i > 0 ? "|" : "", (const char *) g_ptr_array_index (r->actions, i));
  g_assert_cmpstr (got->str, ==, expected);
}

/* A sit-stand desk's popups: what they say, their buttons, and what a click on the body means. */
static void
test_posture (void)
{
  LimberReminderInput stand = { .kind = LIMBER_REMINDER_STAND, .spell_us = 20 * MIN_US };
  LimberReminderInput sit = { .kind = LIMBER_REMINDER_SIT, .spell_us = 8 * MIN_US };
  LimberReminderInput limit = { .kind = LIMBER_REMINDER_STAND_LIMIT, .spell_us = 45 * MIN_US };
  LimberReminderInput movement = { .kind = LIMBER_REMINDER_MOVEMENT, .sitting_us = 30 * MIN_US, .sit_stand = TRUE };
  g_autoptr (LimberReminder) r_stand = limber_reminder_build (&stand, TRUE, TRUE);
  g_autoptr (LimberReminder) r_sit = limber_reminder_build (&sit, TRUE, TRUE);
  g_autoptr (LimberReminder) r_limit = limber_reminder_build (&limit, TRUE, FALSE);
  g_autoptr (LimberReminder) r_plain = limber_reminder_build (&limit, FALSE, FALSE);
  g_autoptr (LimberReminder) r_move = limber_reminder_build (&movement, TRUE, TRUE);

  g_assert_cmpstr (r_stand->summary, ==, "Time to stand — 20 min sitting");
  g_assert_cmpstr (r_stand->body, ==, "Raise the desk and work standing for a while.");
  expect_actions (r_stand, "stand|I'm standing now");
  g_assert_cmpstr (r_sit->summary, ==, "You may sit — 8 min standing");
  expect_actions (r_sit, "sit|I sat down");
  g_assert_false (r_sit->critical);
  g_assert_cmpstr (r_limit->summary, ==, "45 min standing — time to move");
  expect_actions (r_limit, "start|Move now|sit|I sat down");
  /* Without buttons, the body says how to answer. */
  expect_actions (r_plain, "");
  g_assert_true (g_str_has_suffix (r_plain->body, "\n\nMove: limberctl start · Sat down: limberctl sit"));
  g_assert_cmpstr (r_move->summary, ==, "Time to move — 30 min at the desk");
  /* Clicking the body answers nothing: a posture is only taken from its button. */
  g_assert_cmpint (limber_choice_from_action_for_kind (LIMBER_REMINDER_STAND, "default"), ==,
                   LIMBER_CHOICE_DISMISSED);
  g_assert_cmpint (limber_choice_from_action_for_kind (LIMBER_REMINDER_SIT, "sit"), ==, LIMBER_CHOICE_SIT);
  g_assert_cmpint (limber_choice_from_action_for_kind (LIMBER_REMINDER_STAND_LIMIT, "start"), ==,
                   LIMBER_CHOICE_START);
}

static void
test_duration (void)
{
  struct { gint64 us; const char *text; } cases[] = {
    { 0, "0 s" }, { 45 * G_USEC_PER_SEC, "45 s" }, { 59 * G_USEC_PER_SEC + 600000, "1 min" },
    { 150 * G_USEC_PER_SEC, "2 min 30 s" }, { 32 * MIN_US + 20 * G_USEC_PER_SEC, "32 min" },
    { 60 * MIN_US, "1 h" }, { 65 * MIN_US, "1 h 5 min" }, { -5, "0 s" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = limber_reminder_format_duration (cases[i].us);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_input_copy (void)
{
  LimberReminderInput in = movement_input ();
  g_autofree char *title = g_strdup ("Hips and back");
  in.routine_title = title;
  g_autoptr (LimberReminderInput) copy = limber_reminder_input_copy (&in);

  title[0] = 'X';
  g_assert_cmpstr (copy->routine_title, ==, "Hips and back");
  g_assert_cmpstr (copy->first_step, ==, in.first_step);
  g_assert_true (copy->first_step != in.first_step);
  g_assert_null (copy->text);
  g_assert_cmpint (copy->sitting_us, ==, in.sitting_us);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reminder/movement", test_movement);
  g_test_add_func ("/reminder/movement-snooze", test_movement_snooze);
  g_test_add_func ("/reminder/movement-escalate", test_movement_escalate);
  g_test_add_func ("/reminder/no-actions", test_no_actions);
  g_test_add_func ("/reminder/escaping", test_escaping);
  g_test_add_func ("/reminder/step", test_step);
  g_test_add_func ("/reminder/micro-done", test_micro_done);
  g_test_add_func ("/reminder/choices", test_choices);
  g_test_add_func ("/reminder/duration", test_duration);
  g_test_add_func ("/reminder/posture", test_posture);
  g_test_add_func ("/reminder/input-copy", test_input_copy);
  return g_test_run ();
}
