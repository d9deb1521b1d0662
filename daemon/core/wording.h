/* wording.h: the words of Limber's popups that vary or carry safety: prompts with their "why", a step's time by kind, the first-run notice, "That hurt", and how many lines a text takes. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Which prompt: the kinds whose wording varies from one popup to the next. */
typedef enum
{
  LIMBER_WORDING_MOVEMENT,        /* "Up you get: your hip flexors have been short for 32 min." */
  LIMBER_WORDING_MOVEMENT_SEATED, /* the same without standing up (mobility = seated) */
  LIMBER_WORDING_MICRO,
  LIMBER_WORDING_STAND,           /* sit-stand desks */
  LIMBER_WORDING_SIT,
  LIMBER_WORDING_STAND_LIMIT,
  LIMBER_WORDING_N
} LimberWording;

/* How a step is done (the same order as the catalogue's kind). */
typedef enum
{
  LIMBER_STEP_HOLD,
  LIMBER_STEP_REPEAT,
  LIMBER_STEP_MOVE,
} LimberStepKind;

/* How many wordings @w has (at least 4). */
guint limber_wording_count (LimberWording w);
/* The next wording after @last, never @last itself: @random picks among the others. */
guint limber_wording_next (LimberWording w, guint last, guint32 random);

/* The prompt line: wording @index (taken modulo the count) with its "why" for @area (a catalogue
 * area name, NULL for none) and @duration ("32 min"), e.g. "Up you get: your hip flexors have
 * been short for 32 min." For STAND, SIT and STAND_LIMIT, the advice (no why). (transfer full) */
char *limber_wording_prompt (LimberWording w, guint index, const char *area, const char *duration);

/* "Hold 25 s.", "8 slow rounds, about 30 s.", "8 slow rounds on this side.", "Keep walking for 2 min."
 * @side: 0 one-sided, 1 and 2 the sides of a two-sided stretch; @cue NULL = "Keep moving".
 * NULL when @duration is NULL. (transfer full) */
char *limber_wording_step_time (LimberStepKind kind, guint reps, const char *cue, guint side, const char *duration);
/* The one short safety line of a step popup, by kind: "Mild stretch, no pain." */
const char *limber_wording_step_safety (LimberStepKind kind);

/* The first-run notice: what Limber does (a break every @sit_limit, "30 min"), the pain ceiling,
 * the red flags, the urgent ones, and where to change things. */
char *limber_wording_welcome (const char *sit_limit);
/* The red flags, in two lines: see a doctor for these; get help now for those. */
const char *limber_wording_red_flags (void);

/* The lines @text takes when word-wrapped at @columns characters (each "\n" starts a line; a word
 * longer than a line takes as many lines as it needs). An empty text takes 0. */
guint limber_wording_count_lines (const char *text, guint columns);
/* @body without the markup Limber writes (<b>, </b>) and with its entities (&amp; &lt; &gt;
 * &quot; &apos;) read back: what a server shows. (transfer full) */
char *limber_wording_plain (const char *body);

G_END_DECLS
