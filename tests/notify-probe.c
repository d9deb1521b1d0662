/* notify-probe.c: sends one notification through libnotify, so the test
 * harness can prove that its X server, bus and notification server work. */
#include <libnotify/notify.h>

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  NotifyNotification *n;
  gboolean shown;

  if (argc != 3)
    {
      g_printerr ("usage: notify-probe SUMMARY BODY\n");
      return 2;
    }
  if (!notify_init ("limber"))
    return 1;
  n = notify_notification_new (argv[1], argv[2], NULL);
  shown = notify_notification_show (n, &error);
  g_object_unref (n);
  if (!shown)
    {
      g_printerr ("notify-probe: %s\n", error->message);
      return 1;
    }
  notify_uninit ();
  return 0;
}
