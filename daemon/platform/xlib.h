/* xlib.h: libX11, libXext (SYNC) and libXss, opened at run time for the X11 backend alone. */
#pragma once

#include <glib.h>
#include <X11/Xlib.h>
#include <X11/extensions/scrnsaver.h>
#include <X11/extensions/sync.h>

G_BEGIN_DECLS

/* The Xlib calls the X11 backend makes (the rest it uses are macros). Loaded only when presence
 * comes from X11: under Wayland and GNOME the libraries are never mapped (they cost 0.6 MiB of
 * resident pages merely by being loaded, bench/README.md). */
typedef struct {
  __typeof__ (XOpenDisplay) *OpenDisplay;
  __typeof__ (XCloseDisplay) *CloseDisplay;
  __typeof__ (XSetErrorHandler) *SetErrorHandler;
  __typeof__ (XSetIOErrorHandler) *SetIOErrorHandler;
  __typeof__ (XSetIOErrorExitHandler) *SetIOErrorExitHandler;
  __typeof__ (XInternAtoms) *InternAtoms;
  __typeof__ (XGetWindowProperty) *GetWindowProperty;
  __typeof__ (XFree) *Free;
  __typeof__ (XFlush) *Flush;
  __typeof__ (XPending) *Pending;
  __typeof__ (XNextEvent) *NextEvent;
  __typeof__ (XQLength) *QueueLength;  /* QLength is a macro of Xlib.h */
  __typeof__ (XSyncQueryExtension) *SyncQueryExtension;
  __typeof__ (XSyncInitialize) *SyncInitialize;
  __typeof__ (XSyncListSystemCounters) *SyncListSystemCounters;
  __typeof__ (XSyncFreeSystemCounterList) *SyncFreeSystemCounterList;
  __typeof__ (XSyncQueryCounter) *SyncQueryCounter;
  __typeof__ (XSyncCreateAlarm) *SyncCreateAlarm;
  __typeof__ (XSyncChangeAlarm) *SyncChangeAlarm;
  __typeof__ (XSyncDestroyAlarm) *SyncDestroyAlarm;
  __typeof__ (XScreenSaverQueryExtension) *ScreenSaverQueryExtension;
  __typeof__ (XScreenSaverQueryInfo) *ScreenSaverQueryInfo;
} LimberXlib;

/* The three libraries, loaded at the first call and kept for the process's life (Xlib keeps
 * per-display state and extension hooks in them); NULL with @error set when one is missing. */
const LimberXlib *limber_xlib_load (GError **error);

G_END_DECLS
