/* calls.h: whether a call is going on (a camera or a microphone in use), watched through PipeWire. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* busy: LIMBER_BUSY_CAMERA and LIMBER_BUSY_MICROPHONE bits now in force. */
typedef void (*LimberCallsFunc) (guint busy, gpointer user_data);

typedef struct _LimberCalls LimberCalls;

/* Loads libpipewire (only now: a daemon that does not watch calls never maps it), connects to the
 * user's PipeWire and reports changes through func. Logs one line saying whether calls can be
 * seen. Without PipeWire it reports nothing, and connects when PipeWire's socket appears. */
LimberCalls *limber_calls_new (LimberCallsFunc func, gpointer user_data);
guint limber_calls_get_busy (LimberCalls *self);
void limber_calls_free (LimberCalls *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberCalls, limber_calls_free)

G_END_DECLS
