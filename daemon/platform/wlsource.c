/* wlsource.c: a Wayland client connection as a GLib source that reads, dispatches and flushes it. */
#include "platform/wlsource.h"

#include <errno.h>

#define LIMBER_WLSOURCE_EVENTS (G_IO_IN | G_IO_HUP | G_IO_ERR)

typedef struct
{
  GSource source;
  struct wl_display *display;
  gpointer fd_tag;
  gboolean reading;   /* between wl_display_prepare_read and read_events or cancel_read */
  gboolean want_out;  /* a flush was short: also wake when the socket drains */
  gboolean broken;
  gboolean lost_reported;
  LimberWlSourceLostFunc lost_func;
  gpointer user_data;
} LimberWlSource;

static void
watch_output (LimberWlSource *self,
              gboolean        want_out)
{
  if (self->want_out == want_out)
    return;
  self->want_out = want_out;
  g_source_modify_unix_fd (&self->source, self->fd_tag,
                           LIMBER_WLSOURCE_EVENTS | (want_out ? G_IO_OUT : 0));
}

static gboolean
flush (LimberWlSource *self)
{
  if (self->broken)
    return FALSE;
  if (wl_display_flush (self->display) < 0)
    {
      /* EAGAIN: the socket buffer is full; the rest goes when it drains. */
      if (errno != EAGAIN)
        self->broken = TRUE;
      else
        watch_output (self, TRUE);
      return !self->broken;
    }
  watch_output (self, FALSE);
  return TRUE;
}

static gboolean
wlsource_prepare (GSource *source,
                  gint    *timeout_ms)
{
  LimberWlSource *self = (LimberWlSource *) source;

  *timeout_ms = -1;
  if (self->broken)
    return TRUE;
  /* Still announced from an iteration whose check did not run (a source of
   * higher priority was ready): announcing twice would make read_events wait
   * for a reader that does not exist. */
  if (self->reading)
    return FALSE;
  /* Events already queued (read during a roundtrip): dispatch them first. */
  if (wl_display_prepare_read (self->display) != 0)
    return TRUE;
  self->reading = TRUE;
  /* Requests made since the last dispatch, e.g. from the daemon's callbacks. */
  flush (self);
  return self->broken;
}

static gboolean
wlsource_check (GSource *source)
{
  LimberWlSource *self = (LimberWlSource *) source;
  GIOCondition revents = g_source_query_unix_fd (source, self->fd_tag);

  if (self->reading)
    {
      self->reading = FALSE;
      /* A hung-up socket may still hold the compositor's last events, and
       * reading it is how libwayland learns of the EOF. */
      if (revents & LIMBER_WLSOURCE_EVENTS)
        {
          if (wl_display_read_events (self->display) < 0)
            self->broken = TRUE;
        }
      else
        wl_display_cancel_read (self->display);
    }
  if (revents & G_IO_OUT)
    flush (self);
  return self->broken || (revents & LIMBER_WLSOURCE_EVENTS) != 0;
}

static gboolean
wlsource_dispatch (GSource    *source,
                   GSourceFunc callback,
                   gpointer    user_data)
{
  LimberWlSource *self = (LimberWlSource *) source;

  if (self->reading)
    {
      wl_display_cancel_read (self->display);
      self->reading = FALSE;
    }
  /* Runs the listeners; those may queue requests, sent right after. */
  if (!self->broken && wl_display_dispatch_pending (self->display) < 0)
    self->broken = TRUE;
  flush (self);
  if (wl_display_get_error (self->display) != 0)
    self->broken = TRUE;
  if (!self->broken)
    return G_SOURCE_CONTINUE;
  if (!self->lost_reported)
    {
      self->lost_reported = TRUE;
      self->lost_func (self->user_data);
    }
  return G_SOURCE_REMOVE;
}

static void
wlsource_finalize (GSource *source)
{
  LimberWlSource *self = (LimberWlSource *) source;

  /* The display outlives the source: leave it with no reader announced. */
  if (self->reading)
    wl_display_cancel_read (self->display);
  self->reading = FALSE;
}

static GSourceFuncs wlsource_funcs = {
  wlsource_prepare,
  wlsource_check,
  wlsource_dispatch,
  wlsource_finalize,
  NULL, NULL,
};

GSource *
limber_wlsource_new (struct wl_display     *display,
                     LimberWlSourceLostFunc lost_func,
                     gpointer               user_data)
{
  GSource *source;
  LimberWlSource *self;

  g_return_val_if_fail (display != NULL && lost_func != NULL, NULL);

  source = g_source_new (&wlsource_funcs, sizeof (LimberWlSource));
  g_source_set_name (source, "limber Wayland connection");
  self = (LimberWlSource *) source;
  self->display = display;
  self->lost_func = lost_func;
  self->user_data = user_data;
  self->fd_tag = g_source_add_unix_fd (source, wl_display_get_fd (display), LIMBER_WLSOURCE_EVENTS);
  return source;
}

gboolean
limber_wlsource_is_broken (GSource *source)
{
  g_return_val_if_fail (source != NULL, TRUE);
  return ((LimberWlSource *) source)->broken;
}

gboolean
limber_wlsource_flush (GSource *source)
{
  g_return_val_if_fail (source != NULL, FALSE);
  return flush ((LimberWlSource *) source);
}
