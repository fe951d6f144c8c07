#!/usr/bin/env bash
# Runs the `keyring` vitest project against a real Secret Service: a private D-Bus session with an
# unlocked gnome-keyring (needs dbus, gnome-keyring and libsecret installed). Extra arguments go to vitest.
# The keyring lives in a throwaway XDG_DATA_HOME, so the user's own keyrings are neither read nor changed.
set -euo pipefail
cd "$(dirname "$0")/.."

keyring_home="$(mktemp -d "${TMPDIR:-/tmp}/quota-broker-keyring.XXXXXX")"
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/run"
mkdir -p -m 0700 "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"

# Same command the project documents; "$@" is passed through to vitest.
dbus-run-session -- bash -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx vitest run --project keyring "$@"' bash "$@"
