/* presence-gnome.h: presence on GNOME from mutter's idle monitor (org.gnome.Mutter.IdleMonitor) on the session bus. */
#pragma once

#include <glib.h>

#include "platform/presence.h"

G_BEGIN_DECLS

/* Mutter keeps the idle clock (CLOCK_MONOTONIC: time asleep is not idle
 * time; sleep is reported by LimberSession).  limberd holds one idle watch
 * at the threshold (AddIdleWatch: it fires each time the idle time crosses
 * it, at once if already past) and, only while away, one user-active watch
 * (AddUserActiveWatch: fires once at the next input, then mutter drops it,
 * so it is added again after each AWAY).  WatchFired comes addressed to
 * limberd alone, so it wakes for the leaving and the return, never while the
 * user types or stays away.  Every call is asynchronous: the main loop never
 * waits for mutter.  AWAY carries at_us = now − GetIdletime (asked when the
 * idle watch fires), but no later than the fire time − threshold; BACK
 * carries the time WatchFired arrived.
 *
 * What counts as input: what resets mutter's idle time, i.e. real devices,
 * RemoteDesktop sessions, and opening the lid.  Mutter's D-Bus watches obey
 * idle inhibitors (org.gnome.SessionManager InhibitedActions & 8): while a
 * video player, a call or a presentation inhibits idle, the idle watch does
 * not fire, so a user who walks away from a playing video reads as sitting
 * until it stops (mutter then counts idle time from that moment).  Hence, on
 * GNOME, `[presence] media-playback = away` acts like `sitting`: telling
 * real input from an inhibitor would need polling GetIdletime while
 * inhibited, which limberd does not do.  The note says so.
 *
 * The idle monitor's name losing its owner (mutter exited or was replaced,
 * or the session bus closed) is reported through funcs->lost exactly once:
 * the watches belonged to that owner.  get_fullscreen answers UNKNOWN. */

/* Connects to the session bus (blocking, as at any start) and checks that
 * org.gnome.Mutter.IdleMonitor has an owner.  Reports nothing until a
 * threshold is set.  Fails with a one-line message: G_IO_ERROR_NOT_FOUND
 * when the name has no owner (not a GNOME session), another code when the
 * session bus is unreachable. */
LimberPresence *limber_presence_gnome_new (const LimberPresenceFuncs *funcs,
                                           gpointer                   user_data,
                                           GError                   **error);

/* TRUE when org.gnome.Mutter.IdleMonitor has an owner on the session bus
 * (one blocking NameHasOwner to the bus daemon, at most 2 s). */
gboolean limber_presence_gnome_available (void);

/* The GNOME backend's own calls (for its probe and tests). */
gboolean limber_presence_gnome_is_away (LimberPresence *self);

G_END_DECLS
