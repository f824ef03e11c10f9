#!/usr/bin/env bash
# The web console's bounded load run of issue 27: N clerks, each at a counter of its own (its console on a loopback
# port, its back office and reader) on one SQLite file, selling back to back through the pages — the sales screen,
# the quote, the sale — for a fixed time. Prints a Markdown table of the console's own times (its Server-Timing
# header) and the client's. Stops by itself; loopback only.
#   tools/web-load.sh                       20 clerks, 15 s
#   tools/web-load.sh --clerks 40 --seconds 30
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project benchmarks/PrepaidMeter.Benchmarks -- web-load "$@"
