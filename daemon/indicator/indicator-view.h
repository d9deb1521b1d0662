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

typedef struct
{
  gboolean running;          /* limberd owns its bus name */
  LimberStatusInfo info;     /* its properties, with wall_now_us = now */
  GVariant *today;           /* its Today record, a{sv} (borrowed; NULL = none) */
  gboolean break_due;         /* its BreakDue, while sitting */
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

void limber_indicator_view_init (LimberIndicatorView *view, const LimberIndicatorInput *input);
void limber_indicator_view_clear (LimberIndicatorView *view);

/* The item's label ("Pause 30 min"), or NULL for a separator. */
const char *limber_indicator_view_label (LimberIndicatorItemId id);

G_END_DECLS
