/* test-calls-graph.c: what the PipeWire graph says of a call: camera nodes, recording streams
 * linked to a source, level meters and recordings of the desktop's own sound. */
#include <glib.h>

#include "core/scheduler-types.h"
#include "platform/calls-graph.h"

enum { MIC = 30, SINK = 31, CAMERA = 32, CALL = 40, METER = 41, DESKTOP = 42, LINK1 = 50, LINK2, LINK3 };

static void
test_classify (void)
{
  g_assert_cmpint (limber_calls_graph_classify ("Video/Source", NULL), ==, LIMBER_CALLS_NODE_CAMERA);
  g_assert_cmpint (limber_calls_graph_classify ("Stream/Output/Video", "Camera"), ==, LIMBER_CALLS_NODE_CAMERA);
  g_assert_cmpint (limber_calls_graph_classify ("Stream/Input/Audio", "Communication"), ==,
                   LIMBER_CALLS_NODE_CAPTURE);
  g_assert_cmpint (limber_calls_graph_classify ("Audio/Source", NULL), ==, LIMBER_CALLS_NODE_SOURCE);
  g_assert_cmpint (limber_calls_graph_classify ("Audio/Source/Virtual", NULL), ==, LIMBER_CALLS_NODE_SOURCE);
  g_assert_cmpint (limber_calls_graph_classify ("Audio/Sink", NULL), ==, LIMBER_CALLS_NODE_OTHER);
  g_assert_cmpint (limber_calls_graph_classify ("Stream/Output/Audio", NULL), ==, LIMBER_CALLS_NODE_OTHER);
  g_assert_cmpint (limber_calls_graph_classify (NULL, NULL), ==, LIMBER_CALLS_NODE_OTHER);
}

static LimberCallsGraph *
graph_with_devices (void)
{
  LimberCallsGraph *graph = limber_calls_graph_new ();

  limber_calls_graph_add_node (graph, MIC, LIMBER_CALLS_NODE_SOURCE);
  limber_calls_graph_add_node (graph, SINK, limber_calls_graph_classify ("Audio/Sink", NULL));
  limber_calls_graph_add_node (graph, CAMERA, LIMBER_CALLS_NODE_CAMERA);
  return graph;
}

/* A camera counts while it runs; idle or suspended it does not. */
static void
test_camera (void)
{
  g_autoptr (LimberCallsGraph) graph = graph_with_devices ();

  g_assert_cmpuint (limber_calls_graph_get_busy (graph), ==, 0);
  limber_calls_graph_set_running (graph, CAMERA, TRUE);
  g_assert_cmpuint (limber_calls_graph_get_busy (graph), ==, LIMBER_BUSY_CAMERA);
  limber_calls_graph_set_running (graph, CAMERA, FALSE);
  g_assert_cmpuint (limber_calls_graph_get_busy (graph), ==, 0);
  limber_calls_graph_set_running (graph, CAMERA, TRUE);
  limber_calls_graph_remove (graph, CAMERA);
  g_assert_cmpuint (limber_calls_graph_get_busy (graph), ==, 0);
}

/* A running recording stream linked to a source is a call's microphone, until its link goes. */
static void
test_microphone (void)
{
  g_autoptr (LimberCallsGraph) graph = graph_with_devices ();

  limber_calls_graph_add_node (graph, CALL, LIMBER_CALLS_NODE_CAPTURE);
  limber_calls_graph_set_running (graph, CALL, TRUE);
  /* Not linked yet: it records nothing. */
  g_assert_cmpuint (limber_calls_graph_get_busy (graph), ==, 0);
  limber_calls_graph_add_link (graph, LINK1, MIC, CALL);
  g_assert_cmpuint (limber_calls_graph_get_busy (graph), ==, LIMBER_BUSY_MICROPHONE);
  limber_calls_graph_remove (graph, LINK1);
  g_assert_cmpuint (limber_calls_graph_get_busy (graph), ==, 0);
}

/* A volume applet's peak meter, and a recording of the sink's monitor, are no call. */
static void
test_meter_and_desktop_sound (void)
{
  g_autoptr (LimberCallsGraph) graph = graph_with_devices ();

  limber_calls_graph_add_node (graph, METER, LIMBER_CALLS_NODE_CAPTURE);
  limber_calls_graph_set_meter (graph, METER, TRUE);
  limber_calls_graph_set_running (graph, METER, TRUE);
  limber_calls_graph_add_link (graph, LINK1, MIC, METER);
  limber_calls_graph_add_node (graph, DESKTOP, LIMBER_CALLS_NODE_CAPTURE);
  limber_calls_graph_set_running (graph, DESKTOP, TRUE);
  limber_calls_graph_add_link (graph, LINK2, SINK, DESKTOP);
  g_assert_cmpuint (limber_calls_graph_get_busy (graph), ==, 0);
  /* A call beside them counts, and the camera adds to it. */
  limber_calls_graph_add_node (graph, CALL, LIMBER_CALLS_NODE_CAPTURE);
  limber_calls_graph_set_running (graph, CALL, TRUE);
  limber_calls_graph_add_link (graph, LINK3, MIC, CALL);
  limber_calls_graph_set_running (graph, CAMERA, TRUE);
  g_assert_cmpuint (limber_calls_graph_get_busy (graph), ==, LIMBER_BUSY_MICROPHONE | LIMBER_BUSY_CAMERA);
  limber_calls_graph_clear (graph);
  g_assert_cmpuint (limber_calls_graph_get_busy (graph), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/calls-graph/classify", test_classify);
  g_test_add_func ("/calls-graph/camera", test_camera);
  g_test_add_func ("/calls-graph/microphone", test_microphone);
  g_test_add_func ("/calls-graph/meter-and-desktop-sound", test_meter_and_desktop_sound);
  return g_test_run ();
}
