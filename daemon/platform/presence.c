/* presence.c: the calls of the presence interface, forwarded to the backend in use. */
#include "platform/presence.h"

void
limber_presence_init (LimberPresence *self, const LimberPresenceClass *klass,
                      const LimberPresenceFuncs *funcs, gpointer user_data)
{
  g_return_if_fail (self != NULL && klass != NULL && funcs != NULL);
  g_return_if_fail (funcs->event != NULL && funcs->lost != NULL);
  self->klass = klass;
  self->funcs = *funcs;
  self->user_data = user_data;
}

void
limber_presence_set_note (LimberPresence *self, const char *note)
{
  g_return_if_fail (self != NULL);
  g_free (self->note);
  self->note = g_strdup (note);
}

void
limber_presence_report (LimberPresence *self, LimberPresenceEvent event, gint64 at_us)
{
  self->funcs.event (event, at_us, self->user_data);
}

void
limber_presence_report_lost (LimberPresence *self)
{
  self->funcs.lost (self->user_data);
}

void
limber_presence_report_fullscreen (LimberPresence *self, gboolean fullscreen)
{
  if (self->funcs.fullscreen_changed != NULL)
    self->funcs.fullscreen_changed (fullscreen, self->user_data);
}

const char *
limber_presence_get_name (LimberPresence *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->klass->name;
}

const char *
limber_presence_get_note (LimberPresence *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->note;
}

void
limber_presence_set_threshold (LimberPresence *self, gint64 away_after_us)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (away_after_us > 0);
  self->klass->set_threshold (self, away_after_us);
}

void
limber_presence_expect_return (LimberPresence *self)
{
  g_return_if_fail (self != NULL);
  self->klass->expect_return (self);
}

gboolean
limber_presence_set_input_only (LimberPresence *self, gboolean input_only)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (self->klass->set_input_only == NULL)
    return FALSE;
  return self->klass->set_input_only (self, input_only);
}

LimberFullscreen
limber_presence_get_fullscreen (LimberPresence *self)
{
  g_return_val_if_fail (self != NULL, LIMBER_FULLSCREEN_UNKNOWN);
  if (self->klass->get_fullscreen == NULL)
    return LIMBER_FULLSCREEN_UNKNOWN;
  return self->klass->get_fullscreen (self);
}

void
limber_presence_free (LimberPresence *self)
{
  char *note;

  if (self == NULL)
    return;
  note = self->note;
  self->klass->free (self);
  g_free (note);
}
