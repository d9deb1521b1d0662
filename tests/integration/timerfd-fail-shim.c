/* timerfd-fail-shim.c: preloaded by test_faults.py's deadline cases to make the kernel refuse
 * limberd's timer, which no unprivileged test can make it do for real.
 *
 * While the file named by LIMBER_FAIL_TIMERFD_CREATE exists, timerfd_create fails with EMFILE;
 * while the one named by LIMBER_FAIL_TIMERFD_SETTIME exists, timerfd_settime fails with EINVAL.
 * Otherwise both go straight to the kernel. Files rather than variables, so that a test can
 * break the timer of a limberd already running. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <unistd.h>

static int
failing (const char *variable)
{
  const char *flag = getenv (variable);

  return flag != NULL && access (flag, F_OK) == 0;
}

int
timerfd_create (int clockid, int flags)
{
  if (failing ("LIMBER_FAIL_TIMERFD_CREATE"))
    {
      errno = EMFILE;
      return -1;
    }
  return (int) syscall (SYS_timerfd_create, clockid, flags);
}

int
timerfd_settime (int fd, int flags, const struct itimerspec *new_value, struct itimerspec *old_value)
{
  if (failing ("LIMBER_FAIL_TIMERFD_SETTIME"))
    {
      errno = EINVAL;
      return -1;
    }
  return (int) syscall (SYS_timerfd_settime, fd, flags, new_value, old_value);
}
