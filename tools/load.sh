#!/usr/bin/env bash
# The PostgreSQL load run of issue 8: sales per second with 1, 4 and 16 counters against pgbench's
# simple-update rate on the same throwaway server (durable defaults, loopback), beside pgbench's own client
# running the sale's statements and the least sale of this design (benchmarks/.../Vending/PgBench/*.sql).
# Needs the postgresql package (tools/test.sh installs it). Prints a Markdown table.
#   tools/load.sh                       15 s per run, counters 1,4,16
#   tools/load.sh --seconds 30 --counters 1,2,4,8,16
#   tools/load.sh --async-commit        diagnosis only: the sales with commits not waiting for the disk
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project benchmarks/PrepaidMeter.Benchmarks -- load "$@"
