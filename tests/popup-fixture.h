/* popup-fixture.h: the popups of the shipped catalogue as the daemon fills them in, for the tests. */
#pragma once

#include "core/reminder.h"
#include "settings/profile.h"
#include "settings/routine.h"

/* The input of @s's step popup on @side (0; 1 and 2 are the sides of a two-sided stretch), with
 * @text as its steps, filled in as daemon-show.c does it. It points into @s and @text. */
LimberReminderInput popup_step_input (const LimberCatalogue *cat, const LimberStretch *s, const char *text,
                                      guint side);

/* Every profile there is: 2 chairs × 3 spaces × 2 mobilities × pregnant × walk-only × 3 gentle weeks. */
#define N_PROFILES (2 * 3 * 2 * 2 * 2 * 3)

/* Profile number @n (0 to N_PROFILES - 1) of them all. */
LimberProfile popup_profile_number (guint n);
