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
    .side = sides == 2 ? 1 : 0,
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
  /* Wording 0, with its why: no area given, so the time at the desk. */
  g_assert_cmpstr (r->body, ==, "Up you get: you have been at the desk for 32 min.\n"
                                "<b>Hips and back</b> · 3 min\nFirst: Stand up and step one foot back.");
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
  g_assert_cmpstr (r->body, ==, "Up you get: you have been at the desk for 32 min.\n"
                                "Hips and back · 3 min\nFirst: Stand up and step one foot back.\n\n"
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

  g_assert_cmpstr (markup->body, ==, "Up you get: you have been at the desk for 32 min.\n"
                                     "<b>&lt;b&gt;&amp;</b> · 3 min\nFirst: a &lt; b &amp; &quot;c&quot;");
  g_assert_cmpstr (plain->body, ==, "Up you get: you have been at the desk for 32 min.\n<b>& · 3 min\nFirst: a < b & \"c\"");
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
  /* The first side says nothing of switching: the second side's popup does, when it is time. */
  g_assert_cmpstr (r->body, ==, "Tuck your pelvis and lean forward gently.\nHold 30 s on this side. Mild stretch, no pain.");
  g_assert_cmpstr (keys, ==, "next,stop,hurt");
  g_assert_cmpstr (action_label (r, "hurt"), ==, "That hurt");
  g_assert_true (r->resident);
  g_assert_cmpint (r->progress, ==, 50);
  g_assert_cmpint (r->expire_us, ==, 0);
  g_assert_null (r->image_path);
  g_assert_cmpstr (one->body, ==, "Tuck your pelvis and lean forward gently.\n<b>Hold 30 s.</b> Mild stretch, no pain.");
  g_assert_cmpuint (one->actions->len, ==, 0);
  g_assert_cmpstr (end->body, ==, "Tuck your pelvis and lean forward gently.");
  g_assert_cmpint (end->progress, ==, 100);
}

/* Each kind of step says its time its own way, the side switch comes once when it is time, and
 * the stretch's caution and picture go with it. */
static void
test_step_kinds (void)
{
  LimberReminderInput hold = step_input (1);
  LimberReminderInput repeat = step_input (1);
  LimberReminderInput move = step_input (1);
  LimberReminderInput second = step_input (2);
  g_autoptr (LimberReminder) r_hold = NULL;
  g_autoptr (LimberReminder) r_repeat = NULL;
  g_autoptr (LimberReminder) r_sides = NULL;
  g_autoptr (LimberReminder) r_move = NULL;
  g_autoptr (LimberReminder) r_second = NULL;

  hold.caution = "Keep your chest up.";
  hold.picture = "/usr/share/limber/stretches/x.svg";
  r_hold = limber_reminder_build (&hold, TRUE, FALSE);
  g_assert_cmpstr (r_hold->body, ==, "Tuck your pelvis and lean forward gently.\nHold 30 s. Mild stretch, no pain.\n"
                                     "Care: Keep your chest up.");
  g_assert_cmpstr (r_hold->image_path, ==, "/usr/share/limber/stretches/x.svg");
  repeat.step_kind = LIMBER_STEP_REPEAT;
  repeat.reps = 6;
  r_repeat = limber_reminder_build (&repeat, TRUE, FALSE);
  g_assert_true (g_str_has_suffix (r_repeat->body, "\n6 slow rounds, about 30 s. Slow, small, no pain."));
  g_assert_null (strstr (r_repeat->body, "Hold"));
  repeat.side = 1;
  r_sides = limber_reminder_build (&repeat, TRUE, TRUE);
  g_assert_true (g_str_has_suffix (r_sides->body, "\n<b>6 slow rounds on this side.</b> Slow, small, no pain."));
  move.step_kind = LIMBER_STEP_MOVE;
  move.cue = "Keep walking";
  move.hold_us = 2 * MIN_US;
  r_move = limber_reminder_build (&move, TRUE, FALSE);
  g_assert_true (g_str_has_suffix (r_move->body, "\nKeep walking for 2 min. Easy pace; stop if it hurts."));
  g_assert_null (strstr (r_move->body, "Hold"));
  second.side = 2;
  second.step = 2;
  r_second = limber_reminder_build (&second, TRUE, TRUE);
  g_assert_cmpstr (r_second->summary, ==, "Standing hip flexor stretch (3 of 4)");
  g_assert_cmpstr (r_second->body, ==, "<b>Switch sides now.</b> Same again on the other side.\n"
                                       "<b>Hold 30 s on this side.</b> Mild stretch, no pain.");
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
  g_assert_cmpstr (m->body, ==, "A quick reset: you have been at the desk for a while.\n"
                                "Draw your chin straight back, hold, release.\nAbout 20 s.");
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
  g_assert_cmpint (limber_choice_from_action ("hurt"), ==, LIMBER_CHOICE_HURT);
  g_assert_cmpint (limber_choice_from_action ("gentle"), ==, LIMBER_CHOICE_GENTLE);
  g_assert_cmpint (limber_choice_from_action ("walk-only"), ==, LIMBER_CHOICE_WALK_ONLY);
  g_assert_cmpint (limber_choice_from_action_for_kind (LIMBER_REMINDER_HURT, "default"), ==, LIMBER_CHOICE_GENTLE);
  for (guint c = LIMBER_CHOICE_START; c <= LIMBER_CHOICE_WALK_ONLY; c++)
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

/* A wheelchair user's reminder says "move", never "stand up"; in pregnancy and the gentle week the
 * first step starts with standing up slowly. */
static void
test_seated_and_slowly (void)
{
  LimberReminderInput in = movement_input ();
  g_autoptr (LimberReminder) seated = NULL;
  g_autoptr (LimberReminder) slowly = NULL;

  in.seated = TRUE;
  in.routine_title = NULL;
  in.first_step = "Brakes on, sit tall.";
  seated = limber_reminder_build (&in, TRUE, FALSE);
  g_assert_cmpstr (seated->summary, ==, "Time to move — 32 min at the desk");
  g_assert_null (strstr (seated->body, "tand up"));
  g_assert_null (strstr (seated->body, "feet"));
  g_assert_true (g_str_has_prefix (seated->body, "Time for a change: "));
  in = movement_input ();
  in.stand_slowly = TRUE;
  slowly = limber_reminder_build (&in, TRUE, FALSE);
  g_assert_true (g_str_has_suffix (slowly->body, "\nFirst: Stand up slowly. Stand up and step one foot back."));
}

/* At least four wordings for each kind that varies, each with its why, none chosen twice running. */
static void
test_wordings (void)
{
  for (LimberWording w = 0; w < LIMBER_WORDING_N; w++)
    {
      guint n = limber_wording_count (w);
      g_autofree gboolean *seen = g_new0 (gboolean, n);
      guint last = 0;

      g_assert_cmpuint (n, >=, 4);
      for (guint32 i = 0; i < 400; i++)
        {
          guint next = limber_wording_next (w, last, g_test_rand_int ());
          g_assert_cmpuint (next, <, n);
          g_assert_cmpuint (next, !=, last);
          seen[next] = TRUE;
          last = next;
        }
      for (guint k = 0; k < n; k++)
        {
          g_autofree char *prompt = limber_wording_prompt (w, k, "hips", "32 min");
          g_assert_true (seen[k]);
          if (w <= LIMBER_WORDING_MICRO)
            g_assert_nonnull (strstr (prompt, "your hip flexors have been short for 32 min"));
        }
    }
  g_assert_cmpint (limber_reminder_wording_for (LIMBER_REMINDER_MOVEMENT, TRUE), ==, LIMBER_WORDING_MOVEMENT_SEATED);
  g_assert_cmpint (limber_reminder_wording_for (LIMBER_REMINDER_STEP, FALSE), ==, LIMBER_WORDING_N);
}

static void
assert_fits (const char *summary, const char *body)
{
  g_autofree char *plain = limber_wording_plain (body);

  g_test_message ("%s | %s", summary, plain);
  g_assert_cmpint (g_utf8_strlen (summary, -1), <=, LIMBER_REMINDER_MAX_SUMMARY_CHARS);
  g_assert_cmpuint (limber_wording_count_lines (plain, LIMBER_REMINDER_GNOME_COLUMNS), <=, LIMBER_REMINDER_GNOME_LINES);
  g_assert_cmpuint (limber_wording_count_lines (plain, LIMBER_REMINDER_KDE_COLUMNS), <=, LIMBER_REMINDER_KDE_LINES);
  g_assert_cmpuint (limber_wording_count_lines (plain, LIMBER_REMINDER_DUNST_COLUMNS), <=, LIMBER_REMINDER_DUNST_LINES);
}

/* The first-run notice and the popup after "That hurt" say what the brief asks, and fit. */
static void
test_safety_texts (void)
{
  g_autofree char *welcome = limber_wording_welcome ("30 min");
  LimberReminderInput notice = { .kind = LIMBER_REMINDER_NOTICE, .text = welcome };
  LimberReminderInput hurt = { .kind = LIMBER_REMINDER_HURT };
  g_autoptr (LimberReminder) r_welcome = limber_reminder_build (&notice, FALSE, TRUE);
  g_autoptr (LimberReminder) r_hurt = limber_reminder_build (&hurt, TRUE, TRUE);
  g_autoptr (LimberReminder) r_hurt_plain = limber_reminder_build (&hurt, FALSE, FALSE);
  static const char *const welcome_words[] = { "Every 30 min", "1 in 5", "sharp pain", "Numbness", "tingling",
                                               "weakness", "see a doctor", "groin", "bladder", "bowel",
                                               "legs", "get help now", "limber.conf" };
  g_autofree char *keys = action_keys (r_hurt);

  for (gsize i = 0; i < G_N_ELEMENTS (welcome_words); i++)
    g_assert_nonnull (strstr (welcome, welcome_words[i]));
  assert_fits (r_welcome->summary, r_welcome->body);
  g_assert_cmpstr (r_hurt->summary, ==, "Sorry it hurt — the routine has ended");
  g_assert_true (g_str_has_prefix (r_hurt->body, limber_wording_red_flags ()));
  g_assert_nonnull (strstr (r_hurt->body, "7 days"));
  g_assert_cmpstr (keys, ==, "gentle,walk-only");
  g_assert_false (r_hurt->resident);
  g_assert_cmpint (r_hurt->expire_us, ==, 0);
  assert_fits (r_hurt->summary, r_hurt->body);
  g_assert_nonnull (strstr (r_hurt_plain->body, "limberctl gentle walk-only"));
  /* The posture popups, every wording. */
  for (LimberReminderKind kind = LIMBER_REMINDER_STAND; kind <= LIMBER_REMINDER_STAND_LIMIT; kind++)
    for (guint w = 0; w < 4; w++)
      {
        LimberReminderInput in = { .kind = kind, .spell_us = 95 * MIN_US, .wording = w };
        g_autoptr (LimberReminder) r = limber_reminder_build (&in, TRUE, TRUE);
        assert_fits (r->summary, r->body);
      }
}

/* How lines are counted for the limits: word-wrapped, each newline a line, long words broken. */
static void
test_count_lines (void)
{
  g_autofree char *plain = limber_wording_plain ("<b>Hold &amp; breathe</b> &lt;3 &quot;x&quot; &amp;lt;");

  g_assert_cmpuint (limber_wording_count_lines ("", 40), ==, 0);
  g_assert_cmpuint (limber_wording_count_lines ("one line", 40), ==, 1);
  g_assert_cmpuint (limber_wording_count_lines ("a\nb\n", 40), ==, 3);
  g_assert_cmpuint (limber_wording_count_lines ("aaaa bbbb", 9), ==, 1);
  g_assert_cmpuint (limber_wording_count_lines ("aaaa bbbbb", 9), ==, 2);
  g_assert_cmpuint (limber_wording_count_lines ("aaaaaaaaaaaaaaaaaaaa", 9), ==, 3);
  g_assert_cmpuint (limber_wording_count_lines ("ab  cd", 2), ==, 2);
  g_assert_cmpstr (plain, ==, "Hold & breathe <3 \"x\" &lt;");
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
  g_test_add_func ("/reminder/step-kinds", test_step_kinds);
  g_test_add_func ("/reminder/seated-and-slowly", test_seated_and_slowly);
  g_test_add_func ("/reminder/wordings", test_wordings);
  g_test_add_func ("/reminder/safety-texts", test_safety_texts);
  g_test_add_func ("/reminder/count-lines", test_count_lines);
  g_test_add_func ("/reminder/micro-done", test_micro_done);
  g_test_add_func ("/reminder/choices", test_choices);
  g_test_add_func ("/reminder/duration", test_duration);
  g_test_add_func ("/reminder/posture", test_posture);
  g_test_add_func ("/reminder/input-copy", test_input_copy);
  return g_test_run ();
}
