/* duration.h: durations written with units ("45s", "2m", "1h30m") to and from gint64 microseconds. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LIMBER_DURATION_ERROR (limber_duration_error_quark ())
GQuark limber_duration_error_quark (void);

typedef enum
{
  LIMBER_DURATION_ERROR_INVALID,   /* not a duration at all */
  LIMBER_DURATION_ERROR_NO_UNIT,   /* a bare number such as "30" */
  LIMBER_DURATION_ERROR_RANGE,     /* negative, or longer than LIMBER_DURATION_MAX_US */
} LimberDurationError;

/* The longest duration accepted anywhere: one week. */
#define LIMBER_DURATION_MAX_US (G_GINT64_CONSTANT (7) * 24 * 3600 * G_USEC_PER_SEC)

/* Parses "45s", "2m", "1h30m", "1h 30m", "500ms" or "0" into microseconds.
 * Units h, m, s, ms, each at most once and largest first. A bare number other than 0
 * is an error whose message suggests a unit. The error message quotes @text and never
 * names a key: callers prefix it with where the value came from. */
gboolean limber_duration_parse (const char *text, gint64 *out_us, GError **error);

/* Formats @us compactly ("1h30m", "45s", "2m", "0"); parse (format (x)) == x for whole
 * milliseconds. (transfer full) */
char *limber_duration_format (gint64 us);

/* Formats @us for people ("30 s", "2 min", "1 h 30 min"), rounded to whole seconds, in the
 * user's language. (transfer full) */
char *limber_duration_format_human (gint64 us);

typedef enum
{
  LIMBER_DURATION_HOURS,
  LIMBER_DURATION_MINUTES,
  LIMBER_DURATION_SECONDS,
} LimberDurationPart;

/* One unit of a time for people, with the plural the language wants: "1 h", "30 min", "45 s".
 * (transfer full) */
char *limber_duration_format_part (gint64 n, LimberDurationPart part);
/* Two units of a time, the larger first: "1 h" and "30 min" give "1 h 30 min". (transfer full) */
char *limber_duration_join (const char *larger, const char *smaller);

G_END_DECLS
