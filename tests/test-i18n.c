/* test-i18n.c: the shipped translations (po/LINGUAS), as limberd uses them: the translated catalogue
 * passes check-config's rules (the step lengths), every popup still fits the servers, plural forms
 * work, and the words really are translated. The catalogues are the build's (build/po/LANG/). */
#include <glib.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "core/duration.h"
#include "core/reminder.h"
#include "core/status.h"
#include "settings/config.h"
#include "settings/diagnostic.h"
#include "settings/profile.h"

#include "popup-fixture.h"

#define SEC(n) ((gint64) (n) * G_USEC_PER_SEC)
#define MIN_US SEC (60)

/* LANGUAGE is honoured in C.UTF-8 (the test's locale) by Debian 12's glibc, never in C (see language_honoured). */
static void
use_language (const char *lang)
{
  if (lang != NULL)
    g_setenv ("LANGUAGE", lang, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  g_assert_nonnull (setlocale (LC_ALL, ""));
  /* A new LANGUAGE alone leaves gettext's cached lookups in place; textdomain() drops them. */
  textdomain (GETTEXT_PACKAGE);
}

/* The shipped catalogue in @lang (NULL: English), with what check-config would print about it. */
static LimberConfig *
load_in (const char *lang, GPtrArray *diagnostics)
{
  g_autoptr (GError) error = NULL;
  LimberConfig *c;

  use_language (lang);
  c = limber_config_load (NULL, diagnostics, &error);
  g_assert_no_error (error);
  return c;
}

/* check-config's rule on the translated steps is the catalogue's own reading of them (routine.c
 * checks the steps after translating them): nothing to report, as for the English original. */
static void
test_catalogue_checks (gconstpointer data)
{
  const char *lang = data;
  g_autoptr (GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_diagnostic_free);
  g_autoptr (LimberConfig) c = load_in (lang, diagnostics);
  GPtrArray *stretches = limber_catalogue_get_stretches (c->catalogue);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = limber_diagnostic_format (g_ptr_array_index (diagnostics, i));
      g_test_message ("%s: %s", lang, line);
    }
  g_assert_cmpuint (diagnostics->len, ==, 0);
  /* The same limits, said directly: a failure names the stretch. */
  for (guint i = 0; i < stretches->len; i++)
    {
      const LimberStretch *s = g_ptr_array_index (stretches, i);
      g_autofree char *joined = g_strjoinv (" ", s->steps);

      g_test_message ("%s %s: %ld characters", lang, s->id, g_utf8_strlen (joined, -1));
      for (gsize k = 0; s->steps[k]; k++)
        g_assert_cmpint (g_utf8_strlen (s->steps[k], -1), <=, LIMBER_ROUTINE_MAX_STEP_CHARS);
      g_assert_cmpint (g_utf8_strlen (joined, -1), <=, LIMBER_ROUTINE_MAX_STEPS_CHARS);
      g_assert_true (s->caution == NULL || g_utf8_strlen (s->caution, -1) <= LIMBER_ROUTINE_MAX_CAUTION_CHARS);
    }
}

static guint
count_changed (const char *a, const char *b, guint *total)
{
  (*total)++;
  return g_strcmp0 (a, b) != 0 ? 1 : 0;
}

/* The catalogue is looked up, not left in English: its titles and steps differ from the original
 * (a word may rightly stay the same in some language, a whole catalogue does not). */
static void
test_catalogue_translated (gconstpointer data)
{
  g_autoptr (LimberConfig) english = load_in (NULL, NULL);
  g_autoptr (LimberConfig) c = load_in (data, NULL);
  GPtrArray *stretches = limber_catalogue_get_stretches (c->catalogue);
  GPtrArray *routines = limber_catalogue_get_routines (c->catalogue);
  guint changed = 0, total = 0;

  for (guint i = 0; i < stretches->len; i++)
    {
      const LimberStretch *s = g_ptr_array_index (stretches, i);
      const LimberStretch *en = limber_catalogue_get_stretch (english->catalogue, s->id);

      g_assert_cmpuint (g_strv_length (s->steps), ==, g_strv_length (en->steps));
      changed += count_changed (s->title, en->title, &total) + count_changed (s->caution, en->caution, &total) +
                 count_changed (s->cue, en->cue, &total);
      for (gsize k = 0; s->steps[k]; k++)
        changed += count_changed (s->steps[k], en->steps[k], &total);
      /* Ids and the rest stay as they are: they are config words. */
      g_assert_cmpint (s->area, ==, en->area);
      g_assert_cmpint (s->hold_us, ==, en->hold_us);
    }
  for (guint i = 0; i < routines->len; i++)
    {
      const LimberRoutine *r = g_ptr_array_index (routines, i);
      changed += count_changed (r->title, limber_catalogue_get_routine (english->catalogue, r->id)->title, &total);
    }
  /* caution and cue are NULL in both for many stretches: those count as unchanged. */
  g_assert_cmpuint (changed * 10, >=, (total - 2 * stretches->len) * 9);
}

/* The user's own entries are theirs: a [stretch ID] of the user's file is not translated, even when
 * its words are the shipped ones. */
static void
test_user_entry_kept (gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "limber-test-i18n.conf", NULL);
  g_autoptr (LimberConfig) c = NULL;
  const LimberStretch *walk;

  g_assert_true (g_file_set_contents (path, "[stretch walk]\ntitle = Walk away from the desk\narea = whole-body\n"
                                      "kind = move\ncue = Keep walking\naway = true\n"
                                      "steps = Take the long way back if you can.\nhold = 2m\n", -1, NULL));
  use_language (data);
  c = limber_config_load (path, NULL, &error);
  g_assert_no_error (error);
  g_unlink (path);
  walk = limber_catalogue_get_stretch (c->catalogue, "walk");
  g_assert_cmpstr (walk->title, ==, "Walk away from the desk");
  g_assert_cmpstr (walk->cue, ==, "Keep walking");
  g_assert_cmpstr (walk->steps[0], ==, "Take the long way back if you can.");
  /* The shipped ones beside it are translated. */
  g_assert_cmpstr (limber_catalogue_get_routine (c->catalogue, "walk-break")->title, !=, "Walk");
}

/* Not an abort at the first: a translator sees every popup that is too long, with its lines.
 * @extra: the lines a server without buttons adds for the limberctl commands (reminder.h). */
static void
assert_fits_more (const LimberReminder *r, guint extra)
{
  g_autofree char *plain = limber_wording_plain (r->body);
  g_autofree char *shown = g_strdelimit (g_strdup (plain), "\n", '/');
  glong summary = g_utf8_strlen (r->summary, -1);
  guint gnome = limber_wording_count_lines (plain, LIMBER_REMINDER_GNOME_COLUMNS);
  guint kde = limber_wording_count_lines (plain, LIMBER_REMINDER_KDE_COLUMNS);
  guint dunst = limber_wording_count_lines (plain, LIMBER_REMINDER_DUNST_COLUMNS);

  if (summary <= LIMBER_REMINDER_MAX_SUMMARY_CHARS && gnome <= LIMBER_REMINDER_GNOME_LINES + extra &&
      kde <= LIMBER_REMINDER_KDE_LINES + extra && dunst <= LIMBER_REMINDER_DUNST_LINES + extra)
    return;
  g_test_message ("too long (summary %ld of %d characters; lines: GNOME %u of %d, KDE %u of %d, dunst %u of %d): "
                  "%s | %s", summary, LIMBER_REMINDER_MAX_SUMMARY_CHARS, gnome, LIMBER_REMINDER_GNOME_LINES, kde,
                  LIMBER_REMINDER_KDE_LINES, dunst, LIMBER_REMINDER_DUNST_LINES, r->summary, shown);
  g_test_fail ();
}

static void
assert_fits (const LimberReminder *r)
{
  assert_fits_more (r, 0);
}

/* Every side of every step, as daemon-show.c fills them in (test-routine.c does the same in English). */
static void
check_step_popups (const LimberCatalogue *cat, const LimberStretch *s)
{
  g_autofree char *text = g_strjoinv (" ", s->steps);

  for (guint side = 0; side <= 2; side++)
    {
      LimberReminderInput in = popup_step_input (cat, s, text, side);
      g_autoptr (LimberReminder) popup = limber_reminder_build (&in, TRUE, TRUE);

      assert_fits (popup);
    }
}

static void
check_break_popups (const LimberCatalogue *cat, const LimberProfile *p, const LimberRoutine *r, gboolean micro)
{
  g_autoptr (GArray) steps = limber_profile_get_steps (p, cat, r);
  const LimberStretch *first = g_array_index (steps, LimberRoutineStep, 0).stretch;
  g_autofree char *text = g_strjoinv (" ", first->steps);
  gboolean seated = p->mobility == LIMBER_MOBILITY_SEATED;
  LimberWording w = micro ? LIMBER_WORDING_MICRO : seated ? LIMBER_WORDING_MOVEMENT_SEATED : LIMBER_WORDING_MOVEMENT;

  for (guint k = 0; k < limber_wording_count (w); k++)
    {
      LimberReminderInput in = {
        .kind = micro ? LIMBER_REMINDER_MICRO : LIMBER_REMINDER_MOVEMENT, .sitting_us = SEC (75 * 60),
        .routine_title = r->title, .routine_total_us = limber_profile_total_us (p, cat, r),
        .first_step = first->steps[0], .snoozes_left = 2, .snooze_us = SEC (300), .seated = seated, .wording = k,
        .stand_slowly = limber_profile_stand_slowly (p) && !seated, .area = limber_area_to_string (first->area),
        .stretch_title = first->title, .step_text = text, .hold_us = SEC (30), .picture = first->picture,
      };
      g_autoptr (LimberReminder) popup = limber_reminder_build (&in, TRUE, TRUE);

      assert_fits (popup);
    }
}

/* What a profile offers: one round of its movement and micro rotations. */
static void
check_offered (const LimberCatalogue *c, const LimberProfile *p, gboolean micro)
{
  const char *const *ids = limber_profile_walk_only (p) ? limber_catalogue_get_walk_only (c, micro)
                                                        : limber_catalogue_get_rotation (c, micro);

  for (guint n = 0; ids[n]; n++)
    check_break_popups (c, p, limber_profile_pick (p, c, micro, n), micro);
}

/* The popups that carry no catalogue text: the first-run notice, "That hurt", the sit-stand ones. */
static void
check_fixed_popups (void)
{
  g_autofree char *sit_limit = limber_reminder_format_duration (SEC (30 * 60));
  g_autofree char *welcome = limber_wording_welcome (sit_limit);
  LimberReminderInput notice = { .kind = LIMBER_REMINDER_NOTICE, .text = welcome };
  LimberReminderInput hurt = { .kind = LIMBER_REMINDER_HURT };
  LimberReminderInput done = { .kind = LIMBER_REMINDER_DONE, .routine_title = "Routine" };
  g_autoptr (LimberReminder) r_welcome = limber_reminder_build (&notice, FALSE, TRUE);
  g_autoptr (LimberReminder) r_hurt = limber_reminder_build (&hurt, TRUE, TRUE);
  g_autoptr (LimberReminder) r_hurt_plain = limber_reminder_build (&hurt, FALSE, FALSE);
  g_autoptr (LimberReminder) r_done = limber_reminder_build (&done, TRUE, TRUE);

  assert_fits (r_welcome);
  assert_fits (r_hurt);
  assert_fits_more (r_hurt_plain, 2);
  assert_fits (r_done);
  for (LimberReminderKind kind = LIMBER_REMINDER_STAND; kind <= LIMBER_REMINDER_STAND_LIMIT; kind++)
    for (guint w = 0; w < 4; w++)
      for (guint actions = 0; actions <= 1; actions++)
        {
          LimberReminderInput in = { .kind = kind, .spell_us = 95 * MIN_US, .wording = w };
          g_autoptr (LimberReminder) r = limber_reminder_build (&in, actions, TRUE);
          assert_fits_more (r, actions ? 0 : 2);
        }
}

/* German compounds and Spanish phrases are longer than English: every popup still fits. */
static void
test_popups_fit (gconstpointer data)
{
  g_autoptr (LimberConfig) c = load_in (data, NULL);
  GPtrArray *stretches = limber_catalogue_get_stretches (c->catalogue);

  for (guint i = 0; i < stretches->len; i++)
    check_step_popups (c->catalogue, g_ptr_array_index (stretches, i));
  for (guint n = 0; n < N_PROFILES; n++)
    {
      LimberProfile p = popup_profile_number (n);

      check_offered (c->catalogue, &p, FALSE);
      check_offered (c->catalogue, &p, TRUE);
    }
  check_fixed_popups ();
}

/* Counts take the language's plural forms, chosen at run time by the catalogue's Plural-Forms:
 * "1 day" and "3 days" differ in these languages too. */
static void
test_plurals (gconstpointer data)
{
  const char *one, *three;
  g_autofree char *english = NULL, *translated = NULL;

  use_language (data);
  one = g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", 1);
  three = g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", 3);
  g_test_message ("%s: %s / %s", (const char *) data, one, three);
  g_assert_cmpstr (one, !=, three);
  g_assert_cmpstr (one, !=, "%u day");
  g_assert_cmpstr (three, !=, "%u days");
  /* Through the code that formats them, and not the English text. */
  translated = limber_wording_step_time (LIMBER_STEP_REPEAT, 8, NULL, 0, "30 s");
  use_language (NULL);
  english = limber_wording_step_time (LIMBER_STEP_REPEAT, 8, NULL, 0, "30 s");
  g_assert_cmpstr (english, ==, "8 slow rounds, about 30 s.");
  g_assert_cmpstr (translated, !=, english);
}

static char **
read_linguas (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "po", "LINGUAS", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GStrvBuilder) langs = g_strv_builder_new ();
  g_auto (GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit_set (text, " \t\n", -1);
  for (gsize i = 0; lines[i]; i++)
    if (*lines[i] != '\0' && *lines[i] != '#')
      g_strv_builder_add (langs, lines[i]);
  return g_strv_builder_end (langs);
}

static void
test_skip_languages (gconstpointer reason)
{
  g_test_skip ((const char *) reason);
}

/* Whether gettext picks @lang's catalogue by LANGUAGE in this locale. glibc 2.41 (Debian 13)
 * ignores LANGUAGE under C.UTF-8 as under C, and Debian's container roots have no other locale;
 * Debian 12's glibc honours it. A catalogue that was never built is a failure, not a skip. */
static gboolean
language_honoured (const char *lang)
{
  g_autofree char *mo = g_build_filename (LIMBER_TEST_LOCALEDIR, lang, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

  g_assert_true (g_file_test (mo, G_FILE_TEST_IS_REGULAR));
  return !g_str_equal (dgettext (GETTEXT_PACKAGE, "Sitting"), "Sitting");
}

int
main (int argc, char **argv)
{
  g_auto (GStrv) langs = NULL;

  g_test_init (&argc, &argv, NULL);
  langs = read_linguas ();
  g_assert_nonnull (langs[0]);
  /* The build's catalogues (po/meson.build builds them as LANG/LC_MESSAGES/limber.mo). */
  bindtextdomain (GETTEXT_PACKAGE, LIMBER_TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  use_language (langs[0]);
  if (!language_honoured (langs[0]))
    {
      g_test_add_data_func ("/i18n/languages", "this C library ignores LANGUAGE in the C.UTF-8 locale "
                            "and no locale of the language is installed: nothing can be translated here",
                            test_skip_languages);
      return g_test_run ();
    }
  /* g_dgettext decides at its first call, once, whether to translate at all: in a language with
   * a catalogue. (Were that call made in C.UTF-8 without LANGUAGE, nothing would be translated.) */
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Sitting"), !=, "Sitting");
  for (gsize i = 0; langs[i]; i++)
    {
      g_autofree char *checks = g_strdup_printf ("/i18n/%s/catalogue-checks", langs[i]);
      g_autofree char *translated = g_strdup_printf ("/i18n/%s/catalogue-translated", langs[i]);
      g_autofree char *user = g_strdup_printf ("/i18n/%s/user-entry-kept", langs[i]);
      g_autofree char *fit = g_strdup_printf ("/i18n/%s/popups-fit", langs[i]);
      g_autofree char *plurals = g_strdup_printf ("/i18n/%s/plurals", langs[i]);

      g_test_add_data_func (checks, langs[i], test_catalogue_checks);
      g_test_add_data_func (translated, langs[i], test_catalogue_translated);
      g_test_add_data_func (user, langs[i], test_user_entry_kept);
      g_test_add_data_func (fit, langs[i], test_popups_fit);
      g_test_add_data_func (plurals, langs[i], test_plurals);
    }
  return g_test_run ();
}
