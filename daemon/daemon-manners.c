/* daemon-manners.c: the edges that say the user is busy (calls, idle inhibitors) or is reminded
 * already (GNOME Wellbeing), started and stopped as the configuration asks, and what they say
 * passed on to the scheduler. */
#include "daemon-private.h"

static void
on_calls (guint busy, gpointer user_data)
{
  LimberDaemon *self = user_data;

  self->calls_busy = busy;
  limber_daemon_report_busy (self);
}

static void
on_inhibited (gboolean inhibited, gpointer user_data)
{
  LimberDaemon *self = user_data;

  self->inhibited = inhibited;
  limber_daemon_report_busy (self);
}

/* What the scheduler is told of GNOME's movement breaks: nothing unless they are followed. */
static LimberExternal
external_now (LimberDaemon *self)
{
  if (self->config->gnome_wellbeing != LIMBER_GNOME_WELLBEING_FOLLOW)
    return LIMBER_EXTERNAL_NONE;
  switch (self->wellbeing_state)
    {
    case LIMBER_WELLBEING_ON:
      return LIMBER_EXTERNAL_FOLLOW;
    case LIMBER_WELLBEING_DUE:
      return LIMBER_EXTERNAL_DUE;
    case LIMBER_WELLBEING_ABSENT:
    case LIMBER_WELLBEING_OFF:
    default:
      return LIMBER_EXTERNAL_NONE;
    }
}

static gboolean
wellbeing_on (LimberWellbeingState state)
{
  return state == LIMBER_WELLBEING_ON || state == LIMBER_WELLBEING_DUE;
}

/* One line whenever what applies changes: GNOME's breaks on (followed or not) or off. */
static void
log_wellbeing (LimberDaemon *self, gboolean was_on)
{
  gboolean on = wellbeing_on (self->wellbeing_state);

  if (on && (!was_on || self->wellbeing_logged_mode != (int) self->config->gnome_wellbeing))
    g_message (self->config->gnome_wellbeing == LIMBER_GNOME_WELLBEING_FOLLOW
                   ? "GNOME Wellbeing's movement breaks are on: Limber sends no reminder of its own and offers "
                     "its routine when GNOME's break is due (gnome-wellbeing = follow)."
                   : "GNOME Wellbeing's movement breaks are on: Limber keeps its own schedule beside them "
                     "(gnome-wellbeing = ignore).");
  else if (!on && was_on)
    g_message ("GNOME Wellbeing's movement breaks are off: Limber keeps its own schedule.");
  self->wellbeing_logged_mode = (int) self->config->gnome_wellbeing;
}

static void
report_external (LimberDaemon *self)
{
  LimberExternal external = external_now (self);

  if (external == self->external)
    {
      limber_daemon_publish_status (self);
      return;
    }
  self->external = external;
  limber_daemon_observe (self, &(LimberObservation) { .kind = LIMBER_OBSERVATION_EXTERNAL,
                                                      .at_us = limber_daemon_now_us (self),
                                                      .external = external });
}

static void
on_wellbeing_changed (LimberWellbeingState state, gpointer user_data)
{
  LimberDaemon *self = user_data;
  gboolean was_on = wellbeing_on (self->wellbeing_state);

  self->wellbeing_state = state;
  log_wellbeing (self, was_on);
  report_external (self);
}

static void
on_wellbeing_taken (gint64 since_us, gpointer user_data)
{
  LimberDaemon *self = user_data;

  if (external_now (self) == LIMBER_EXTERNAL_NONE)
    return;
  g_message ("GNOME Wellbeing's movement break was taken: it counts as a break.");
  limber_daemon_observe (self, &(LimberObservation) { .kind = LIMBER_OBSERVATION_EXTERNAL_TAKEN,
                                                      .at_us = limber_daemon_now_us (self),
                                                      .since_us = since_us });
}

/* Each edge runs only while the configuration asks for it: libpipewire is loaded only with
 * defer-during-calls on. What a stopped edge said no longer holds anything. */
void
limber_daemon_manners_apply (LimberDaemon *self)
{
  static const LimberWellbeingFuncs wellbeing_funcs = { on_wellbeing_changed, on_wellbeing_taken };

  if (self->config->defer_calls && self->calls == NULL)
    self->calls = limber_calls_new (on_calls, self);
  else if (!self->config->defer_calls && self->calls != NULL)
    {
      g_clear_pointer (&self->calls, limber_calls_free);
      self->calls_busy = 0;
    }
  if (self->config->defer_inhibited && self->inhibitors == NULL)
    self->inhibitors = limber_inhibitors_new (on_inhibited, self);
  else if (!self->config->defer_inhibited && self->inhibitors != NULL)
    {
      g_clear_pointer (&self->inhibitors, limber_inhibitors_free);
      self->inhibited = FALSE;
    }
  /* Read in both modes, so that the status says which applies. */
  if (self->wellbeing == NULL)
    self->wellbeing = limber_wellbeing_new (&wellbeing_funcs, self);
  log_wellbeing (self, wellbeing_on (self->wellbeing_state));
  limber_daemon_report_busy (self);
  report_external (self);
}

void
limber_daemon_manners_stop (LimberDaemon *self)
{
  g_clear_pointer (&self->calls, limber_calls_free);
  g_clear_pointer (&self->inhibitors, limber_inhibitors_free);
  g_clear_pointer (&self->wellbeing, limber_wellbeing_free);
}
