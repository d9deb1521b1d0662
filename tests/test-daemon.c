/* test-daemon.c: the daemon's wiring, through a real LimberDaemon (config file, scheduler, history in a
 * temporary state directory, the control interface on a private session bus) with fakes only at its
 * three seams: presence, popups and the clock. An hour of daemon time runs in milliseconds. */
#include "daemon.h"
#include "daemon-fakes.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "bus/bus.h"
#include "history/history.h"

#define SECOND_US G_GINT64_CONSTANT (1000000)
#define MINUTE_US (60 * SECOND_US)
/* FAST's settings */
#define SIT_LIMIT_US (30 * MINUTE_US)
#define BREAK_US (2 * MINUTE_US)
#define SNOOZE_US (5 * MINUTE_US)
#define CAP_US (20 * MINUTE_US)
/* Any CLOCK_BOOTTIME will do; not 0, which the scheduler reads as "never". */
#define START_US (1000 * SECOND_US)
/* How long a bus round trip may take before the test gives up on it. */
#define BUS_TIMEOUT_MS 5000

/* Minute-scale settings, with micro-breaks off; SNOOZE is the snooze period. */
#define FAST_SNOOZE(SNOOZE)                     \
  "[breaks]\n"                                  \
  "sit-limit = 30m\n"                           \
  "break-length = 2m\n"                         \
  "micro-interval = 0\n"                        \
  "micro-length = 30s\n"                        \
  "snooze = " SNOOZE "\n"                       \
  "max-snoozes = 2\n"                           \
  "[reminders]\n"                               \
  "defer-fullscreen = true\n"                   \
  "defer-do-not-disturb = true\n"               \
  "defer-at-most = 20m\n"                       \
  "escalate = true\n"
#define FAST FAST_SNOOZE ("5m")

/* A three-step routine: quick-reach held HOLD, then quick-lunge 1 s on each side, a step per side. */
#define QUICK_ROUTINE(HOLD)                     \
  "[stretch quick-reach]\n"                     \
  "title = Quick reach\n"                       \
  "area = upper-back\n"                         \
  "steps = Reach both arms up.;Lower them.\n"   \
  "hold = " HOLD "\n"                           \
  "[stretch quick-lunge]\n"                     \
  "title = Quick lunge\n"                       \
  "area = hips\n"                               \
  "steps = Step one foot back.\n"               \
  "hold = 1s\n"                                 \
  "sides = both\n"                              \
  "[routine quick]\n"                           \
  "title = Quick test routine\n"                \
  "stretches = quick-reach;quick-lunge\n"       \
  "[routines]\n"                                \
  "movement = quick\n"

typedef struct {
  FakeSeams *fakes;
  LimberDaemon *daemon;
  char *config_path;
  GDBusConnection *bus;
} Fixture;

/* The local wall time, in µs since the epoch, of @day of January 2030 at @hour:@minute. */
static gint64
local_wall_us (int day, int hour, int minute)
{
  g_autoptr (GDateTime) at = g_date_time_new_local (2030, 1, day, hour, minute, 0);

  return g_date_time_to_unix (at) * G_USEC_PER_SEC;
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* Every case starts with no state and no config: what a case leaves behind is removed. */
static void
remove_state_and_config (void)
{
  remove_tree (g_get_user_state_dir ());
  remove_tree (g_get_user_config_dir ());
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  remove_state_and_config ();
  fx->fakes = fake_seams_new (START_US, local_wall_us (15, 9, 0));
  fx->config_path = g_build_filename (g_get_user_config_dir (), "limber-test.conf", NULL);
  fx->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_assert_nonnull (fx->bus);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_clear_pointer (&fx->daemon, limber_daemon_free);
  g_clear_pointer (&fx->fakes, fake_seams_free);
  g_clear_object (&fx->bus);
  g_free (fx->config_path);
  remove_state_and_config ();
}

/* -- the main loop and the bus ----------------------------------------------------------- */

static gboolean
on_give_up (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until *@done, or fails the test after a while. */
static void
iterate_until (const gboolean *done, const char *what)
{
  gboolean gave_up = FALSE;
  guint id = g_timeout_add_seconds (10, on_give_up, &gave_up);

  while (!*done && !gave_up)
    g_main_context_iteration (NULL, TRUE);
  if (gave_up)
    g_error ("gave up waiting for %s", what);
  g_source_remove (id);
}

typedef struct {
  gboolean done;
  GVariant *value;
  GError *error;
} Reply;

static void
on_reply (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Reply *reply = user_data;

  reply->value = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &reply->error);
  reply->done = TRUE;
}

/* Calls the daemon over the private bus; the daemon answers from this thread's main loop. */
static GVariant *
bus_call (Fixture *fx, const char *interface, const char *method, GVariant *params, GError **error)
{
  Reply reply = { FALSE, NULL, NULL };

  g_dbus_connection_call (fx->bus, LIMBER_BUS_NAME, LIMBER_BUS_PATH, interface, method, params, NULL,
                          G_DBUS_CALL_FLAGS_NONE, BUS_TIMEOUT_MS, NULL, on_reply, &reply);
  iterate_until (&reply.done, method);
  if (reply.error != NULL)
    g_propagate_error (error, reply.error);
  return reply.value;
}

static void
bus_method (Fixture *fx, const char *method)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) value = bus_call (fx, "org.limber.Daemon1", method, NULL, &error);

  g_assert_no_error (error);
}

static GVariant *
bus_property (Fixture *fx, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) value = bus_call (fx, "org.freedesktop.DBus.Properties", "Get",
                                         g_variant_new ("(ss)", "org.limber.Daemon1", name), &error);
  GVariant *inner = NULL;

  g_assert_no_error (error);
  g_variant_get (value, "(v)", &inner);
  return inner;
}

static char *
bus_state (Fixture *fx)
{
  g_autoptr (GVariant) state = bus_property (fx, "State");

  return g_variant_dup_string (state, NULL);
}

/* A counter of the Today property ("taken-natural", ...). */
static guint
today_count (Fixture *fx, const char *key)
{
  g_autoptr (GVariant) today = bus_property (fx, "Today");
  guint32 count = G_MAXUINT32;

  g_assert_true (g_variant_lookup (today, key, "u", &count));
  return count;
}

static char *
today_date (Fixture *fx)
{
  g_autoptr (GVariant) today = bus_property (fx, "Today");
  char *date = NULL;

  g_assert_true (g_variant_lookup (today, "date", "s", &date));
  return date;
}

static void
on_name_appeared (GDBusConnection *connection, const char *name, const char *owner, gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* -- the daemon -------------------------------------------------------------------------- */

static void
write_config (Fixture *fx, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (fx->config_path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (fx->config_path, text, -1, &error);
  g_assert_no_error (error);
}

/* Builds the daemon on the fakes and the config file, and waits until it owns its bus name. */
static void
start_daemon (Fixture *fx)
{
  LimberDaemonOptions options = { .config_path = fx->config_path, .seams = &fx->fakes->seams };
  g_autoptr (GError) error = NULL;
  LimberExit status = LIMBER_EXIT_FAILURE;
  gboolean owned = FALSE;
  guint watch;
  g_autofree char *state = NULL;

  g_assert_null (fx->daemon);
  fx->daemon = limber_daemon_new (&options, &status, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fx->daemon);
  g_assert_cmpint (status, ==, LIMBER_EXIT_OK);
  watch = g_bus_watch_name_on_connection (fx->bus, LIMBER_BUS_NAME, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                          on_name_appeared, NULL, &owned, NULL);
  iterate_until (&owned, "the daemon's bus name");
  g_bus_unwatch_name (watch);
  /* The daemon hears that it owns the name (and becomes ready) from the reply to its request,
   * which came in before the answer to this call; its callback then runs from an idle. */
  state = bus_state (fx);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
start_with (Fixture *fx, const char *config)
{
  write_config (fx, config);
  start_daemon (fx);
}

/* Stops the daemon the way limberd stops when the X server goes (the state is saved), and frees it. */
static void
stop_daemon (Fixture *fx)
{
  fake_presence_lose (fx->fakes);
  g_assert_cmpint (limber_daemon_run (fx->daemon), ==, LIMBER_EXIT_OK);
  g_clear_pointer (&fx->daemon, limber_daemon_free);
}

static guint
n_popups (Fixture *fx)
{
  return fx->fakes->popups->len;
}

static const FakePopup *
popup (Fixture *fx, guint i)
{
  g_assert_cmpuint (i, <, n_popups (fx));
  return g_ptr_array_index (fx->fakes->popups, i);
}

static const char *
last_summary (Fixture *fx)
{
  g_assert_cmpuint (n_popups (fx), >, 0);
  return fake_notifier_last (fx->fakes)->summary;
}

static gint64
elapsed_us (Fixture *fx)
{
  return fx->fakes->now_us - START_US;
}

/* -- what a transition costs ------------------------------------------------------------ */

/* The history file as it is on disk: a save writes a new file and renames it over the old. */
static struct stat
history_stat (void)
{
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "limber", "history.ini", NULL);
  struct stat st;

  g_assert_cmpint (stat (path, &st), ==, 0);
  return st;
}

static gboolean
history_replaced (const struct stat *before)
{
  struct stat now = history_stat ();

  return now.st_ino != before->st_ino || now.st_mtim.tv_sec != before->st_mtim.tv_sec
         || now.st_mtim.tv_nsec != before->st_mtim.tv_nsec;
}

typedef struct {
  guint signals;          /* PropertiesChanged from the daemon */
  struct stat history;    /* the file before the transition */
} Cost;

static void
on_properties_changed (GDBusConnection *bus, const char *sender, const char *path, const char *iface,
                       const char *signal, GVariant *params, gpointer user_data)
{
  ((Cost *) user_data)->signals++;
}

static void
cost_reset (Fixture *fx, Cost *cost)
{
  g_autofree char *state = bus_state (fx);  /* what the daemon sent before arrives before this */

  cost->signals = 0;
  cost->history = history_stat ();
  fx->fakes->deadline_sets = fx->fakes->deadline_sets_unmoved = 0;
}

/* The transition just made went out on the bus in one PropertiesChanged, saved the history only
 * if @saves, and re-armed the deadline only to move it. */
static void
cost_check (Fixture *fx, Cost *cost, const char *what, gboolean saves)
{
  gboolean gave_up = FALSE;
  guint id = g_timeout_add_seconds (10, on_give_up, &gave_up);
  g_autofree char *state = NULL;

  while (cost->signals == 0 && !gave_up)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  if (gave_up)
    g_error ("no PropertiesChanged for %s", what);
  /* Anything more the daemon published for it would come before the answer to this. */
  state = bus_state (fx);
  if (cost->signals != 1)
    g_error ("%s: %u PropertiesChanged, not 1", what, cost->signals);
  if (history_replaced (&cost->history) != saves)
    g_error ("%s: the history was %s", what, saves ? "not saved, although a record changed" : "saved with no record changed");
  if (fx->fakes->deadline_sets_unmoved != 0)
    g_error ("%s: %u of %u re-arms left the deadline where it was", what, fx->fakes->deadline_sets_unmoved,
             fx->fakes->deadline_sets);
  cost_reset (fx, cost);
}

/* -- the cases --------------------------------------------------------------------------- */

/* The deadline the scheduler asks for reaches the notifier as a popup with the catalogue's text. */
static void
test_reminder_at_sit_limit (Fixture *fx, gconstpointer data)
{
  const FakePopup *p;

  start_with (fx, FAST QUICK_ROUTINE ("2s"));
  fake_clock_advance (fx->fakes, SIT_LIMIT_US - SECOND_US);
  g_assert_cmpuint (n_popups (fx), ==, 0);
  fake_clock_advance (fx->fakes, SECOND_US);
  g_assert_cmpuint (n_popups (fx), ==, 1);
  p = popup (fx, 0);
  g_assert_cmpint (p->kind, ==, LIMBER_REMINDER_MOVEMENT);
  g_assert_cmpint (p->shown_us - START_US, ==, SIT_LIMIT_US);
  g_assert_cmpstr (p->summary, ==, "Time to stand up — 30 min sitting");
  /* A varying first line with its why, then the routine on offer, its length and first step,
   * from the file's catalogue. */
  g_assert_nonnull (strstr (p->body, " for 30 min.\n"));
  g_assert_true (g_str_has_suffix (p->body, "\nQuick test routine · 4 s\nFirst: Reach both arms up."));
  g_assert_true (p->has_snooze);
  g_assert_false (p->critical);
  g_assert_true (fx->fakes->live);
  g_assert_cmpuint (today_count (fx, "breaks-due"), ==, 1);
}

/* Away for longer than break-length: the popup goes, the day is credited, the clock starts again. */
static void
test_natural_break (Fixture *fx, gconstpointer data)
{
  gint64 left_us;
  g_autofree char *state = NULL;

  start_with (fx, FAST);
  /* With micro-breaks off, presence reports AWAY once the user has been idle break-length. */
  g_assert_cmpint (fx->fakes->threshold_us, ==, BREAK_US);
  fake_clock_advance (fx->fakes, SIT_LIMIT_US);
  g_assert_true (fx->fakes->live);
  left_us = fx->fakes->now_us;
  fake_clock_advance (fx->fakes, BREAK_US);
  fake_presence_report (fx->fakes, LIMBER_PRESENCE_AWAY, left_us);
  fake_clock_advance (fx->fakes, MINUTE_US);
  fake_presence_report (fx->fakes, LIMBER_PRESENCE_BACK, fx->fakes->now_us);
  g_assert_false (fx->fakes->live);
  g_assert_cmpuint (fx->fakes->n_withdrawn, ==, 1);
  g_assert_cmpuint (today_count (fx, "taken-natural"), ==, 1);
  state = bus_state (fx);
  g_assert_cmpstr (state, ==, "sitting");
  /* The next reminder is a whole sit-limit after the return. */
  fake_clock_advance (fx->fakes, SIT_LIMIT_US - SECOND_US);
  g_assert_cmpuint (n_popups (fx), ==, 1);
  fake_clock_advance (fx->fakes, SECOND_US);
  g_assert_cmpuint (n_popups (fx), ==, 2);
}

/* Do-not-disturb from the notifier holds the reminder; it comes the moment it goes off. */
static void
test_do_not_disturb (Fixture *fx, gconstpointer data)
{
  start_with (fx, FAST);
  fake_clock_advance (fx->fakes, 10 * MINUTE_US);
  fake_notifier_set_dnd (fx->fakes, TRUE);
  fake_clock_advance (fx->fakes, SIT_LIMIT_US);
  g_assert_cmpuint (n_popups (fx), ==, 0);
  fake_notifier_set_dnd (fx->fakes, FALSE);
  g_assert_cmpuint (n_popups (fx), ==, 1);
  g_assert_cmpint (popup (fx, 0)->kind, ==, LIMBER_REMINDER_MOVEMENT);
  g_assert_cmpint (popup (fx, 0)->shown_us, ==, fx->fakes->now_us);
  /* Held time is neither ignoring nor snoozing: the first reminder the user sees. */
  g_assert_false (popup (fx, 0)->critical);
  g_assert_cmpuint (popup (fx, 0)->snoozes_left, ==, 2);
}

/* A fullscreen window, sampled at the deadline, holds the reminder until defer-at-most. */
static void
test_fullscreen_held_to_cap (Fixture *fx, gconstpointer data)
{
  start_with (fx, FAST);
  fx->fakes->fullscreen = LIMBER_FULLSCREEN_YES;
  fake_clock_advance (fx->fakes, SIT_LIMIT_US + CAP_US - SECOND_US);
  g_assert_cmpuint (n_popups (fx), ==, 0);
  fake_clock_advance (fx->fakes, SECOND_US);
  g_assert_cmpuint (n_popups (fx), ==, 1);
  g_assert_cmpint (elapsed_us (fx), ==, SIT_LIMIT_US + CAP_US);
  g_assert_cmpint (popup (fx, 0)->shown_us - START_US, ==, SIT_LIMIT_US + CAP_US);
}

/* The popup's Snooze and the bus's Snooze are one rule: both count while snoozes are left, and once
 * none is left both are refused (the bus says why) and nothing changes. */
static void
test_snooze_popup_and_bus_agree (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) value = NULL;
  g_autofree char *remote = NULL;
  guint shown;

  start_with (fx, FAST);
  fake_clock_advance (fx->fakes, SIT_LIMIT_US);
  fake_notifier_choose (fx->fakes, LIMBER_CHOICE_SNOOZE);
  g_assert_false (fx->fakes->live);
  g_assert_cmpuint (today_count (fx, "snoozed"), ==, 1);
  fake_clock_advance (fx->fakes, SNOOZE_US);
  g_assert_cmpuint (n_popups (fx), ==, 2);
  g_assert_cmpuint (popup (fx, 1)->snoozes_left, ==, 1);
  bus_method (fx, "Snooze");
  g_assert_false (fx->fakes->live);
  g_assert_cmpuint (today_count (fx, "snoozed"), ==, 2);
  fake_clock_advance (fx->fakes, SNOOZE_US);
  g_assert_cmpuint (n_popups (fx), ==, 3);
  g_assert_false (popup (fx, 2)->has_snooze);

  shown = n_popups (fx);
  fake_notifier_choose (fx->fakes, LIMBER_CHOICE_SNOOZE);
  g_assert_true (fx->fakes->live);
  g_assert_cmpuint (fx->fakes->n_withdrawn, ==, 2);
  g_assert_cmpuint (today_count (fx, "snoozed"), ==, 2);
  value = bus_call (fx, "org.limber.Daemon1", "Snooze", NULL, &error);
  g_assert_null (value);
  g_assert_true (g_dbus_error_is_remote_error (error));
  remote = g_dbus_error_get_remote_error (error);
  g_assert_cmpstr (remote, ==, "org.limber.Error.NotApplicable");
  g_assert_nonnull (strstr (error->message, "snooze"));
  g_assert_true (fx->fakes->live);
  g_assert_cmpuint (fx->fakes->n_withdrawn, ==, 2);
  g_assert_cmpuint (today_count (fx, "snoozed"), ==, 2);
  g_assert_cmpuint (n_popups (fx), ==, shown);
}

/* Start from the popup runs the routine's steps in order, each for its time, then Done. */
static void
test_routine_steps_in_order (Fixture *fx, gconstpointer data)
{
  start_with (fx, FAST QUICK_ROUTINE ("2s"));
  fake_clock_advance (fx->fakes, SIT_LIMIT_US);
  g_assert_cmpuint (n_popups (fx), ==, 1);
  g_assert_nonnull (strstr (popup (fx, 0)->body, "Quick test routine"));
  fake_notifier_choose (fx->fakes, LIMBER_CHOICE_START);
  g_assert_cmpuint (n_popups (fx), ==, 2);
  g_assert_cmpstr (popup (fx, 1)->summary, ==, "Quick reach (1 of 3)");
  fake_clock_advance (fx->fakes, 2 * SECOND_US - 1);
  g_assert_cmpuint (n_popups (fx), ==, 2);
  fake_clock_advance (fx->fakes, 1);
  g_assert_cmpuint (n_popups (fx), ==, 3);
  g_assert_cmpstr (popup (fx, 2)->summary, ==, "Quick lunge (2 of 3)");
  /* Each side is its own step: the second says when to switch. */
  fake_clock_advance (fx->fakes, SECOND_US);
  g_assert_cmpuint (n_popups (fx), ==, 4);
  g_assert_cmpstr (popup (fx, 3)->summary, ==, "Quick lunge (3 of 3)");
  g_assert_true (g_str_has_prefix (popup (fx, 3)->body, "Switch sides now."));
  fake_clock_advance (fx->fakes, SECOND_US);
  g_assert_cmpuint (n_popups (fx), ==, 5);
  g_assert_cmpint (popup (fx, 4)->kind, ==, LIMBER_REMINDER_DONE);
  g_assert_cmpuint (today_count (fx, "taken-guided"), ==, 1);
}

/* A reload that leaves the running routine alone lets it go on; one that changes it ends it, with a
 * notice naming it, and no step of the old routine is shown after. */
static void
test_reload_ends_changed_routine (Fixture *fx, gconstpointer data)
{
  g_autofree char *state = NULL;
  guint shown;
  /* The first-run notice came at start; it is not about reloading. */
  guint notices;

  start_with (fx, FAST QUICK_ROUTINE ("2s"));
  notices = fx->fakes->notices->len;
  fake_clock_advance (fx->fakes, SIT_LIMIT_US);
  fake_notifier_choose (fx->fakes, LIMBER_CHOICE_START);
  g_assert_cmpstr (last_summary (fx), ==, "Quick reach (1 of 3)");
  write_config (fx, FAST_SNOOZE ("6m") QUICK_ROUTINE ("2s"));
  bus_method (fx, "Reload");
  g_assert_cmpuint (fx->fakes->notices->len, ==, notices);
  fake_clock_advance (fx->fakes, 2 * SECOND_US);
  g_assert_cmpstr (last_summary (fx), ==, "Quick lunge (2 of 3)");

  write_config (fx, FAST QUICK_ROUTINE ("5s"));
  bus_method (fx, "Reload");
  g_assert_cmpuint (fx->fakes->notices->len, ==, notices + 1);
  g_assert_nonnull (strstr (g_ptr_array_index (fx->fakes->notices, notices), "(Quick test routine)"));
  g_assert_cmpuint (today_count (fx, "partial"), ==, 1);
  state = bus_state (fx);
  g_assert_cmpstr (state, !=, "in-break");
  shown = n_popups (fx);
  fake_clock_advance (fx->fakes, 10 * SECOND_US);
  g_assert_cmpuint (n_popups (fx), ==, shown);
  g_assert_cmpuint (today_count (fx, "taken-guided"), ==, 0);
}

/* A restart on the same state directory shows the open reminder again, with the snoozes used. */
static void
test_restart_shows_open_reminder (Fixture *fx, gconstpointer data)
{
  start_with (fx, FAST);
  fake_clock_advance (fx->fakes, SIT_LIMIT_US);
  fake_notifier_choose (fx->fakes, LIMBER_CHOICE_SNOOZE);
  fake_clock_advance (fx->fakes, SNOOZE_US);
  g_assert_cmpuint (n_popups (fx), ==, 2);
  g_assert_cmpuint (popup (fx, 1)->snoozes_left, ==, 1);
  stop_daemon (fx);
  /* Stopping takes the popup down. */
  g_assert_false (fx->fakes->live);

  fake_clock_advance (fx->fakes, 10 * SECOND_US);
  start_daemon (fx);
  g_assert_cmpuint (n_popups (fx), ==, 3);
  g_assert_true (fx->fakes->live);
  g_assert_cmpint (popup (fx, 2)->kind, ==, LIMBER_REMINDER_MOVEMENT);
  g_assert_cmpint (popup (fx, 2)->shown_us, ==, fx->fakes->now_us);
  g_assert_cmpuint (popup (fx, 2)->snoozes_left, ==, 1);
  g_assert_cmpuint (today_count (fx, "snoozed"), ==, 1);
}

/* Today turns over at local midnight of the wall clock; the sitting before it stays with its day. */
static void
test_today_turns_at_midnight (Fixture *fx, gconstpointer data)
{
  g_autoptr (LimberHistory) history = limber_history_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GVariant) today = NULL;
  const LimberDay *day;
  gint64 sitting_us = -1;

  fx->fakes->wall_minus_now_us = local_wall_us (15, 23, 40) - fx->fakes->now_us;
  start_with (fx, FAST);
  fake_clock_advance (fx->fakes, 20 * MINUTE_US - 1);
  before = today_date (fx);
  g_assert_cmpstr (before, ==, "2030-01-15");
  fake_clock_advance (fx->fakes, 1);
  after = today_date (fx);
  g_assert_cmpstr (after, ==, "2030-01-16");
  today = bus_property (fx, "Today");
  g_assert_true (g_variant_lookup (today, "sitting-us", "x", &sitting_us));
  g_assert_cmpint (sitting_us, ==, 0);
  /* Turning the day saved the sitting so far under the day it belongs to. */
  limber_history_load (history, &error);
  g_assert_no_error (error);
  day = limber_history_get_day (history, "2030-01-15");
  g_assert_nonnull (day);
  g_assert_cmpint (day->sitting_us, ==, 20 * MINUTE_US);
}

static char *
bus_posture (Fixture *fx)
{
  g_autoptr (GVariant) posture = bus_property (fx, "Posture");

  return g_variant_dup_string (posture, NULL);
}

/* desk = sit-stand and nothing more: the [sit-stand] defaults give sit 20, stand 8, and the
 * movement break after sit-limit at the desk; the popup's button and the bus change the posture,
 * the history keeps the standing apart, a restart keeps the posture. */
static void
test_sit_stand_by_default (Fixture *fx, gconstpointer data)
{
  g_autoptr (LimberHistory) history = limber_history_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) goal = NULL;
  g_autofree char *posture = NULL;
  g_autofree char *date = NULL;
  gint64 standing_us = -1;
  const LimberDay *day;

  start_with (fx, FAST "[profile]\ndesk = sit-stand\n");
  fake_clock_advance (fx->fakes, 20 * MINUTE_US - 1);
  g_assert_cmpuint (n_popups (fx), ==, 0);
  fake_clock_advance (fx->fakes, 1);
  g_assert_cmpint (fake_notifier_last (fx->fakes)->kind, ==, LIMBER_REMINDER_STAND);
  g_assert_cmpstr (last_summary (fx), ==, "Time to stand — 20 min sitting");
  fake_notifier_choose (fx->fakes, LIMBER_CHOICE_STAND);
  posture = bus_posture (fx);
  g_assert_cmpstr (posture, ==, "standing");
  fake_clock_advance (fx->fakes, 8 * MINUTE_US);
  g_assert_cmpint (fake_notifier_last (fx->fakes)->kind, ==, LIMBER_REMINDER_SIT);
  g_assert_cmpint (fake_notifier_last (fx->fakes)->shown_us - START_US, ==, 28 * MINUTE_US);
  fake_clock_advance (fx->fakes, 2 * MINUTE_US);
  g_assert_cmpint (fake_notifier_last (fx->fakes)->kind, ==, LIMBER_REMINDER_MOVEMENT);
  g_assert_cmpstr (last_summary (fx), ==, "Time to move — 30 min at the desk");
  goal = bus_property (fx, "StandingGoal");
  g_assert_cmpint (g_variant_get_int64 (goal), ==, 120 * MINUTE_US);
  /* A restart keeps the posture; sitting down is a bus call away. */
  stop_daemon (fx);
  start_daemon (fx);
  g_clear_pointer (&posture, g_free);
  posture = bus_posture (fx);
  g_assert_cmpstr (posture, ==, "standing");
  bus_method (fx, "Sit");
  g_clear_pointer (&posture, g_free);
  posture = bus_posture (fx);
  g_assert_cmpstr (posture, ==, "sitting");
  g_assert_cmpuint (today_count (fx, "switches"), ==, 1);
  stop_daemon (fx);
  limber_history_load (history, &error);
  g_assert_no_error (error);
  date = limber_history_date_for (fake_clock_wall_us (fx->fakes));
  day = limber_history_get_day (history, date);
  g_assert_nonnull (day);
  standing_us = day->standing_us;
  g_assert_cmpint (standing_us, ==, 10 * MINUTE_US);
  g_assert_cmpint (day->sitting_us, ==, 20 * MINUTE_US);
}

/* The first-run notice comes once: at the first start, not after a restart, and the state file
 * says so. */
static void
test_first_run_notice_once (Fixture *fx, gconstpointer data)
{
  g_autoptr (LimberHistory) history = limber_history_new (NULL);
  g_autoptr (GError) error = NULL;

  start_with (fx, FAST);
  g_assert_cmpuint (fx->fakes->notices->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (fx->fakes->notices, 0), "1 in 5"));
  g_assert_nonnull (strstr (g_ptr_array_index (fx->fakes->notices, 0), "get help now"));
  stop_daemon (fx);
  limber_history_load (history, &error);
  g_assert_no_error (error);
  g_assert_true (limber_history_get_welcomed (history));
  start_daemon (fx);
  g_assert_cmpuint (fx->fakes->notices->len, ==, 1);
}

/* "That hurt" on a step: the routine ends (a partial break; no reminder a snooze later), the red
 * flags come once, and the gentler week chosen from that popup changes the next break; SetGentle
 * ends it. */
static void
test_that_hurt (Fixture *fx, gconstpointer data)
{
  g_autoptr (GVariant) gentle = NULL;
  g_autoptr (GVariant) until = NULL;
  g_autoptr (GVariant) off = NULL;
  g_autoptr (GError) error = NULL;

  start_with (fx, FAST "[routines]\nmovement = legs-and-walk\n");
  fake_clock_advance (fx->fakes, SIT_LIMIT_US);
  fake_notifier_choose (fx->fakes, LIMBER_CHOICE_START);
  g_assert_cmpstr (last_summary (fx), ==, "Split squat at the desk (1 of 3)");
  fake_notifier_choose (fx->fakes, LIMBER_CHOICE_HURT);
  g_assert_cmpint (fake_notifier_last (fx->fakes)->kind, ==, LIMBER_REMINDER_HURT);
  g_assert_nonnull (strstr (fake_notifier_last (fx->fakes)->body, "get help now"));
  g_assert_cmpuint (today_count (fx, "partial"), ==, 1);
  fake_notifier_choose (fx->fakes, LIMBER_CHOICE_GENTLE);
  gentle = bus_property (fx, "Gentle");
  g_assert_cmpstr (g_variant_get_string (gentle, NULL), ==, "gentle");
  until = bus_property (fx, "GentleUntil");
  g_assert_cmpint (g_variant_get_int64 (until), ==, fake_clock_wall_us (fx->fakes) + 7 * 24 * 60 * MINUTE_US);
  /* Nothing for a snooze period; the next break, a sit-limit on, is the gentler one. */
  fake_clock_advance (fx->fakes, SIT_LIMIT_US - SECOND_US);
  g_assert_cmpint (fake_notifier_last (fx->fakes)->kind, ==, LIMBER_REMINDER_HURT);
  fake_clock_advance (fx->fakes, SIT_LIMIT_US);
  g_assert_cmpint (fake_notifier_last (fx->fakes)->kind, ==, LIMBER_REMINDER_MOVEMENT);
  g_assert_nonnull (strstr (fake_notifier_last (fx->fakes)->body, "First: Stand up slowly. "));
  fake_notifier_choose (fx->fakes, LIMBER_CHOICE_START);
  g_assert_cmpstr (last_summary (fx), ==, "Desk squat (1 of 2)");
  /* Not while a routine runs: its steps stay as offered. */
  off = bus_call (fx, "org.limber.Daemon1", "SetGentle", g_variant_new ("(s)", "off"), &error);
  g_assert_error (error, LIMBER_BUS_ERROR, LIMBER_BUS_ERROR_NOT_APPLICABLE);
  g_assert_null (off);
  fake_clock_advance (fx->fakes, 10 * MINUTE_US);
  g_assert_cmpint (fake_notifier_last (fx->fakes)->kind, ==, LIMBER_REMINDER_DONE);
  g_clear_error (&error);
  off = bus_call (fx, "org.limber.Daemon1", "SetGentle", g_variant_new ("(s)", "off"), &error);
  g_assert_no_error (error);
  g_clear_pointer (&gentle, g_variant_unref);
  gentle = bus_property (fx, "Gentle");
  g_assert_cmpstr (g_variant_get_string (gentle, NULL), ==, "");
}

/* Each transition costs the fewest messages, writes and timer calls: one PropertiesChanged, a save
 * only when a record changed, and no re-arm that leaves the deadline where it was (bench/README.md,
 * "The cost of each transition"). */
static void
test_transitions_cost_once (Fixture *fx, gconstpointer data)
{
  Cost cost = { 0 };
  guint sub;

  start_with (fx, FAST);
  sub = g_dbus_connection_signal_subscribe (fx->bus, LIMBER_BUS_NAME, "org.freedesktop.DBus.Properties",
                                            "PropertiesChanged", LIMBER_BUS_PATH, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                            on_properties_changed, &cost, NULL);
  cost_reset (fx, &cost);
  /* A short pause (micro-breaks are off, it is shorter than break-length): no record either way. */
  fake_clock_advance (fx->fakes, 5 * MINUTE_US);
  fake_presence_report (fx->fakes, LIMBER_PRESENCE_AWAY, fx->fakes->now_us - 30 * SECOND_US);
  cost_check (fx, &cost, "leaving", FALSE);
  fake_clock_advance (fx->fakes, MINUTE_US);
  fake_presence_report (fx->fakes, LIMBER_PRESENCE_BACK, fx->fakes->now_us);
  cost_check (fx, &cost, "coming back from a pause", FALSE);
  /* The reminder is filed as due, the snooze as a snooze: one save each. */
  fake_clock_advance (fx->fakes, SIT_LIMIT_US - elapsed_us (fx));
  g_assert_cmpuint (n_popups (fx), ==, 1);
  cost_check (fx, &cost, "the reminder", TRUE);
  fake_notifier_choose (fx->fakes, LIMBER_CHOICE_SNOOZE);
  cost_check (fx, &cost, "the snooze", TRUE);
  /* Away for a break: it is credited at the return, which saves it. */
  fake_clock_advance (fx->fakes, MINUTE_US);
  fake_presence_report (fx->fakes, LIMBER_PRESENCE_AWAY, fx->fakes->now_us - 30 * SECOND_US);
  cost_check (fx, &cost, "leaving for a break", FALSE);
  fake_clock_advance (fx->fakes, 3 * MINUTE_US);
  fake_presence_report (fx->fakes, LIMBER_PRESENCE_BACK, fx->fakes->now_us);
  cost_check (fx, &cost, "coming back from the break", TRUE);
  g_dbus_connection_signal_unsubscribe (fx->bus, sub);
}

int
main (int argc, char **argv)
{
  g_autofree char *tmp = g_dir_make_tmp ("limber-test-daemon-XXXXXX", NULL);
  g_autofree char *state = g_build_filename (tmp, "state", NULL);
  g_autofree char *config = g_build_filename (tmp, "config", NULL);
  g_autoptr (GTestDBus) bus = NULL;
  int status;

  /* Private XDG dirs, set before GLib reads them (G_TEST_OPTION_ISOLATE_DIRS leaks under LSan). */
  g_assert_nonnull (tmp);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_test_init (&argc, &argv, NULL);
  /* The daemon refuses Wayland sessions; it must not tell a service manager anything; logind is
   * not there (the session edge stays silent). */
  g_unsetenv ("WAYLAND_DISPLAY");
  g_unsetenv ("XDG_SESSION_TYPE");
  g_unsetenv ("NOTIFY_SOCKET");
  g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/limber-test-system-bus", TRUE);
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/daemon/reminder-at-sit-limit", test_reminder_at_sit_limit);
  ADD ("/daemon/natural-break", test_natural_break);
  ADD ("/daemon/do-not-disturb", test_do_not_disturb);
  ADD ("/daemon/fullscreen-held-to-cap", test_fullscreen_held_to_cap);
  ADD ("/daemon/snooze-popup-and-bus-agree", test_snooze_popup_and_bus_agree);
  ADD ("/daemon/routine-steps-in-order", test_routine_steps_in_order);
  ADD ("/daemon/reload-ends-changed-routine", test_reload_ends_changed_routine);
  ADD ("/daemon/restart-shows-open-reminder", test_restart_shows_open_reminder);
  ADD ("/daemon/today-turns-at-midnight", test_today_turns_at_midnight);
  ADD ("/daemon/sit-stand-by-default", test_sit_stand_by_default);
  ADD ("/daemon/first-run-notice-once", test_first_run_notice_once);
  ADD ("/daemon/that-hurt", test_that_hurt);
  ADD ("/daemon/transitions-cost-once", test_transitions_cost_once);
#undef ADD
  status = g_test_run ();
  g_test_dbus_down (bus);
  remove_tree (tmp);
  return status;
}
