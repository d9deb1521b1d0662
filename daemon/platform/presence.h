/* presence.h: the backend-neutral presence events every idle backend reports. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LIMBER_PRESENCE_AWAY,  /* idle for at least the threshold */
  LIMBER_PRESENCE_BACK,  /* the first input after AWAY */
} LimberPresenceEvent;

/* @at_us (CLOCK_BOOTTIME µs): for AWAY the time of the last input, i.e. when
 * the user left; for BACK the time of the input that ended the away time.
 * Backends only report: they never judge whether the time away was a break. */
typedef void (*LimberPresenceFunc) (LimberPresenceEvent event,
                                    gint64              at_us,
                                    gpointer            user_data);

/* The display server went away (session end, crash): the backend is dead;
 * free it from the main loop, not from inside this callback's caller. */
typedef void (*LimberPresenceLostFunc) (gpointer user_data);

G_END_DECLS
