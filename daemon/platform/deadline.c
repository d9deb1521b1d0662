/* deadline.c: the one CLOCK_BOOTTIME timerfd that wakes the daemon at its nearest deadline. */
#include "platform/deadline.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib-unix.h>
#include <string.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

struct _LimberDeadline
{
  int fd;
  guint source_id;
  gint64 due_us;
  GSourceFunc func;
  gpointer user_data;
};

gint64
limber_now_us (void)
{
  static gsize warned = 0;
  struct timespec ts;
  int saved_errno;

  if (clock_gettime (CLOCK_BOOTTIME, &ts) == 0)
    return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
  saved_errno = errno;
  /* CLOCK_BOOTTIME exists since Linux 2.6.39 and clock_gettime can only fail on
   * a clock id the kernel does not know (then on every call, so the two clocks
   * never mix) or a bad pointer, so this is not expected to run; on such a
   * kernel limberd would not even start, as timerfd_create refuses the clock
   * too.  A daemon that runs for months should still not abort over a clock:
   * CLOCK_MONOTONIC keeps it going, only missing time spent in suspend (a sleep
   * would not count as a break).  The once-flag is the one piece of state here,
   * so that a broken clock does not flood the log. */
  if (g_once_init_enter (&warned))
    {
      g_warning ("clock_gettime (CLOCK_BOOTTIME) failed: %s; measuring time with the monotonic "
                 "clock instead, which does not count suspend.", g_strerror (saved_errno));
      g_once_init_leave (&warned, 1);
    }
  return g_get_monotonic_time ();
}

static gboolean
on_timerfd (gint         fd,
            GIOCondition condition,
            gpointer     user_data)
{
  LimberDeadline *self = user_data;
  guint64 expirations;
  ssize_t n;

  /* Reading clears the readiness; EAGAIN means a re-arm raced the expiry. */
  n = read (fd, &expirations, sizeof expirations);
  if (n != (ssize_t) sizeof expirations)
    return G_SOURCE_CONTINUE;
  /* An expiry of a due time replaced in the meantime is stale. */
  if (limber_now_us () < self->due_us)
    return G_SOURCE_CONTINUE;
  self->due_us = G_MAXINT64;
  self->func (self->user_data);
  return G_SOURCE_CONTINUE;
}

LimberDeadline *
limber_deadline_new (GSourceFunc func,
                     gpointer    user_data,
                     GError    **error)
{
  LimberDeadline *self;
  int fd;

  g_return_val_if_fail (func != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fd = timerfd_create (CLOCK_BOOTTIME, TFD_CLOEXEC | TFD_NONBLOCK);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Could not create the deadline timer: timerfd_create (CLOCK_BOOTTIME) failed: %s.",
                   g_strerror (saved_errno));
      return NULL;
    }
  self = g_new0 (LimberDeadline, 1);
  self->fd = fd;
  self->due_us = G_MAXINT64;
  self->func = func;
  self->user_data = user_data;
  self->source_id = g_unix_fd_add (fd, G_IO_IN, on_timerfd, self);
  return self;
}

gboolean
limber_deadline_set (LimberDeadline *self,
                     gint64          due_us,
                     GError        **error)
{
  struct itimerspec spec;
  guint64 expirations;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Drop an expiry not yet dispatched: it belongs to the old due time. */
  if (read (self->fd, &expirations, sizeof expirations) < 0 && errno != EAGAIN)
    g_warning ("Could not clear the deadline timer: %s", g_strerror (errno));
  memset (&spec, 0, sizeof spec);
  if (due_us != G_MAXINT64)
    {
      /* An all-zero it_value disarms, so a due time at or before the epoch
       * of the clock is moved to its first nanosecond: it fires at once. */
      if (due_us < 1)
        {
          spec.it_value.tv_nsec = 1;
        }
      else
        {
          spec.it_value.tv_sec = due_us / G_USEC_PER_SEC;
          spec.it_value.tv_nsec = (due_us % G_USEC_PER_SEC) * 1000;
        }
    }
  if (timerfd_settime (self->fd, TFD_TIMER_ABSTIME, &spec, NULL) != 0)
    {
      int saved_errno = errno;
      /* Whatever the kernel kept armed, no due time of ours is: an expiry now is stale. */
      self->due_us = G_MAXINT64;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "timerfd_settime: %s", g_strerror (saved_errno));
      return FALSE;
    }
  self->due_us = due_us;
  return TRUE;
}

gint64
limber_deadline_get (LimberDeadline *self)
{
  g_return_val_if_fail (self != NULL, G_MAXINT64);
  return self->due_us;
}

void
limber_deadline_free (LimberDeadline *self)
{
  if (self == NULL)
    return;
  g_source_remove (self->source_id);
  close (self->fd);
  g_free (self);
}
