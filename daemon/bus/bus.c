/* bus.c: the org.limber.Daemon1 control interface on the session bus. */
#include "bus/bus.h"

#include <glib/gi18n-lib.h>

#include "bus/limber-dbus.h"

struct _LimberBus
{
  LimberBusFuncs funcs;
  gpointer user_data;
  guint owner_id;
  LimberDBusDaemon1 *skeleton;
  LimberHistory *history;
};

static const GDBusErrorEntry bus_error_entries[] = {
  { LIMBER_BUS_ERROR_FAILED, "org.limber.Error.Failed" },
  { LIMBER_BUS_ERROR_INVALID_ARGUMENT, "org.limber.Error.InvalidArgument" },
  { LIMBER_BUS_ERROR_NOT_APPLICABLE, "org.limber.Error.NotApplicable" },
};

GQuark
limber_bus_error_quark (void)
{
  static gsize quark = 0;

  g_dbus_error_register_error_domain ("limber-bus-error-quark", &quark, bus_error_entries,
                                      G_N_ELEMENTS (bus_error_entries));
  return (GQuark) quark;
}

static void
return_error (GDBusMethodInvocation *invocation, const GError *error)
{
  if (error != NULL && error->domain == LIMBER_BUS_ERROR)
    g_dbus_method_invocation_return_gerror (invocation, error);
  else
    g_dbus_method_invocation_return_dbus_error (invocation, "org.limber.Error.Failed",
                                                error ? error->message : _("The daemon could not do that."));
}

typedef gboolean (*SimpleFunc) (gpointer user_data, GError **error);

static gboolean
run_simple (GDBusMethodInvocation *invocation, SimpleFunc func, gpointer user_data, const char *what)
{
  g_autoptr (GError) error = NULL;

  if (func == NULL)
    g_dbus_method_invocation_return_error (invocation, LIMBER_BUS_ERROR, LIMBER_BUS_ERROR_NOT_APPLICABLE,
                                           "This daemon cannot %s.", what);
  else if (func (user_data, &error))
    g_dbus_method_invocation_return_value (invocation, NULL);
  else
    return_error (invocation, error);
  return TRUE;
}

static gboolean
on_pause (LimberDBusDaemon1 *skeleton, GDBusMethodInvocation *invocation, guint64 duration_us, LimberBus *bus)
{
  g_autoptr (GError) error = NULL;

  if (duration_us > (guint64) LIMBER_BUS_MAX_PAUSE_US)
    g_dbus_method_invocation_return_error (invocation, LIMBER_BUS_ERROR, LIMBER_BUS_ERROR_INVALID_ARGUMENT,
                                           _("A pause can last at most 24 hours. To stop Limber for longer, "
                                             "stop the service: systemctl --user stop limber."));
  else if (bus->funcs.pause == NULL)
    g_dbus_method_invocation_return_error (invocation, LIMBER_BUS_ERROR, LIMBER_BUS_ERROR_NOT_APPLICABLE,
                                           "This daemon cannot pause.");
  else if (bus->funcs.pause ((gint64) duration_us, bus->user_data, &error))
    g_dbus_method_invocation_return_value (invocation, NULL);
  else
    return_error (invocation, error);
  return TRUE;
}

static gboolean
on_resume (LimberDBusDaemon1 *skeleton, GDBusMethodInvocation *invocation, LimberBus *bus)
{
  return run_simple (invocation, bus->funcs.resume, bus->user_data, "resume");
}

static gboolean
on_start_break (LimberDBusDaemon1 *skeleton, GDBusMethodInvocation *invocation, LimberBus *bus)
{
  return run_simple (invocation, bus->funcs.start_break, bus->user_data, "start a break");
}

static gboolean
on_snooze (LimberDBusDaemon1 *skeleton, GDBusMethodInvocation *invocation, LimberBus *bus)
{
  return run_simple (invocation, bus->funcs.snooze, bus->user_data, "snooze");
}

static gboolean
on_skip (LimberDBusDaemon1 *skeleton, GDBusMethodInvocation *invocation, LimberBus *bus)
{
  return run_simple (invocation, bus->funcs.skip, bus->user_data, "skip");
}

static gboolean
on_reload (LimberDBusDaemon1 *skeleton, GDBusMethodInvocation *invocation, LimberBus *bus)
{
  return run_simple (invocation, bus->funcs.reload, bus->user_data, "reload its configuration");
}

static gboolean
on_stand (LimberDBusDaemon1 *skeleton, GDBusMethodInvocation *invocation, LimberBus *bus)
{
  return run_simple (invocation, bus->funcs.stand, bus->user_data, "note that you stand");
}

static gboolean
on_sit (LimberDBusDaemon1 *skeleton, GDBusMethodInvocation *invocation, LimberBus *bus)
{
  return run_simple (invocation, bus->funcs.sit, bus->user_data, "note that you sit");
}

static gboolean
on_set_gentle (LimberDBusDaemon1 *skeleton, GDBusMethodInvocation *invocation, const char *mode, LimberBus *bus)
{
  static const char *const modes[] = { "off", "gentle", "walk-only", NULL };
  g_autoptr (GError) error = NULL;

  if (!g_strv_contains (modes, mode))
    g_dbus_method_invocation_return_error (invocation, LIMBER_BUS_ERROR, LIMBER_BUS_ERROR_INVALID_ARGUMENT,
                                           _("\"%s\" is no gentle mode; use off, gentle or walk-only."), mode);
  else if (bus->funcs.set_gentle == NULL)
    g_dbus_method_invocation_return_error (invocation, LIMBER_BUS_ERROR, LIMBER_BUS_ERROR_NOT_APPLICABLE,
                                           "This daemon has no gentle week.");
  else if (bus->funcs.set_gentle (mode, bus->user_data, &error))
    g_dbus_method_invocation_return_value (invocation, NULL);
  else
    return_error (invocation, error);
  return TRUE;
}

GVariant *
limber_bus_day_to_variant (const LimberDay *day)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  if (day != NULL)
    {
      g_variant_dict_insert (&dict, "date", "s", day->date);
      g_variant_dict_insert (&dict, "sitting-us", "x", day->sitting_us);
      g_variant_dict_insert (&dict, "standing-us", "x", day->standing_us);
      g_variant_dict_insert (&dict, "longest-bout-us", "x", day->longest_bout_us);
      for (guint c = 0; c < LIMBER_COUNTER_N; c++)
        g_variant_dict_insert (&dict, limber_counter_to_string (c), "u", day->counters[c]);
    }
  return g_variant_dict_end (&dict);
}

static gboolean
on_get_history (LimberDBusDaemon1 *skeleton, GDBusMethodInvocation *invocation, guint n_days, LimberBus *bus)
{
  g_autoptr (GPtrArray) days = NULL;
  GVariantBuilder builder;

  if (n_days < 1 || n_days > 366)
    {
      g_dbus_method_invocation_return_error (invocation, LIMBER_BUS_ERROR, LIMBER_BUS_ERROR_INVALID_ARGUMENT,
                                             _("Ask for between 1 and 366 days of history, not %u."), n_days);
      return TRUE;
    }
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  if (bus->history != NULL)
    {
      days = limber_history_get_days (bus->history, n_days, g_get_real_time ());
      for (guint i = 0; i < days->len; i++)
        g_variant_builder_add_value (&builder, limber_bus_day_to_variant (g_ptr_array_index (days, i)));
    }
  limber_dbus_daemon1_complete_get_history (skeleton, invocation, g_variant_builder_end (&builder),
                                            bus->history ? limber_history_habit_days (bus->history) : 0,
                                            LIMBER_HISTORY_HABIT_GOAL);
  return TRUE;
}

static void
on_bus_acquired (GDBusConnection *connection, const char *name, gpointer user_data)
{
  LimberBus *bus = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (bus->skeleton), connection,
                                         LIMBER_BUS_PATH, &error))
    g_warning ("Could not offer the control interface at %s: %s. limberctl will not reach this daemon.",
               LIMBER_BUS_PATH, error->message);
}

static void
on_name_acquired (GDBusConnection *connection, const char *name, gpointer user_data)
{
  LimberBus *bus = user_data;

  if (bus->funcs.name_acquired != NULL)
    bus->funcs.name_acquired (bus->user_data);
}

static void
on_name_lost (GDBusConnection *connection, const char *name, gpointer user_data)
{
  LimberBus *bus = user_data;

  if (bus->funcs.name_lost != NULL)
    bus->funcs.name_lost (bus->user_data);
}

LimberBus *
limber_bus_new (const LimberBusFuncs *funcs, gpointer user_data)
{
  LimberBus *bus = g_new0 (LimberBus, 1);

  g_return_val_if_fail (funcs != NULL, NULL);
  bus->funcs = *funcs;
  bus->user_data = user_data;
  bus->skeleton = limber_dbus_daemon1_skeleton_new ();
  limber_bus_set_status (bus, "sitting", 0, 0, 0, NULL);
  limber_bus_set_manners (bus, NULL, 0, "");
  limber_bus_set_posture (bus, "sitting", 0);
  limber_bus_set_gentle (bus, "", 0);
  g_signal_connect (bus->skeleton, "handle-pause", G_CALLBACK (on_pause), bus);
  g_signal_connect (bus->skeleton, "handle-resume", G_CALLBACK (on_resume), bus);
  g_signal_connect (bus->skeleton, "handle-start-break", G_CALLBACK (on_start_break), bus);
  g_signal_connect (bus->skeleton, "handle-snooze", G_CALLBACK (on_snooze), bus);
  g_signal_connect (bus->skeleton, "handle-skip", G_CALLBACK (on_skip), bus);
  g_signal_connect (bus->skeleton, "handle-reload", G_CALLBACK (on_reload), bus);
  g_signal_connect (bus->skeleton, "handle-stand", G_CALLBACK (on_stand), bus);
  g_signal_connect (bus->skeleton, "handle-sit", G_CALLBACK (on_sit), bus);
  g_signal_connect (bus->skeleton, "handle-get-history", G_CALLBACK (on_get_history), bus);
  g_signal_connect (bus->skeleton, "handle-set-gentle", G_CALLBACK (on_set_gentle), bus);
  bus->owner_id = g_bus_own_name (G_BUS_TYPE_SESSION, LIMBER_BUS_NAME, G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE,
                                  on_bus_acquired, on_name_acquired, on_name_lost, bus, NULL);
  return bus;
}

void
limber_bus_free (LimberBus *bus)
{
  if (bus == NULL)
    return;
  g_bus_unown_name (bus->owner_id);
  if (g_dbus_interface_skeleton_get_connection (G_DBUS_INTERFACE_SKELETON (bus->skeleton)) != NULL)
    g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (bus->skeleton));
  g_signal_handlers_disconnect_by_data (bus->skeleton, bus);
  g_object_unref (bus->skeleton);
  g_free (bus);
}

void
limber_bus_set_history (LimberBus *bus, LimberHistory *history)
{
  bus->history = history;
}

void
limber_bus_set_status (LimberBus *bus, const char *state, gint64 wall_sitting_since_us,
                       gint64 wall_next_due_us, gint64 wall_paused_until_us, const LimberDay *today)
{
  g_return_if_fail (bus != NULL && state != NULL);
  limber_dbus_daemon1_set_state (bus->skeleton, state);
  limber_dbus_daemon1_set_sitting_since (bus->skeleton, wall_sitting_since_us);
  limber_dbus_daemon1_set_next_break_due (bus->skeleton, wall_next_due_us);
  limber_dbus_daemon1_set_paused_until (bus->skeleton, wall_paused_until_us);
  limber_dbus_daemon1_set_today (bus->skeleton, limber_bus_day_to_variant (today));
}

void
limber_bus_set_break_due (LimberBus *bus, gboolean break_due)
{
  g_return_if_fail (bus != NULL);
  limber_dbus_daemon1_set_break_due (bus->skeleton, break_due);
}

GDBusConnection *
limber_bus_get_connection (LimberBus *bus)
{
  g_return_val_if_fail (bus != NULL, NULL);
  return g_dbus_interface_skeleton_get_connection (G_DBUS_INTERFACE_SKELETON (bus->skeleton));
}

void
limber_bus_set_away_since (LimberBus *bus, gint64 wall_away_since_us)
{
  g_return_if_fail (bus != NULL);
  limber_dbus_daemon1_set_away_since (bus->skeleton, wall_away_since_us);
}

void
limber_bus_set_posture (LimberBus *bus, const char *posture, gint64 wall_posture_since_us)
{
  g_return_if_fail (bus != NULL && posture != NULL);
  limber_dbus_daemon1_set_posture (bus->skeleton, posture);
  limber_dbus_daemon1_set_posture_since (bus->skeleton, wall_posture_since_us);
}

void
limber_bus_set_gentle (LimberBus *bus, const char *mode, gint64 wall_until_us)
{
  g_return_if_fail (bus != NULL);
  limber_dbus_daemon1_set_gentle (bus->skeleton, mode ? mode : "");
  limber_dbus_daemon1_set_gentle_until (bus->skeleton, wall_until_us);
}

void
limber_bus_set_standing_goal (LimberBus *bus, gint64 goal_us)
{
  g_return_if_fail (bus != NULL);
  limber_dbus_daemon1_set_standing_goal (bus->skeleton, goal_us);
}

void
limber_bus_set_presence (LimberBus *bus, const char *backend, const char *const *notes)
{
  static const char *const none[] = { NULL };

  g_return_if_fail (bus != NULL);
  limber_dbus_daemon1_set_presence (bus->skeleton, backend ? backend : "");
  limber_dbus_daemon1_set_presence_notes (bus->skeleton, notes ? notes : none);
}

void
limber_bus_set_manners (LimberBus *bus, const char *const *busy, gint64 wall_held_since_us, const char *wellbeing)
{
  static const char *const none[] = { NULL };

  g_return_if_fail (bus != NULL);
  limber_dbus_daemon1_set_busy (bus->skeleton, busy ? busy : none);
  limber_dbus_daemon1_set_held_since (bus->skeleton, wall_held_since_us);
  limber_dbus_daemon1_set_wellbeing (bus->skeleton, wellbeing ? wellbeing : "");
}
