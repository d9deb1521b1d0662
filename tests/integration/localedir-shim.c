/* localedir-shim.c: an LD_PRELOAD for tests/integration/test_i18n.py. limberd and limberctl bind
 * their gettext domain to the directory meson installs the catalogues in; under this shim,
 * bindtextdomain ("limber", …) binds it to $LIMBER_TEST_LOCALEDIR (the build's po/) instead, so
 * the build's own programs speak the languages of po/ without being installed. Other domains
 * (GLib's own) are left alone. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

char *bindtextdomain (const char *domain, const char *dir);

char *
bindtextdomain (const char *domain, const char *dir)
{
  static char *(*real) (const char *, const char *);
  const char *test_dir = getenv ("LIMBER_TEST_LOCALEDIR");

  if (real == NULL)
    real = (char *(*) (const char *, const char *)) dlsym (RTLD_NEXT, "bindtextdomain");
  if (test_dir != NULL && domain != NULL && dir != NULL && strcmp (domain, "limber") == 0)
    dir = test_dir;
  return real (domain, dir);
}
