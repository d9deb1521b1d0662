/* config-cmd.c: check-config and stretches, printed for people. */
#include "ctl/config-cmd.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "settings/config.h"
#include "settings/diagnostic.h"
#include "settings/profile.h"
#include "core/duration.h"

/* What @profile changes against the defaults, as "profile:" lines: the stretches each rotated
 * routine shows instead of those the default profile shows. Nothing for the default profile. */
static void
print_profile_changes (const LimberConfig *config)
{
  LimberProfile defaults;
  g_autofree char *described = limber_profile_describe (&config->profile);
  GPtrArray *routines = limber_catalogue_get_routines (config->catalogue);

  limber_profile_init (&defaults);
  if (limber_profile_equal (&defaults, &config->profile))
    return;
  /* TRANSLATORS: check-config's lines on [profile]; %s is as written there ("chair = wheels, …"). */
  printf (_("profile: %s\n"), described);
  for (guint i = 0; i < routines->len; i++)
    {
      const LimberRoutine *r = g_ptr_array_index (routines, i);
      g_autoptr (GArray) before = limber_profile_get_steps (&defaults, config->catalogue, r);
      g_autoptr (GArray) after = limber_profile_get_steps (&config->profile, config->catalogue, r);
      g_autoptr (GString) was = g_string_new (NULL);
      g_autoptr (GString) now = g_string_new (NULL);

      for (guint k = 0; k < before->len; k++)
        if (g_array_index (before, LimberRoutineStep, k).side < 2)
          g_string_append_printf (was, "%s%s", was->len ? ", " : "",
                                  g_array_index (before, LimberRoutineStep, k).stretch->id);
      for (guint k = 0; k < after->len; k++)
        if (g_array_index (after, LimberRoutineStep, k).side < 2)
          g_string_append_printf (now, "%s%s", now->len ? ", " : "",
                                  g_array_index (after, LimberRoutineStep, k).stretch->id);
      if (!g_str_equal (was->str, now->str))
        /* TRANSLATORS: a routine's id, then the stretch ids it shows, then those it would show. */
        printf (_("profile: [routine %s] shows %s (instead of %s)\n"), r->id, now->len ? now->str : _("nothing"),
                was->str);
    }
  if (limber_profile_walk_only (&config->profile))
    printf ("%s\n", _("profile: walk-only: movement breaks offer [routines] walk-only, micro-breaks walk-only-micro"));
}

int
limber_config_cmd_check (const char *path)
{
  g_autofree char *found = path ? g_strdup (path) : limber_config_find_path ();
  g_autoptr (GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_diagnostic_free);
  g_autoptr (LimberConfig) config = limber_config_load (found, diagnostics, NULL);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const LimberDiagnostic *d = g_ptr_array_index (diagnostics, i);
      g_autofree char *line = limber_diagnostic_format (d);
      if (d->level == LIMBER_DIAGNOSTIC_WARNING)
        /* TRANSLATORS: a check-config line that is a warning; %s is "file:line: [group] key: problem". */
        printf (_("warning: %s\n"), line);
      else
        printf ("%s\n", line);
    }
  if (config != NULL)
    print_profile_changes (config);
  return config ? 0 : 1;
}

/* "25 s each side", "8 times, about 40 s", "2 min". (transfer full) */
static char *
describe_time (const LimberStretch *s, gint64 duration_us)
{
  g_autofree char *time = limber_duration_format_human (duration_us);

  /* TRANSLATORS: how a stretch is done, in limberctl stretches: repetitions and the time ("40 s"). */
  if (s->kind == LIMBER_KIND_REPEAT && s->reps > 0 && s->sides == 2)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u time each side, about %s", "%u times each side, about %s",
                                         s->reps), s->reps, time);
  if (s->kind == LIMBER_KIND_REPEAT && s->reps > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u time, about %s", "%u times, about %s", s->reps),
                            s->reps, time);
  /* TRANSLATORS: %s is the time of one side ("25 s"). */
  return s->sides == 2 ? g_strdup_printf (_("%s each side"), time) : g_steal_pointer (&time);
}

static void
print_variant (const LimberConfig *config, const LimberStretch *s)
{
  const LimberStretch *shown = limber_profile_resolve (&config->profile, config->catalogue, s);

  if (s->needs != 0)
    {
      g_autofree char *needs = limber_needs_format (s->needs);
      /* TRANSLATORS: what a stretch needs (config words: "standing, wall"), and the stretch id shown instead. */
      if (s->instead)
        printf (_("Needs: %s; otherwise %s\n"), needs, s->instead);
      else
        printf (_("Needs: %s\n"), needs);
    }
  if (shown == s)
    printf ("%s\n", _("In your profile: shown as it is"));
  else if (shown != NULL)
    /* TRANSLATORS: the title and id of the stretch shown in this one's place. */
    printf (_("In your profile: %s (%s) is shown instead\n"), shown->title, shown->id);
  else
    printf ("%s\n", _("In your profile: left out"));
  if (s->harder)
    printf (_("Harder, once this is easy: %s\n"), s->harder);
  printf (_("Picture: %s\n"), s->picture ? s->picture : _("none found (the popup shows the text alone)"));
}

static void
print_stretch (const LimberConfig *config, const LimberStretch *s)
{
  gint64 duration_us = s->away ? MAX (s->hold_us, config->break_length_us) : s->hold_us;
  g_autofree char *time = describe_time (s, duration_us);

  printf ("%s (%s)\n", s->title, s->id);
  /* TRANSLATORS: the stretch's area and kind (config words: "hips", "hold"), then its time. */
  printf (s->away ? _("Area: %s · %s · %s · away from the desk\n") : _("Area: %s · %s · %s\n"),
          limber_area_to_string (s->area), limber_kind_to_string (s->kind), time);
  print_variant (config, s);
  printf ("\n");
  for (gsize i = 0; s->steps[i]; i++)
    printf ("%" G_GSIZE_FORMAT ". %s\n", i + 1, s->steps[i]);
  if (s->caution)
    printf (_("\nCaution: %s\n"), s->caution);
}

static void
print_routine (const LimberConfig *config, const LimberRoutine *r)
{
  const LimberCatalogue *c = config->catalogue;
  g_autoptr (GArray) steps = limber_profile_get_steps (&config->profile, c, r);
  g_autofree char *total = limber_duration_format_human (limber_profile_total_us (&config->profile, c, r));
  guint n = 0;

  /* TRANSLATORS: a routine's title, its id and how long it takes ("2 min 15 s"). */
  printf (_("%s (routine %s) · %s in your profile\n\n"), r->title, r->id, total);
  for (guint i = 0; i < steps->len; i++)
    {
      const LimberRoutineStep *step = &g_array_index (steps, LimberRoutineStep, i);
      g_autofree char *time = NULL;

      if (step->side == 2)
        continue;
      time = describe_time (step->stretch, step->duration_us);
      printf ("%u. %s (%s) · %s", ++n, step->stretch->title, step->stretch->id, time);
      if (step->asked != step->stretch)
        /* TRANSLATORS: %s is the id of the stretch the routine names. */
        printf (_(" · in place of %s"), step->asked->id);
      printf ("\n");
    }
}

/* A column head of @width characters (not bytes) and the space after it. */
static void
print_column (const char *text, int width)
{
  printf ("%s%*s ", text, (int) MAX (width - g_utf8_strlen (text, -1), 0), "");
}

static void
print_list (const LimberConfig *config)
{
  const LimberCatalogue *c = config->catalogue;
  GPtrArray *stretches = limber_catalogue_get_stretches (c);
  GPtrArray *routines = limber_catalogue_get_routines (c);
  g_autofree char *profile = limber_profile_describe (&config->profile);

  printf (_("Your profile ([profile] in limber.conf): %s\n\n"), profile);
  /* TRANSLATORS: the column heads of limberctl stretches, 24, 11, 7 and 12 characters wide. */
  print_column (C_ ("stretches column", "STRETCH"), 24);
  print_column (C_ ("stretches column", "AREA"), 11);
  print_column (C_ ("stretches column", "KIND"), 7);
  print_column (C_ ("stretches column", "TIME"), 12);
  printf ("%s\n", C_ ("stretches column", "IN YOUR PROFILE"));
  for (guint i = 0; i < stretches->len; i++)
    {
      const LimberStretch *s = g_ptr_array_index (stretches, i);
      const LimberStretch *shown = limber_profile_resolve (&config->profile, c, s);
      gint64 hold_us = s->away ? MAX (s->hold_us, config->break_length_us) : s->hold_us;
      g_autofree char *time = limber_duration_format_human (hold_us * s->sides);
      g_autofree char *variant = shown == s ? NULL : shown ? g_strdup_printf ("→ %s", shown->id)
                                                           : g_strdup (_("left out"));
      g_autofree char *line = g_strdup_printf ("%-24s %-11s %-7s %-12s %s", s->id, limber_area_to_string (s->area),
                                               limber_kind_to_string (s->kind), time, variant ? variant : "");

      printf ("%s\n", g_strchomp (line));
    }
  printf ("\n");
  print_column (C_ ("stretches column", "ROUTINE"), 24);
  print_column (C_ ("stretches column", "STRETCHES"), 11);
  printf ("%s\n", C_ ("stretches column", "TIME"));
  for (guint i = 0; i < routines->len; i++)
    {
      const LimberRoutine *r = g_ptr_array_index (routines, i);
      g_autofree char *time = limber_duration_format_human (limber_profile_total_us (&config->profile, c, r));
      printf ("%-24s %-11u %s\n", r->id, g_strv_length (r->stretch_ids), time);
    }
  printf ("\n%s\n", _("A week after \"That hurt\" (limberctl gentle) swaps in gentler stretches, or walks only."));
}

int
limber_config_cmd_stretches (const char *config_path, const char *id)
{
  g_autofree char *path = config_path ? g_strdup (config_path) : limber_config_find_path ();
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberConfig) config = limber_config_load (path, NULL, &error);
  const LimberStretch *s;
  const LimberRoutine *r;

  if (config == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  if (id == NULL)
    {
      print_list (config);
      return 0;
    }
  s = limber_catalogue_get_stretch (config->catalogue, id);
  r = limber_catalogue_get_routine (config->catalogue, id);
  if (s)
    print_stretch (config, s);
  else if (r)
    print_routine (config, r);
  else
    {
      printf (_("There is no stretch or routine called \"%s\"; run limberctl stretches to see them all.\n"), id);
      return 1;
    }
  printf ("\n%s\n", limber_routine_get_safety_note ());
  return 0;
}
