/* presence-wayland.c: presence on Wayland compositors from ext-idle-notify-v1 notifications. */
#include "platform/presence-wayland.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <wayland-client.h>

#include "platform/deadline.h"
#include "platform/ext-idle-notify-v1-client-protocol.h"
#include "platform/wlsource.h"

/* The newest ext_idle_notifier_v1 this file knows (get_input_idle_notification). */
#define LIMBER_WAYLAND_NOTIFIER_VERSION 2

typedef struct _LimberPresenceWayland LimberPresenceWayland;

/* One ext_idle_notification_v1 and what it last said. */
typedef struct
{
  LimberPresenceWayland *owner;
  struct ext_idle_notification_v1 *proxy;  /* NULL: none */
  gint64 timeout_ms;
  gboolean idle;
} LimberIdleWatch;

struct _LimberPresenceWayland
{
  LimberPresence parent;
  struct wl_display *display;
  GSource *source;
  struct wl_registry *registry;
  struct wl_seat *seat;
  guint32 seat_name;
  struct ext_idle_notifier_v1 *notifier;
  guint32 notifier_name;
  guint notifier_version;

  gboolean input_only;       /* media-playback = away, with version 2 */
  LimberIdleWatch main;      /* the threshold; input-only when input_only */
  LimberIdleWatch fallback;  /* with input_only: regular, same timeout, until main resumes once */
  LimberIdleWatch back;      /* 0 ms, only while away with no idle watch yet */
  gboolean input_resumes;    /* main has sent `resumed`: no fallback needed */
  gint64 threshold_ms;       /* 0: none set yet */
  gboolean away;
  gboolean lost;
};

static const LimberPresenceClass wayland_class;

static void
wayland_unref (LimberPresenceWayland *self)
{
  limber_presence_free (&self->parent);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberPresenceWayland, wayland_unref)

static LimberPresenceWayland *
as_wayland (LimberPresence *presence)
{
  return presence != NULL && presence->klass == &wayland_class ? (LimberPresenceWayland *) presence
                                                                : NULL;
}

static gboolean
is_dead (LimberPresenceWayland *self)
{
  return self->lost || self->source == NULL || limber_wlsource_is_broken (self->source);
}

static void
report_lost (LimberPresenceWayland *self)
{
  if (self->lost)
    return;
  self->lost = TRUE;
  limber_presence_report_lost (&self->parent);
}

static void
watch_clear (LimberIdleWatch *watch)
{
  g_clear_pointer (&watch->proxy, ext_idle_notification_v1_destroy);
  watch->idle = FALSE;
}

static void
enter_away (LimberPresenceWayland *self,
            gint64                 at_us)
{
  self->away = TRUE;
  limber_presence_report (&self->parent, LIMBER_PRESENCE_AWAY, at_us);
}

static void
enter_back (LimberPresenceWayland *self,
            gint64                 at_us)
{
  self->away = FALSE;
  watch_clear (&self->back);
  limber_presence_report (&self->parent, LIMBER_PRESENCE_BACK, at_us);
}

/* @watch saw input at @at_us. */
static void
note_resumed (LimberIdleWatch *watch,
              gint64           at_us)
{
  LimberPresenceWayland *self = watch->owner;

  watch->idle = FALSE;
  if (watch == &self->main && !self->input_resumes)
    {
      self->input_resumes = TRUE;
      watch_clear (&self->fallback);
    }
  if (self->away && !self->lost)
    enter_back (self, at_us);
}

static void
on_idled (void                            *data,
          struct ext_idle_notification_v1 *proxy)
{
  LimberIdleWatch *watch = data;
  LimberPresenceWayland *self = watch->owner;
  gint64 now_us = limber_now_us ();

  /* Twice without `resumed`: the compositor skipped one, so input came
   * in between, no later than one timeout ago. */
  if (watch->idle)
    note_resumed (watch, now_us - watch->timeout_ms * 1000);
  watch->idle = TRUE;
  if (watch == &self->main && !self->away && !self->lost)
    enter_away (self, now_us - self->threshold_ms * 1000);
}

static void
on_resumed (void                            *data,
            struct ext_idle_notification_v1 *proxy)
{
  note_resumed (data, limber_now_us ());
}

static const struct ext_idle_notification_v1_listener notification_listener = {
  .idled = on_idled,
  .resumed = on_resumed,
};

/* (Re)creates @watch; @input asks for the inhibitor-blind kind where bound. */
static void
watch_set (LimberPresenceWayland *self,
           LimberIdleWatch       *watch,
           gint64                 timeout_ms,
           gboolean               input)
{
  watch_clear (watch);
  watch->owner = self;
  watch->timeout_ms = timeout_ms;
  if (input && self->notifier_version >= 2)
    watch->proxy = ext_idle_notifier_v1_get_input_idle_notification (self->notifier,
                                                                     (guint32) timeout_ms,
                                                                     self->seat);
  else
    watch->proxy = ext_idle_notifier_v1_get_idle_notification (self->notifier,
                                                               (guint32) timeout_ms, self->seat);
  ext_idle_notification_v1_add_listener (watch->proxy, &notification_listener, watch);
}

static void
on_global (void               *data,
           struct wl_registry *registry,
           guint32             name,
           const char         *interface,
           guint32             version)
{
  LimberPresenceWayland *self = data;

  /* Version 1 of wl_seat is enough to name it; later ones add events. */
  if (self->seat == NULL && g_strcmp0 (interface, wl_seat_interface.name) == 0)
    {
      self->seat = wl_registry_bind (registry, name, &wl_seat_interface, 1);
      self->seat_name = name;
    }
  else if (self->notifier == NULL
           && g_strcmp0 (interface, ext_idle_notifier_v1_interface.name) == 0)
    {
      self->notifier_version = MIN (version, LIMBER_WAYLAND_NOTIFIER_VERSION);
      self->notifier = wl_registry_bind (registry, name, &ext_idle_notifier_v1_interface,
                                         self->notifier_version);
      self->notifier_name = name;
    }
}

static void
on_global_remove (void               *data,
                  struct wl_registry *registry,
                  guint32             name)
{
  LimberPresenceWayland *self = data;

  /* Without the seat or the notifier, no notification can ever fire. */
  if ((self->seat != NULL && name == self->seat_name)
      || (self->notifier != NULL && name == self->notifier_name))
    {
      g_message ("The Wayland compositor withdrew the %s", name == self->seat_name
                 ? "seat" : "idle notifier");
      report_lost (self);
    }
}

static const struct wl_registry_listener registry_listener = {
  .global = on_global,
  .global_remove = on_global_remove,
};

static void
on_source_lost (gpointer user_data)
{
  report_lost (user_data);
}

/* Where libwayland looked, for messages. */
static char *
display_name (void)
{
  const char *name = g_getenv ("WAYLAND_DISPLAY");

  if (name == NULL || *name == '\0')
    return g_strdup ("wayland-0 (WAYLAND_DISPLAY is not set: import it with 'systemctl --user "
                     "import-environment WAYLAND_DISPLAY')");
  return g_strdup_printf ("WAYLAND_DISPLAY=%s", name);
}

static gboolean
connect_display (LimberPresenceWayland *self,
                 GError               **error)
{
  g_autofree char *where = display_name ();

  self->display = wl_display_connect (NULL);
  if (self->display == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE,
                   "Cannot connect to the Wayland compositor at %s: check that it is running and "
                   "that XDG_RUNTIME_DIR is this session's.", where);
      return FALSE;
    }
  self->registry = wl_display_get_registry (self->display);
  wl_registry_add_listener (self->registry, &registry_listener, self);
  if (wl_display_roundtrip (self->display) < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE,
                   "The Wayland compositor at %s closed the connection at once.", where);
      return FALSE;
    }
  if (self->notifier == NULL || self->seat == NULL)
    {
      g_set_error (error, G_IO_ERROR, self->notifier == NULL ? G_IO_ERROR_NOT_SUPPORTED
                                                             : G_IO_ERROR_FAILED,
                   "The Wayland compositor at %s offers %s, so limberd cannot tell when you are "
                   "away.", where,
                   self->notifier == NULL ? "no ext-idle-notify-v1" : "no seat");
      return FALSE;
    }
  return TRUE;
}

LimberPresence *
limber_presence_wayland_new (const LimberPresenceFuncs *funcs,
                             gpointer                   user_data,
                             GError                   **error)
{
  g_autoptr (LimberPresenceWayland) self = NULL;

  g_return_val_if_fail (funcs != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (LimberPresenceWayland, 1);
  limber_presence_init (&self->parent, &wayland_class, funcs, user_data);
  if (!connect_display (self, error))
    return NULL;
  if (self->notifier_version < 2)
    limber_presence_set_note (&self->parent,
                              N_("This compositor offers ext-idle-notify version 1 only, where idle "
                              "inhibitors (a video player, a presentation) hold back the idle timer: "
                              "while one runs, limberd sees you as sitting even if you walk away."));
  self->source = limber_wlsource_new (self->display, on_source_lost, self);
  g_source_attach (self->source, g_main_context_get_thread_default ());
  return &g_steal_pointer (&self)->parent;
}

static void
wayland_free (LimberPresence *presence)
{
  LimberPresenceWayland *self = (LimberPresenceWayland *) presence;

  watch_clear (&self->main);
  watch_clear (&self->fallback);
  watch_clear (&self->back);
  g_clear_pointer (&self->notifier, ext_idle_notifier_v1_destroy);
  g_clear_pointer (&self->seat, wl_seat_destroy);
  g_clear_pointer (&self->registry, wl_registry_destroy);
  if (self->display != NULL && !is_dead (self))
    wl_display_flush (self->display);
  /* The source first: it may hold a read announced on the display. */
  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_source_unref (self->source);
    }
  if (self->display != NULL)
    wl_display_disconnect (self->display);
  g_free (self);
}

static void
wayland_set_threshold (LimberPresence *presence,
                       gint64          away_after_us)
{
  LimberPresenceWayland *self = (LimberPresenceWayland *) presence;

  self->threshold_ms = MIN ((away_after_us + 999) / 1000, (gint64) G_MAXUINT32);
  if (is_dead (self))
    return;
  watch_set (self, &self->main, self->threshold_ms, self->input_only);
  if (self->input_only && !self->input_resumes)
    watch_set (self, &self->fallback, self->threshold_ms, FALSE);
  /* The new notifications start active: only a 0 ms one tells the return. */
  if (self->away)
    watch_set (self, &self->back, 0, TRUE);
  limber_wlsource_flush (self->source);
}

static gboolean
wayland_set_input_only (LimberPresence *presence,
                        gboolean        input_only)
{
  LimberPresenceWayland *self = (LimberPresenceWayland *) presence;

  /* Version 1 has only the inhibitor-obeying kind. */
  self->input_only = input_only && self->notifier_version >= 2;
  if (self->threshold_ms > 0)
    wayland_set_threshold (presence, self->threshold_ms * 1000);
  return self->notifier_version >= 2;
}

static void
wayland_expect_return (LimberPresence *presence)
{
  LimberPresenceWayland *self = (LimberPresenceWayland *) presence;

  if (self->away || is_dead (self))
    return;
  self->away = TRUE;
  watch_set (self, &self->back, 0, TRUE);
  limber_wlsource_flush (self->source);
}

guint
limber_presence_wayland_get_version (LimberPresence *presence)
{
  LimberPresenceWayland *self = as_wayland (presence);

  return self != NULL ? self->notifier_version : 0;
}

gboolean
limber_presence_wayland_is_away (LimberPresence *presence)
{
  LimberPresenceWayland *self = as_wayland (presence);

  g_return_val_if_fail (self != NULL, FALSE);
  return self->away;
}

static const LimberPresenceClass wayland_class = {
  .name = "wayland",
  .set_threshold = wayland_set_threshold,
  .expect_return = wayland_expect_return,
  .get_fullscreen = NULL,
  .set_input_only = wayland_set_input_only,
  .free = wayland_free,
};
