/* bus.h: the org.limber.Daemon1 control interface on the session bus (name, object, methods, properties). */
#pragma once

#include <gio/gio.h>

#include "history/history.h"

G_BEGIN_DECLS

#define LIMBER_BUS_NAME "org.limber.Daemon1"
#define LIMBER_BUS_PATH "/org/limber/Daemon1"
/* The longest Pause the bus accepts. */
#define LIMBER_BUS_MAX_PAUSE_US (G_GINT64_CONSTANT (24) * 3600 * G_USEC_PER_SEC)

/* Errors the callbacks may set; they reach clients as org.limber.Error.Failed,
 * .InvalidArgument and .NotApplicable. Errors of other domains become .Failed. */
#define LIMBER_BUS_ERROR (limber_bus_error_quark ())
typedef enum
{
  LIMBER_BUS_ERROR_FAILED,
  LIMBER_BUS_ERROR_INVALID_ARGUMENT,
  LIMBER_BUS_ERROR_NOT_APPLICABLE,
} LimberBusError;
GQuark limber_bus_error_quark (void);

typedef struct
{
  gboolean (*pause) (gint64 duration_us /* 0 = until resumed */, gpointer user_data, GError **error);
  gboolean (*resume) (gpointer user_data, GError **error);
  gboolean (*start_break) (gpointer user_data, GError **error);
  gboolean (*snooze) (gpointer user_data, GError **error);
  gboolean (*skip) (gpointer user_data, GError **error);
  gboolean (*reload) (gpointer user_data, GError **error);
  void (*name_lost) (gpointer user_data);  /* another instance owns the name, or the bus went away */
  void (*name_acquired) (gpointer user_data);
  gboolean (*stand) (gpointer user_data, GError **error);  /* sit-stand desks */
  gboolean (*sit) (gpointer user_data, GError **error);
  /* "off", "gentle" or "walk-only" (checked by the bus) */
  gboolean (*set_gentle) (const char *mode, gpointer user_data, GError **error);
} LimberBusFuncs;

typedef struct _LimberBus LimberBus;

/* Owns LIMBER_BUS_NAME with DO_NOT_QUEUE (single instance) and exports the object.
 * funcs is copied; a NULL method callback answers org.limber.Error.NotApplicable. */
LimberBus *limber_bus_new (const LimberBusFuncs *funcs, gpointer user_data);
void limber_bus_free (LimberBus *bus);

/* Lets GetHistory answer from history (borrowed; NULL = empty answers). */
void limber_bus_set_history (LimberBus *bus, LimberHistory *history);

/* Sets AwaySince: when the user left (away/locked/asleep), 0 otherwise. */
void limber_bus_set_away_since (LimberBus *bus, gint64 wall_away_since_us);

/* Sets Presence (the backend's name) and PresenceNotes (NULL: none). */
void limber_bus_set_presence (LimberBus *bus, const char *backend, const char *const *notes);

/* Updates the properties (wall µs, 0 = none; paused_until G_MAXINT64 = until resumed; today may be
 * NULL). PropertiesChanged goes out once per main-loop turn with only what changed. */
void limber_bus_set_status (LimberBus *bus, const char *state, gint64 wall_sitting_since_us,
                            gint64 wall_next_due_us, gint64 wall_paused_until_us, const LimberDay *today);

/* Sets BreakDue: a movement break is due and not yet answered. */
void limber_bus_set_break_due (LimberBus *bus, gboolean break_due);

/* Returns (transfer none) the session bus connection the interface is offered on; NULL until
 * the bus is reached. */
GDBusConnection *limber_bus_get_connection (LimberBus *bus);

/* Sets Busy (names of the reasons in force, NULL = none), HeldSince (wall µs, 0 = none) and
 * Wellbeing ("", "follow" or "ignore"). */
void limber_bus_set_manners (LimberBus *bus, const char *const *busy, gint64 wall_held_since_us,
                             const char *wellbeing);
/* Sets Posture ("sitting", "standing") and PostureSince (wall µs, 0 = none). */
void limber_bus_set_posture (LimberBus *bus, const char *posture, gint64 wall_posture_since_us);
/* Sets Gentle ("", "gentle", "walk-only") and GentleUntil (wall µs, 0 = none). */
void limber_bus_set_gentle (LimberBus *bus, const char *mode, gint64 wall_until_us);
/* Sets StandingGoal (µs a day; 0 = none). */
void limber_bus_set_standing_goal (LimberBus *bus, gint64 goal_us);

/* A LimberDay as the a{sv} of the Today property and GetHistory (floating). */
GVariant *limber_bus_day_to_variant (const LimberDay *day);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberBus, limber_bus_free)

G_END_DECLS
