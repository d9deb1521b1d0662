/* faketime-shim.c: preloaded before libfaketime by test_faults.py's wall-clock case.
 *
 * libfaketime 0.9.10 moves the absolute expiry of every TFD_TIMER_ABSTIME timerfd by its
 * wall-clock offset, CLOCK_BOOTTIME ones included and even with DONT_FAKE_MONOTONIC=1: a
 * BOOTTIME deadline then fires hours early or late, which no real clock jump does. These
 * two go straight to the kernel so that only the wall clock is faked. */
#define _GNU_SOURCE
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <unistd.h>

int
timerfd_settime (int fd, int flags, const struct itimerspec *new_value, struct itimerspec *old_value)
{
  return (int) syscall (SYS_timerfd_settime, fd, flags, new_value, old_value);
}

int
timerfd_gettime (int fd, struct itimerspec *curr_value)
{
  return (int) syscall (SYS_timerfd_gettime, fd, curr_value);
}
