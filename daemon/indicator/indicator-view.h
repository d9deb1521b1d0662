/* indicator-view.h: what the tray shows for limberd's state: icon, status, tooltip, and which menu items apply. */
#pragma once

#include <glib.h>

#include "core/status.h"

G_BEGIN_DECLS

/* The menu, in its order; the values are the dbusmenu item ids (0 is the root). */
typedef enum
{
  LIMBER_INDICATOR_ITEM_START = 1,
  LIMBER_INDICATOR_ITEM_PAUSE_30_MIN,
  LIMBER_INDICATOR_ITEM_PAUSE_1_H,
  LIMBER_INDICATOR_ITEM_PAUSE_UNTIL_RESUMED,
  LIMBER_INDICATOR_ITEM_RESUME,
  LIMBER_INDICATOR_ITEM_SKIP,
  LIMBER_INDICATOR_ITEM_SEPARATOR_1,
  LIMBER_INDICATOR_ITEM_STATISTICS,
  LIMBER_INDICATOR_ITEM_SEPARATOR_2,
  LIMBER_INDICATOR_ITEM_QUIT,
  LIMBER_INDICATOR_ITEM_LAST = LIMBER_INDICATOR_ITEM_QUIT,
} LimberIndicatorItemId;

/* Whether a movement break is due, followed from limberd's properties: its Today record counts
 * "breaks-due" up when one falls due (while SittingSince stays), and "skipped" or a taken break
 * when it is answered; a break moves the sitting clock on. */
typedef struct
{
  char date[16];             /* the day the counts below are of */
  guint breaks_due;
  guint answered;            /* taken-natural + taken-guided + partial + skipped */
  gint64 wall_due_stretch_us; /* SittingSince of the stretch whose break fell due; 0 = none */
} LimberIndicatorDue;

typedef struct
{
  gboolean running;          /* limberd owns its bus name */
  LimberStatusInfo info;     /* its properties, with wall_now_us = now */
  GVariant *today;           /* its Today record, a{sv} (borrowed; NULL = none) */
  gboolean break_due;
} LimberIndicatorInput;

typedef struct
{
  const char *icon_name;     /* limber-sitting, limber-break-due, limber-away, limber-paused, limber-routine */
  const char *status;        /* Passive (not running), Active, NeedsAttention (a break is due) */
  char *tooltip_title;       /* "Sitting 23 min · movement break in 7 min" */
  char *tooltip_text;        /* "Today: 3 h 10 min sitting · 4 of 5 breaks taken" */
  gboolean enabled[LIMBER_INDICATOR_ITEM_LAST + 1];
  gboolean visible[LIMBER_INDICATOR_ITEM_LAST + 1];
} LimberIndicatorView;

/* Feeds one reading of limberd's properties; first = the first since limberd (re)appeared,
 * which only takes the counts in (a break already due then is seen at its next change).
 * Returns whether a movement break is due. */
gboolean limber_indicator_view_follow_due (LimberIndicatorDue *due, const char *state, gint64 wall_sitting_since_us,
                                           GVariant *today, gboolean first);

void limber_indicator_view_init (LimberIndicatorView *view, const LimberIndicatorInput *input);
void limber_indicator_view_clear (LimberIndicatorView *view);

/* The item's label ("Pause 30 min"), or NULL for a separator. */
const char *limber_indicator_view_label (LimberIndicatorItemId id);

G_END_DECLS
