/* sdnotify.c: the sd_notify datagram protocol, written out so limberd needs no libsystemd. */
#include "platform/sdnotify.h"

#include <errno.h>
#include <gio/gio.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

/* Fills ADDRESS from the $NOTIFY_SOCKET value NAME and returns the address
 * length to pass to sendto(), or 0 with ERROR set. */
static socklen_t
limber_sdnotify_address (const char          *name,
                         struct sockaddr_un  *address,
                         GError             **error)
{
  size_t name_len = strlen (name);

  memset (address, 0, sizeof *address);
  address->sun_family = AF_UNIX;
  if (name[0] != '/' && name[0] != '@')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "NOTIFY_SOCKET is \"%s\", which is neither an absolute path nor an "
                   "abstract socket name starting with \"@\"; unset it or fix the service manager.",
                   name);
      return 0;
    }
  if (name_len >= sizeof address->sun_path)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "NOTIFY_SOCKET is %zu bytes long; a socket address holds at most %zu.",
                   name_len, sizeof address->sun_path - 1);
      return 0;
    }
  memcpy (address->sun_path, name, name_len);
  /* An abstract name starts with a NUL byte and its length is exact: no
   * terminating NUL may be counted, or it becomes part of the name. */
  if (name[0] == '@')
    {
      address->sun_path[0] = '\0';
      return (socklen_t) (offsetof (struct sockaddr_un, sun_path) + name_len);
    }
  return (socklen_t) (offsetof (struct sockaddr_un, sun_path) + name_len + 1);
}

gboolean
limber_sdnotify_send (const char  *message,
                      GError     **error)
{
  const char *name = g_getenv ("NOTIFY_SOCKET");
  struct sockaddr_un address;
  socklen_t address_len;
  size_t message_len;
  ssize_t sent;
  int fd;
  int saved_errno;

  g_return_val_if_fail (message != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (name == NULL || name[0] == '\0')
    return TRUE;
  address_len = limber_sdnotify_address (name, &address, error);
  if (address_len == 0)
    return FALSE;

  fd = socket (AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Could not create a socket to notify the service manager: %s",
                   g_strerror (saved_errno));
      return FALSE;
    }
  /* The kernel attaches our credentials itself when the manager asks for
   * them (SO_PASSCRED), so a plain sendto() is the whole protocol. */
  message_len = strlen (message);
  do
    sent = sendto (fd, message, message_len, MSG_NOSIGNAL,
                   (const struct sockaddr *) &address, address_len);
  while (sent < 0 && errno == EINTR);
  saved_errno = errno;
  close (fd);

  if (sent < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Could not notify the service manager at NOTIFY_SOCKET=%s: %s",
                   name, g_strerror (saved_errno));
      return FALSE;
    }
  if ((size_t) sent != message_len)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "The service manager at NOTIFY_SOCKET=%s took %zd of %zu bytes.",
                   name, sent, message_len);
      return FALSE;
    }
  return TRUE;
}

static gboolean
limber_sdnotify_send_or_warn (const char *message)
{
  g_autoptr (GError) error = NULL;

  if (limber_sdnotify_send (message, &error))
    return TRUE;
  g_warning ("%s", error->message);
  return FALSE;
}

gboolean
limber_sdnotify_ready (void)
{
  return limber_sdnotify_send_or_warn ("READY=1");
}

gboolean
limber_sdnotify_status (const char *format,
                        ...)
{
  g_autofree char *status = NULL;
  g_autofree char *message = NULL;
  va_list args;

  g_return_val_if_fail (format != NULL, FALSE);

  va_start (args, format);
  status = g_strdup_vprintf (format, args);
  va_end (args);
  /* STATUS= is one line: a newline would start a new KEY=VALUE. */
  g_strdelimit (status, "\r\n", ' ');
  message = g_strconcat ("STATUS=", status, NULL);
  return limber_sdnotify_send_or_warn (message);
}

gboolean
limber_sdnotify_reloading (void)
{
  g_autofree char *message = NULL;
  struct timespec now;
  gint64 now_us;

  /* The protocol wants CLOCK_MONOTONIC here, not our usual CLOCK_BOOTTIME:
   * the manager compares it with its own monotonic stamp of the request. */
  clock_gettime (CLOCK_MONOTONIC, &now);
  now_us = (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
  message = g_strdup_printf ("RELOADING=1\nMONOTONIC_USEC=%" G_GINT64_FORMAT, now_us);
  return limber_sdnotify_send_or_warn (message);
}

gboolean
limber_sdnotify_stopping (void)
{
  return limber_sdnotify_send_or_warn ("STOPPING=1");
}
