/* calls-graph.h: the part of the PipeWire graph that tells a call: camera nodes, recording streams, sources, links. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a node is to Limber, from its global properties. */
typedef enum
{
  LIMBER_CALLS_NODE_OTHER,    /* of no interest (a sink, a playback stream, a driver) */
  LIMBER_CALLS_NODE_CAMERA,   /* media.role Camera, or media.class Video/Source */
  LIMBER_CALLS_NODE_CAPTURE,  /* media.class Stream/Input/Audio: something records sound */
  LIMBER_CALLS_NODE_SOURCE,   /* media.class Audio/Source…, Audio/Duplex: a microphone (or a virtual one) */
} LimberCallsNode;

typedef struct _LimberCallsGraph LimberCallsGraph;

LimberCallsGraph *limber_calls_graph_new (void);
void limber_calls_graph_free (LimberCallsGraph *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberCallsGraph, limber_calls_graph_free)

/* The kind of a node from its media.class and media.role (either may be NULL). */
LimberCallsNode limber_calls_graph_classify (const char *media_class, const char *media_role);

void limber_calls_graph_add_node (LimberCallsGraph *self, guint32 id, LimberCallsNode kind);
/* From the node's info: running (PW_NODE_STATE_RUNNING). */
void limber_calls_graph_set_running (LimberCallsGraph *self, guint32 id, gboolean running);
/* From the node's properties: a level meter (stream.monitor or node.passive true: a volume
 * applet's peak stream), which is no call. */
void limber_calls_graph_set_meter (LimberCallsGraph *self, guint32 id, gboolean meter);
/* A link from output_node's port to input_node's port (link.output.node, link.input.node). */
void limber_calls_graph_add_link (LimberCallsGraph *self, guint32 id, guint32 output_node, guint32 input_node);
/* A node or link global went away. */
void limber_calls_graph_remove (LimberCallsGraph *self, guint32 id);
void limber_calls_graph_clear (LimberCallsGraph *self);

/* LIMBER_BUSY_CAMERA: a camera node runs; LIMBER_BUSY_MICROPHONE: a recording stream that is no
 * meter runs and takes sound from a source (not a sink's monitor: recording the desktop's own
 * sound is no call). */
guint limber_calls_graph_get_busy (LimberCallsGraph *self);

G_END_DECLS
