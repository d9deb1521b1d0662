/* reminder.h: the content of every Limber popup (summary, body, actions, hints), built purely from what the daemon knows. */
#pragma once

#include <glib.h>

#include "core/wording.h"

G_BEGIN_DECLS

typedef enum
{
  LIMBER_REMINDER_MOVEMENT,
  LIMBER_REMINDER_MICRO,
  LIMBER_REMINDER_STEP,
  LIMBER_REMINDER_DONE,
  LIMBER_REMINDER_NOTICE, /* e.g. "the config has an error" */
  /* sit-stand desks; spell_us = time in the present posture */
  LIMBER_REMINDER_STAND,       /* sitting long enough: time to stand ("stand") */
  LIMBER_REMINDER_SIT,         /* standing a while: you may sit, if you like ("sit"); gentle */
  LIMBER_REMINDER_STAND_LIMIT, /* standing long: move ("start") or sit ("sit") */
  LIMBER_REMINDER_HURT,        /* after "That hurt": the red flags, and a gentler week offered */
} LimberReminderKind;

typedef enum
{
  LIMBER_CHOICE_START,
  LIMBER_CHOICE_SNOOZE,
  LIMBER_CHOICE_SKIP,
  LIMBER_CHOICE_NEXT,
  LIMBER_CHOICE_STOP,
  LIMBER_CHOICE_DONE,
  LIMBER_CHOICE_DISMISSED,
  /* The server took the live popup down without the user choosing: it expired (reason 1), or a
   * CloseNotification that was not ours, or an undefined reason. Never from an action key. */
  LIMBER_CHOICE_EXPIRED,
  LIMBER_CHOICE_STAND,  /* "I'm standing now" (sit-stand desks) */
  LIMBER_CHOICE_SIT,    /* "I sat down" */
  LIMBER_CHOICE_HURT,   /* "That hurt", on a step: end the routine, offer a gentler week */
  LIMBER_CHOICE_GENTLE, /* the gentler week offered after "That hurt" */
  LIMBER_CHOICE_WALK_ONLY, /* a week of walks only, likewise */
} LimberChoice;

/* What the daemon knows. Every string is raw config text (NOT escaped); any may be NULL. */
typedef struct
{
  LimberReminderKind kind;
  /* MOVEMENT (and MICRO: sitting_us, for its why) */
  gint64 sitting_us;
  const char *routine_title;
  gint64 routine_total_us;
  const char *first_step;
  guint snoozes_left;
  gint64 snooze_us;
  gboolean escalate;
  gboolean sit_stand;   /* a sit-stand desk: desk time is not all sitting */
  gboolean seated;      /* [profile] mobility = seated: moving, not standing up */
  gboolean stand_slowly; /* pregnancy or the gentle week: the first step says to stand up slowly */
  /* MOVEMENT, MICRO, STAND, SIT, STAND_LIMIT: which wording (limber_wording_next; taken modulo
   * the count), and for MOVEMENT and MICRO the area (a catalogue area name) the why is about */
  guint wording;
  const char *area;
  /* STAND, SIT, STAND_LIMIT: how long in the present posture */
  gint64 spell_us;
  /* STEP (step is 0-based, of n_steps) and MICRO (the posture reset; hold_us = its length) */
  const char *stretch_title;
  const char *step_text;
  gint64 hold_us;
  LimberStepKind step_kind;
  guint reps;           /* REPEAT: times (per side); 0 = not said */
  const char *cue;      /* MOVE: "Keep walking"; NULL = "Keep moving" */
  guint side;           /* 0 one-sided, 1 the first side, 2 the second (its own popup: "Switch sides") */
  const char *caution;
  const char *picture;  /* STEP, MICRO: the illustration's file, NULL for none */
  guint step;
  guint n_steps;
  /* NOTICE body */
  const char *text;
} LimberReminderInput;

typedef struct
{
  LimberReminderKind kind;
  char *summary;          /* plain text: servers never parse markup in the summary */
  char *body;             /* markup-escaped only when the server advertises body-markup */
  GPtrArray *actions;     /* pairs key, label; keys "default","snooze","skip","next","stop","done",
                           * "start","stand","sit","hurt","gentle","walk-only" */
  char *image_path;       /* the illustration's file (image-path), NULL for the app icon */
  const char *category;   /* vendor category hint, "x-limber.break" or "x-limber.notice" */
  gboolean critical;      /* urgency critical (escalation) instead of normal */
  gboolean resident;      /* keep the popup after an action: it is updated step by step */
  gint64 expire_us;       /* 0 = never (stays until answered or withdrawn) */
  int progress;           /* -1 none, else 0..100 (the "value" hint) */
} LimberReminder;

/* The icon name (hicolor theme) and desktop-entry of every popup. */
#define LIMBER_REMINDER_ICON "limber"
#define LIMBER_REMINDER_DESKTOP_ENTRY "limber"

/* What a popup may hold and still be shown whole by the servers Limber is used with, in
 * characters of plain text word-wrapped at the columns (limber_wording_count_lines). Every
 * shipped stretch, wording and notice is checked against them (tests/test-reminder.c):
 *  - GNOME Shell 42-48: the summary is one line beside the icon (about 45 characters of bold
 *    text); an expanded banner shows the body in up to 6 lines (messageList.js
 *    DEFAULT_EXPAND_LINES) of about 55 characters.
 *  - KDE Plasma 5.16-6: popups are 18 grid units wide (about 40 characters beside a picture) and
 *    show 8 lines of body (NotificationPopup.qml maximumLineCount), 3 of summary.
 *  - dunst 1.9 with its defaults: 300 pixels wide (about 40 characters beside a 32-pixel icon)
 *    and up to 300 pixels high (about 14 lines); its config can change both.
 * Servers without buttons get the limberctl commands on two more lines. */
#define LIMBER_REMINDER_MAX_SUMMARY_CHARS 45
#define LIMBER_REMINDER_GNOME_COLUMNS 55
#define LIMBER_REMINDER_GNOME_LINES 6
#define LIMBER_REMINDER_KDE_COLUMNS 40
#define LIMBER_REMINDER_KDE_LINES 8
#define LIMBER_REMINDER_DUNST_COLUMNS 40
#define LIMBER_REMINDER_DUNST_LINES 14

/* The wording pool of a kind of popup (limber_wording_next); LIMBER_WORDING_N when its words do not vary. */
LimberWording limber_reminder_wording_for (LimberReminderKind kind, gboolean seated);

LimberReminder *limber_reminder_build (const LimberReminderInput *in,
                                       gboolean                   server_has_actions,
                                       gboolean                   server_has_markup);
void limber_reminder_free (LimberReminder *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberReminder, limber_reminder_free)

/* "default"/"start" → START, "snooze", "skip", "next", "stop", "done", "stand", "sit", "hurt", "gentle",
 * "walk-only"; anything else → DISMISSED. */
LimberChoice limber_choice_from_action (const char *key);
/* Like limber_choice_from_action, but "default" means what clicking that kind of popup means:
 * START for a movement reminder, NEXT for a step, DONE for a micro-break, GENTLE after "That
 * hurt", DISMISSED otherwise
 * (a posture is never taken from a click on the popup's body: only from its buttons). */
LimberChoice limber_choice_from_action_for_kind (LimberReminderKind kind,
                                                 const char        *key);
/* "start", "snooze", … "dismissed", "expired": for logs and the test probe. */
const char *limber_choice_to_string (LimberChoice choice);

/* "32 min", "45 s", "2 min 30 s", "1 h 5 min": rounded to whole seconds (minutes from 10 min up). */
char *limber_reminder_format_duration (gint64 duration_us);

/* A deep copy of an input (the notifier keeps the current one to show it again later). */
LimberReminderInput *limber_reminder_input_copy (const LimberReminderInput *in);
void limber_reminder_input_free (LimberReminderInput *in);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberReminderInput, limber_reminder_input_free)

G_END_DECLS
