/* calls-graph.c: the part of the PipeWire graph that tells a call, and what it says (camera, microphone). */
#include "platform/calls-graph.h"

#include "core/scheduler-types.h"

typedef struct {
  LimberCallsNode kind;
  gboolean running;
  gboolean meter;
} Node;

typedef struct {
  guint32 output_node;
  guint32 input_node;
} Link;

struct _LimberCallsGraph {
  GHashTable *nodes;  /* id → Node */
  GHashTable *links;  /* id → Link */
};

LimberCallsGraph *
limber_calls_graph_new (void)
{
  LimberCallsGraph *self = g_new0 (LimberCallsGraph, 1);

  self->nodes = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->links = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  return self;
}

void
limber_calls_graph_free (LimberCallsGraph *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->nodes);
  g_hash_table_unref (self->links);
  g_free (self);
}

LimberCallsNode
limber_calls_graph_classify (const char *media_class, const char *media_role)
{
  /* GNOME Shell's camera indicator goes by the role; a camera device's node has the class. */
  if (g_strcmp0 (media_role, "Camera") == 0 || g_strcmp0 (media_class, "Video/Source") == 0)
    return LIMBER_CALLS_NODE_CAMERA;
  if (g_strcmp0 (media_class, "Stream/Input/Audio") == 0)
    return LIMBER_CALLS_NODE_CAPTURE;
  if (media_class != NULL && (g_str_has_prefix (media_class, "Audio/Source")
                              || g_str_equal (media_class, "Audio/Duplex")))
    return LIMBER_CALLS_NODE_SOURCE;
  return LIMBER_CALLS_NODE_OTHER;
}

void
limber_calls_graph_add_node (LimberCallsGraph *self, guint32 id, LimberCallsNode kind)
{
  Node *node;

  g_return_if_fail (self != NULL);
  if (kind == LIMBER_CALLS_NODE_OTHER)
    return;
  node = g_new0 (Node, 1);
  node->kind = kind;
  g_hash_table_replace (self->nodes, GUINT_TO_POINTER (id), node);
}

void
limber_calls_graph_set_running (LimberCallsGraph *self, guint32 id, gboolean running)
{
  Node *node = g_hash_table_lookup (self->nodes, GUINT_TO_POINTER (id));

  if (node != NULL)
    node->running = running;
}

void
limber_calls_graph_set_meter (LimberCallsGraph *self, guint32 id, gboolean meter)
{
  Node *node = g_hash_table_lookup (self->nodes, GUINT_TO_POINTER (id));

  if (node != NULL)
    node->meter = meter;
}

void
limber_calls_graph_add_link (LimberCallsGraph *self, guint32 id, guint32 output_node, guint32 input_node)
{
  Link *link = g_new0 (Link, 1);

  link->output_node = output_node;
  link->input_node = input_node;
  g_hash_table_replace (self->links, GUINT_TO_POINTER (id), link);
}

void
limber_calls_graph_remove (LimberCallsGraph *self, guint32 id)
{
  g_hash_table_remove (self->nodes, GUINT_TO_POINTER (id));
  g_hash_table_remove (self->links, GUINT_TO_POINTER (id));
}

void
limber_calls_graph_clear (LimberCallsGraph *self)
{
  g_hash_table_remove_all (self->nodes);
  g_hash_table_remove_all (self->links);
}

static gboolean
records_from_source (LimberCallsGraph *self, guint32 capture_id)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->links);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const Link *link = value;
      const Node *from;

      if (link->input_node != capture_id)
        continue;
      from = g_hash_table_lookup (self->nodes, GUINT_TO_POINTER (link->output_node));
      if (from != NULL && from->kind == LIMBER_CALLS_NODE_SOURCE)
        return TRUE;
    }
  return FALSE;
}

guint
limber_calls_graph_get_busy (LimberCallsGraph *self)
{
  GHashTableIter iter;
  gpointer key, value;
  guint busy = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_hash_table_iter_init (&iter, self->nodes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Node *node = value;

      if (!node->running)
        continue;
      if (node->kind == LIMBER_CALLS_NODE_CAMERA)
        busy |= LIMBER_BUSY_CAMERA;
      else if (node->kind == LIMBER_CALLS_NODE_CAPTURE && !node->meter
               && records_from_source (self, GPOINTER_TO_UINT (key)))
        busy |= LIMBER_BUSY_MICROPHONE;
    }
  return busy;
}
