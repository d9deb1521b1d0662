/* xsource.c: an Xlib connection as a GLib source that drains every queued event. */
#include "platform/xsource.h"

typedef struct
{
  GSource source;
  const LimberXlib *x;
  Display *display;
  gpointer fd_tag;
  gboolean broken;
  LimberXSourceEventFunc event_func;
  LimberXSourceLostFunc lost_func;
  gpointer user_data;
} LimberXSource;

/* Xlib's default IO error handler prints a message and its exit handler
 * calls exit(1).  With our own exit handler returning, Xlib marks the
 * display dead and every later call on it returns at once. */
static int
quiet_io_error (Display *display)
{
  return 0;
}

static void
on_io_error_exit (Display *display,
                  void    *user_data)
{
  LimberXSource *self = user_data;

  self->broken = TRUE;
}

static gboolean
xsource_prepare (GSource *source,
                 gint    *timeout_ms)
{
  LimberXSource *self = (LimberXSource *) source;

  *timeout_ms = -1;
  /* Events read while waiting for a reply sit in Xlib's queue, invisible to
   * poll(): dispatch them now rather than at the next unrelated wake-up. */
  return self->broken || self->x->QueueLength (self->display) > 0;
}

static gboolean
xsource_check (GSource *source)
{
  LimberXSource *self = (LimberXSource *) source;

  if (self->broken || self->x->QueueLength (self->display) > 0)
    return TRUE;
  return g_source_query_unix_fd (source, self->fd_tag) != 0;
}

static gboolean
xsource_dispatch (GSource    *source,
                  GSourceFunc callback,
                  gpointer    user_data)
{
  LimberXSource *self = (LimberXSource *) source;

  /* XPending reads what the fd holds; on EOF Xlib calls our exit handler
   * and returns 0.  Handlers may make synchronous calls that queue more
   * events: the loop takes those too. */
  while (!self->broken && self->x->Pending (self->display) > 0)
    {
      XEvent event;

      self->x->NextEvent (self->display, &event);
      self->event_func (&event, self->user_data);
    }
  if (self->broken || (g_source_query_unix_fd (source, self->fd_tag) & (G_IO_HUP | G_IO_ERR)))
    {
      self->broken = TRUE;
      self->lost_func (self->user_data);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs xsource_funcs = {
  xsource_prepare,
  xsource_check,
  xsource_dispatch,
  NULL, NULL, NULL,
};

GSource *
limber_xsource_new (const LimberXlib      *x,
                    Display               *display,
                    LimberXSourceEventFunc event_func,
                    LimberXSourceLostFunc  lost_func,
                    gpointer               user_data)
{
  GSource *source;
  LimberXSource *self;

  g_return_val_if_fail (display != NULL, NULL);
  g_return_val_if_fail (event_func != NULL && lost_func != NULL, NULL);

  source = g_source_new (&xsource_funcs, sizeof (LimberXSource));
  g_source_set_name (source, "limber X connection");
  self = (LimberXSource *) source;
  self->x = x;
  self->display = display;
  self->event_func = event_func;
  self->lost_func = lost_func;
  self->user_data = user_data;
  self->fd_tag = g_source_add_unix_fd (source, ConnectionNumber (display),
                                       G_IO_IN | G_IO_HUP | G_IO_ERR);
  x->SetIOErrorHandler (quiet_io_error);
  x->SetIOErrorExitHandler (display, on_io_error_exit, self);
  return source;
}

gboolean
limber_xsource_is_broken (GSource *source)
{
  g_return_val_if_fail (source != NULL, TRUE);
  return ((LimberXSource *) source)->broken;
}
