/* indicator-view.c: what the tray shows for limberd's state: icon, status, tooltip, and which menu items apply. */
#include "indicator/indicator-view.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The tray's menu, in the user's language (the panel shows the labels as they are). */
static const char *const labels[LIMBER_INDICATOR_ITEM_LAST + 1] = {
  /* TRANSLATORS: the items of the tray icon's menu. */
  [LIMBER_INDICATOR_ITEM_START] = N_("Start a break now"),
  [LIMBER_INDICATOR_ITEM_PAUSE_30_MIN] = N_("Pause 30 min"),
  [LIMBER_INDICATOR_ITEM_PAUSE_1_H] = N_("Pause 1 h"),
  [LIMBER_INDICATOR_ITEM_PAUSE_UNTIL_RESUMED] = N_("Pause until I resume"),
  [LIMBER_INDICATOR_ITEM_RESUME] = N_("Resume"),
  [LIMBER_INDICATOR_ITEM_SKIP] = N_("Skip this break"),
  [LIMBER_INDICATOR_ITEM_STATISTICS] = N_("Statistics"),
  [LIMBER_INDICATOR_ITEM_QUIT] = N_("Quit"),
};

const char *
limber_indicator_view_label (LimberIndicatorItemId id)
{
  g_return_val_if_fail (id >= LIMBER_INDICATOR_ITEM_START && id <= LIMBER_INDICATOR_ITEM_LAST, NULL);
  return labels[id] ? _(labels[id]) : NULL;
}

static guint
count (GVariant *today, const char *key)
{
  guint value = 0;

  if (today != NULL)
    g_variant_lookup (today, key, "u", &value);
  return value;
}

static const char *
icon_for (const LimberIndicatorInput *input)
{
  const char *state = input->info.state;

  if (!input->running || g_str_equal (state, "away") || g_str_equal (state, "locked") ||
      g_str_equal (state, "asleep"))
    return "limber-away";
  if (g_str_equal (state, "paused"))
    return "limber-paused";
  if (g_str_equal (state, "in-break"))
    return "limber-routine";
  return input->break_due ? "limber-break-due" : "limber-sitting";
}

static char *
today_text (GVariant *today)
{
  gint64 sitting_us = 0;
  g_autofree char *sitting = NULL;
  guint taken = count (today, "taken-natural") + count (today, "taken-guided") + count (today, "partial");
  guint due = count (today, "breaks-due");

  if (today != NULL)
    g_variant_lookup (today, "sitting-us", "x", &sitting_us);
  sitting = limber_status_format_duration (sitting_us);
  /* TRANSLATORS: the tray's tooltip: %s is the time sat ("3 h 10 min"), then breaks taken of due. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Today: %s sitting · %u of %u break taken",
                                       "Today: %s sitting · %u of %u breaks taken", due),
                          sitting, taken, due);
}

static void
set_menu (LimberIndicatorView *view, const LimberIndicatorInput *input)
{
  const char *state = input->info.state;
  gboolean paused = input->running && g_str_equal (state, "paused");
  gboolean routine = input->running && g_str_equal (state, "in-break");

  for (guint id = LIMBER_INDICATOR_ITEM_START; id <= LIMBER_INDICATOR_ITEM_LAST; id++)
    view->visible[id] = TRUE, view->enabled[id] = input->running;
  view->enabled[LIMBER_INDICATOR_ITEM_START] = input->running && !routine;
  /* Pausing or resuming: the one that applies is shown. */
  view->visible[LIMBER_INDICATOR_ITEM_PAUSE_30_MIN] = !paused;
  view->visible[LIMBER_INDICATOR_ITEM_PAUSE_1_H] = !paused;
  view->visible[LIMBER_INDICATOR_ITEM_PAUSE_UNTIL_RESUMED] = !paused;
  view->visible[LIMBER_INDICATOR_ITEM_RESUME] = paused;
  /* limberd refuses a skip with no break due, and during the routine. */
  view->enabled[LIMBER_INDICATOR_ITEM_SKIP] = input->running && input->break_due;
  /* The report reads the history file when limberd is not running; Quit always works. */
  view->enabled[LIMBER_INDICATOR_ITEM_STATISTICS] = TRUE;
  view->enabled[LIMBER_INDICATOR_ITEM_QUIT] = TRUE;
}

void
limber_indicator_view_init (LimberIndicatorView *view, const LimberIndicatorInput *input)
{
  LimberStatusInfo info = input->info;

  memset (view, 0, sizeof *view);
  view->icon_name = icon_for (input);
  view->status = !input->running ? "Passive" : input->break_due ? "NeedsAttention" : "Active";
  if (!input->running)
    {
      view->tooltip_title = g_strdup (_("Limber is not running"));
      view->tooltip_text = g_strdup (_("Start it with: systemctl --user start limber"));
    }
  else
    {
      /* While a break is due, NextBreakDue is the next reminder of it, not a break to come. */
      if (input->break_due)
        info.wall_next_due_us = info.wall_now_us;
      view->tooltip_title = limber_status_format_relative (&info);
      view->tooltip_text = today_text (input->today);
    }
  set_menu (view, input);
}

void
limber_indicator_view_clear (LimberIndicatorView *view)
{
  g_clear_pointer (&view->tooltip_title, g_free);
  g_clear_pointer (&view->tooltip_text, g_free);
}
