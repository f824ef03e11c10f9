#!/usr/bin/env bash
# Installs what the tests need, starts the services they use on loopback for this run, runs the
# whole suite, and stops what it started. Safe on a fresh Debian machine with the .NET SDK and no
# standard input (CI), and on a developer's machine where things are already installed.
#
# Later issues add to the two lists below: packages (pcscd, vsmartcard-vpcd, socat, postgresql)
# and services (start_* functions registered with `started`).
set -euo pipefail
cd "$(dirname "$0")/.."

# --- packages ----------------------------------------------------------------------------------
# libicu: the tests format under real cultures (de-DE, ...) to prove output stays invariant.
# socat: the DL/T 645 meter-link tests join two pseudo-terminals with it (tests/PrepaidMeter.Hardware.Tests).
packages=(libicu72 socat)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
fi

# --- services ----------------------------------------------------------------------------------
# Each service started for the run is stopped on exit, whatever happens.
started=()
cleanup() {
  for stop in "${started[@]:-}"; do
    [ -n "$stop" ] && eval "$stop" || true
  done
}
trap cleanup EXIT

# --- tests -------------------------------------------------------------------------------------
log="$(mktemp)"
set +e
dotnet test PrepaidMeter.sln -c Release --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line for CI and people: the totals over every test project.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: ${passed} passed, ${failed} failed"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "test.sh: no test ran" >&2
  exit 1
fi
exit "$status"
