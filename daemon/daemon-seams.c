/* daemon-seams.c: the real clock and popups behind the seams of daemon-seams.h, and the one way
 * the rest of the daemon reaches them, so that a test's fakes stand in for all of it at once. */
#include "daemon-private.h"

#include "platform/deadline.h"
#include "platform/notifier.h"

/* -- the real clock: CLOCK_BOOTTIME, one timerfd, the system's wall clock ---------------- */

static gpointer
real_clock_create (GSourceFunc fire, gpointer daemon, gpointer user_data, GError **error)
{
  return limber_deadline_new (fire, daemon, error);
}

static gint64
real_clock_now_us (gpointer clock)
{
  return limber_now_us ();
}

static gint64
real_clock_wall_now_us (gpointer clock)
{
  return g_get_real_time ();
}

static gboolean
real_clock_set_deadline (gpointer clock, gint64 due_us, GError **error)
{
  return limber_deadline_set (clock, due_us, error);
}

static void
real_clock_free (gpointer clock)
{
  limber_deadline_free (clock);
}

const LimberDaemonClockClass *
limber_daemon_real_clock (void)
{
  static const LimberDaemonClockClass klass = {
    .create = real_clock_create,
    .now_us = real_clock_now_us,
    .wall_now_us = real_clock_wall_now_us,
    .set_deadline = real_clock_set_deadline,
    .free = real_clock_free,
  };

  return &klass;
}

/* -- the real popups: the desktop's notification server ---------------------------------- */

static gpointer
real_notifier_create (LimberNotifierChoiceFunc choice, LimberNotifierDndFunc dnd, gpointer daemon,
                      gpointer user_data)
{
  LimberNotifier *notifier = limber_notifier_new (choice, daemon);

  limber_notifier_set_dnd_func (notifier, dnd, daemon);
  return notifier;
}

static void
real_notifier_show (gpointer notifier, const LimberReminderInput *in)
{
  limber_notifier_show (notifier, in);
}

static void
real_notifier_withdraw (gpointer notifier)
{
  limber_notifier_withdraw (notifier);
}

static void
real_notifier_notice (gpointer notifier, const char *text)
{
  limber_notifier_notice (notifier, text);
}

static void
real_notifier_free (gpointer notifier)
{
  limber_notifier_free (notifier);
}

const LimberDaemonNotifierClass *
limber_daemon_real_notifier (void)
{
  static const LimberDaemonNotifierClass klass = {
    .create = real_notifier_create,
    .show = real_notifier_show,
    .withdraw = real_notifier_withdraw,
    .notice = real_notifier_notice,
    .free = real_notifier_free,
  };

  return &klass;
}

/* -- the daemon's way to them ------------------------------------------------------------ */

gint64
limber_daemon_now_us (LimberDaemon *self)
{
  return self->clock_class->now_us (self->clock);
}

gint64
limber_daemon_wall_now_us (LimberDaemon *self)
{
  return self->clock_class->wall_now_us (self->clock);
}

gboolean
limber_daemon_set_deadline (LimberDaemon *self, gint64 due_us, GError **error)
{
  /* Every carry-out re-arms; many leave the deadline where it is (a reload, a status change, a
   * snooze at the moment the reminder would come back anyway): no timer call for those. One at
   * or before now has expired, or is expiring, and spent its arming: that is armed again. */
  if (due_us == self->armed_us && due_us > limber_daemon_now_us (self))
    return TRUE;
  self->armed_us = 0;
  if (!self->clock_class->set_deadline (self->clock, due_us, error))
    return FALSE;
  self->armed_us = due_us;
  return TRUE;
}

void
limber_daemon_popup_show (LimberDaemon *self, const LimberReminderInput *in)
{
  self->notifier_class->show (self->notifier, in);
}

void
limber_daemon_popup_withdraw (LimberDaemon *self)
{
  self->notifier_class->withdraw (self->notifier);
}

void
limber_daemon_popup_notice (LimberDaemon *self, const char *text)
{
  self->notifier_class->notice (self->notifier, text);
}
