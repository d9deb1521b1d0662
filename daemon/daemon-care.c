/* daemon-care.c: the user's safety around the popups: the first-run notice (once), "That hurt"
 * (the routine ends, the red flags, a gentler week offered) and the gentle week itself. */
#include "daemon-private.h"

#include "core/reminder.h"

#define GENTLE_WEEK_US (G_GINT64_CONSTANT (7) * 24 * 3600 * G_USEC_PER_SEC)

void
limber_daemon_care_start (LimberDaemon *self)
{
  g_autofree char *sit_limit = NULL;
  g_autofree char *text = NULL;

  limber_daemon_refresh_gentle (self);
  if (limber_history_get_welcomed (self->history))
    return;
  /* Once, recorded at once: the notifier keeps it until a server is there to show it. */
  sit_limit = limber_reminder_format_duration (self->config->sit_limit_us);
  text = limber_wording_welcome (sit_limit);
  limber_daemon_popup_notice (self, text);
  limber_history_set_welcomed (self->history);
  /* The history alone: a full save would flush the first moments as sitting before presence
   * has said whether the user is there. A failure is warned about by the next full save. */
  limber_history_save (self->history, NULL);
  g_message ("First run: showed what Limber does, the pain ceiling and the red flags once");
}

/* "until Tuesday 14 May": the day the gentle week ends, for people. (transfer full) */
static char *
format_until (gint64 wall_until_us)
{
  g_autoptr (GDateTime) until = g_date_time_new_from_unix_local (wall_until_us / G_USEC_PER_SEC);

  /* TRANSLATORS: the day the gentle week ends, as strftime writes it: "Tuesday 14 May". */
  return until ? g_date_time_format (until, _("%A %-d %B")) : g_strdup (_("in a week"));
}

static void
start_gentle (LimberDaemon *self, LimberGentle gentle)
{
  gint64 until_us = gentle == LIMBER_GENTLE_OFF ? 0 : limber_daemon_wall_now_us (self) + GENTLE_WEEK_US;
  g_autofree char *day = until_us ? format_until (until_us) : NULL;
  g_autofree char *text = NULL;

  limber_history_set_gentle (self->history, until_us, gentle == LIMBER_GENTLE_WALK_ONLY);
  limber_daemon_save (self);
  limber_daemon_refresh_gentle (self);
  if (gentle == LIMBER_GENTLE_OFF)
    {
      g_message ("The gentle week was ended; the usual breaks are back");
      return;
    }
  /* TRANSLATORS: %s is the day the week ends ("Tuesday 14 May"). */
  text = g_strdup_printf (gentle == LIMBER_GENTLE_WALK_ONLY ? _("Walks only until %s.\nTo end it sooner: limberctl gentle off")
                                                            : _("Gentler stretches until %s.\nTo end it sooner: limberctl gentle off"),
                          day);
  g_message ("Gentle week (%s) until %s", gentle == LIMBER_GENTLE_WALK_ONLY ? "walk only" : "gentler", day);
  limber_daemon_popup_notice (self, text);
}

static void
on_hurt (LimberDaemon *self)
{
  /* The scheduler ends the routine (the next reminder comes a whole sit-limit later); the popup
   * that follows replaces the step's. */
  limber_daemon_observe_kind (self, LIMBER_OBSERVATION_HURT);
  g_message ("\"That hurt\": the routine was ended; offering a gentler week");
  limber_daemon_popup_show (self, &(LimberReminderInput) { .kind = LIMBER_REMINDER_HURT });
}

void
limber_daemon_care_on_choice (LimberChoice choice, gpointer user_data)
{
  LimberDaemon *self = user_data;

  switch (choice)
    {
    case LIMBER_CHOICE_HURT:
      if (limber_scheduler_check (self->scheduler, LIMBER_OBSERVATION_HURT) == LIMBER_REFUSAL_NONE)
        on_hurt (self);
      break;
    case LIMBER_CHOICE_GENTLE:
      start_gentle (self, LIMBER_GENTLE_ON);
      break;
    case LIMBER_CHOICE_WALK_ONLY:
      start_gentle (self, LIMBER_GENTLE_WALK_ONLY);
      break;
    default:
      limber_daemon_on_choice (choice, self);
      break;
    }
}

gboolean
limber_daemon_care_set_gentle (const char *mode, gpointer user_data, GError **error)
{
  LimberDaemon *self = user_data;

  /* The steps of a running routine stay as they were offered. */
  if (limber_scheduler_check (self->scheduler, LIMBER_OBSERVATION_START) == LIMBER_REFUSAL_ROUTINE_RUNNING)
    {
      g_set_error_literal (error, LIMBER_BUS_ERROR, LIMBER_BUS_ERROR_NOT_APPLICABLE,
                           _("A guided break is running; change the gentle week when it has ended."));
      return FALSE;
    }
  start_gentle (self, g_str_equal (mode, "walk-only") ? LIMBER_GENTLE_WALK_ONLY
                      : g_str_equal (mode, "gentle") ? LIMBER_GENTLE_ON : LIMBER_GENTLE_OFF);
  return TRUE;
}
