/* wording.c: the words of Limber's popups that vary or carry safety, and how many lines a text takes.
 *
 * Every text here is counted against the popup limits of reminder.h by tests/test-reminder.c. The
 * tone follows the content brief (research/health-content.md, 3.8): comfort and movement, never a
 * claim to correct posture or treat pain; short, one idea a line. */
#include "core/wording.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* "%s" is the why: "your hip flexors have been short for 32 min". Marked for po/limber.pot (N_()),
 * translated where one is picked. */
static const char *const movement[] = {
  /* TRANSLATORS: a prompt of a movement break; %s is the why ("your hip flexors have been short
   * for 32 min"). Each prompt is one line of the popup. */
  N_("Up you get: %s."),
  N_("Time for a change: %s."),
  N_("A short break helps: %s."),
  N_("Give your body a change: %s."),
  N_("On your feet for a bit: %s."),
};
/* For wheelchair users: nothing about standing up. */
static const char *const movement_seated[] = {
  N_("Time for a change: %s."),
  N_("A short break helps: %s."),
  N_("Give your body a change: %s."),
  N_("Move for a moment: %s."),
};
static const char *const micro[] = {
  N_("A quick reset: %s."),
  N_("Half a minute for you: %s."),
  N_("A small pause helps: %s."),
  N_("Time for a breather: %s."),
};
/* The posture popups of a sit-stand desk say what to do; the time is in their summary. */
static const char *const stand[] = {
  N_("Raise the desk and work standing for a while."),
  N_("Time to raise the desk for a spell of standing."),
  N_("Up goes the desk: work standing for a while."),
  N_("Stand for the next stretch of work."),
};
static const char *const sit[] = {
  N_("Sit down whenever you like, or stay standing if it feels good."),
  N_("You may sit again now, or stand on if you like."),
  N_("You have stood a good while: sit when you like."),
  N_("Sit whenever you like; standing on is fine too."),
};
static const char *const stand_limit[] = {
  N_("Standing still for long is tiring too: walk for a few minutes, or sit for a while."),
  N_("Long standing is a strain of its own: move about, or sit for a while."),
  N_("Time to move: walk a little, or sit down for a while."),
  N_("You have stood a long time: take a short walk, or sit."),
};

typedef struct
{
  const char *const *texts;
  guint n;
} Pool;

static Pool
pool (LimberWording w)
{
  switch (w)
    {
    case LIMBER_WORDING_MOVEMENT:
      return (Pool) { movement, G_N_ELEMENTS (movement) };
    case LIMBER_WORDING_MOVEMENT_SEATED:
      return (Pool) { movement_seated, G_N_ELEMENTS (movement_seated) };
    case LIMBER_WORDING_MICRO:
      return (Pool) { micro, G_N_ELEMENTS (micro) };
    case LIMBER_WORDING_STAND:
      return (Pool) { stand, G_N_ELEMENTS (stand) };
    case LIMBER_WORDING_SIT:
      return (Pool) { sit, G_N_ELEMENTS (sit) };
    case LIMBER_WORDING_STAND_LIMIT:
    case LIMBER_WORDING_N:
    default:
      return (Pool) { stand_limit, G_N_ELEMENTS (stand_limit) };
    }
}

guint
limber_wording_count (LimberWording w)
{
  return pool (w).n;
}

guint
limber_wording_next (LimberWording w, guint last, guint32 random)
{
  guint n = pool (w).n;

  /* One of the n - 1 others, each as likely. */
  return (last % n + 1 + random % (n - 1)) % n;
}

/* The why: what sitting did to the part of the body the routine is for. Facts about sitting,
 * not claims about harm. */
static const char *
why_format (const char *area)
{
  static const struct { const char *area; const char *why; } whys[] = {
    /* TRANSLATORS: the why after a prompt ("Up you get: %s."); %s is a time ("32 min"). */
    { "hips", N_("your hip flexors have been short for %s") },
    { "upper-back", N_("your shoulders have curled forward for %s") },
    { "neck", N_("your neck has held still for %s") },
    { "legs", N_("your legs have hardly moved for %s") },
    { "whole-body", N_("you have sat still for %s") },
    { "eyes", N_("your eyes have focused close up for %s") },
  };

  for (gsize i = 0; area != NULL && i < G_N_ELEMENTS (whys); i++)
    if (strcmp (area, whys[i].area) == 0)
      return _(whys[i].why);
  return _("you have been at the desk for %s");
}

char *
limber_wording_prompt (LimberWording w, guint index, const char *area, const char *duration)
{
  Pool p = pool (w);
  const char *text = _(p.texts[index % p.n]);
  g_autofree char *why = NULL;

  if (w == LIMBER_WORDING_STAND || w == LIMBER_WORDING_SIT || w == LIMBER_WORDING_STAND_LIMIT)
    return g_strdup (text);
  /* The formats are the tables above, each with one %s. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  /* TRANSLATORS: the time in a why when it is not known ("you have sat still for a while"). */
  why = g_strdup_printf (why_format (area), duration ? duration : _("a while"));
  return g_strdup_printf (text, why);
#pragma GCC diagnostic pop
}

char *
limber_wording_step_time (LimberStepKind kind, guint reps, const char *cue, guint side, const char *duration)
{
  if (duration == NULL)
    return NULL;
  switch (kind)
    {
    case LIMBER_STEP_REPEAT:
      /* TRANSLATORS: the time of a step; %s is "30 s". */
      if (reps == 0)
        return g_strdup_printf (_("Repeat slowly for about %s."), duration);
      /* Each side has its own popup, so the rounds are this side's. */
      if (side != 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u slow round on this side.",
                                             "%u slow rounds on this side.", reps), reps);
      /* TRANSLATORS: %u is the number of rounds, %s the time ("30 s"). */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u slow round, about %s.", "%u slow rounds, about %s.",
                                           reps), reps, duration);
    case LIMBER_STEP_MOVE:
      /* TRANSLATORS: the first %s is the stretch's cue ("Keep walking"), the second the time ("2 min"). */
      return g_strdup_printf (_("%s for %s."), cue ? cue : _("Keep moving"), duration);
    case LIMBER_STEP_HOLD:
    default:
      /* TRANSLATORS: %s is the time to hold a stretch ("20 s"). */
      return g_strdup_printf (side != 0 ? _("Hold %s on this side.") : _("Hold %s."), duration);
    }
}

const char *
limber_wording_step_safety (LimberStepKind kind)
{
  switch (kind)
    {
    case LIMBER_STEP_REPEAT:
      return _("Slow, small, no pain.");
    case LIMBER_STEP_MOVE:
      return _("Easy pace; stop if it hurts.");
    case LIMBER_STEP_HOLD:
    default:
      return _("Mild stretch, no pain.");
    }
}

/* The brief's red flags (3.3): for a doctor (seed 002), and for urgent care the same day (the NHS
 * trusts' back-pain pages: the saddle area, bladder or bowel, both legs). */
const char *
limber_wording_red_flags (void)
{
  /* TRANSLATORS: health guidance, two lines: the first for a doctor's appointment, the second for
   * urgent care the same day (signs of cauda equina syndrome). Keep each line short. */
  return _("Numbness, tingling or weakness: see a doctor.\n"
           "Numb groin, bladder or bowel change, weak legs: get help now.");
}

char *
limber_wording_welcome (const char *sit_limit)
{
  /* The pain ceiling is seed 003's "1 out of 5"; the rest of the safety text is in limber.conf,
   * limber.conf(5) and limberctl stretches ID. */
  /* TRANSLATORS: the first-run notice. The first %s is the sit limit ("30 min"), the second the two
   * lines of red flags. "1 in 5" is the pain ceiling: at most 1 on a scale of 0 to 5. */
  return g_strdup_printf (_("Every %s: a short break to move. Stretch mildly, 1 in 5 at most; stop on sharp pain.\n"
                            "%s\n"
                            "Settings: ~/.config/limber/limber.conf"),
                          sit_limit, limber_wording_red_flags ());
}

/* Lines of one paragraph (no "\n"), wrapped at spaces as the servers' text layout does. */
static guint
paragraph_lines (const char *text, guint columns)
{
  g_auto (GStrv) words = g_strsplit (text, " ", -1);
  guint lines = 1, used = 0;

  for (gsize i = 0; words[i]; i++)
    {
      guint len = (guint) g_utf8_strlen (words[i], -1);

      if (len == 0)
        continue;
      if (used > 0 && used + 1 + len <= columns)
        {
          used += 1 + len;
          continue;
        }
      if (used > 0)
        lines++;
      /* A word longer than the line is broken across lines. */
      while (len > columns)
        {
          lines++;
          len -= columns;
        }
      used = len;
    }
  return lines;
}

guint
limber_wording_count_lines (const char *text, guint columns)
{
  g_auto (GStrv) paragraphs = NULL;
  guint lines = 0;

  g_return_val_if_fail (columns > 0, 0);
  if (text == NULL || *text == '\0')
    return 0;
  paragraphs = g_strsplit (text, "\n", -1);
  for (gsize i = 0; paragraphs[i]; i++)
    lines += paragraph_lines (paragraphs[i], columns);
  return lines;
}

char *
limber_wording_plain (const char *body)
{
  static const char *const from[] = { "<b>", "</b>", "&lt;", "&gt;", "&quot;", "&apos;", "&amp;" };
  static const char *const to[] = { "", "", "<", ">", "\"", "'", "&" };
  g_autoptr (GString) text = g_string_new (body ? body : "");

  /* &amp; last, so "&amp;lt;" reads back as "&lt;", as a server shows it. */
  for (gsize i = 0; i < G_N_ELEMENTS (from); i++)
    g_string_replace (text, from[i], to[i], 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}
