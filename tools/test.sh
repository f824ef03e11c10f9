#!/usr/bin/env bash
# Installs what the tests need, starts the services they use on loopback for this run, runs the
# whole suite, and stops what it started. Safe on a fresh Debian machine with the .NET SDK and no
# standard input (CI), and on a developer's machine where things are already installed.
#
# Later issues add to the two lists below: packages (pcscd, vsmartcard-vpcd, pcsc-tools, socat, postgresql)
# and services (start_* functions registered with `started`).
set -euo pipefail
cd "$(dirname "$0")/.."

# --- packages ----------------------------------------------------------------------------------
# libicu: the web console speaks Simplified Chinese (zh-Hans needs ICU; the CLI and the web tests run with it), and the tests
#   format under real cultures (zh-CN, de-DE, ...) to prove the CLI's output stays invariant. Its package carries ICU's
#   version (libicu72 on bookworm, libicu76 on trixie): the newest apt knows, libicu72 if apt knows none yet.
# socat: the DL/T 645 meter-link tests join two pseudo-terminals with it (tests/PrepaidMeter.Hardware.Tests).
# pcscd + vsmartcard-vpcd: the PC/SC tests put the project's virtual card in reader "Virtual PCD 00 00".
# pcsc-tools: scriptor, a PC/SC client this project did not write, runs scripts against the virtual card on every
#   medium (Hardware.Tests, ScriptorConformanceTests) and an exported trace (Cli.Tests, TraceThroughPcscdTests).
# libpcsclite-dev: pcsc-spy and libpcscspy, pcsc-lite's own spy, log scriptor's PC/SC calls for the import of
#   pcsc-spy logs (Hardware.Tests, SpiedScriptorTests).
# postgresql: the back-office tests run on PostgreSQL too, on a throwaway cluster started below.
# chromium + fonts-dejavu-core + fonts-wqy-microhei: the web console's browser tests drive Debian's Chromium through
#   Playwright (its own browser download is not reachable), with fonts that keep their screenshots legible, Chinese too
#   (the console speaks Simplified Chinese; every page's bar has its 简体中文 button) (Web.Tests, Browser/).
icu_package=$(apt-cache pkgnames libicu 2>/dev/null | grep -E '^libicu[0-9]+$' | sort -V | tail -n 1 || true)
packages=("${icu_package:-libicu72}" socat pcscd vsmartcard-vpcd libpcsclite1 libpcsclite-dev iproute2 pcsc-tools postgresql chromium fonts-dejavu-core fonts-wqy-microhei)

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

# pcscd with the vpcd driver listens for virtual cards on port 35963/35964 (vpcd binds every interface; the
# tests connect to 127.0.0.1 only — docs/card-media.md, "The virtual card behind vpcd"). Start one for this run
# unless one is already running, and wait (bounded) until its vpcd slots listen.
start_pcscd() {
  if ss -ltn 2>/dev/null | grep -q ':35963 '; then
    return # a pcscd with vpcd is already serving (a developer's own)
  fi
  local log
  log="$(mktemp)"
  pcscd --foreground >"$log" 2>&1 &
  local pid=$!
  started+=("kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f $log")
  for _ in $(seq 1 100); do
    if ss -ltn 2>/dev/null | grep -q ':35963 '; then
      return
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "test.sh: pcscd did not start:" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "test.sh: pcscd started but vpcd is not listening on 35963" >&2
  exit 1
}
start_pcscd

# start_postgres NAME [--standby]: a throwaway PostgreSQL cluster for this run, its address exported as NAME: a temporary
# data folder, a free loopback port, a random password, C collation (text sorts by code point, as on SQLite) and no
# fsync (nothing here needs to survive a crash of the machine). The tests make a database each on it. initdb refuses
# root, so as root the cluster belongs to the package's postgres user. With --standby, a hot standby streams from it.
start_postgres() {
  local name=$1 standby=${2:-}
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  local dir
  dir="$(mktemp -d /tmp/prepaid-pg-XXXXXX)"
  local as_server=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$dir"
    as_server=(runuser -u postgres --)
  fi
  started+=("${as_server[*]} $bin/pg_ctl -D $dir/data -m immediate -w stop >/dev/null 2>&1; rm -rf $dir")
  local password
  password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  local port=55432
  while ss -ltn 2>/dev/null | grep -q ":$port "; do port=$((port + 1)); done
  printf '%s' "$password" >"$dir/password"
  [ "${#as_server[@]}" -eq 0 ] || chown postgres:postgres "$dir/password"
  "${as_server[@]}" "$bin/initdb" -D "$dir/data" -U prepaid --pwfile="$dir/password" --auth=scram-sha-256 -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 \
    || { echo "test.sh: initdb failed:" >&2; cat "$dir/initdb.log" >&2; exit 1; }
  rm -f "$dir/password"
  "${as_server[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
    || { echo "test.sh: PostgreSQL did not start:" >&2; cat "$dir/server.log" >&2; exit 1; }
  export "$name=postgres://prepaid:${password}@127.0.0.1:${port}/postgres"
  [ "$standby" = "--standby" ] || return 0

  # A hot standby streaming from it, for the reports read off the primary (`--report-db`, docs/concurrency.md): a base
  # backup over a replication connection (initdb's pg_hba lets 127.0.0.1 replicate), -R to follow the primary, on the
  # next free port. A standby needs max_connections at least the primary's. Stopped before the primary's folder goes.
  local standby_port=$((port + 1))
  while ss -ltn 2>/dev/null | grep -q ":$standby_port "; do standby_port=$((standby_port + 1)); done
  # The password in a file only the server's user reads (in the environment it would show in ps; -R names the file in
  # the standby's primary_conninfo, so it stays until the folder goes); a fast checkpoint, so the copy starts at once; a
  # replication slot (-C -S), so the primary keeps the WAL the standby has not yet received: without it the suite's
  # checkpoints recycled segments a standby lagging on two busy cores still needed, and it stopped for good.
  printf '127.0.0.1:%s:*:prepaid:%s\n' "$port" "$password" >"$dir/pgpass"
  chmod 600 "$dir/pgpass"
  [ "${#as_server[@]}" -eq 0 ] || chown postgres:postgres "$dir/pgpass"
  "${as_server[@]}" env PGPASSFILE="$dir/pgpass" "$bin/pg_basebackup" -h 127.0.0.1 -p "$port" -U prepaid -D "$dir/standby" -R -X stream \
    -C -S prepaid_standby --checkpoint=fast --no-sync >"$dir/basebackup.log" 2>&1 \
    || { echo "test.sh: pg_basebackup for the standby failed:" >&2; cat "$dir/basebackup.log" >&2; exit 1; }
  started=("${as_server[*]} $bin/pg_ctl -D $dir/standby -m immediate -w stop >/dev/null 2>&1" "${started[@]}")
  "${as_server[@]}" "$bin/pg_ctl" -D "$dir/standby" -l "$dir/standby.log" -w -t 60 \
    -o "-p $standby_port -c listen_addresses=127.0.0.1 -k $dir -c max_connections=300 -c hot_standby=on -c hot_standby_feedback=on -c fsync=off -c full_page_writes=off" start >/dev/null \
    || { echo "test.sh: the PostgreSQL standby did not start:" >&2; cat "$dir/standby.log" >&2; exit 1; }
  export PREPAID_TEST_POSTGRES_STANDBY="postgres://prepaid:${password}@127.0.0.1:${standby_port}/postgres"
}
# The suite's cluster (PREPAID_TEST_POSTGRES), and apart from it a primary with its hot standby for the tests of reports
# read off a primary (PREPAID_TEST_POSTGRES_REPLICA, PREPAID_TEST_POSTGRES_STANDBY): a standby of the suite's cluster
# replayed the WAL of its hundreds of databases and cost Vending.Tests a third more time on two cores (3m31s without
# it, 4m36s with it, run alone); this one replays only the replication tests' own.
start_postgres PREPAID_TEST_POSTGRES
start_postgres PREPAID_TEST_POSTGRES_REPLICA --standby

# --- tests -------------------------------------------------------------------------------------
# Test assemblies run side by side and several hold vpcd's two slots for minutes (whole certifications on the
# stack): a test waiting for the slots waits for all of them rather than give up after the usual two minutes.
export PREPAID_VPCD_PATIENCE_SECONDS=900
log="$(mktemp)"
results="$(mktemp -d)"
set +e
# Build everything first, then start the longest assembly (Cli.Tests) at once beside the others one after another.
# `dotnet test` on the solution built and ran projects two at a time in dependency order, so Cli.Tests — which
# depends on everything — was built and started last, minutes after the rest, and set the end of the run.
dotnet build PrepaidMeter.sln -c Release --nologo -v q 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" -eq 0 ]; then
  longest=tests/PrepaidMeter.Cli.Tests/PrepaidMeter.Cli.Tests.csproj
  dotnet test "$longest" -c Release --no-build --nologo --logger trx --results-directory "$results" >"$log.longest" 2>&1 &
  longest_pid=$!
  for project in tests/*.Tests/*.Tests.csproj; do
    [ "$project" = "$longest" ] && continue
    dotnet test "$project" -c Release --no-build --nologo --logger trx --results-directory "$results" 2>&1 | tee -a "$log"
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  done
  wait "$longest_pid" || status=1
  # Its output after the rest, whole, rather than interleaved line by line with theirs.
  tee -a "$log" <"$log.longest"
  rm -f "$log.longest"
fi
set -e

# The slowest tests, from the runs' TRX files: where the suite's time goes, to keep it well under CI's budget.
echo "slowest tests (wall time each; assemblies run side by side):"
cat "$results"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*>' \
  | sed -n 's/.*testName="\([^"]*\)".*duration="\([0-9:.]*\)".*/\2 \1/p' \
  | sort -r | head -n 12 | sed 's/^/  /' || true
# When each assembly ran: they run side by side, and the one that starts last with the most to do sets the end.
echo "assemblies (start, finish, from their TRX files):"
# (Under set -e a grep that finds nothing would end the loop silently: every lookup here may come back empty.)
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  times=$(grep -o '<Times [^>]*>' "$trx" | head -n 1 || true)
  start=$(printf '%s' "$times" | sed -n 's/.* start="[^T]*T\([0-9:]*\).*/\1/p' || true)
  finish=$(printf '%s' "$times" | sed -n 's/.* finish="[^T]*T\([0-9:]*\).*/\1/p' || true)
  name=$(grep -o 'storage="[^"]*"' "$trx" | head -n 1 | sed 's/.*\///; s/"$//' || true)
  echo "  $start $finish ${name:-$(basename "$trx")}"
done | sort || true
rm -rf "$results"

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
