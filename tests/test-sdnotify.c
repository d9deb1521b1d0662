/* test-sdnotify.c: sd_notify messages reach a real AF_UNIX datagram socket, by path and abstract name. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "platform/sdnotify.h"

/* A stand-in for the service manager's notify socket. */
typedef struct
{
  int fd;
  char *dir;            /* temp dir holding a path socket, or NULL */
  char *notify_socket;  /* the value for $NOTIFY_SOCKET */
} Listener;

static void
listener_bind (Listener        *listener,
               struct sockaddr_un *address,
               socklen_t        address_len)
{
  int on = 1;

  listener->fd = socket (AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  g_assert_cmpint (listener->fd, >=, 0);
  g_assert_cmpint (setsockopt (listener->fd, SOL_SOCKET, SO_PASSCRED, &on, sizeof on), ==, 0);
  g_assert_cmpint (bind (listener->fd, (struct sockaddr *) address, address_len), ==, 0);
  g_assert_true (g_setenv ("NOTIFY_SOCKET", listener->notify_socket, TRUE));
}

static void
listener_init_path (Listener *listener)
{
  g_autoptr (GError) error = NULL;
  struct sockaddr_un address = { .sun_family = AF_UNIX };
  g_autofree char *path = NULL;

  listener->dir = g_dir_make_tmp ("limber-sdnotify-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (listener->dir, "notify", NULL);
  g_assert_cmpuint (strlen (path), <, sizeof address.sun_path);
  strcpy (address.sun_path, path);
  listener->notify_socket = g_steal_pointer (&path);
  listener_bind (listener, &address, sizeof address);
}

static void
listener_init_abstract (Listener *listener)
{
  struct sockaddr_un address = { .sun_family = AF_UNIX };
  g_autofree char *name = g_strdup_printf ("limber-test-sdnotify-%d-%u",
                                           (int) getpid (), g_random_int ());

  /* Abstract: a leading NUL, then the name, no terminator counted. */
  memcpy (address.sun_path + 1, name, strlen (name));
  listener->dir = NULL;
  listener->notify_socket = g_strconcat ("@", name, NULL);
  listener_bind (listener, &address,
                 (socklen_t) (offsetof (struct sockaddr_un, sun_path) + 1 + strlen (name)));
}

static void
listener_clear (Listener *listener)
{
  g_unsetenv ("NOTIFY_SOCKET");
  close (listener->fd);
  if (listener->dir != NULL)
    {
      g_autofree char *path = g_build_filename (listener->dir, "notify", NULL);
      g_assert_cmpint (g_unlink (path), ==, 0);
      g_assert_cmpint (g_rmdir (listener->dir), ==, 0);
    }
  g_free (listener->dir);
  g_free (listener->notify_socket);
}

/* Receives one datagram without blocking (it was sent before we ask) and
 * checks the kernel-attached credentials name this process. */
static char *
listener_receive (Listener *listener)
{
  char buffer[4096];
  char control[CMSG_SPACE (sizeof (struct ucred))];
  struct iovec iov = { .iov_base = buffer, .iov_len = sizeof buffer - 1 };
  struct msghdr header = {
    .msg_iov = &iov, .msg_iovlen = 1,
    .msg_control = control, .msg_controllen = sizeof control,
  };
  struct cmsghdr *cmsg;
  struct ucred credentials;
  ssize_t received;

  received = recvmsg (listener->fd, &header, MSG_DONTWAIT);
  g_assert_cmpint (received, >=, 0);
  g_assert_false (header.msg_flags & MSG_TRUNC);
  cmsg = CMSG_FIRSTHDR (&header);
  g_assert_nonnull (cmsg);
  g_assert_cmpint (cmsg->cmsg_type, ==, SCM_CREDENTIALS);
  memcpy (&credentials, CMSG_DATA (cmsg), sizeof credentials);
  g_assert_cmpint (credentials.pid, ==, getpid ());
  buffer[received] = '\0';
  return g_strdup (buffer);
}

static void
listener_assert_empty (Listener *listener)
{
  char byte;

  g_assert_cmpint (recv (listener->fd, &byte, 1, MSG_DONTWAIT), <, 0);
}

static gint64
monotonic_now_us (void)
{
  struct timespec now;

  clock_gettime (CLOCK_MONOTONIC, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

/* Every helper's message arrives whole and in order. */
static void
check_messages (Listener *listener)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *ready = NULL, *status = NULL, *reloading = NULL, *stopping = NULL;
  g_autofree char *raw = NULL, *multi = NULL;
  g_auto (GStrv) lines = NULL;
  gint64 before_us, after_us, stamp_us;

  g_assert_true (limber_sdnotify_send ("STATUS=raw", &error));
  g_assert_no_error (error);
  g_assert_true (limber_sdnotify_ready ());
  g_assert_true (limber_sdnotify_status ("Sitting since %02d:%02d · break at %s", 10, 2, "10:32"));
  g_assert_true (limber_sdnotify_status ("two\nlines\r"));
  before_us = monotonic_now_us ();
  g_assert_true (limber_sdnotify_reloading ());
  after_us = monotonic_now_us ();
  g_assert_true (limber_sdnotify_stopping ());

  raw = listener_receive (listener);
  g_assert_cmpstr (raw, ==, "STATUS=raw");
  ready = listener_receive (listener);
  g_assert_cmpstr (ready, ==, "READY=1");
  status = listener_receive (listener);
  g_assert_cmpstr (status, ==, "STATUS=Sitting since 10:02 · break at 10:32");
  multi = listener_receive (listener);
  g_assert_cmpstr (multi, ==, "STATUS=two lines ");
  reloading = listener_receive (listener);
  lines = g_strsplit (reloading, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_cmpstr (lines[0], ==, "RELOADING=1");
  g_assert_true (g_str_has_prefix (lines[1], "MONOTONIC_USEC="));
  g_assert_true (g_ascii_string_to_signed (lines[1] + strlen ("MONOTONIC_USEC="), 10,
                                           0, G_MAXINT64, &stamp_us, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stamp_us, >=, before_us);
  g_assert_cmpint (stamp_us, <=, after_us);
  stopping = listener_receive (listener);
  g_assert_cmpstr (stopping, ==, "STOPPING=1");
  listener_assert_empty (listener);
}

static void
test_sdnotify_path_socket (void)
{
  Listener listener;

  listener_init_path (&listener);
  check_messages (&listener);
  listener_clear (&listener);
}

static void
test_sdnotify_abstract_socket (void)
{
  Listener listener;

  listener_init_abstract (&listener);
  check_messages (&listener);
  listener_clear (&listener);
}

static void
test_sdnotify_unset_is_noop (void)
{
  g_autoptr (GError) error = NULL;

  g_unsetenv ("NOTIFY_SOCKET");
  g_assert_true (limber_sdnotify_send ("READY=1", &error));
  g_assert_no_error (error);
  g_assert_true (limber_sdnotify_ready ());
  g_assert_true (g_setenv ("NOTIFY_SOCKET", "", TRUE));
  g_assert_true (limber_sdnotify_send ("READY=1", &error));
  g_assert_no_error (error);
  g_unsetenv ("NOTIFY_SOCKET");
}

static void
test_sdnotify_bad_socket (void)
{
  g_autoptr (GError) relative = NULL;
  g_autoptr (GError) too_long = NULL;
  g_autoptr (GError) missing = NULL;
  g_autofree char *long_name = g_strnfill (200, 'x');
  g_autofree char *long_value = g_strconcat ("/", long_name, NULL);

  g_assert_true (g_setenv ("NOTIFY_SOCKET", "relative/notify", TRUE));
  g_assert_false (limber_sdnotify_send ("READY=1", &relative));
  g_assert_error (relative, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (relative->message, "relative/notify"));

  g_assert_true (g_setenv ("NOTIFY_SOCKET", long_value, TRUE));
  g_assert_false (limber_sdnotify_send ("READY=1", &too_long));
  g_assert_error (too_long, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);

  g_assert_true (g_setenv ("NOTIFY_SOCKET", "/nonexistent/limber/notify", TRUE));
  g_assert_false (limber_sdnotify_send ("READY=1", &missing));
  g_assert_error (missing, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (missing->message, "/nonexistent/limber/notify"));

  /* The helpers report the same failure as a warning and FALSE. */
  g_test_expect_message ("limber", G_LOG_LEVEL_WARNING, "*NOTIFY_SOCKET=/nonexistent/limber/notify*");
  g_assert_false (limber_sdnotify_stopping ());
  g_test_assert_expected_messages ();
  g_unsetenv ("NOTIFY_SOCKET");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sdnotify/path-socket", test_sdnotify_path_socket);
  g_test_add_func ("/sdnotify/abstract-socket", test_sdnotify_abstract_socket);
  g_test_add_func ("/sdnotify/unset-is-noop", test_sdnotify_unset_is_noop);
  g_test_add_func ("/sdnotify/bad-socket", test_sdnotify_bad_socket);
  return g_test_run ();
}
