/* popup-fixture.c: the popups of the shipped catalogue as the daemon fills them in, for the tests. */
#include "popup-fixture.h"

LimberReminderInput
popup_step_input (const LimberCatalogue *cat, const LimberStretch *s, const char *text, guint side)
{
  LimberReminderInput in = {
    .kind = LIMBER_REMINDER_STEP, .stretch_title = s->title, .step_text = text,
    .hold_us = s->away ? MAX (s->hold_us, limber_catalogue_get_break_length (cat)) : s->hold_us,
    .step_kind = (LimberStepKind) s->kind, .reps = s->reps, .cue = s->cue, .side = s->sides == 2 ? side : 0,
    .caution = s->caution, .picture = s->picture, .step = 8, .n_steps = 9,
  };

  return in;
}

LimberProfile
popup_profile_number (guint n)
{
  LimberProfile p;

  limber_profile_init (&p);
  p.chair = (LimberChair) (n % 2);
  p.space = (LimberSpace) (n / 2 % 3);
  p.mobility = (LimberMobility) (n / 6 % 2);
  p.pregnant = n / 12 % 2;
  p.walk_only = n / 24 % 2;
  p.gentle = (LimberGentle) (n / 48 % 3);
  return p;
}
