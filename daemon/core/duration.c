/* duration.c: parsing and formatting of durations with units. */
#include "core/duration.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (limber-duration-error-quark, limber_duration_error)

typedef struct
{
  const char *name;
  gint64 us;
} LimberDurationUnit;

/* Largest first: the order a duration must be written in. "ms" before "m" so the longer
 * suffix wins when matching. */
static const LimberDurationUnit units[] = {
  { "h", G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC },
  { "ms", 1000 },
  { "m", G_GINT64_CONSTANT (60) * G_USEC_PER_SEC },
  { "s", G_USEC_PER_SEC },
};

/* Rank of a unit in writing order (h, m, s, ms); the table order above is matching order. */
static int
unit_rank (gsize i)
{
  static const int rank[] = { 0, 3, 1, 2 };
  return rank[i];
}

static gboolean
match_unit (const char **p, gsize *out_index)
{
  for (gsize i = 0; i < G_N_ELEMENTS (units); i++)
    {
      gsize len = strlen (units[i].name);
      if (strncmp (*p, units[i].name, len) == 0 && !g_ascii_isalpha ((*p)[len]))
        {
          *p += len;
          *out_index = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* @what is the rest of the sentence after the quoted text ("is empty; …"), translated. */
static gboolean
fail (GError **error, LimberDurationError code, const char *text, const char *what)
{
  /* TRANSLATORS: a duration as written, then what is wrong with it ("is empty; write …"). */
  g_set_error (error, LIMBER_DURATION_ERROR, code, C_ ("duration error", "\"%s\" %s"), text, what);
  return FALSE;
}

static gboolean
is_bare_number (const char *text)
{
  const char *p = text;
  if (*p == '-' || *p == '+')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  return *p == '\0';
}

gboolean
limber_duration_parse (const char *text, gint64 *out_us, GError **error)
{
  const char *p = text;
  gint64 total_us = 0;
  int last_rank = -1;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (strcmp (text, "0") == 0)
    {
      if (out_us)
        *out_us = 0;
      return TRUE;
    }
  if (*text == '\0')
    return fail (error, LIMBER_DURATION_ERROR_INVALID, text, _("is empty; write a duration such as 30m or 45s"));
  if (text[0] == '-' && text[1] != '\0')
    return fail (error, LIMBER_DURATION_ERROR_RANGE, text, _("is negative; durations are 0 or more, e.g. 30m"));
  if (is_bare_number (text))
    {
      g_set_error (error, LIMBER_DURATION_ERROR, LIMBER_DURATION_ERROR_NO_UNIT,
                   _("\"%s\" needs a unit, e.g. %sm"), text, text);
      return FALSE;
    }
  while (*p != '\0')
    {
      gint64 value = 0;
      gsize unit = 0;
      int digits = 0;

      while (*p == ' ')
        p++;
      for (; g_ascii_isdigit (*p); p++, digits++)
        {
          if (value > LIMBER_DURATION_MAX_US)
            break;
          value = value * 10 + (*p - '0');
        }
      if (digits == 0)
        return fail (error, LIMBER_DURATION_ERROR_INVALID, text,
                     _("is not a duration; write a number and a unit (h, m, s), e.g. 1h30m or 45s"));
      if (value > LIMBER_DURATION_MAX_US)
        return fail (error, LIMBER_DURATION_ERROR_RANGE, text, _("is too long; the longest duration is one week"));
      if (!match_unit (&p, &unit))
        return fail (error, LIMBER_DURATION_ERROR_INVALID, text,
                     _("has an unknown unit; use h, m, s or ms, e.g. 1h30m or 45s"));
      if (unit_rank (unit) <= last_rank)
        return fail (error, LIMBER_DURATION_ERROR_INVALID, text,
                     _("repeats or misorders its units; write the largest unit first, e.g. 1h30m"));
      last_rank = unit_rank (unit);
      /* Compared before multiplying: 99999999999h would overflow gint64. */
      if (value > (LIMBER_DURATION_MAX_US - total_us) / units[unit].us)
        return fail (error, LIMBER_DURATION_ERROR_RANGE, text, _("is too long; the longest duration is one week"));
      total_us += value * units[unit].us;
      while (*p == ' ')
        p++;
    }
  if (out_us)
    *out_us = total_us;
  return TRUE;
}

char *
limber_duration_format (gint64 us)
{
  GString *out = g_string_new (NULL);
  gint64 h, m, s, ms;

  if (us <= 0)
    return g_string_free (g_string_assign (out, us == 0 ? "0" : "-"), FALSE);
  ms = us / 1000;
  h = ms / 3600000;
  m = ms / 60000 % 60;
  s = ms / 1000 % 60;
  ms %= 1000;
  if (h)
    g_string_append_printf (out, "%" G_GINT64_FORMAT "h", h);
  if (m)
    g_string_append_printf (out, "%" G_GINT64_FORMAT "m", m);
  if (s)
    g_string_append_printf (out, "%" G_GINT64_FORMAT "s", s);
  if (ms)
    g_string_append_printf (out, "%" G_GINT64_FORMAT "ms", ms);
  if (out->len == 0)
    g_string_append (out, "0");
  return g_string_free (out, FALSE);
}

char *
limber_duration_format_part (gint64 n, LimberDurationPart part)
{
  /* The figures are small (at most a week in hours): "%d" keeps the msgids free of
   * G_GINT64_FORMAT, which xgettext cannot read. Abbreviations in English, but some languages
   * inflect even those: hence the plural forms. */
  int count = (int) CLAMP (n, G_MININT, G_MAXINT);

  switch (part)
    {
    case LIMBER_DURATION_HOURS:
      /* TRANSLATORS: hours in a time for people ("1 h", "2 h 30 min"). */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d h", "%d h", (gulong) ABS (count)), count);
    case LIMBER_DURATION_MINUTES:
      /* TRANSLATORS: minutes in a time for people ("5 min", "2 h 30 min"). */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min", "%d min", (gulong) ABS (count)), count);
    case LIMBER_DURATION_SECONDS:
    default:
      /* TRANSLATORS: seconds in a time for people ("20 s", "1 min 30 s"). */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d s", "%d s", (gulong) ABS (count)), count);
    }
}

char *
limber_duration_join (const char *larger, const char *smaller)
{
  /* TRANSLATORS: a time of two units, the larger first: "1 h" and "30 min" make "1 h 30 min". */
  return g_strdup_printf (C_ ("duration", "%s %s"), larger, smaller);
}

char *
limber_duration_format_human (gint64 us)
{
  gint64 total_s = (us + G_USEC_PER_SEC / 2) / G_USEC_PER_SEC;
  gint64 h = total_s / 3600, m = total_s / 60 % 60, s = total_s % 60;
  const LimberDurationPart parts[] = { LIMBER_DURATION_HOURS, LIMBER_DURATION_MINUTES, LIMBER_DURATION_SECONDS };
  const gint64 values[] = { h, m, s };
  char *out = NULL;

  if (total_s <= 0)
    return limber_duration_format_part (0, LIMBER_DURATION_SECONDS);
  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *part = NULL;

      if (values[i] == 0)
        continue;
      part = limber_duration_format_part (values[i], parts[i]);
      if (out == NULL)
        out = g_steal_pointer (&part);
      else
        {
          char *joined = limber_duration_join (out, part);

          g_free (out);
          out = joined;
        }
    }
  return out;
}
