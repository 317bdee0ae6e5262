#!/usr/bin/env bash
# Runs the benchmark suite and the CLI wall-time measurement of docs/performance.md.
# Build output and results go under /tmp (private artifacts path), never into src/*/obj.
#   bash benchmarks/run.sh            # whole suite + CLI timing
#   FILTER='*Solve*' bash benchmarks/run.sh
# Each BenchmarkDotNet class runs on its own, with `uptime` before and after it, because the
# machine is shared and the load average belongs next to every number.
set -euo pipefail
cd "$(dirname "$0")/.."
ART=${ART:-/tmp/art-bench}
OUT=${OUT:-/tmp/bdn}
FILTER=${FILTER:-}
CLASSES="SolveBenchmarks NewtonLoopBenchmarks NewtonMarchBenchmarks NewtonStepBenchmarks MassActionBenchmarks FitBenchmarks DesignBenchmarks CompareBenchmarks LongCascadeBenchmarks LongCascadeDenseStepBenchmarks"

echo "== machine"
lscpu | grep -E 'Model name|^CPU\(s\)' || true
grep MemTotal /proc/meminfo || true
grep PRETTY_NAME /etc/os-release || true
dotnet --info | sed -n '/^Host:/,/Commit/p' || true
uptime

dotnet build benchmarks/SxCascade.Benchmarks -c Release --artifacts-path "$ART" -v q -nologo
BENCH="$ART/bin/SxCascade.Benchmarks/release/SxCascade.Benchmarks.dll"

echo "== verify (iterations, closure, allocation check, one timed fit and design)"
dotnet "$BENCH" verify

echo "== BenchmarkDotNet"
if [ -n "$FILTER" ]; then
  uptime
  dotnet "$BENCH" --filter "$FILTER" --artifacts "$OUT"
  uptime
else
  for c in $CLASSES; do
    echo "-- $c: $(uptime)"
    dotnet "$BENCH" --filter "*.$c.*" --artifacts "$OUT"
    echo "-- $c done: $(uptime)"
  done
fi
cat "$OUT"/results/*-report-github.md

echo "== CLI wall time"
dotnet build src/SxCascade.Cli -c Release --artifacts-path "$ART" -v q -nologo
CLI="$ART/bin/SxCascade.Cli/release/sxcascade.dll"
if command -v hyperfine >/dev/null; then
  uptime
  hyperfine --warmup 2 --runs 10 --export-markdown "$OUT/cli-hyperfine.md" "dotnet $CLI run flowsheets/prnd-p507.yaml"
  uptime
else
  for i in $(seq 10); do /usr/bin/time -f '%e s' dotnet "$CLI" run flowsheets/prnd-p507.yaml >/dev/null; done
fi
