/* deadline.h: the one CLOCK_BOOTTIME timerfd that wakes the daemon at its nearest deadline. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* All internal times: CLOCK_BOOTTIME (counts suspend), in microseconds.
 * Never fails: see deadline.c for the fallback. */
gint64 limber_now_us (void);

typedef struct _LimberDeadline LimberDeadline;

/* One absolute CLOCK_BOOTTIME timerfd, watched with g_unix_fd_add on the
 * thread-default main context.  @func runs once per expiry; its return value
 * is ignored (the timer is one-shot: re-arm with limber_deadline_set).
 * NULL and @error set when the kernel gives no timer. */
LimberDeadline *limber_deadline_new (GSourceFunc func,
                                     gpointer    user_data,
                                     GError    **error);
/* Replaces any earlier due time.  A due time in the past fires at once;
 * G_MAXINT64 disarms.  FALSE and @error set when the kernel refuses: the
 * timer is then in an unknown state and the due time is not kept. */
gboolean        limber_deadline_set (LimberDeadline *self,
                                     gint64          due_us,
                                     GError        **error);
/* The armed due time, or G_MAXINT64 when disarmed or already fired. */
gint64          limber_deadline_get (LimberDeadline *self);
void            limber_deadline_free (LimberDeadline *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberDeadline, limber_deadline_free)

G_END_DECLS
