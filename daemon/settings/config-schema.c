/* config-schema.c: the table of every config key, and "did you mean" over it. */
#include "settings/config-schema.h"

#include <glib/gi18n-lib.h>
#include <stddef.h>
#include <string.h>

#include "settings/config.h"
#include "core/duration.h"

#define S(n) (G_GINT64_CONSTANT (n) * G_USEC_PER_SEC)
#define FIELD(f) ((gssize) offsetof (LimberConfig, f))

static const char *const media_choices[] = { "sitting", "away", NULL };
static const char *const wellbeing_choices[] = { "follow", "ignore", NULL };
static const char *const order_choices[] = { "rotate", "shuffle", NULL };
static const char *const area_choices[] = { "hips", "upper-back", "neck", "legs", "whole-body", "eyes", NULL };
static const char *const sides_choices[] = { "one", "both", NULL };
static const char *const desk_choices[] = { "sitting", "sit-stand", NULL };
static const char *const chair_choices[] = { "fixed", "wheels", NULL };
static const char *const space_choices[] = { "wall", "doorway", "none", NULL };
static const char *const mobility_choices[] = { "standing", "seated", NULL };
static const char *const kind_choices[] = { "hold", "repeat", "move", NULL };

/* Ranges are what the code can honour, kept wide so that tests can use seconds; the
 * evidence-based ranges are given in config/limber.conf. */
static const LimberSchemaKey schema[] = {
  { "breaks", "sit-limit", LIMBER_SCHEMA_DURATION, S (1), S (24 * 3600), NULL, FIELD (sit_limit_us), FALSE,
    "sitting time before a movement break is due" },
  { "breaks", "break-length", LIMBER_SCHEMA_DURATION, S (1), S (3600), NULL, FIELD (break_length_us), FALSE,
    "length of a movement break; being away this long counts as one" },
  { "breaks", "micro-interval", LIMBER_SCHEMA_DURATION, 0, S (24 * 3600), NULL, FIELD (micro_interval_us), FALSE,
    "sitting time between micro-breaks; 0 turns them off" },
  { "breaks", "micro-length", LIMBER_SCHEMA_DURATION, S (1), S (600), NULL, FIELD (micro_length_us), FALSE,
    "length of a micro-break; being away this long counts as one" },
  { "breaks", "snooze", LIMBER_SCHEMA_DURATION, S (1), S (24 * 3600), NULL, FIELD (snooze_us), FALSE,
    "how long Snooze puts a reminder off" },
  { "breaks", "max-snoozes", LIMBER_SCHEMA_UINT, 0, 10, NULL, FIELD (max_snoozes), FALSE,
    "snoozes (or ignored reminders) allowed per break" },
  { "reminders", "defer-fullscreen", LIMBER_SCHEMA_BOOLEAN, 0, 1, NULL, FIELD (defer_fullscreen), FALSE,
    "hold reminders while a fullscreen window has the focus" },
  { "reminders", "defer-do-not-disturb", LIMBER_SCHEMA_BOOLEAN, 0, 1, NULL, FIELD (defer_dnd), FALSE,
    "hold reminders while the notification server is in do-not-disturb" },
  { "reminders", "defer-during-calls", LIMBER_SCHEMA_BOOLEAN, 0, 1, NULL, FIELD (defer_calls), FALSE,
    "hold reminders while a camera or microphone is in use (PipeWire)" },
  { "reminders", "defer-inhibited", LIMBER_SCHEMA_BOOLEAN, 0, 1, NULL, FIELD (defer_inhibited), FALSE,
    "hold reminders while a program keeps the session from going idle" },
  { "reminders", "gnome-wellbeing", LIMBER_SCHEMA_CHOICE, 0, 0, wellbeing_choices, FIELD (gnome_wellbeing), FALSE,
    "when GNOME's own movement breaks are on: follow them, or ignore them" },
  { "reminders", "defer-at-most", LIMBER_SCHEMA_DURATION, 0, S (24 * 3600), NULL, FIELD (defer_cap_us), FALSE,
    "send a held reminder anyway after this long; 0 = hold it as long as needed" },
  { "reminders", "escalate", LIMBER_SCHEMA_BOOLEAN, 0, 1, NULL, FIELD (escalate), FALSE,
    "raise an ignored reminder to critical urgency once, after max-snoozes" },
  { "presence", "media-playback", LIMBER_SCHEMA_CHOICE, 0, 0, media_choices, FIELD (media_playback), FALSE,
    "what a video player that keeps the screen awake means: sitting or away" },
  { "profile", "desk", LIMBER_SCHEMA_CHOICE, 0, 0, desk_choices, FIELD (desk), FALSE,
    "sitting, or sit-stand for a height-adjustable desk (Limber counts standing apart)" },
  { "profile", "chair", LIMBER_SCHEMA_CHOICE, 0, 0, chair_choices, FIELD (profile.chair), FALSE,
    "fixed, or wheels for a chair with castors or a swivel (no step leans on it)" },
  { "profile", "space", LIMBER_SCHEMA_CHOICE, 0, 0, space_choices, FIELD (profile.space), FALSE,
    "what is free beside the desk: wall, doorway or none" },
  { "profile", "mobility", LIMBER_SCHEMA_CHOICE, 0, 0, mobility_choices, FIELD (profile.mobility), FALSE,
    "standing, or seated for a wheelchair user (seated moves, wheel away instead of walking)" },
  { "profile", "pregnant", LIMBER_SCHEMA_BOOLEAN, 0, 1, NULL, FIELD (profile.pregnant), FALSE,
    "no lying on the back, shallow lunges, stand up slowly" },
  { "profile", "walk-only", LIMBER_SCHEMA_BOOLEAN, 0, 1, NULL, FIELD (profile.walk_only), FALSE,
    "walks and the eye and posture micro-breaks only, no stretches" },
  { "sit-stand", "sit-before-stand", LIMBER_SCHEMA_DURATION, 0, S (24 * 3600), NULL, FIELD (sit_before_stand_us),
    FALSE, "sitting time before Limber suggests standing; 0 = never" },
  { "sit-stand", "stand-before-sit", LIMBER_SCHEMA_DURATION, 0, S (24 * 3600), NULL, FIELD (stand_before_sit_us),
    FALSE, "standing time before a gentle note says you may sit; 0 = never" },
  { "sit-stand", "stand-limit", LIMBER_SCHEMA_DURATION, 0, S (24 * 3600), NULL, FIELD (stand_limit_us), FALSE,
    "standing time before Limber suggests moving or sitting; 0 = never" },
  { "sit-stand", "standing-goal", LIMBER_SCHEMA_DURATION, 0, S (24 * 3600), NULL, FIELD (standing_goal_us), FALSE,
    "standing time a day that limberctl stats counts toward; 0 = no goal" },
  { "indicator", "enabled", LIMBER_SCHEMA_BOOLEAN, 0, 1, NULL, FIELD (indicator_enabled), FALSE,
    "show limberd's icon in the panel's tray" },
  { "routines", "movement", LIMBER_SCHEMA_STRING_LIST, 0, 0, NULL, -1, FALSE,
    "routine ids for movement breaks, in rotation order" },
  { "routines", "micro", LIMBER_SCHEMA_STRING_LIST, 0, 0, NULL, -1, FALSE,
    "routine ids for micro-breaks, in rotation order" },
  { "routines", "order", LIMBER_SCHEMA_CHOICE, 0, 0, order_choices, -1, FALSE,
    "rotate (in order) or shuffle (a new order each round)" },
  { "routines", "walk-only", LIMBER_SCHEMA_STRING_LIST, 0, 0, NULL, -1, FALSE,
    "routine ids for movement breaks with walk-only, in rotation order" },
  { "routines", "walk-only-micro", LIMBER_SCHEMA_STRING_LIST, 0, 0, NULL, -1, FALSE,
    "routine ids for micro-breaks with walk-only, in rotation order" },
  { "stretch", "title", LIMBER_SCHEMA_STRING, 0, 0, NULL, -1, TRUE, "name shown in the popup" },
  { "stretch", "area", LIMBER_SCHEMA_CHOICE, 0, 0, area_choices, -1, TRUE, "the part of the body it is for" },
  { "stretch", "steps", LIMBER_SCHEMA_STRING_LIST, 0, 0, NULL, -1, TRUE, "what to do, one short step each" },
  { "stretch", "hold", LIMBER_SCHEMA_DURATION, S (1), S (600), NULL, -1, TRUE, "time to spend on it, per side" },
  { "stretch", "sides", LIMBER_SCHEMA_CHOICE, 0, 0, sides_choices, -1, FALSE, "one, or both (done twice)" },
  { "stretch", "kind", LIMBER_SCHEMA_CHOICE, 0, 0, kind_choices, -1, FALSE,
    "hold (a position), repeat (a movement, reps times) or move (keep moving)" },
  { "stretch", "reps", LIMBER_SCHEMA_UINT, 1, 100, NULL, -1, FALSE, "kind = repeat: how many times (per side)" },
  { "stretch", "cue", LIMBER_SCHEMA_STRING, 0, 0, NULL, -1, FALSE, "kind = move: the words for the time, e.g. Keep walking" },
  { "stretch", "away", LIMBER_SCHEMA_BOOLEAN, 0, 1, NULL, -1, FALSE,
    "leaves the desk: lasts at least break-length, last in its routine" },
  { "stretch", "needs", LIMBER_SCHEMA_STRING_LIST, 0, 0, NULL, -1, FALSE,
    "what it needs: standing, fixed-chair, steady-seat, wall, doorway, lying, deep, strong, wheelchair" },
  { "stretch", "instead", LIMBER_SCHEMA_STRING, 0, 0, NULL, -1, FALSE, "the stretch shown when a need is not met" },
  { "stretch", "harder", LIMBER_SCHEMA_STRING, 0, 0, NULL, -1, FALSE, "the next step of a progression" },
  { "stretch", "picture", LIMBER_SCHEMA_STRING, 0, 0, NULL, -1, FALSE, "its illustration (default ID.svg)" },
  { "stretch", "caution", LIMBER_SCHEMA_STRING, 0, 0, NULL, -1, FALSE, "who should take care, and how" },
  { "routine", "title", LIMBER_SCHEMA_STRING, 0, 0, NULL, -1, TRUE, "name shown in the popup" },
  { "routine", "stretches", LIMBER_SCHEMA_STRING_LIST, 0, 0, NULL, -1, TRUE, "stretch ids, in order" },
};

static const char *const group_names[] = { "breaks", "reminders", "presence", "profile", "sit-stand", "indicator",
                                           "routines", NULL };

const LimberSchemaKey *
limber_config_schema_get_keys (gsize *n_keys)
{
  *n_keys = G_N_ELEMENTS (schema);
  return schema;
}

const char *
limber_config_schema_group_kind (const char *group)
{
  if (g_str_has_prefix (group, "stretch "))
    return "stretch";
  if (g_str_has_prefix (group, "routine "))
    return "routine";
  for (gsize i = 0; group_names[i]; i++)
    if (strcmp (group, group_names[i]) == 0)
      return group_names[i];
  return NULL;
}

const LimberSchemaKey *
limber_config_schema_lookup (const char *group, const char *key)
{
  const char *kind = limber_config_schema_group_kind (group);

  for (gsize i = 0; kind && i < G_N_ELEMENTS (schema); i++)
    if (strcmp (schema[i].group, kind) == 0 && strcmp (schema[i].key, key) == 0)
      return &schema[i];
  return NULL;
}

static guint
edit_distance (const char *a, const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree guint *row = g_new (guint, lb + 1);

  for (gsize j = 0; j <= lb; j++)
    row[j] = j;
  for (gsize i = 1; i <= la; i++)
    {
      guint diag = row[0];
      row[0] = i;
      for (gsize j = 1; j <= lb; j++)
        {
          guint up = row[j];
          guint cost = g_ascii_tolower (a[i - 1]) == g_ascii_tolower (b[j - 1]) ? 0 : 1;
          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diag + cost);
          diag = up;
        }
    }
  return row[lb];
}

const char *
limber_config_schema_closest (const char *word, const char *const *candidates)
{
  const char *best = NULL;
  guint best_distance = G_MAXUINT;
  /* A third of the word, at least 2: catches typos without proposing unrelated keys. */
  guint limit = MAX (2, strlen (word) / 3);

  if (strlen (word) > 64)
    return NULL;
  for (gsize i = 0; candidates && candidates[i]; i++)
    {
      guint d = edit_distance (word, candidates[i]);
      if (d < best_distance)
        {
          best = candidates[i];
          best_distance = d;
        }
    }
  return best_distance <= limit ? best : NULL;
}

const char *
limber_config_schema_suggest_key (const char *group, const char *key)
{
  const char *kind = limber_config_schema_group_kind (group);
  const char *names[G_N_ELEMENTS (schema) + 1];
  gsize n = 0;

  for (gsize i = 0; kind && i < G_N_ELEMENTS (schema); i++)
    if (strcmp (schema[i].group, kind) == 0)
      names[n++] = schema[i].key;
  names[n] = NULL;
  return limber_config_schema_closest (key, names);
}

const char *
limber_config_schema_suggest_group (const char *group)
{
  static const char *const all[] = { "breaks", "reminders", "presence", "profile", "sit-stand", "routines", "stretch",
                                     "routine", NULL };
  return limber_config_schema_closest (group, all);
}

char *
limber_config_schema_describe (const LimberSchemaKey *key)
{
  g_autofree char *min = NULL, *max = NULL, *choices = NULL;

  switch (key->type)
    {
    case LIMBER_SCHEMA_DURATION:
      min = limber_duration_format (key->min);
      max = limber_duration_format (key->max);
      /* TRANSLATORS: what a key accepts, after "use": durations as the config writes them ("1s", "24h"). */
      return g_strdup_printf (_("a duration from %s to %s, e.g. 30m or 45s"), min, max);
    case LIMBER_SCHEMA_UINT:
      /* The table's ranges are small: "%d" keeps the msgid readable for xgettext. */
      return g_strdup_printf (_("a whole number from %d to %d"), (int) key->min, (int) key->max);
    case LIMBER_SCHEMA_BOOLEAN:
      return g_strdup (_("true or false"));
    case LIMBER_SCHEMA_CHOICE:
      choices = g_strjoinv (", ", (char **) key->choices);
      /* TRANSLATORS: %s is the config words a key accepts ("rotate, shuffle"). */
      return g_strdup_printf (_("one of %s"), choices);
    case LIMBER_SCHEMA_STRING:
      return g_strdup (_("text"));
    case LIMBER_SCHEMA_STRING_LIST:
    default:
      return g_strdup (_("a list separated by ;"));
    }
}

static gboolean
parse_choice (const LimberSchemaKey *key, const char *text, gint64 *out_value)
{
  for (gsize i = 0; key->choices[i]; i++)
    if (strcmp (text, key->choices[i]) == 0)
      {
        *out_value = i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
parse_scalar (const LimberSchemaKey *key, const char *text, gint64 *out_value, char **out_problem)
{
  g_autoptr (GError) error = NULL;
  guint64 number = 0;

  switch (key->type)
    {
    case LIMBER_SCHEMA_DURATION:
      if (limber_duration_parse (text, out_value, &error))
        return TRUE;
      /* Suggest the unit that fits the key: seconds for holds and micro-breaks. */
      if (g_error_matches (error, LIMBER_DURATION_ERROR, LIMBER_DURATION_ERROR_NO_UNIT))
        /* TRANSLATORS: a bare number, then the same number with a unit ("30m"). */
        *out_problem = g_strdup_printf (key->max <= 600 * G_USEC_PER_SEC ? _("\"%s\" needs a unit, e.g. %ss")
                                                                        : _("\"%s\" needs a unit, e.g. %sm"),
                                        text, text);
      else
        *out_problem = g_strdup (error->message);
      return FALSE;
    case LIMBER_SCHEMA_UINT:
      if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT32, &number, NULL))
        return FALSE;
      *out_value = (gint64) number;
      return TRUE;
    case LIMBER_SCHEMA_BOOLEAN:
      *out_value = strcmp (text, "true") == 0;
      return *out_value || strcmp (text, "false") == 0;
    case LIMBER_SCHEMA_CHOICE:
      return parse_choice (key, text, out_value);
    case LIMBER_SCHEMA_STRING:
    case LIMBER_SCHEMA_STRING_LIST:
    default:
      g_return_val_if_reached (FALSE);
    }
}

gboolean
limber_config_schema_parse_value (const LimberSchemaKey *key, const char *text,
                                  gint64 *out_value, char **out_problem)
{
  g_autofree char *allowed = limber_config_schema_describe (key);
  glong chars = g_utf8_strlen (text, -1);
  gboolean long_text = chars > 40;
  g_autofree char *head = g_utf8_substring (text, 0, MIN (chars, 40));
  g_autofree char *shown = g_strconcat (head, long_text ? "…" : "", NULL);

  *out_problem = NULL;
  if (long_text || !parse_scalar (key, text, out_value, out_problem))
    {
      if (*out_problem == NULL)
        /* TRANSLATORS: a value as written, then what is allowed ("true or false"). */
        *out_problem = g_strdup_printf (_("\"%s\" is not allowed; use %s"), shown, allowed);
      return FALSE;
    }
  if ((key->type == LIMBER_SCHEMA_DURATION || key->type == LIMBER_SCHEMA_UINT)
      && (*out_value < key->min || *out_value > key->max))
    {
      /* TRANSLATORS: a value as written, then what is allowed ("a whole number from 0 to 10"). */
      *out_problem = g_strdup_printf (*out_value < key->min ? _("\"%s\" is too small; use %s")
                                                            : _("\"%s\" is too large; use %s"), shown, allowed);
      return FALSE;
    }
  return TRUE;
}
