/* daemon-fakes.c: the fakes test-daemon.c puts at the daemon's three seams: a presence backend
 * the test reports through, a notifier that records every popup, and a clock the test moves on. */
#include "daemon-fakes.h"

/* A deadline re-armed at or before now this often in one advance is a daemon spinning. */
#define MAX_FIRES_PER_ADVANCE 100000

/* -- clock ------------------------------------------------------------------------------- */

static gpointer
clock_create (GSourceFunc fire, gpointer daemon, gpointer user_data, GError **error)
{
  FakeSeams *f = user_data;

  g_assert_null (f->fire);
  f->fire = fire;
  f->fire_daemon = daemon;
  f->due_us = G_MAXINT64;
  return f;
}

static gint64
clock_now_us (gpointer clock)
{
  return ((FakeSeams *) clock)->now_us;
}

static gint64
clock_wall_now_us (gpointer clock)
{
  return fake_clock_wall_us (clock);
}

static gboolean
clock_set_deadline (gpointer clock, gint64 due_us, GError **error)
{
  FakeSeams *f = clock;

  f->deadline_sets++;
  if (due_us == f->due_us)
    f->deadline_sets_unmoved++;
  f->due_us = due_us;
  return TRUE;
}

static void
clock_free (gpointer clock)
{
  FakeSeams *f = clock;

  f->fire = NULL;
  f->fire_daemon = NULL;
  f->due_us = G_MAXINT64;
}

static const LimberDaemonClockClass clock_class = {
  .create = clock_create,
  .now_us = clock_now_us,
  .wall_now_us = clock_wall_now_us,
  .set_deadline = clock_set_deadline,
  .free = clock_free,
};

gint64
fake_clock_wall_us (FakeSeams *f)
{
  return f->now_us + f->wall_minus_now_us;
}

void
fake_clock_advance (FakeSeams *f, gint64 delta_us)
{
  gint64 target_us = f->now_us + delta_us;
  guint fires = 0;

  g_assert_cmpint (delta_us, >=, 0);
  /* Like the timerfd: one expiry per arming, at the due time (or at once if it is past). */
  while (f->fire != NULL && f->due_us <= target_us)
    {
      f->now_us = MAX (f->now_us, f->due_us);
      f->due_us = G_MAXINT64;
      f->fire (f->fire_daemon);
      g_assert_cmpuint (++fires, <, MAX_FIRES_PER_ADVANCE);
    }
  f->now_us = target_us;
}

/* -- presence ---------------------------------------------------------------------------- */

typedef struct {
  LimberPresence parent;
  FakeSeams *fakes;
} FakePresence;

static void
presence_set_threshold (LimberPresence *self, gint64 away_after_us)
{
  ((FakePresence *) self)->fakes->threshold_us = away_after_us;
}

static void
presence_expect_return (LimberPresence *self)
{
}

static LimberFullscreen
presence_get_fullscreen (LimberPresence *self)
{
  return ((FakePresence *) self)->fakes->fullscreen;
}

static void
presence_free (LimberPresence *self)
{
  ((FakePresence *) self)->fakes->presence = NULL;
  g_free (self);
}

static const LimberPresenceClass presence_class = {
  .name = "fake",
  .set_threshold = presence_set_threshold,
  .expect_return = presence_expect_return,
  .get_fullscreen = presence_get_fullscreen,
  .free = presence_free,
};

static LimberPresence *
presence_new (const LimberPresenceFuncs *funcs, gpointer daemon, gpointer user_data, GError **error)
{
  FakeSeams *f = user_data;
  FakePresence *self = g_new0 (FakePresence, 1);

  g_assert_null (f->presence);
  limber_presence_init (&self->parent, &presence_class, funcs, daemon);
  self->fakes = f;
  f->presence = &self->parent;
  return f->presence;
}

void
fake_presence_report (FakeSeams *f, LimberPresenceEvent event, gint64 at_us)
{
  g_assert_nonnull (f->presence);
  limber_presence_report (f->presence, event, at_us);
}

void
fake_presence_lose (FakeSeams *f)
{
  g_assert_nonnull (f->presence);
  limber_presence_report_lost (f->presence);
}

/* -- popups ------------------------------------------------------------------------------ */

static void
fake_popup_free (FakePopup *p)
{
  g_free (p->summary);
  g_free (p->body);
  g_free (p);
}

static gpointer
notifier_create (LimberNotifierChoiceFunc choice, LimberNotifierDndFunc dnd, gpointer daemon,
                 gpointer user_data)
{
  FakeSeams *f = user_data;

  g_assert_null (f->notifier_daemon);
  f->choice = choice;
  f->dnd = dnd;
  f->notifier_daemon = daemon;
  return f;
}

static void
notifier_show (gpointer notifier, const LimberReminderInput *in)
{
  FakeSeams *f = notifier;
  g_autoptr (LimberReminder) r = limber_reminder_build (in, TRUE, FALSE);
  FakePopup *p = g_new0 (FakePopup, 1);

  p->kind = in->kind;
  p->snoozes_left = in->snoozes_left;
  p->summary = g_steal_pointer (&r->summary);
  p->body = g_steal_pointer (&r->body);
  p->critical = r->critical;
  p->shown_us = f->now_us;
  for (guint i = 0; i < r->actions->len; i += 2)
    if (g_str_equal (g_ptr_array_index (r->actions, i), "snooze"))
      p->has_snooze = TRUE;
  g_ptr_array_add (f->popups, p);
  f->live = TRUE;
}

static void
notifier_withdraw (gpointer notifier)
{
  FakeSeams *f = notifier;

  f->live = FALSE;
  f->n_withdrawn++;
}

static void
notifier_notice (gpointer notifier, const char *text)
{
  g_ptr_array_add (((FakeSeams *) notifier)->notices, g_strdup (text));
}

static void
notifier_free (gpointer notifier)
{
  FakeSeams *f = notifier;

  f->choice = NULL;
  f->dnd = NULL;
  f->notifier_daemon = NULL;
  f->live = FALSE;
}

static const LimberDaemonNotifierClass notifier_class = {
  .create = notifier_create,
  .show = notifier_show,
  .withdraw = notifier_withdraw,
  .notice = notifier_notice,
  .free = notifier_free,
};

void
fake_notifier_choose (FakeSeams *f, LimberChoice choice)
{
  g_assert_nonnull (f->notifier_daemon);
  f->choice (choice, f->notifier_daemon);
}

void
fake_notifier_set_dnd (FakeSeams *f, gboolean active)
{
  g_assert_nonnull (f->notifier_daemon);
  f->dnd (active, f->notifier_daemon);
}

const FakePopup *
fake_notifier_last (FakeSeams *f)
{
  return f->popups->len > 0 ? g_ptr_array_index (f->popups, f->popups->len - 1) : NULL;
}

/* -- all three --------------------------------------------------------------------------- */

FakeSeams *
fake_seams_new (gint64 now_us, gint64 wall_us)
{
  FakeSeams *f = g_new0 (FakeSeams, 1);

  f->seams = (LimberDaemonSeams) {
    .presence_new = presence_new, .notifier = &notifier_class, .clock = &clock_class, .user_data = f,
  };
  f->now_us = now_us;
  f->wall_minus_now_us = wall_us - now_us;
  f->due_us = G_MAXINT64;
  f->fullscreen = LIMBER_FULLSCREEN_NO;
  f->popups = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_popup_free);
  f->notices = g_ptr_array_new_with_free_func (g_free);
  return f;
}

void
fake_seams_free (FakeSeams *f)
{
  if (f == NULL)
    return;
  /* A daemon built on these fakes must be freed first. */
  g_assert_null (f->fire);
  g_assert_null (f->presence);
  g_assert_null (f->notifier_daemon);
  g_ptr_array_unref (f->popups);
  g_ptr_array_unref (f->notices);
  g_free (f);
}
