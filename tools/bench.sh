#!/usr/bin/env bash
# Runs the BenchmarkDotNet suites with a short job and prints the summary tables.
#   tools/bench.sh                 every suite
#   tools/bench.sh '*Legacy*'      suites whose name matches a filter
#   tools/bench.sh '*CardLoop*' --iterationCount 21
#                                  more BenchmarkDotNet options after the filter (here: more iterations where the
#                                  short job's three leave a noisy benchmark's median in doubt)
# Quote medians and ratios from the tables, not a single run's mean: this is a shared 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."

filter="${1:-*}"
shift $(( $# > 0 ? 1 : 0 ))
artifacts="BenchmarkDotNet.Artifacts"
log="$artifacts/bench.log"
rm -rf "$artifacts/results"
mkdir -p "$artifacts"

# The stack benchmarks start `prepaid` meter devices from its own build.
dotnet build -c Release --nologo -v quiet src/PrepaidMeter.Cli > "$log" 2>&1 || { tail -50 "$log"; exit 1; }
dotnet run -c Release --project benchmarks/PrepaidMeter.Benchmarks -- \
  --filter "$filter" --job short --memory --exporters github \
  --artifacts "$artifacts" "$@" >> "$log" 2>&1 || { tail -50 "$log"; exit 1; }

echo "# Benchmarks ($(date -u +%Y-%m-%d), $(nproc) cores, short job; full log in $log)"
for report in "$artifacts"/results/*-report-github.md; do
  [ -e "$report" ] || { echo "no benchmark matched '$filter'"; exit 1; }
  echo
  echo "## $(basename "$report" -report-github.md)"
  # Keep the table, drop BenchmarkDotNet's environment preamble (it repeats for every suite).
  sed -n '/^|/p' "$report"
done
