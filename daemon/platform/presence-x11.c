/* presence-x11.c: presence on X11 from XSync IDLETIME alarms, or polling MIT-SCREEN-SAVER. */
#include "platform/presence-x11.h"

#include <gio/gio.h>
#include <string.h>
#include <X11/Xatom.h>

#include "platform/deadline.h"
#include "platform/xlib.h"
#include "platform/xsource.h"

/* While away, the polling fallback looks this often: the 1 s return bound. */
#define LIMBER_PRESENCE_X11_AWAY_POLL_MS 1000
/* Polling sees input as a jump of the last-input time larger than this
 * (the X server's clock is CLOCK_MONOTONIC_COARSE, a few ms per tick). */
#define LIMBER_PRESENCE_X11_POLL_SLACK_MS 50

typedef struct
{
  LimberPresence parent;
  const LimberXlib *x;        /* the libraries, opened for this backend alone */
  Display *display;
  GSource *xsource;

  gboolean have_xss;
  gboolean polling;
  int sync_event_base;
  XSyncCounter idle_counter;  /* None without SYNC/IDLETIME */
  XSyncAlarm away_alarm;      /* PositiveTransition at the threshold */
  XSyncAlarm back_alarm;      /* NegativeComparison, armed only while away */
  Atom net_active_window;
  Atom net_wm_state;
  Atom net_wm_state_fullscreen;

  gint64 threshold_ms;        /* 0: none set yet */
  gboolean away;
  guint poll_id;
  gint64 poll_last_input_ms;  /* CLOCK_MONOTONIC ms of the last input seen */
} LimberPresenceX11;

static void
x11_unref (LimberPresenceX11 *self)
{
  limber_presence_free (&self->parent);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberPresenceX11, x11_unref)

static const LimberPresenceClass x11_class;

/* The X11 backend's own calls take any LimberPresence; others answer as unknown. */
static LimberPresenceX11 *
as_x11 (LimberPresence *presence)
{
  return presence != NULL && presence->klass == &x11_class ? (LimberPresenceX11 *) presence : NULL;
}

static gint64
sync_value_to_ms (XSyncValue value)
{
  return ((gint64) _XSyncValueHigh32 (value) << 32) | (gint64) _XSyncValueLow32 (value);
}

static XSyncValue
sync_value_from_ms (gint64 ms)
{
  XSyncValue value;

  _XSyncIntsToValue (&value, (unsigned int) (ms & 0xffffffff), (int) (ms >> 32));
  return value;
}

/* X errors (a window gone between two requests) are expected and harmless
 * here; Xlib's default handler would exit. */
static int
on_x_error (Display     *display,
            XErrorEvent *event)
{
  g_debug ("X error %d on request %d.%d", event->error_code, event->request_code,
           event->minor_code);
  return 0;
}

static gint64
query_idle_ms (LimberPresenceX11 *self)
{
  if (limber_xsource_is_broken (self->xsource))
    return -1;
  if (self->have_xss)
    {
      XScreenSaverInfo info;

      memset (&info, 0, sizeof info);
      if (!self->x->ScreenSaverQueryInfo (self->display, DefaultRootWindow (self->display), &info)
          || limber_xsource_is_broken (self->xsource))
        return -1;
      return (gint64) info.idle;
    }
  else
    {
      XSyncValue value;

      if (!self->x->SyncQueryCounter (self->display, self->idle_counter, &value)
          || limber_xsource_is_broken (self->xsource))
        return -1;
      return sync_value_to_ms (value);
    }
}

/* Creates or re-arms an alarm on IDLETIME; re-arming an alarm that fired
 * (a Comparison alarm turns Inactive) makes it Active again. */
static XSyncAlarm
arm_alarm (LimberPresenceX11 *self,
           XSyncAlarm         alarm,
           XSyncTestType      test_type,
           gint64             wait_ms)
{
  XSyncAlarmAttributes attrs;
  unsigned long mask = XSyncCACounter | XSyncCAValueType | XSyncCAValue | XSyncCATestType
                       | XSyncCADelta | XSyncCAEvents;

  memset (&attrs, 0, sizeof attrs);
  attrs.trigger.counter = self->idle_counter;
  attrs.trigger.value_type = XSyncAbsolute;
  attrs.trigger.wait_value = sync_value_from_ms (wait_ms);
  attrs.trigger.test_type = test_type;
  _XSyncIntToValue (&attrs.delta, 0);
  attrs.events = True;
  if (alarm == None)
    alarm = self->x->SyncCreateAlarm (self->display, mask, &attrs);
  else
    self->x->SyncChangeAlarm (self->display, alarm, mask, &attrs);
  self->x->Flush (self->display);
  return alarm;
}

static void schedule_poll (LimberPresenceX11 *self, gint64 idle_ms);

static void
enter_away (LimberPresenceX11 *self,
            gint64             idle_ms)
{
  gint64 at_us = limber_now_us () - idle_ms * 1000;

  self->away = TRUE;
  if (self->polling)
    schedule_poll (self, idle_ms);
  else
    /* Fires on the first input, or at once if it already happened. */
    self->back_alarm = arm_alarm (self, self->back_alarm, XSyncNegativeComparison,
                                  MAX (idle_ms - 1, 0));
  limber_presence_report (&self->parent, LIMBER_PRESENCE_AWAY, at_us);
}

static void
enter_back (LimberPresenceX11 *self,
            gint64             idle_ms)
{
  gint64 at_us = limber_now_us () - idle_ms * 1000;

  self->away = FALSE;
  if (self->polling)
    schedule_poll (self, idle_ms);
  limber_presence_report (&self->parent, LIMBER_PRESENCE_BACK, at_us);
}

/* Decides from a fresh idle value; used at start, on threshold changes and
 * by the polling fallback. */
static void
observe_idle (LimberPresenceX11 *self,
              gint64             idle_ms)
{
  gint64 last_input_ms = g_get_monotonic_time () / 1000 - idle_ms;
  gboolean had_input = last_input_ms > self->poll_last_input_ms + LIMBER_PRESENCE_X11_POLL_SLACK_MS;

  if (idle_ms < 0)
    return;
  if (had_input || self->poll_last_input_ms == 0)
    self->poll_last_input_ms = last_input_ms;
  if (!self->away && self->threshold_ms > 0 && idle_ms >= self->threshold_ms)
    enter_away (self, idle_ms);
  else if (self->away && self->polling && had_input)
    enter_back (self, idle_ms);
  else if (self->polling)
    schedule_poll (self, idle_ms);
}

static gboolean
on_poll (gpointer user_data)
{
  LimberPresenceX11 *self = user_data;

  self->poll_id = 0;
  observe_idle (self, query_idle_ms (self));
  return G_SOURCE_REMOVE;
}

/* Sleeps exactly until the threshold could be reached; 1 s while away. */
static void
schedule_poll (LimberPresenceX11 *self,
               gint64             idle_ms)
{
  gint64 wait_ms;

  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->threshold_ms <= 0 || limber_xsource_is_broken (self->xsource))
    return;
  if (self->away)
    wait_ms = LIMBER_PRESENCE_X11_AWAY_POLL_MS;
  else
    wait_ms = MAX (self->threshold_ms - idle_ms, 1);
  self->poll_id = g_timeout_add ((guint) MIN (wait_ms, G_MAXUINT), on_poll, self);
  g_source_set_name_by_id (self->poll_id, "limber idle poll");
}

static void
on_x_event (XEvent  *event,
            gpointer user_data)
{
  LimberPresenceX11 *self = user_data;
  XSyncAlarmNotifyEvent *alarm_event;
  gint64 idle_ms;

  if (self->polling || event->type != self->sync_event_base + XSyncAlarmNotify)
    return;
  alarm_event = (XSyncAlarmNotifyEvent *) event;
  idle_ms = sync_value_to_ms (alarm_event->counter_value);
  /* Both checks keep a late or duplicate alarm from reporting twice. */
  if (alarm_event->alarm == self->away_alarm && !self->away && self->threshold_ms > 0)
    enter_away (self, idle_ms);
  else if (alarm_event->alarm == self->back_alarm && self->away)
    enter_back (self, idle_ms);
}

static void
on_x_lost (gpointer user_data)
{
  LimberPresenceX11 *self = user_data;

  g_clear_handle_id (&self->poll_id, g_source_remove);
  limber_presence_report_lost (&self->parent);
}

/* The SYNC extension's IDLETIME system counter, or None. */
static XSyncCounter
find_idle_counter (const LimberXlib *x,
                   Display          *display,
                   int              *event_base)
{
  XSyncSystemCounter *counters;
  XSyncCounter counter = None;
  int error_base, major, minor, n = 0;

  if (!x->SyncQueryExtension (display, event_base, &error_base)
      || !x->SyncInitialize (display, &major, &minor))
    return None;
  counters = x->SyncListSystemCounters (display, &n);
  for (int i = 0; i < n; i++)
    if (g_strcmp0 (counters[i].name, "IDLETIME") == 0)
      counter = counters[i].counter;
  if (counters != NULL)
    x->SyncFreeSystemCounterList (counters);
  return counter;
}

static Display *
open_display (const LimberXlib *x,
              const char       *name,
              GError          **error)
{
  Display *display;

  if (name == NULL)
    name = g_getenv ("DISPLAY");
  if (name == NULL || *name == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "DISPLAY is not set: start limberd inside the X11 session, "
                   "or import it with 'systemctl --user import-environment DISPLAY'.");
      return NULL;
    }
  display = x->OpenDisplay (name);
  if (display == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE,
                 "Cannot connect to the X server at DISPLAY=%s: check that it is running "
                 "and that XAUTHORITY lets this user in.", name);
  return display;
}

LimberPresence *
limber_presence_x11_new (const char                *display_name,
                         gboolean                   force_poll,
                         const LimberPresenceFuncs *funcs,
                         gpointer                   user_data,
                         GError                   **error)
{
  g_autoptr (LimberPresenceX11) self = NULL;
  const LimberXlib *x;
  Display *display;
  int xss_event_base, xss_error_base;
  Atom atoms[3];
  char *atom_names[3] = { "_NET_ACTIVE_WINDOW", "_NET_WM_STATE", "_NET_WM_STATE_FULLSCREEN" };

  g_return_val_if_fail (funcs != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  x = limber_xlib_load (error);
  display = x != NULL ? open_display (x, display_name, error) : NULL;
  if (display == NULL)
    return NULL;
  x->SetErrorHandler (on_x_error);
  self = g_new0 (LimberPresenceX11, 1);
  limber_presence_init (&self->parent, &x11_class, funcs, user_data);
  self->x = x;
  self->display = display;
  self->have_xss = x->ScreenSaverQueryExtension (display, &xss_event_base, &xss_error_base);
  self->idle_counter = find_idle_counter (x, display, &self->sync_event_base);
  self->polling = force_poll || self->idle_counter == None;
  if (!self->have_xss && self->idle_counter == None)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "The X server at DISPLAY=%s has neither the SYNC IDLETIME counter nor the "
                   "MIT-SCREEN-SAVER extension, so limberd cannot tell when you are away.",
                   DisplayString (display));
      return NULL;
    }
  if (self->polling && !self->have_xss)
    self->polling = FALSE;  /* a forced poll needs MIT-SCREEN-SAVER; use alarms */
  x->InternAtoms (display, atom_names, G_N_ELEMENTS (atoms), False, atoms);
  self->net_active_window = atoms[0];
  self->net_wm_state = atoms[1];
  self->net_wm_state_fullscreen = atoms[2];

  self->xsource = limber_xsource_new (x, display, on_x_event, on_x_lost, self);
  g_source_attach (self->xsource, g_main_context_get_thread_default ());
  return &g_steal_pointer (&self)->parent;
}

static void
x11_free (LimberPresence *presence)
{
  LimberPresenceX11 *self = (LimberPresenceX11 *) presence;

  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->xsource != NULL && !limber_xsource_is_broken (self->xsource))
    {
      if (self->away_alarm != None)
        self->x->SyncDestroyAlarm (self->display, self->away_alarm);
      if (self->back_alarm != None)
        self->x->SyncDestroyAlarm (self->display, self->back_alarm);
    }
  /* Close first: the source is the IO-error handler's data until then. */
  self->x->CloseDisplay (self->display);
  if (self->xsource != NULL)
    {
      g_source_destroy (self->xsource);
      g_source_unref (self->xsource);
    }
  g_free (self);
}

static void
x11_set_threshold (LimberPresence *presence,
                   gint64          away_after_us)
{
  LimberPresenceX11 *self = (LimberPresenceX11 *) presence;

  self->threshold_ms = (away_after_us + 999) / 1000;
  if (limber_xsource_is_broken (self->xsource))
    return;
  if (!self->polling)
    self->away_alarm = arm_alarm (self, self->away_alarm, XSyncPositiveTransition,
                                  self->threshold_ms);
  /* An alarm armed when the user is already idle past it never fires. */
  observe_idle (self, query_idle_ms (self));
}

gint64
limber_presence_x11_get_idle_us (LimberPresence *presence)
{
  LimberPresenceX11 *self = as_x11 (presence);
  gint64 idle_ms;

  g_return_val_if_fail (self != NULL, -1);
  idle_ms = query_idle_ms (self);
  return idle_ms < 0 ? -1 : idle_ms * 1000;
}

static void
x11_expect_return (LimberPresence *presence)
{
  LimberPresenceX11 *self = (LimberPresenceX11 *) presence;
  gint64 idle_ms;

  if (self->away || (idle_ms = query_idle_ms (self)) < 0)
    return;
  self->away = TRUE;
  if (self->polling)
    {
      self->poll_last_input_ms = g_get_monotonic_time () / 1000 - idle_ms;
      schedule_poll (self, idle_ms);
    }
  else
    self->back_alarm = arm_alarm (self, self->back_alarm, XSyncNegativeComparison,
                                  MAX (idle_ms - 1, 0));
}

gboolean
limber_presence_x11_is_away (LimberPresence *presence)
{
  LimberPresenceX11 *self = as_x11 (presence);

  g_return_val_if_fail (self != NULL, FALSE);
  return self->away;
}

gboolean
limber_presence_x11_is_polling (LimberPresence *presence)
{
  LimberPresenceX11 *self = as_x11 (presence);

  g_return_val_if_fail (self != NULL, FALSE);
  return self->polling;
}

/* A format-32 property of @type (AnyPropertyType: any), up to 64 items, or 0 items. */
static unsigned long
get_property_longs (LimberPresenceX11 *self,
                    Window             window,
                    Atom               property,
                    Atom               type,
                    unsigned char    **data)
{
  Atom actual_type;
  int actual_format;
  unsigned long n_items = 0, bytes_after;

  *data = NULL;
  if (self->x->GetWindowProperty (self->display, window, property, 0, 64, False, type, &actual_type,
                          &actual_format, &n_items, &bytes_after, data) != Success
      || (type != AnyPropertyType && actual_type != type) || actual_format != 32)
    {
      g_clear_pointer (data, self->x->Free);
      return 0;
    }
  return n_items;
}

static LimberFullscreen
x11_get_fullscreen (LimberPresence *presence)
{
  LimberPresenceX11 *self = (LimberPresenceX11 *) presence;
  unsigned char *data;
  Window active;
  gboolean fullscreen = FALSE;
  unsigned long n;

  if (limber_xsource_is_broken (self->xsource))
    return LIMBER_FULLSCREEN_UNKNOWN;
  /* WINDOW by the spec; tools such as xprop write CARDINAL: take any. */
  n = get_property_longs (self, DefaultRootWindow (self->display), self->net_active_window,
                          AnyPropertyType, &data);
  /* Format-32 properties come back as an array of long. */
  active = n > 0 ? (Window) ((unsigned long *) data)[0] : None;
  g_clear_pointer (&data, self->x->Free);
  if (active == None)
    return LIMBER_FULLSCREEN_NO;
  n = get_property_longs (self, active, self->net_wm_state, XA_ATOM, &data);
  for (unsigned long i = 0; i < n; i++)
    if (((Atom *) data)[i] == self->net_wm_state_fullscreen)
      fullscreen = TRUE;
  g_clear_pointer (&data, self->x->Free);
  return fullscreen ? LIMBER_FULLSCREEN_YES : LIMBER_FULLSCREEN_NO;
}

static const LimberPresenceClass x11_class = {
  .name = "x11",
  .set_threshold = x11_set_threshold,
  .expect_return = x11_expect_return,
  .get_fullscreen = x11_get_fullscreen,
  .free = x11_free,
};
