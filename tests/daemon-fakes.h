/* daemon-fakes.h: the fakes test-daemon.c puts at the daemon's three seams (presence, popups, clock). */
#pragma once

#include "daemon-seams.h"

G_BEGIN_DECLS

/* One popup the daemon showed, as the notification server would have drawn it. */
typedef struct {
  LimberReminderKind kind;
  char *summary;
  char *body;
  guint snoozes_left;
  gboolean has_snooze;   /* the Snooze action was offered */
  gboolean critical;     /* escalated */
  gint64 shown_us;       /* the fake clock's now when shown */
} FakePopup;

/* The state behind all three fakes. It outlives the daemons built on it, so a test can free one
 * daemon and build the next on the same clock (a restart). */
typedef struct {
  LimberDaemonSeams seams;      /* give &seams in LimberDaemonOptions */

  /* clock: wall = now_us + wall_minus_now_us */
  gint64 now_us;
  gint64 wall_minus_now_us;
  gint64 due_us;                /* the armed deadline; G_MAXINT64 none */
  guint deadline_sets;          /* set_deadline calls */
  guint deadline_sets_unmoved;  /* of them, to the deadline already armed */
  GSourceFunc fire;             /* the daemon's deadline callback, NULL without a daemon */
  gpointer fire_daemon;

  /* presence */
  LimberPresence *presence;     /* the daemon's, NULL without a daemon */
  LimberFullscreen fullscreen;  /* the answer to get_fullscreen */
  gint64 threshold_us;          /* the last away threshold the daemon set */

  /* popups */
  LimberNotifierChoiceFunc choice;
  LimberNotifierDndFunc dnd;
  gpointer notifier_daemon;     /* NULL without a daemon */
  GPtrArray *popups;            /* FakePopup: every show, in order */
  gboolean live;                /* a popup is up: shown and not withdrawn since */
  guint n_withdrawn;            /* withdraw calls */
  GPtrArray *notices;           /* char *: every notice, in order */
} FakeSeams;

/* The clock starts at CLOCK_BOOTTIME @now_us and the wall clock at @wall_us. */
FakeSeams *fake_seams_new (gint64 now_us, gint64 wall_us);
void fake_seams_free (FakeSeams *f);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeSeams, fake_seams_free)

gint64 fake_clock_wall_us (FakeSeams *f);
/* Moves time on by @delta_us; every deadline armed within it fires at its own time, in order. */
void fake_clock_advance (FakeSeams *f, gint64 delta_us);

/* The user's input stopped at @at_us (AWAY) or came back at @at_us (BACK). */
void fake_presence_report (FakeSeams *f, LimberPresenceEvent event, gint64 at_us);
/* The display server went away. */
void fake_presence_lose (FakeSeams *f);

/* The user answered the live popup. */
void fake_notifier_choose (FakeSeams *f, LimberChoice choice);
/* The server's do-not-disturb went on or off. */
void fake_notifier_set_dnd (FakeSeams *f, gboolean active);
/* The last popup shown, NULL if none. */
const FakePopup *fake_notifier_last (FakeSeams *f);

G_END_DECLS
