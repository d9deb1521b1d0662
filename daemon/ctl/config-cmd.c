/* config-cmd.c: check-config and stretches, printed for people. */
#include "ctl/config-cmd.h"

#include <stdio.h>

#include "settings/config.h"
#include "settings/diagnostic.h"
#include "core/duration.h"

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
      printf ("%s%s\n", d->level == LIMBER_DIAGNOSTIC_WARNING ? "warning: " : "", line);
    }
  return config ? 0 : 1;
}

static void
print_stretch (const LimberStretch *s)
{
  g_autofree char *hold = limber_duration_format_human (s->hold_us);

  printf ("%s (%s)\n", s->title, s->id);
  printf ("Area: %s · %s%s\n\n", limber_area_to_string (s->area), hold, s->sides == 2 ? " each side" : "");
  for (gsize i = 0; s->steps[i]; i++)
    printf ("%" G_GSIZE_FORMAT ". %s\n", i + 1, s->steps[i]);
  if (s->caution)
    printf ("\nCaution: %s\n", s->caution);
}

static void
print_routine (const LimberCatalogue *c, const LimberRoutine *r)
{
  g_autoptr (GArray) steps = limber_routine_get_steps (c, r);
  g_autofree char *total = limber_duration_format_human (limber_routine_total_us (c, r));

  printf ("%s (routine %s) · %s\n\n", r->title, r->id, total);
  for (guint i = 0; i < steps->len; i++)
    {
      const LimberRoutineStep *step = &g_array_index (steps, LimberRoutineStep, i);
      g_autofree char *time = limber_duration_format_human (step->duration_us);
      printf ("%u. %s (%s) · %s\n", i + 1, step->stretch->title, step->stretch->id, time);
    }
}

static void
print_list (const LimberCatalogue *c)
{
  GPtrArray *stretches = limber_catalogue_get_stretches (c);
  GPtrArray *routines = limber_catalogue_get_routines (c);

  printf ("%-26s %-11s %s\n", "STRETCH", "AREA", "TIME");
  for (guint i = 0; i < stretches->len; i++)
    {
      const LimberStretch *s = g_ptr_array_index (stretches, i);
      g_autofree char *time = limber_duration_format_human (s->hold_us * s->sides);
      printf ("%-26s %-11s %s\n", s->id, limber_area_to_string (s->area), time);
    }
  printf ("\n%-26s %-11s %s\n", "ROUTINE", "STRETCHES", "TIME");
  for (guint i = 0; i < routines->len; i++)
    {
      const LimberRoutine *r = g_ptr_array_index (routines, i);
      g_autofree char *time = limber_duration_format_human (limber_routine_total_us (c, r));
      printf ("%-26s %-11u %s\n", r->id, g_strv_length (r->stretch_ids), time);
    }
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
      print_list (config->catalogue);
      return 0;
    }
  s = limber_catalogue_get_stretch (config->catalogue, id);
  r = limber_catalogue_get_routine (config->catalogue, id);
  if (s)
    print_stretch (s);
  else if (r)
    print_routine (config->catalogue, r);
  else
    {
      printf ("There is no stretch or routine called \"%s\"; run limberctl stretches to see them all.\n", id);
      return 1;
    }
  printf ("\n%s\n", limber_routine_get_safety_note ());
  return 0;
}
