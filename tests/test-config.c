/* test-config.c: defaults, overrides, merging, and every diagnostic with its exact text. */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <stdio.h>
#include <unistd.h>

#include "ctl/config-cmd.h"
#include "settings/config-schema.h"
#include "settings/config.h"
#include "settings/diagnostic.h"

#define MINUTES(n) ((gint64) (n) * 60 * G_USEC_PER_SEC)
#define SEC(n) ((gint64) (n) * G_USEC_PER_SEC)

/* Writes @text (@length bytes, -1 = up to the NUL) to limber.conf in the current directory. */
static void
write_conf (const char *text, gssize length)
{
  g_autoptr (GError) error = NULL;
  g_file_set_contents ("limber.conf", text, length, &error);
  g_assert_no_error (error);
}

/* Every diagnostic, formatted as check-config prints them, one per line. */
static char *
format_all (GPtrArray *diagnostics)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      const LimberDiagnostic *d = g_ptr_array_index (diagnostics, i);
      g_autofree char *line = limber_diagnostic_format (d);
      g_string_append_printf (out, "%s%s%s", out->len ? "\n" : "",
                              d->level == LIMBER_DIAGNOSTIC_WARNING ? "warning: " : "", line);
    }
  return g_string_free (out, FALSE);
}

static LimberConfig *
load_text (const char *text, gssize length, char **out_messages, GError **error)
{
  g_autoptr (GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_diagnostic_free);
  LimberConfig *c;

  write_conf (text, length);
  c = limber_config_load ("limber.conf", diagnostics, error);
  *out_messages = format_all (diagnostics);
  return c;
}

static void
test_defaults (void)
{
  g_autoptr (GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_diagnostic_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberConfig) c = limber_config_load (NULL, diagnostics, &error);

  g_assert_no_error (error);
  g_assert_nonnull (c);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_cmpint (c->sit_limit_us, ==, MINUTES (30));
  g_assert_cmpint (c->break_length_us, ==, MINUTES (2));
  g_assert_cmpint (c->micro_interval_us, ==, MINUTES (20));
  g_assert_cmpint (c->micro_length_us, ==, SEC (30));
  g_assert_cmpint (c->snooze_us, ==, MINUTES (5));
  g_assert_cmpuint (c->max_snoozes, ==, 2);
  g_assert_true (c->defer_fullscreen);
  g_assert_true (c->defer_dnd);
  g_assert_true (c->defer_calls);
  g_assert_true (c->defer_inhibited);
  g_assert_cmpint (c->gnome_wellbeing, ==, LIMBER_GNOME_WELLBEING_FOLLOW);
  g_assert_cmpint (c->defer_cap_us, ==, MINUTES (20));
  g_assert_true (c->escalate);
  g_assert_cmpint (c->media_playback, ==, LIMBER_MEDIA_PLAYBACK_SITTING);
  /* A sitting desk unless asked; with a sit-stand one, Hedge's 20-8-2 and Buckley's 2 h. */
  g_assert_cmpint (c->desk, ==, LIMBER_DESK_SITTING);
  g_assert_cmpint (c->sit_before_stand_us, ==, MINUTES (20));
  g_assert_cmpint (c->stand_before_sit_us, ==, MINUTES (8));
  g_assert_cmpint (c->stand_limit_us, ==, MINUTES (45));
  g_assert_cmpint (c->standing_goal_us, ==, MINUTES (120));
  g_assert_cmpint (limber_catalogue_get_order (c->catalogue), ==, LIMBER_ORDER_ROTATE);
  g_assert_null (c->path);
}

/* The schema has no defaults; the shipped file has no keys the schema lacks, and every
 * settings key of the schema is in the shipped file. */
static void
test_schema_matches_shipped_file (void)
{
  g_autoptr (GBytes) bytes = limber_config_get_defaults ();
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_auto (GStrv) groups = NULL;
  gsize n_keys, n_catalogue = 0;
  const LimberSchemaKey *keys = limber_config_schema_get_keys (&n_keys);

  g_assert_true (g_key_file_load_from_bytes (kf, bytes, G_KEY_FILE_NONE, NULL));
  for (gsize i = 0; i < n_keys; i++)
    if (strcmp (keys[i].group, "stretch") != 0 && strcmp (keys[i].group, "routine") != 0)
      g_assert_true (g_key_file_has_key (kf, keys[i].group, keys[i].key, NULL));
  groups = g_key_file_get_groups (kf, NULL);
  for (gsize g = 0; groups[g]; g++)
    {
      g_auto (GStrv) file_keys = g_key_file_get_keys (kf, groups[g], NULL, NULL);
      g_assert_nonnull (limber_config_schema_group_kind (groups[g]));
      for (gsize k = 0; file_keys[k]; k++)
        g_assert_nonnull (limber_config_schema_lookup (groups[g], file_keys[k]));
      n_catalogue += strchr (groups[g], ' ') != NULL;
    }
  g_assert_cmpuint (n_catalogue, >=, 16 + 8);
}

static void
test_override_one_key (void)
{
  g_autofree char *messages = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberConfig) defaults = limber_config_load (NULL, NULL, NULL);
  g_autoptr (LimberConfig) c = load_text ("[breaks]\nsit-limit = 45m\n", -1, &messages, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (messages, ==, "");
  g_assert_cmpint (c->sit_limit_us, ==, MINUTES (45));
  g_assert_cmpint (c->break_length_us, ==, MINUTES (2));
  g_assert_cmpstr (c->path, ==, "limber.conf");
  g_assert_cmpuint (limber_catalogue_get_stretches (c->catalogue)->len, ==,
                    limber_catalogue_get_stretches (defaults->catalogue)->len);
  g_assert_cmpuint (limber_catalogue_get_routines (c->catalogue)->len, ==,
                    limber_catalogue_get_routines (defaults->catalogue)->len);
  g_assert_nonnull (limber_catalogue_pick (c->catalogue, FALSE, 0));
}

static void
test_override_all_kinds (void)
{
  g_autofree char *messages = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberConfig) c = load_text ("[breaks]\nmax-snoozes = 0\nmicro-interval = 0\n"
                                          "[reminders]\ndefer-fullscreen = false\ndefer-at-most = 0\n"
                                          "defer-during-calls = false\ngnome-wellbeing = ignore\n"
                                          "[presence]\nmedia-playback = away\n"
                                          "[profile]\ndesk = sit-stand\n"
                                          "[sit-stand]\nstand-limit = 0\nsit-before-stand = 25m\n"
                                          "[routines]\norder = shuffle\nmicro =\n",
                                          -1, &messages, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (messages, ==, "");
  g_assert_cmpuint (c->max_snoozes, ==, 0);
  g_assert_cmpint (c->micro_interval_us, ==, 0);
  g_assert_false (c->defer_fullscreen);
  g_assert_true (c->defer_dnd);
  g_assert_false (c->defer_calls);
  g_assert_true (c->defer_inhibited);
  g_assert_cmpint (c->gnome_wellbeing, ==, LIMBER_GNOME_WELLBEING_IGNORE);
  g_assert_cmpint (c->defer_cap_us, ==, 0);
  g_assert_cmpint (c->media_playback, ==, LIMBER_MEDIA_PLAYBACK_AWAY);
  g_assert_cmpint (c->desk, ==, LIMBER_DESK_SIT_STAND);
  g_assert_cmpint (c->stand_limit_us, ==, 0);
  g_assert_cmpint (c->sit_before_stand_us, ==, MINUTES (25));
  g_assert_cmpint (c->stand_before_sit_us, ==, MINUTES (8));
  g_assert_cmpint (limber_catalogue_get_order (c->catalogue), ==, LIMBER_ORDER_SHUFFLE);
  g_assert_null (limber_catalogue_pick (c->catalogue, TRUE, 0));
}

static void
test_merge_catalogue (void)
{
  g_autofree char *messages = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberConfig) c = load_text (
      "[stretch walk]\ntitle = Long walk\narea = whole-body\nsteps = Walk around the block.\nhold = 5m\n"
      "[stretch toe-touch]\ntitle = Reach down\narea = legs\nsteps = Reach;Come back up slowly\n"
      "hold = 20s\nsides = both\n"
      "[routine mine]\ntitle = Mine\nstretches = toe-touch;walk;chin-tuck\n"
      "[routines]\nmovement = mine;desk-reset\n", -1, &messages, &error);
  const LimberStretch *walk, *toe;
  const LimberRoutine *mine;

  g_assert_no_error (error);
  g_assert_cmpstr (messages, ==, "");
  walk = limber_catalogue_get_stretch (c->catalogue, "walk");
  g_assert_cmpstr (walk->title, ==, "Long walk");
  g_assert_cmpint (walk->hold_us, ==, MINUTES (5));
  g_assert_null (walk->cue);  /* replaced whole, not key by key */
  g_assert_cmpint (walk->kind, ==, LIMBER_KIND_HOLD);
  toe = limber_catalogue_get_stretch (c->catalogue, "toe-touch");
  g_assert_cmpuint (toe->sides, ==, 2);
  g_assert_cmpuint (g_strv_length (toe->steps), ==, 2);
  mine = limber_catalogue_pick (c->catalogue, FALSE, 0);
  g_assert_cmpstr (mine->id, ==, "mine");
  /* The walk is the user's, with none of the shipped walk's keys: not away, so it may come second. */
  g_assert_cmpint (limber_profile_total_us (&c->profile, c->catalogue, mine), ==, SEC (40) + MINUTES (5) + SEC (30));
  g_assert_cmpstr (limber_catalogue_pick (c->catalogue, FALSE, 3)->id, ==, "desk-reset");
  g_assert_nonnull (limber_catalogue_get_stretch (c->catalogue, "hip-flexor-standing"));
}

static void
test_find_path (void)
{
  const char *const *dirs = g_get_system_config_dirs ();
  g_autofree char *home = g_build_filename (g_get_user_config_dir (), "limber", NULL);
  g_autofree char *system = g_build_filename (dirs[0], "limber", NULL);
  g_autofree char *home_conf = g_build_filename (home, "limber.conf", NULL);
  g_autofree char *system_conf = g_build_filename (system, "limber.conf", NULL);
  g_autofree char *none = limber_config_find_path ();
  g_autofree char *found_system = NULL, *found_home = NULL;

  g_assert_null (none);
  g_assert_cmpint (g_mkdir_with_parents (system, 0700), ==, 0);
  g_assert_true (g_file_set_contents (system_conf, "", 0, NULL));
  found_system = limber_config_find_path ();
  g_assert_cmpstr (found_system, ==, system_conf);
  g_assert_cmpint (g_mkdir_with_parents (home, 0700), ==, 0);
  g_assert_true (g_file_set_contents (home_conf, "", 0, NULL));
  found_home = limber_config_find_path ();
  g_assert_cmpstr (found_home, ==, home_conf);
  g_remove (home_conf);
  g_remove (system_conf);
}

typedef struct
{
  const char *name;
  const char *text;
  gsize length;
  const char *expected;  /* every diagnostic, as check-config prints them */
} MalformedCase;

#define CASE(name, text, expected) { name, text, sizeof (text) - 1, expected }

/* Each file is written as limber.conf in a fresh directory and loaded over the defaults. */
static const MalformedCase malformed[] = {
  CASE ("bare-number", "[breaks]\nsit-limit = 30\n",
        "limber.conf:2: sit-limit: \"30\" needs a unit, e.g. 30m"),
  CASE ("negative", "[breaks]\nsnooze = -5m\n",
        "limber.conf:2: snooze: \"-5m\" is negative; durations are 0 or more, e.g. 30m"),
  CASE ("zero-sit-limit", "[breaks]\nsit-limit = 0\n",
        "limber.conf:2: sit-limit: \"0\" is too small; use a duration from 1s to 24h, e.g. 30m or 45s"),
  CASE ("zero-break-length", "[breaks]\nbreak-length = 0\n",
        "limber.conf:2: break-length: \"0\" is too small; use a duration from 1s to 1h, e.g. 30m or 45s"),
  CASE ("zero-snooze", "[breaks]\nsnooze = 0s\n",
        "limber.conf:2: snooze: \"0s\" is too small; use a duration from 1s to 24h, e.g. 30m or 45s"),
  CASE ("zero-hold", "[stretch x]\ntitle = X\narea = hips\nsteps = a\nhold = 0\n",
        "limber.conf:5: [stretch x] hold: \"0\" is too small; use a duration from 1s to 10m, e.g. 30m or 45s"),
  CASE ("unknown-unit", "[breaks]\nsit-limit = 30 minutes\n",
        "limber.conf:2: sit-limit: \"30 minutes\" has an unknown unit; use h, m, s or ms, e.g. 1h30m or 45s"),
  CASE ("misordered-units", "[breaks]\nsit-limit = 30m1h\n",
        "limber.conf:2: sit-limit: \"30m1h\" repeats or misorders its units; write the largest unit first, e.g. 1h30m"),
  CASE ("too-long-duration", "[breaks]\nsit-limit = 2000h\n",
        "limber.conf:2: sit-limit: \"2000h\" is too long; the longest duration is one week"),
  CASE ("out-of-range", "[breaks]\nsit-limit = 25h\n",
        "limber.conf:2: sit-limit: \"25h\" is too large; use a duration from 1s to 24h, e.g. 30m or 45s"),
  CASE ("micro-not-shorter", "[breaks]\nmicro-length = 2m\n",
        "limber.conf:2: micro-length: \"2m\" must be shorter than break-length (2m)"),
  CASE ("break-not-shorter", "[breaks]\nbreak-length = 30m\n",
        "limber.conf:2: break-length: \"30m\" must be shorter than sit-limit (30m)"),
  CASE ("break-vs-user-sit", "[breaks]\nsit-limit = 1m\n",
        "limber.conf:2: sit-limit: \"1m\" must be longer than break-length (2m)\nwarning: limber.conf:2: sit-limit: \"1m\" is not longer than micro-interval (20m), so no micro-break will come; shorten micro-interval, or set it to 0 to turn them off"),
  CASE ("micro-interval-long", "[breaks]\nmicro-interval = 40m\n",
        "warning: limber.conf:2: micro-interval: \"40m\" is not shorter than sit-limit (30m), so no micro-break will come; use 0 to turn them off"),
  CASE ("uint-word", "[breaks]\nmax-snoozes = two\n",
        "limber.conf:2: max-snoozes: \"two\" is not allowed; use a whole number from 0 to 10"),
  CASE ("uint-negative", "[breaks]\nmax-snoozes = -1\n",
        "limber.conf:2: max-snoozes: \"-1\" is not allowed; use a whole number from 0 to 10"),
  CASE ("uint-too-big", "[breaks]\nmax-snoozes = 11\n",
        "limber.conf:2: max-snoozes: \"11\" is too large; use a whole number from 0 to 10"),
  CASE ("uint-huge", "[breaks]\nmax-snoozes = 99999999999999999999\n",
        "limber.conf:2: max-snoozes: \"99999999999999999999\" is not allowed; use a whole number from 0 to 10"),
  CASE ("bool-yes", "[reminders]\nescalate = yes\n",
        "limber.conf:2: escalate: \"yes\" is not allowed; use true or false"),
  CASE ("bool-number", "[reminders]\ndefer-fullscreen = 1\n",
        "limber.conf:2: defer-fullscreen: \"1\" is not allowed; use true or false"),
  CASE ("choice", "[presence]\nmedia-playback = maybe\n",
        "limber.conf:2: media-playback: \"maybe\" is not allowed; use one of sitting, away"),
  CASE ("desk", "[profile]\ndesk = standing\n",
        "limber.conf:2: desk: \"standing\" is not allowed; use one of sitting, sit-stand"),
  CASE ("sit-stand-bare-number", "[sit-stand]\nstand-limit = 45\n",
        "limber.conf:2: stand-limit: \"45\" needs a unit, e.g. 45m"),
  CASE ("sit-stand-typo", "[sit-stnd]\nstand-limit = 45m\n",
        "warning: limber.conf:1: unknown section [sit-stnd], did you mean [sit-stand]?; it is ignored"),
  CASE ("stand-before-sit-long", "[sit-stand]\nstand-before-sit = 1h\n",
        "warning: limber.conf:2: stand-before-sit: \"1h\" is not shorter than stand-limit (45m), so the note "
        "that you may sit never comes; shorten it, or set it to 0 to turn it off"),
  CASE ("order", "[routines]\norder = random\n",
        "limber.conf:2: order: \"random\" is not allowed; use one of rotate, shuffle"),
  CASE ("unknown-key", "[breaks]\nsit-limt = 45m\n",
        "warning: limber.conf:2: sit-limt: unknown key, did you mean sit-limit?; it is ignored"),
  CASE ("unknown-key-far", "[breaks]\ncolour = blue\n",
        "warning: limber.conf:2: colour: unknown key; it is ignored"),
  CASE ("unknown-group", "[brakes]\nsit-limit = 45m\n",
        "warning: limber.conf:1: unknown section [brakes], did you mean [breaks]?; it is ignored"),
  CASE ("unknown-group-far", "[appearance]\nfont = big\n",
        "warning: limber.conf:1: unknown section [appearance]; it is ignored"),
  CASE ("stretch-without-id", "[stretch]\ntitle = X\n",
        "warning: limber.conf:1: unknown section [stretch], did you mean [stretch ID]?; it is ignored"),
  CASE ("stretch-key-typo", "[stretch x]\ntitle = X\narea = hips\nsteps = a\nhold = 5s\nside = both\n",
        "warning: limber.conf:6: [stretch x] side: unknown key, did you mean sides?; it is ignored"),
  CASE ("duplicate-key", "[breaks]\nsit-limit = 40m\nsit-limit = 45m\n",
        "warning: limber.conf:3: sit-limit: is set again (first on line 2); the value on this line is used"),
  CASE ("duplicate-group", "[breaks]\nsit-limit = 40m\n[reminders]\nescalate = false\n[breaks]\nsnooze = 1m\n",
        "warning: limber.conf:5: section [breaks] appears again (first on line 1); its keys are merged into one section"),
  CASE ("truncated-group", "[breaks\nsit-limit = 45m\n",
        "limber.conf:1: \"[breaks\" is not a valid section header; write it as [name] on its own line\nlimber.conf:2: \"sit-limit\" comes before any [section]; move it under one, e.g. [breaks]"),
  CASE ("truncated-key", "[breaks]\nsit-limit\n",
        "limber.conf:2: \"sit-limit\" is not a setting; write key = value, [section] or a # comment"),
  CASE ("key-before-group", "sit-limit = 45m\n[breaks]\n",
        "limber.conf:1: \"sit-limit\" comes before any [section]; move it under one, e.g. [breaks]"),
  CASE ("empty-key", "[breaks]\n= 45m\n",
        "limber.conf:2: a line starts with \"=\"; write key = value"),
  CASE ("empty-group-name", "[]\n",
        "limber.conf:1: \"[]\" is not a valid section header; write it as [name] on its own line"),
  CASE ("nul-byte", "[breaks]\nsit-limit = 4\0005m\n",
        "limber.conf:2: contains a NUL byte; the config must be a plain text file"),
  CASE ("non-utf8", "[breaks]\n# caf\351\nsnooze = 5m\n",
        "limber.conf:2: is not valid UTF-8 (byte 0xe9 at column 6); save the file as UTF-8"),
  CASE ("non-utf8-value", "[stretch x]\ntitle = Caf\351\n",
        "limber.conf:2: is not valid UTF-8 (byte 0xe9 at column 12); save the file as UTF-8"),
  CASE ("routine-unknown-stretch", "[routine r]\ntitle = R\nstretches = chin-tuk;walk\n",
        "limber.conf:3: [routine r] stretches: names \"chin-tuk\", which is not a stretch in the catalogue; did you mean \"chin-tuck\"?"),
  CASE ("routine-empty", "[routine r]\ntitle = R\nstretches =\n",
        "limber.conf:3: [routine r] stretches: is empty; a routine needs at least one stretch id"),
  CASE ("routine-only-separators", "[routine r]\ntitle = R\nstretches = ;;\n",
        "limber.conf:3: [routine r] stretches: is empty; a routine needs at least one stretch id"),
  CASE ("routine-missing-stretches", "[routine r]\ntitle = R\n",
        "limber.conf:1: [routine r]: \"stretches\" is missing; add stretches = …"),
  /* The catalogue's own checks: needs, variants, walks, micro-breaks, kinds. */
  CASE ("needs-typo", "[stretch x]\ntitle = X\narea = hips\nsteps = a\nhold = 5s\nneeds = standing;wal\n",
        "limber.conf:6: [stretch x] needs: \"wal\" is not something a stretch can need (did you mean wall?); use "
        "standing, fixed-chair, steady-seat, wall, doorway, lying, deep, strong or wheelchair"),
  CASE ("instead-unknown", "[stretch x]\ntitle = X\narea = hips\nsteps = a\nhold = 5s\ninstead = desk-squad\n",
        "limber.conf:6: [stretch x] instead: names \"desk-squad\", which is not a stretch in the catalogue; did you "
        "mean \"desk-squat\"?"),
  CASE ("instead-itself", "[stretch x]\ntitle = X\narea = hips\nsteps = a\nhold = 5s\ninstead = x\n",
        "limber.conf:6: [stretch x] instead: names the stretch itself; name another stretch, or remove the line"),
  CASE ("walk-not-last", "[routine r]\ntitle = R\nstretches = walk;calf-raises\n",
        "warning: limber.conf:3: [routine r] stretches: \"walk\" leaves the desk, so the steps after it would be "
        "shown to an empty chair; put it last"),
  CASE ("micro-two-stretches", "[routine r]\ntitle = R\nstretches = chin-tuck;shoulder-rolls\n[routines]\nmicro = r\n",
        "warning: limber.conf:3: [routine r] stretches: is a micro-break ([routines] micro), which shows only its "
        "first stretch, so \"shoulder-rolls\" is never shown; give each stretch a routine of its own"),
  CASE ("reps-on-hold", "[stretch x]\ntitle = X\narea = hips\nsteps = a\nhold = 5s\nreps = 5\n",
        "warning: limber.conf:6: [stretch x] reps: only a stretch of kind = repeat is counted in reps; it is ignored"),
  CASE ("kind-unknown", "[stretch x]\ntitle = X\narea = hips\nsteps = a\nhold = 5s\nkind = stretch\n",
        "limber.conf:6: [stretch x] kind: \"stretch\" is not allowed; use one of hold, repeat, move"),
  CASE ("profile-chair", "[profile]\nchair = rolling\n",
        "limber.conf:2: chair: \"rolling\" is not allowed; use one of fixed, wheels"),
  CASE ("rotation-unknown-routine", "[routines]\nmovement = desk-rest\n",
        "limber.conf:2: movement: names \"desk-rest\", which is not a routine in the catalogue; did you mean \"desk-reset\"?"),
  CASE ("rotation-empty", "[routines]\nmovement =\n",
        "limber.conf:2: movement: is empty; name at least one routine"),
  CASE ("stretch-missing-all", "[stretch x]\n",
        "limber.conf:1: [stretch x]: is empty; a stretch needs title, area, steps and hold"),
  CASE ("stretch-bad-area", "[stretch x]\ntitle = X\narea = back\nsteps = a\nhold = 5s\n",
        "limber.conf:3: [stretch x] area: \"back\" is not allowed; use one of hips, upper-back, neck, legs, whole-body, eyes"),
  CASE ("stretch-bad-sides", "[stretch x]\ntitle = X\narea = hips\nsteps = a\nhold = 5s\nsides = 2\n",
        "limber.conf:6: [stretch x] sides: \"2\" is not allowed; use one of one, both"),
  CASE ("stretch-empty-title", "[stretch x]\ntitle =\narea = hips\nsteps = a\nhold = 5s\n",
        "limber.conf:2: [stretch x] title: is empty; write some text or remove the line"),
  CASE ("stretch-bare-hold", "[stretch x]\ntitle = X\narea = hips\nsteps = a\nhold = 20\n",
        "limber.conf:5: [stretch x] hold: \"20\" needs a unit, e.g. 20s"),
  CASE ("stretch-long-step", "[stretch x]\ntitle = X\narea = hips\nsteps = Lift both arms and reach up Lift both arms and reach up Lift both arms and reach up Lift both arms and reach up\nhold = 5s\n",
        "warning: limber.conf:4: [stretch x] steps: step 1 is 111 characters long; popups show about 90, so it may be cut off"),
  CASE ("bad-id", "[stretch my stretch]\ntitle = X\narea = hips\nsteps = a\nhold = 5s\n",
        "limber.conf:1: [stretch my stretch]: \"my stretch\" is not a valid id; use letters, digits and '-' only, e.g. [stretch my-stretch]"),
  CASE ("replaced-stretch-broken", "[stretch walk]\nhold = 3m\n",
        "limber.conf:1: [stretch walk]: \"title\" is missing; add title = …\nlimber.conf:1: [stretch walk]: \"steps\" is missing; add steps = …\nlimber.conf:1: [stretch walk]: \"area\" is missing; add area = …"),
  CASE ("many-errors", "[breaks]\nsit-limit = 30\nsnooze = 0\nmax-snoozes = many\n[reminders]\nescalate = maybe\n",
        "limber.conf:2: sit-limit: \"30\" needs a unit, e.g. 30m\nlimber.conf:3: snooze: \"0\" is too small; use a duration from 1s to 24h, e.g. 30m or 45s\nlimber.conf:4: max-snoozes: \"many\" is not allowed; use a whole number from 0 to 10\nlimber.conf:6: escalate: \"maybe\" is not allowed; use true or false"),
  CASE ("crlf", "[breaks]\r\nsit-limit = 30\r\n",
        "limber.conf:2: sit-limit: \"30\" needs a unit, e.g. 30m"),
  CASE ("routine-broken-in-rotation", "[routine desk-reset]\ntitle = Broken\n",
        "limber.conf:1: [routine desk-reset]: \"stretches\" is missing; add stretches = …"),
  CASE ("locale-key", "[stretch walk]\ntitle = Walk\ntitle[de] = Gehen\narea = whole-body\nsteps = Go\nhold = 1m\n",
        ""),
};

static gboolean
has_error_line (const char *messages)
{
  g_auto (GStrv) lines = g_strsplit (messages, "\n", -1);
  for (gsize i = 0; lines[i]; i++)
    if (*lines[i] && !g_str_has_prefix (lines[i], "warning: "))
      return TRUE;
  return FALSE;
}

static void
test_malformed_table (void)
{
  gboolean dump = g_getenv ("LIMBER_TEST_DUMP") != NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autofree char *messages = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (LimberConfig) c = load_text (malformed[i].text, malformed[i].length, &messages, &error);

      if (dump)
        {
          g_autofree char *escaped = g_strescape (messages, "\xe2\x80\xa6");
          g_printerr ("%s\n        \"%s\"),\n", malformed[i].name, escaped);
          continue;
        }
      g_test_message ("case %s", malformed[i].name);
      g_assert_cmpstr (messages, ==, malformed[i].expected);
      if (has_error_line (malformed[i].expected))
        {
          g_assert_null (c);
          g_assert_error (error, LIMBER_CONFIG_ERROR, LIMBER_CONFIG_ERROR_INVALID);
        }
      else
        {
          g_assert_nonnull (c);
          g_assert_no_error (error);
        }
    }
}

/* The GError carries every error line (not just the first), and no warnings. */
static void
test_error_lists_all_errors (void)
{
  g_autofree char *messages = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberConfig) c = load_text ("[breaks]\nsit-limit = 30\ncolour = red\nsnooze = 0\n", -1,
                                          &messages, &error);
  g_assert_null (c);
  g_assert_cmpstr (error->message, ==,
                   "limber.conf:2: sit-limit: \"30\" needs a unit, e.g. 30m\n"
                   "limber.conf:4: snooze: \"0\" is too small; use a duration from 1s to 24h, e.g. 30m or 45s");
}

static void
expect_file_problem (const char *path, const char *expected)
{
  g_autoptr (GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_diagnostic_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberConfig) c = limber_config_load (path, diagnostics, &error);
  g_autofree char *messages = format_all (diagnostics);

  g_assert_null (c);
  g_assert_error (error, LIMBER_CONFIG_ERROR, LIMBER_CONFIG_ERROR_INVALID);
  g_assert_cmpstr (messages, ==, expected);
}

static void
test_file_problems (void)
{
  g_autofree char *big = g_strnfill (LIMBER_CONFIG_MAX_FILE_BYTES + 1, '#');
  g_autofree char *long_line = g_strconcat ("[breaks]\n# ", NULL);
  g_autoptr (GString) mb_line = g_string_new ("[breaks]\nsit-limit = ");

  g_assert_cmpint (g_mkdir ("a-directory", 0700), ==, 0);
  expect_file_problem ("a-directory",
                       "a-directory: is a directory, not a file; give the path of the file, e.g. …/limber/limber.conf");
  expect_file_problem ("missing.conf", "missing.conf: cannot be opened: No such file or directory");
  g_assert_true (g_file_set_contents ("big.conf", big, -1, NULL));
  expect_file_problem ("big.conf", "big.conf: is 1048577 bytes; a config file may be at most 1048576 bytes");
  /* A value just under 1 MB on one line: refused by line, with its line number. */
  for (gsize i = 0; i < 1000000 / 8; i++)
    g_string_append (mb_line, "30m30m30");
  g_string_append (mb_line, "\n");
  g_assert_true (g_file_set_contents ("line.conf", mb_line->str, mb_line->len, NULL));
  expect_file_problem ("line.conf", "line.conf:2: is 1000012 bytes long; lines may be at most 4096 bytes");
  if (getuid () != 0)
    {
      g_assert_true (g_file_set_contents ("secret.conf", "[breaks]\n", -1, NULL));
      g_assert_cmpint (g_chmod ("secret.conf", 0), ==, 0);
      expect_file_problem ("secret.conf", "secret.conf: cannot be read: Permission denied; check its permissions");
    }
}

/* A value over the line limit but under the file limit, and an empty and a comment-only file. */
static void
test_huge_value_and_empty_files (void)
{
  g_autofree char *value = g_strnfill (5000, 'x');
  g_autofree char *text = g_strdup_printf ("[stretch x]\ntitle = %s\n", value);
  g_autofree char *messages = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberConfig) bad = load_text (text, -1, &messages, &error);
  g_autoptr (LimberConfig) empty = NULL, comments = NULL;

  g_assert_null (bad);
  g_assert_cmpstr (messages, ==, "limber.conf:2: is 5008 bytes long; lines may be at most 4096 bytes");
  g_clear_pointer (&messages, g_free);
  empty = load_text ("", 0, &messages, NULL);
  g_assert_nonnull (empty);
  g_assert_cmpstr (messages, ==, "");
  g_clear_pointer (&messages, g_free);
  comments = load_text ("# nothing here\n\n   # indented comment\n", -1, &messages, NULL);
  g_assert_nonnull (comments);
  g_assert_cmpstr (messages, ==, "");
}

/* A valid example file under tests/data loads cleanly. */
static void
test_data_valid (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "config", "valid-custom.conf", NULL);
  g_autoptr (GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_diagnostic_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberConfig) c = limber_config_load (path, diagnostics, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_cmpint (c->sit_limit_us, ==, MINUTES (45));
  g_assert_cmpstr (limber_catalogue_pick (c->catalogue, FALSE, 1)->id, ==, "stairs-and-back");
}

static void
test_cmd_check (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *shipped = g_test_build_filename (G_TEST_DIST, "..", "config", "limber.conf", NULL);
      int rc_clean = limber_config_cmd_check (shipped);
      int rc_bad;
      write_conf ("[breaks]\nsit-limit = 30\nsnoze = 5m\n", -1);
      rc_bad = limber_config_cmd_check ("limber.conf");
      printf ("rc %d %d\n", rc_clean, rc_bad);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("limber.conf:2: sit-limit: \"30\" needs a unit, e.g. 30m\n"
                             "warning: limber.conf:3: snoze: unknown key, did you mean snooze?; it is ignored\n"
                             "rc 0 1\n");
}

static void
test_cmd_stretches (void)
{
  if (g_test_subprocess ())
    {
      int rc_list = limber_config_cmd_stretches (NULL, NULL);
      int rc_one = limber_config_cmd_stretches (NULL, "chin-tuck");
      int rc_none = limber_config_cmd_stretches (NULL, "nope");
      printf ("rc %d %d %d\n", rc_list, rc_one, rc_none);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("Your profile*chair = wheels, space = wall, mobility = standing\n*"
                             "STRETCH*\nhip-flexor-standing *hips *hold *50 s\n*"
                             "\nsit-to-stand *legs *repeat *40 s *→ desk-squat\n*"
                             "ROUTINE*desk-reset*"
                             "Chin tucks (chin-tuck)\nArea: neck · repeat · 8 times, about 30 s\n"
                             "In your profile: shown as it is\nPicture: *not medical advice*"
                             "There is no stretch or routine called \"nope\"; run limberctl stretches to see them all.\n"
                             "rc 0 0 1\n");
}

int
main (int argc, char **argv)
{
  g_autofree char *tmp = g_dir_make_tmp ("limber-test-config-XXXXXX", NULL);
  g_autofree char *home = g_build_filename (tmp, "config", NULL);
  g_autofree char *system = g_build_filename (tmp, "system-config", NULL);

  /* Private XDG dirs, set before GLib reads them (G_TEST_OPTION_ISOLATE_DIRS leaks under LSan). */
  g_assert_nonnull (tmp);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_DIRS", system, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (g_chdir (tmp), ==, 0);
  g_test_add_func ("/config/defaults", test_defaults);
  g_test_add_func ("/config/schema-matches-shipped-file", test_schema_matches_shipped_file);
  g_test_add_func ("/config/override/one-key", test_override_one_key);
  g_test_add_func ("/config/override/all-kinds", test_override_all_kinds);
  g_test_add_func ("/config/merge/catalogue", test_merge_catalogue);
  g_test_add_func ("/config/find-path", test_find_path);
  g_test_add_func ("/config/malformed/table", test_malformed_table);
  g_test_add_func ("/config/malformed/error-lists-all", test_error_lists_all_errors);
  g_test_add_func ("/config/malformed/files", test_file_problems);
  g_test_add_func ("/config/malformed/huge-value", test_huge_value_and_empty_files);
  g_test_add_func ("/config/data/valid", test_data_valid);
  g_test_add_func ("/config/cmd/check", test_cmd_check);
  g_test_add_func ("/config/cmd/stretches", test_cmd_stretches);
  return g_test_run ();
}
