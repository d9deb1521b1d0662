/* notifier-probe.c: drives a LimberNotifier from commands on stdin and prints what it reports,
 * so tests/integration/test_notifier.py can check the popups against a real notification server.
 *
 * Commands, one a line:  movement [SITTING_MIN [SNOOZES_LEFT [escalate|seated]]] | step I N [SIDES] |
 *   (SIDES 2: the first side of a two-sided stretch) | micro | done | hurt (the popup after "That hurt") |
 *   notice TEXT (a notice as the live popup) | oneoff TEXT (limber_notifier_notice) |
 *   title TEXT (routine/stretch title of later popups) | picture PATH (the illustration of later steps) |
 *   text TEXT, caution TEXT (of later steps) | first TEXT, area AREA (the first step of later reminders,
 *   the area their why is about) |
 *   welcome (the first-run notice, as limberd sends it) |
 *   withdraw | server | dnd | quit
 * Output lines: "ok COMMAND" after each command, "choice NAME", "server yes|no",
 *   "dnd on|off", "dnd-changed on|off". */
#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/notifier.h"

#define MIN_US (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)

typedef struct
{
  GMainLoop *loop;
  LimberNotifier *notifier;
  GDataInputStream *input;
  char *title;
  char *picture;
  char *text;
  char *caution;
  char *first;
  char *area;
} Probe;

static void
on_choice (LimberChoice choice, gpointer data)
{
  printf ("choice %s\n", limber_choice_to_string (choice));
}

static void
on_dnd (gboolean active, gpointer data)
{
  printf ("dnd-changed %s\n", active ? "on" : "off");
}

static guint
arg_uint (char **argv, guint i, guint fallback)
{
  return g_strv_length (argv) > i ? (guint) strtoul (argv[i], NULL, 10) : fallback;
}

static void
show_movement (Probe *p, char **argv)
{
  LimberReminderInput in = {
    .kind = LIMBER_REMINDER_MOVEMENT,
    .sitting_us = arg_uint (argv, 1, 32) * MIN_US,
    .routine_title = p->title ? p->title : "Hips and back",
    .routine_total_us = 3 * MIN_US,
    .first_step = p->first ? p->first : "Stand up and step one foot back into a lunge.",
    .snoozes_left = arg_uint (argv, 2, 2),
    .snooze_us = 5 * MIN_US,
    .escalate = g_strv_length (argv) > 3 && g_str_equal (argv[3], "escalate"),
    .seated = g_strv_length (argv) > 3 && g_str_equal (argv[3], "seated"),
    .area = p->area,
  };
  limber_notifier_show (p->notifier, &in);
}

static void
show_step (Probe *p, char **argv)
{
  LimberReminderInput in = {
    .kind = LIMBER_REMINDER_STEP,
    .stretch_title = p->title ? p->title : "Standing hip flexor stretch",
    .step_text = p->text ? p->text
                         : "Tuck your pelvis under and shift your weight forward until the front of the back hip stretches.",
    .hold_us = 30 * G_USEC_PER_SEC,
    .side = arg_uint (argv, 3, 2) == 2 ? 1 : 0,
    .caution = p->caution ? p->caution : "Keep your chest up and your lower back still.",
    .picture = p->picture,
    .step = arg_uint (argv, 1, 1) - 1,
    .n_steps = arg_uint (argv, 2, 3),
  };
  limber_notifier_show (p->notifier, &in);
}

static void
show_simple (Probe *p, LimberReminderKind kind, const char *text)
{
  LimberReminderInput in = {
    .kind = kind,
    .stretch_title = "Chin tuck",
    .step_text = "Sit tall and draw your chin straight back; hold, then release.",
    .hold_us = 20 * G_USEC_PER_SEC,
    .routine_title = p->title,
    .text = text,
  };
  limber_notifier_show (p->notifier, &in);
}

static void
set_text (char **field, const char *text)
{
  g_free (*field);
  *field = g_strdup (text);
}

static gboolean
run_command (Probe *p, const char *line)
{
  g_auto (GStrv) argv = g_strsplit (line, " ", 4);
  const char *cmd = argv[0] ? argv[0] : "";
  const char *rest = strchr (line, ' ') ? strchr (line, ' ') + 1 : "";

  if (g_str_equal (cmd, "movement"))
    show_movement (p, argv);
  else if (g_str_equal (cmd, "step"))
    show_step (p, argv);
  else if (g_str_equal (cmd, "micro"))
    show_simple (p, LIMBER_REMINDER_MICRO, NULL);
  else if (g_str_equal (cmd, "done"))
    show_simple (p, LIMBER_REMINDER_DONE, NULL);
  else if (g_str_equal (cmd, "hurt"))
    show_simple (p, LIMBER_REMINDER_HURT, NULL);
  else if (g_str_equal (cmd, "picture"))
    set_text (&p->picture, rest);
  else if (g_str_equal (cmd, "text"))
    set_text (&p->text, rest);
  else if (g_str_equal (cmd, "caution"))
    set_text (&p->caution, rest);
  else if (g_str_equal (cmd, "first"))
    set_text (&p->first, rest);
  else if (g_str_equal (cmd, "area"))
    set_text (&p->area, rest);
  else if (g_str_equal (cmd, "welcome"))
    {
      g_autofree char *welcome = limber_wording_welcome ("30 min");
      limber_notifier_notice (p->notifier, welcome);
    }
  else if (g_str_equal (cmd, "notice"))
    show_simple (p, LIMBER_REMINDER_NOTICE, rest);
  else if (g_str_equal (cmd, "oneoff"))
    limber_notifier_notice (p->notifier, rest);
  else if (g_str_equal (cmd, "title"))
    {
      g_free (p->title);
      p->title = g_strdup (rest);
    }
  else if (g_str_equal (cmd, "withdraw"))
    limber_notifier_withdraw (p->notifier);
  else if (g_str_equal (cmd, "server"))
    printf ("server %s\n", limber_notifier_has_server (p->notifier) ? "yes" : "no");
  else if (g_str_equal (cmd, "dnd"))
    printf ("dnd %s\n", limber_notifier_dnd_active (p->notifier) ? "on" : "off");
  else if (g_str_equal (cmd, "quit") || *cmd == '\0')
    return FALSE;
  else
    printf ("error unknown command %s\n", cmd);
  printf ("ok %s\n", cmd);
  return TRUE;
}

static void
on_line (GObject *source, GAsyncResult *result, gpointer data)
{
  Probe *p = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (p->input, result, NULL, &error);

  if (line == NULL || !run_command (p, g_strstrip (line)))
    {
      g_main_loop_quit (p->loop);
      return;
    }
  g_data_input_stream_read_line_async (p->input, G_PRIORITY_DEFAULT, NULL, on_line, p);
}

int
main (int argc, char **argv)
{
  g_autoptr (GInputStream) stdin_stream = g_unix_input_stream_new (0, FALSE);
  Probe p = { 0 };

  setvbuf (stdout, NULL, _IOLBF, 0);
  p.loop = g_main_loop_new (NULL, FALSE);
  p.notifier = limber_notifier_new (on_choice, &p);
  limber_notifier_set_dnd_func (p.notifier, on_dnd, &p);
  p.input = g_data_input_stream_new (stdin_stream);
  g_data_input_stream_read_line_async (p.input, G_PRIORITY_DEFAULT, NULL, on_line, &p);
  printf ("ready\n");
  g_main_loop_run (p.loop);
  limber_notifier_free (p.notifier);
  g_object_unref (p.input);
  g_main_loop_unref (p.loop);
  g_free (p.title);
  g_free (p.picture);
  g_free (p.text);
  g_free (p.caution);
  g_free (p.first);
  g_free (p.area);
  return 0;
}
