/* wellbeing.h: GNOME Wellbeing's movement breaks: its settings (GSettings) and GNOME Shell's ScreenTime state. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LIMBER_WELLBEING_ABSENT,  /* org.gnome.desktop.break-reminders is not installed */
  LIMBER_WELLBEING_OFF,     /* installed, but movement breaks are not selected or no GNOME Shell runs them */
  LIMBER_WELLBEING_ON,      /* GNOME Shell runs movement breaks, between two of them */
  LIMBER_WELLBEING_DUE,     /* its movement break is due or in progress */
} LimberWellbeingState;

typedef struct
{
  void (*changed) (LimberWellbeingState state, gpointer user_data);
  /* GNOME's movement break was taken (LastBreakEndTime moved on); since_us (CLOCK_BOOTTIME) is its start. */
  void (*taken) (gint64 since_us, gpointer user_data);
} LimberWellbeingFuncs;

typedef struct _LimberWellbeing LimberWellbeing;

/* Reads and watches the schema only where it is installed (looked up first: GSettings aborts on a
 * missing schema), and watches org.gnome.Shell.ScreenTime's State and LastBreakEndTime on the
 * session bus. Logs one line saying what it found. funcs is copied. */
LimberWellbeing *limber_wellbeing_new (const LimberWellbeingFuncs *funcs, gpointer user_data);
LimberWellbeingState limber_wellbeing_get_state (LimberWellbeing *self);
void limber_wellbeing_free (LimberWellbeing *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberWellbeing, limber_wellbeing_free)

/* GNOME Shell's break states as its code (js/misc/breakManager.js) numbers them; the XML of
 * org.gnome.Shell.ScreenTime documents only four and numbers them otherwise. */
typedef enum
{
  LIMBER_SCREEN_TIME_DISABLED = 0,
  LIMBER_SCREEN_TIME_ACTIVE = 1,
  LIMBER_SCREEN_TIME_IDLE = 2,
  LIMBER_SCREEN_TIME_IN_BREAK = 3,
  LIMBER_SCREEN_TIME_BREAK_DUE = 4,
} LimberScreenTimeState;

G_END_DECLS
