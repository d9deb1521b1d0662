/* deadline.c: the one CLOCK_BOOTTIME timerfd that wakes the daemon at its nearest deadline. */
#include "platform/deadline.h"

#include <errno.h>
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
  struct timespec ts;

  /* CLOCK_BOOTTIME cannot fail on Linux ≥ 2.6.39; keep the check cheap. */
  if (clock_gettime (CLOCK_BOOTTIME, &ts) != 0)
    g_error ("clock_gettime(CLOCK_BOOTTIME) failed: %s", g_strerror (errno));
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
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
                     gpointer    user_data)
{
  LimberDeadline *self;
  int fd;

  g_return_val_if_fail (func != NULL, NULL);

  fd = timerfd_create (CLOCK_BOOTTIME, TFD_CLOEXEC | TFD_NONBLOCK);
  if (fd < 0)
    g_error ("timerfd_create(CLOCK_BOOTTIME) failed: %s", g_strerror (errno));
  self = g_new0 (LimberDeadline, 1);
  self->fd = fd;
  self->due_us = G_MAXINT64;
  self->func = func;
  self->user_data = user_data;
  self->source_id = g_unix_fd_add (fd, G_IO_IN, on_timerfd, self);
  return self;
}

void
limber_deadline_set (LimberDeadline *self,
                     gint64          due_us)
{
  struct itimerspec spec;
  guint64 expirations;

  g_return_if_fail (self != NULL);

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
    g_error ("timerfd_settime failed: %s", g_strerror (errno));
  self->due_us = due_us;
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
