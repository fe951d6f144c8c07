#!/usr/bin/env bash
# `npm test`: every suite, in order. A suite that cannot run fails (it is never skipped), and the
# summary names each one. Exit 0 only when all pass.
set -u
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 ELECTRON_SKIP_BINARY_DOWNLOAD=1 NO_COLOR=1 FORCE_COLOR=0

declare -a names=() verdicts=()
suite() {
  local name=$1
  shift
  printf '\n=== %s: %s\n' "$name" "$*"
  local start=$SECONDS
  if "$@"; then verdicts+=("PASS"); else verdicts+=("FAIL"); fi
  names+=("$name ($((SECONDS - start)) s)")
}

suite build node scripts/build.mjs
suite typecheck npm run --silent typecheck
suite lint npm run --silent lint
suite unit npx vitest run --project unit --project renderer
suite keyring bash scripts/test-keyring.sh
suite browser npx vitest run --project browser
suite claude-code npx vitest run --project claude-code
suite reliability npx vitest run --project reliability

passed=0 failed=0
printf '\n=== summary\n'
for i in "${!names[@]}"; do
  printf '%s  %s\n' "${verdicts[$i]}" "${names[$i]}"
  if [ "${verdicts[$i]}" = PASS ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
if [ ! -x node_modules/electron/dist/electron ]; then
  echo "NOTE  the Electron _electron smoke test did not run: no Electron binary at node_modules/electron/dist/electron (it cannot be downloaded here)"
fi
echo "suites: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
