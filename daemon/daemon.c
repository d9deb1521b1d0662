/* daemon.c: LimberDaemon's lifecycle: start-up order, signals, reload, the
 * presence and session callbacks, the control bus callbacks, clean stop. */
#include "daemon-private.h"

#include <errno.h>
#include <glib-unix.h>
#include <signal.h>

#include "settings/diagnostic.h"
#include "limber-version.h"
#include "platform/sdnotify.h"

#define RELOAD_DEBOUNCE_MS 300

/* -- config ------------------------------------------------------------------ */

static void
log_diagnostics (GPtrArray *diagnostics)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      const LimberDiagnostic *d = g_ptr_array_index (diagnostics, i);
      g_autofree char *line = NULL;

      /* Errors come back in the GError too, and are reported from there once. */
      if (d->level == LIMBER_DIAGNOSTIC_ERROR)
        continue;
      line = limber_diagnostic_format (d);
      g_warning ("%s", line);
    }
}

static LimberConfig *
load_config (const char *path, GError **error)
{
  g_autoptr (GPtrArray) diagnostics = g_ptr_array_new_with_free_func (
      (GDestroyNotify) limber_diagnostic_free);
  LimberConfig *config = limber_config_load (path, diagnostics, error);

  log_diagnostics (diagnostics);
  return config;
}

static void
scheduler_settings_from_config (const LimberConfig *c, LimberSchedulerSettings *s)
{
  *s = (LimberSchedulerSettings) {
    .sit_limit_us = c->sit_limit_us,
    .break_length_us = c->break_length_us,
    .micro_interval_us = c->micro_interval_us,
    .micro_length_us = c->micro_length_us,
    .snooze_us = c->snooze_us,
    .max_snoozes = c->max_snoozes,
    .defer_mask = (c->defer_fullscreen ? LIMBER_BUSY_FULLSCREEN : 0) | (c->defer_dnd ? LIMBER_BUSY_DND : 0)
                  | (c->defer_calls ? LIMBER_BUSY_CAMERA | LIMBER_BUSY_MICROPHONE : 0)
                  | (c->defer_inhibited ? LIMBER_BUSY_INHIBITED : 0),
    /* Only X11 has to be asked about fullscreen windows; asking costs nothing elsewhere. */
    .sampled_mask = LIMBER_BUSY_FULLSCREEN,
    .defer_cap_us = c->defer_cap_us,
    .sit_stand = c->desk == LIMBER_DESK_SIT_STAND,
    .sit_before_stand_us = c->sit_before_stand_us,
    .stand_before_sit_us = c->stand_before_sit_us,
    .stand_limit_us = c->stand_limit_us,
  };
}

static gboolean
routine_running (LimberDaemon *self)
{
  return limber_scheduler_check (self->scheduler, LIMBER_OBSERVATION_START) == LIMBER_REFUSAL_ROUTINE_RUNNING;
}

/* A reload that changes the routine in progress ends it, and says so: its
 * remaining steps are no longer those of the file. */
static void
end_changed_routine (LimberDaemon *self, const LimberConfig *old, GArray *actions)
{
  LimberStatus status;
  const LimberRoutine *routine;
  g_autofree char *text = NULL;

  limber_scheduler_get_status (self->scheduler, limber_daemon_now_us (self), &status);
  if (!routine_running (self) || limber_daemon_same_routine (self, old, self->config, status.break_number))
    return;
  routine = limber_daemon_routine_for (self, old, status.break_number);
  /* TRANSLATORS: %s is the routine's title ("Desk reset"), or "the routine". */
  text = g_strdup_printf (_("The new configuration changed the guided break in progress (%s), so it was "
                            "ended; the next one follows the new settings."), routine ? routine->title : _("the routine"));
  g_message ("%s", text);
  limber_scheduler_observe (self->scheduler,
                            &(LimberObservation) { .kind = LIMBER_OBSERVATION_STOP,
                                                   .at_us = limber_daemon_now_us (self) },
                            actions);
  limber_daemon_popup_notice (self, text);
}

static gboolean
reload (LimberDaemon *self, GError **error)
{
  g_autoptr (LimberConfig) config = NULL;
  g_autoptr (GArray) actions = g_array_new (FALSE, TRUE, sizeof (LimberAction));
  LimberSchedulerSettings settings;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (LimberConfig) old = NULL;

  limber_sdnotify_reloading ();
  if (!self->config_path_explicit)
    {
      g_free (self->config_path);
      self->config_path = limber_config_find_path ();
    }
  config = load_config (self->config_path, &local_error);
  if (config == NULL)
    {
      /* TRANSLATORS: %s is the list of problems, one a line. */
      g_autofree char *text = g_strdup_printf (_("The configuration was not reloaded; the previous settings stay "
                                                 "in force.\n%s"), local_error->message);

      g_warning ("Reload failed, keeping the running configuration: %s", local_error->message);
      limber_daemon_popup_notice (self, text);
      limber_sdnotify_ready ();
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  old = g_steal_pointer (&self->config);
  self->config = g_steal_pointer (&config);
  end_changed_routine (self, old, actions);
  scheduler_settings_from_config (self->config, &settings);
  limber_scheduler_set_settings (self->scheduler, &settings, limber_daemon_now_us (self), actions);
  limber_presence_set_threshold (self->presence, limber_scheduler_get_away_threshold_us (self->scheduler));
  limber_daemon_manners_apply (self);
  limber_daemon_tray_apply (self);
  g_message ("Configuration reloaded from %s", self->config_path ? self->config_path : "the built-in defaults");
  limber_sdnotify_ready ();
  limber_daemon_carry_out (self, actions);
  limber_daemon_publish_status (self);
  return TRUE;
}

static gboolean
on_reload_debounced (gpointer user_data)
{
  LimberDaemon *self = user_data;

  self->reload_source_id = 0;
  reload (self, NULL);
  return G_SOURCE_REMOVE;
}

static void
on_config_changed (GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event,
                   gpointer user_data)
{
  LimberDaemon *self = user_data;

  if (event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT && event != G_FILE_MONITOR_EVENT_CREATED &&
      event != G_FILE_MONITOR_EVENT_DELETED && event != G_FILE_MONITOR_EVENT_RENAMED &&
      event != G_FILE_MONITOR_EVENT_MOVED_IN)
    return;
  g_clear_handle_id (&self->reload_source_id, g_source_remove);
  self->reload_source_id = g_timeout_add (RELOAD_DEBOUNCE_MS, on_reload_debounced, self);
}

/* Watch the file given with --config, else the user's file (where edits
 * happen, even while a system-wide one is in force: creating it takes over);
 * GIO watches its directory, so editors that replace files by renaming work. */
static void
watch_config (LimberDaemon *self)
{
  g_autofree char *path = self->config_path_explicit ? g_strdup (self->config_path)
                                                     : g_build_filename (g_get_user_config_dir (), "limber",
                                                                "limber.conf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  /* GIO polls every few seconds for a watched file whose directory is
   * missing; with the directory there, inotify costs no wake-ups. */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_message ("Not watching %s for changes (cannot create %s: %s); reload with SIGHUP",
                 path, dir, g_strerror (errno));
      return;
    }
  self->config_monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->config_monitor == NULL)
    {
      g_message ("Not watching %s for changes (%s); reload with SIGHUP", path, error->message);
      return;
    }
  g_signal_connect (self->config_monitor, "changed", G_CALLBACK (on_config_changed), self);
}

/* -- signals ----------------------------------------------------------------- */

static gboolean
on_sighup (gpointer user_data)
{
  reload (user_data, NULL);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_sigterm (gpointer user_data)
{
  limber_daemon_stop (user_data, LIMBER_EXIT_OK);
  return G_SOURCE_CONTINUE;
}

/* -- presence and session ------------------------------------------------------ */

static void
on_presence (LimberPresenceEvent event, gint64 at_us, gpointer user_data)
{
  LimberDaemon *self = user_data;
  LimberObservation obs = { .at_us = limber_daemon_now_us (self) };

  if (event == LIMBER_PRESENCE_AWAY)
    {
      obs.kind = LIMBER_OBSERVATION_AWAY;
      obs.since_us = at_us;
    }
  else
    {
      obs.kind = LIMBER_OBSERVATION_PRESENT;
      obs.at_us = at_us;
    }
  limber_daemon_observe (self, &obs);
}

static void
on_presence_lost (gpointer user_data)
{
  LimberDaemon *self = user_data;
  const char *name = limber_presence_get_name (self->presence);

  /* The session ended (logout) or its display server crashed: nothing to measure any more. */
  g_message ("%s went away; saving state and stopping",
             g_strcmp0 (name, "x11") == 0 ? "The X server"
             : g_strcmp0 (name, "gnome") == 0 ? "GNOME's idle monitor (mutter)"
                                              : "The Wayland compositor");
  limber_daemon_stop (self, LIMBER_EXIT_OK);
}

static void
on_locked (gboolean locked, gint64 at_us, gpointer user_data)
{
  LimberObservation obs = { .kind = locked ? LIMBER_OBSERVATION_LOCKED : LIMBER_OBSERVATION_UNLOCKED,
                            .at_us = at_us };
  limber_daemon_observe (user_data, &obs);
}

static void
on_active (gboolean active, gint64 at_us, gpointer user_data)
{
  limber_daemon_observe (user_data, &(LimberObservation) {
      .kind = active ? LIMBER_OBSERVATION_ACTIVE : LIMBER_OBSERVATION_INACTIVE, .at_us = at_us });
}

static void
on_sleeping (gboolean sleeping, gint64 at_us, gpointer user_data)
{
  LimberDaemon *self = user_data;
  LimberObservation obs = { .kind = sleeping ? LIMBER_OBSERVATION_ASLEEP : LIMBER_OBSERVATION_AWAKE,
                            .at_us = at_us };

  limber_daemon_observe (self, &obs);
  if (sleeping)
    {
      limber_daemon_save (self);
      limber_session_release_sleep_lock (self->session);
    }
}

static void
on_fullscreen_changed (gboolean fullscreen, gpointer user_data)
{
  limber_daemon_report_fullscreen (user_data, fullscreen);
}

/* -- control bus --------------------------------------------------------------- */

static gboolean
bus_pause (gint64 duration_us, gpointer user_data, GError **error)
{
  LimberDaemon *self = user_data;
  LimberObservation obs = { .kind = LIMBER_OBSERVATION_PAUSE, .at_us = limber_daemon_now_us (self) };

  if (duration_us < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A pause cannot last a negative time; give a duration such as 45m, or 0 to pause until resumed."));
      return FALSE;
    }
  obs.until_us = duration_us == 0 ? 0 : obs.at_us + duration_us;
  limber_daemon_observe (self, &obs);
  return TRUE;
}

/* The scheduler alone says whether a choice applies; the bus only passes on its answer. */
static gboolean
bus_choice (LimberDaemon *self, LimberObservationKind kind, GError **error)
{
  LimberRefusal refusal = limber_scheduler_check (self->scheduler, kind);

  if (refusal != LIMBER_REFUSAL_NONE)
    {
      g_autofree char *text = limber_scheduler_refusal_to_text (self->scheduler, refusal);

      g_set_error_literal (error, LIMBER_BUS_ERROR, LIMBER_BUS_ERROR_NOT_APPLICABLE, text);
      return FALSE;
    }
  limber_daemon_observe_kind (self, kind);
  return TRUE;
}

#define BUS_CHOICE(name, KIND)                                                  \
  static gboolean name (gpointer user_data, GError **error)                      \
  {                                                                              \
    return bus_choice (user_data, LIMBER_OBSERVATION_##KIND, error);             \
  }
BUS_CHOICE (bus_start, START)
BUS_CHOICE (bus_resume, RESUME)
BUS_CHOICE (bus_snooze, SNOOZE)
BUS_CHOICE (bus_skip, SKIP)
BUS_CHOICE (bus_stand, STAND)
BUS_CHOICE (bus_sit, SIT)
#undef BUS_CHOICE

static gboolean
bus_reload (gpointer user_data, GError **error)
{
  return reload (user_data, error);
}

static void
bus_name_acquired (gpointer user_data)
{
  LimberDaemon *self = user_data;

  if (self->ready)
    return;
  self->ready = TRUE;
  limber_daemon_publish_status (self);
  limber_sdnotify_ready ();
  g_message ("Limber %s is watching your sitting time", LIMBER_VERSION);
  limber_daemon_tray_apply (self);
}

static void
bus_name_lost (gpointer user_data)
{
  LimberDaemon *self = user_data;

  if (!self->ready)
    g_printerr (_("limberd: another limberd is already running in this session "
                  "(it owns org.limber.Daemon1); stop it first, e.g. with 'systemctl --user stop limber'.\n"));
  else
    g_message ("Lost the session bus; saving state and stopping");
  limber_daemon_stop (self, LIMBER_EXIT_FAILURE);
}

static const LimberBusFuncs bus_funcs = {
  .pause = bus_pause,
  .resume = bus_resume,
  .start_break = bus_start,
  .snooze = bus_snooze,
  .skip = bus_skip,
  .reload = bus_reload,
  .name_lost = bus_name_lost,
  .name_acquired = bus_name_acquired,
  .stand = bus_stand,
  .sit = bus_sit,
  .set_gentle = limber_daemon_care_set_gentle,
};

static void
on_dnd_changed (gboolean active, gpointer user_data)
{
  LimberDaemon *self = user_data;

  self->dnd = active;
  limber_daemon_report_busy (self);
}

static gboolean
on_deadline (gpointer user_data)
{
  LimberDaemon *self = user_data;
  gint64 now_us = limber_daemon_now_us (self);

  if (now_us >= self->midnight_us)
    limber_daemon_turn_day (self);
  if (now_us >= limber_scheduler_get_next_deadline_us (self->scheduler))
    limber_daemon_observe_kind (self, LIMBER_OBSERVATION_TICK);
  else
    limber_daemon_rearm (self);
  return G_SOURCE_CONTINUE;
}

/* -- start-up and stop --------------------------------------------------------- */

static char *
read_boot_id (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/sys/kernel/random/boot_id", &text, NULL, NULL))
    return NULL;
  return g_strstrip (g_steal_pointer (&text));
}

/* Continue the sitting clock of the previous run, if there was one: the open
 * reminder, the snoozes used and the rotation carry over. */
static void
restore_session (LimberDaemon *self)
{
  LimberLiveSession live;
  g_autoptr (GArray) actions = g_array_new (FALSE, TRUE, sizeof (LimberAction));
  g_autofree char *boot_id = read_boot_id ();
  gint64 now_us = limber_daemon_now_us (self);
  gint64 gap_us;

  if (!limber_history_get_live (self->history, &live))
    return;
  if (g_strcmp0 (boot_id, live.boot_id) == 0)
    gap_us = now_us - live.boot_saved_us;
  else
    /* Another boot: the machine was off or restarting in between, whatever
     * the wall clock says (it may be behind): that was a break. */
    gap_us = MAX (limber_daemon_wall_now_us (self) - live.wall_saved_us, self->config->break_length_us);
  limber_scheduler_restore (self->scheduler,
                            &(LimberSchedulerSnapshot) {
                              .sitting_us = live.sitting_us,
                              .pause_left_us = live.pause_left_us,
                              .snoozes_used = live.snoozes_used,
                              .break_number = live.break_number,
                              .reminder_open = live.reminder_open,
                              .away_us = live.away_us,
                              .due_open = live.due_open,
                              .micro_number = live.micro_number,
                              .standing = live.standing,
                              .posture_us = live.posture_us,
                              .prompts = live.posture_prompts,
                              .gap_unwatched = live.running && g_strcmp0 (boot_id, live.boot_id) == 0,
                            },
                            MAX (gap_us, 0), now_us, actions);
  limber_live_session_clear (&live);
  limber_daemon_carry_out (self, actions);
}

/* The clock comes first: the scheduler starts at its now. */
static gboolean
start_clock (LimberDaemon *self, const LimberDaemonSeams *seams, GError **error)
{
  self->clock_class = seams && seams->clock ? seams->clock : limber_daemon_real_clock ();
  self->clock = self->clock_class->create (on_deadline, self, seams ? seams->user_data : NULL, error);
  return self->clock != NULL;
}

/* [presence] media-playback goes to the backend; the log says what this desktop gives, once, and
 * the bus carries the same notes for limberctl, in English (N_(): limberctl translates them). */
static void
describe_presence (LimberDaemon *self)
{
  gboolean want_input_only = self->config->media_playback == LIMBER_MEDIA_PLAYBACK_AWAY;
  gboolean input_only = limber_presence_set_input_only (self->presence, want_input_only);
  const char *note = limber_presence_get_note (self->presence);
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);

  if (note != NULL)
    g_ptr_array_add (notes, g_strdup (note));
  if (want_input_only && !input_only && note == NULL)
    g_ptr_array_add (notes, g_strdup (N_("[presence] media-playback = away cannot be honoured here: this "
                                         "backend cannot tell a video player keeping the screen awake "
                                         "from real input, so a playing video counts as sitting.")));
  if (limber_presence_get_fullscreen (self->presence) == LIMBER_FULLSCREEN_UNKNOWN)
    g_ptr_array_add (notes, g_strdup (N_("This desktop does not say which window is fullscreen, so "
                                         "reminders are not held over fullscreen windows; "
                                         "do-not-disturb still holds them.")));
  g_message ("Presence from the %s backend", limber_presence_get_name (self->presence));
  for (guint i = 0; i < notes->len; i++)
    g_message ("%s", (const char *) g_ptr_array_index (notes, i));
  g_ptr_array_add (notes, NULL);
  g_strfreev (self->presence_notes);
  self->presence_notes = (char **) g_ptr_array_steal (notes, NULL);
}

static gboolean
start_modules (LimberDaemon *self, const LimberDaemonOptions *options, GError **error)
{
  static const LimberSessionFuncs session_funcs = { .locked = on_locked, .sleeping = on_sleeping, .active = on_active };
  static const LimberPresenceFuncs presence_funcs = {
    .event = on_presence, .lost = on_presence_lost, .fullscreen_changed = on_fullscreen_changed,
  };
  const LimberDaemonSeams *seams = options->seams;
  gpointer seam_data = seams ? seams->user_data : NULL;
  LimberSchedulerSettings settings;
  g_autoptr (GError) local_error = NULL;

  if (!start_clock (self, seams, error))
    return FALSE;
  scheduler_settings_from_config (self->config, &settings);
  self->scheduler = limber_scheduler_new (&settings, limber_daemon_now_us (self));
  self->history = limber_history_new (NULL);
  if (!limber_history_load (self->history, &local_error))
    g_warning ("%s", local_error->message);
  self->presence = seams && seams->presence_new
                       ? seams->presence_new (&presence_funcs, self, seam_data, error)
                       : limber_presence_open (self->backend, options->force_poll, &presence_funcs, self, error);
  if (self->presence == NULL)
    return FALSE;
  describe_presence (self);
  self->notifier_class = seams && seams->notifier ? seams->notifier : limber_daemon_real_notifier ();
  self->notifier = self->notifier_class->create (limber_daemon_care_on_choice, on_dnd_changed, self, seam_data);
  self->session = limber_session_new (&session_funcs, self);
  self->bus = limber_bus_new (&bus_funcs, self);
  limber_bus_set_history (self->bus, self->history);
  limber_bus_set_presence (self->bus, limber_presence_get_name (self->presence),
                           (const char *const *) self->presence_notes);
  limber_daemon_manners_apply (self);
  /* With every edge up, what the last run left open can be carried out. */
  restore_session (self);
  limber_daemon_care_start (self);
  limber_daemon_save_live (self);
  limber_presence_set_threshold (self->presence, limber_scheduler_get_away_threshold_us (self->scheduler));
  return TRUE;
}

LimberDaemon *
limber_daemon_new (const LimberDaemonOptions *options, LimberExit *exit_status, GError **error)
{
  g_autoptr (LimberDaemon) self = g_new0 (LimberDaemon, 1);

  *exit_status = LIMBER_EXIT_FAILURE;
  self->loop = g_main_loop_new (NULL, FALSE);
  self->midnight_us = G_MAXINT64;
  if (options->backend != NULL && !limber_presence_backend_parse (options->backend, &self->backend, error))
    {
      *exit_status = LIMBER_EXIT_USAGE;
      return NULL;
    }
  self->config_path_explicit = options->config_path != NULL;
  self->config_path = self->config_path_explicit ? g_strdup (options->config_path)
                                                 : limber_config_find_path ();
  self->config = load_config (self->config_path, error);
  if (self->config == NULL)
    return NULL;
  if (!start_modules (self, options, error))
    return NULL;
  watch_config (self);
  self->signal_ids[0] = g_unix_signal_add (SIGHUP, on_sighup, self);
  self->signal_ids[1] = g_unix_signal_add (SIGTERM, on_sigterm, self);
  self->signal_ids[2] = g_unix_signal_add (SIGINT, on_sigterm, self);
  limber_daemon_rearm (self);
  *exit_status = LIMBER_EXIT_OK;
  return g_steal_pointer (&self);
}

LimberExit
limber_daemon_run (LimberDaemon *self)
{
  /* A stop asked for before the loop ran (the first arming of the timer failed)
   * would be lost: g_main_loop_run starts by marking the loop running. */
  if (!self->stopping)
    g_main_loop_run (self->loop);
  limber_sdnotify_stopping ();
  limber_daemon_popup_withdraw (self);
  limber_daemon_save (self);
  return self->exit_status;
}

void
limber_daemon_free (LimberDaemon *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (self->signal_ids); i++)
    g_clear_handle_id (&self->signal_ids[i], g_source_remove);
  g_clear_handle_id (&self->reload_source_id, g_source_remove);
  g_clear_object (&self->config_monitor);
  limber_daemon_tray_stop (self);
  g_clear_pointer (&self->bus, limber_bus_free);
  g_clear_pointer (&self->session, limber_session_free);
  limber_daemon_manners_stop (self);
  if (self->notifier != NULL)
    self->notifier_class->free (g_steal_pointer (&self->notifier));
  if (self->clock != NULL)
    self->clock_class->free (g_steal_pointer (&self->clock));
  g_clear_pointer (&self->presence, limber_presence_free);
  g_clear_pointer (&self->history, limber_history_free);
  g_clear_pointer (&self->scheduler, limber_scheduler_free);
  g_clear_pointer (&self->config, limber_config_free);
  g_clear_pointer (&self->config_path, g_free);
  g_clear_pointer (&self->last_status, g_free);
  g_clear_pointer (&self->presence_notes, g_strfreev);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_free (self);
}
