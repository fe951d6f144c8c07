#!/usr/bin/env bash
# Runs the `keyring` vitest project against a real Secret Service: a private D-Bus session with an
# unlocked gnome-keyring. `npm test` installs what it needs (scripts/test/prerequisites.mjs); run alone,
# a missing tool is named with the command that installs it. Extra arguments go to vitest.
# The keyring lives in a throwaway XDG_DATA_HOME, so the user's own keyrings are neither read nor changed.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in dbus-run-session:dbus gnome-keyring-daemon:gnome-keyring; do
  if ! command -v "${tool%%:*}" >/dev/null; then
    echo "keyring suite: ${tool%%:*} is missing; install it with: sudo apt-get install -y ${tool#*:} (or run npm test as root, which installs it)" >&2
    exit 1
  fi
done

keyring_home="$(mktemp -d "${TMPDIR:-/tmp}/quota-broker-keyring.XXXXXX")"
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/run"
mkdir -p -m 0700 "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"

dbus-run-session -- bash -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx vitest run --project keyring "$@"' bash "$@"
