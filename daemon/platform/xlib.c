/* xlib.c: libX11, libXext (SYNC) and libXss, opened at run time for the X11 backend alone. */
#include "platform/xlib.h"

#include <dlfcn.h>
#include <gio/gio.h>
#include <stddef.h>

/* dlsym hands out functions as object pointers: POSIX allows it, ISO C does not say. */
#pragma GCC diagnostic ignored "-Wpedantic"

typedef struct {
  const char *library;
  const char *symbol;
  size_t offset;
} XlibSymbol;

#define SYM(lib, name) { lib, "X" #name, offsetof (LimberXlib, name) }
static const XlibSymbol symbols[] = {
  SYM ("libX11.so.6", OpenDisplay), SYM ("libX11.so.6", CloseDisplay), SYM ("libX11.so.6", SetErrorHandler),
  SYM ("libX11.so.6", SetIOErrorHandler), SYM ("libX11.so.6", SetIOErrorExitHandler),
  SYM ("libX11.so.6", InternAtoms), SYM ("libX11.so.6", GetWindowProperty), SYM ("libX11.so.6", Free),
  SYM ("libX11.so.6", Flush), SYM ("libX11.so.6", Pending), SYM ("libX11.so.6", NextEvent),
  { "libX11.so.6", "XQLength", offsetof (LimberXlib, QueueLength) },
  SYM ("libXext.so.6", SyncQueryExtension), SYM ("libXext.so.6", SyncInitialize),
  SYM ("libXext.so.6", SyncListSystemCounters), SYM ("libXext.so.6", SyncFreeSystemCounterList),
  SYM ("libXext.so.6", SyncQueryCounter), SYM ("libXext.so.6", SyncCreateAlarm),
  SYM ("libXext.so.6", SyncChangeAlarm), SYM ("libXext.so.6", SyncDestroyAlarm),
  SYM ("libXss.so.1", ScreenSaverQueryExtension), SYM ("libXss.so.1", ScreenSaverQueryInfo),
};
#undef SYM

static gboolean
load_symbols (LimberXlib *api, GError **error)
{
  const char *open_name = NULL;
  void *lib = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (symbols); i++)
    {
      void *fn;

      if (open_name == NULL || !g_str_equal (open_name, symbols[i].library))
        {
          open_name = symbols[i].library;
          /* Never closed: Xlib's per-display state and extension hooks live in them. */
          lib = dlopen (open_name, RTLD_NOW | RTLD_LOCAL);
          if (lib == NULL)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "Cannot load %s for the X11 backend (%s): install it (Debian: libx11-6, "
                           "libxext6, libxss1), or run limberd in a Wayland session.", open_name, dlerror ());
              return FALSE;
            }
        }
      fn = dlsym (lib, symbols[i].symbol);
      if (fn == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       "%s has no %s, which the X11 backend needs: it is older than limberd was "
                       "built for; update it.", open_name, symbols[i].symbol);
          return FALSE;
        }
      *(void **) ((char *) api + symbols[i].offset) = fn;
    }
  return TRUE;
}

const LimberXlib *
limber_xlib_load (GError **error)
{
  static LimberXlib api;
  static gboolean loaded;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (!loaded && !load_symbols (&api, error))
    return NULL;
  loaded = TRUE;
  return &api;
}
