# Shared helpers of tools/run and tools/test (sourced, not run).

# Debian packages the build needs, and those the tests add (debootstrap builds the Debian 13 root
# of the rig tests, systemd-container boots it, wayland-utils' wayland-info is a host client;
# libpipewire-0.3-dev gives the headers only: limberd opens libpipewire at run time; pipewire,
# wireplumber, pipewire-bin's pw-cli and pw-record, gstreamer1.0-pipewire and gst-launch make the
# real PipeWire of test_manners).
# gettext's msgfmt builds the translations (po/), its xgettext the template.
LIMBER_BUILD_PACKAGES=(gcc meson ninja-build pkg-config libglib2.0-dev libglib2.0-bin
  libnotify-dev libx11-dev libxext-dev libxss-dev libwayland-dev libjson-glib-dev libpipewire-0.3-dev gettext)
# What builds the Debian package beside LIMBER_BUILD_PACKAGES (debian/control's Build-Depends; tools/package
# installs them from there) and checks it: test_package builds in the Debian 13 root too.
LIMBER_PACKAGE_PACKAGES=(dpkg-dev debhelper scdoc lintian)
LIMBER_RUN_PACKAGES=("${LIMBER_BUILD_PACKAGES[@]}" xvfb dunst dbus dbus-x11 x11-apps
  imagemagick xdotool)
# chromium renders limberctl report's page (about 12 s to install, 124 MB to fetch); locales has
# the de_DE source the report's locale case compiles with localedef.
LIMBER_TEST_PACKAGES=("${LIMBER_BUILD_PACKAGES[@]}" xvfb xdotool dbus dunst python3-dbusmock
  python3-gi x11-utils x11-apps imagemagick systemd scdoc man-db valgrind faketime chromium locales
  debootstrap systemd-container wayland-utils python3-jsonschema "${LIMBER_PACKAGE_PACKAGES[@]}"
  pipewire pipewire-bin wireplumber gstreamer1.0-pipewire gstreamer1.0-tools)
# tools/fuzz adds these: libFuzzer comes with clang.
LIMBER_FUZZ_PACKAGES=("${LIMBER_BUILD_PACKAGES[@]}" clang-14 libclang-rt-14-dev)

# limber_missing_packages PKG…: print those of PKG… that are not installed, one a line.
limber_missing_packages() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || echo "$p"
  done
}

# limber_install_packages PKG…: install whatever is missing; apt-get update only then. Not root
# and without sudo, it says what to install and fails.
limber_install_packages() {
  local missing=()
  mapfile -t missing < <(limber_missing_packages "$@")
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null; then
      echo "Missing packages: ${missing[*]}. There is no sudo here: install them as root" \
           "(apt-get install ${missing[*]}) and run this again." >&2
      return 1
    fi
    sudo=(sudo)
  fi
  echo "Installing: ${missing[*]}" >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

# limber_configure DIR [MESON-OPTION…]: set up DIR, or reconfigure it with the options.
limber_configure() {
  local dir=$1; shift
  if [ -f "$dir/build.ninja" ]; then
    meson configure "$dir" "$@" >/dev/null
  else
    meson setup "$dir" "$@" >/dev/null
  fi
}

# limber_summarise TESTLOG.json…: print "N passed, N failed[, N skipped]" over all the logs;
# fail when a test failed or none ran.
limber_summarise() {
  /usr/bin/python3 - "$@" <<'PY'
import json, sys
counts = {"passed": 0, "failed": 0, "skipped": 0}
for log in sys.argv[1:]:
    with open(log) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            result = json.loads(line)["result"]
            if result in ("OK", "EXPECTEDFAIL"):
                counts["passed"] += 1
            elif result == "SKIP":
                counts["skipped"] += 1
            else:
                counts["failed"] += 1
line = f"{counts['passed']} passed, {counts['failed']} failed"
if counts["skipped"]:
    line += f", {counts['skipped']} skipped"
print(line)
sys.exit(1 if counts["failed"] or counts["passed"] == 0 else 0)
PY
}
