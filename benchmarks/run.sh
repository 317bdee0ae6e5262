#!/usr/bin/env bash
# Runs the benchmark suite and the CLI wall-time measurement of docs/performance.md.
# Build output and results go under /tmp (private artifacts path), never into src/*/obj.
#   bash benchmarks/run.sh            # whole suite + CLI timing
#   FILTER='*Solve*' bash benchmarks/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ART=${ART:-/tmp/art-bench}
OUT=${OUT:-/tmp/bdn}
FILTER=${FILTER:-*}

echo "== machine"
lscpu | grep -E 'Model name|^CPU\(s\)' || true
grep MemTotal /proc/meminfo || true
grep PRETTY_NAME /etc/os-release || true
dotnet --info | sed -n '/^Host:/,/Commit/p' || true
uptime

echo "== verify (iterations, closure, allocation check)"
dotnet run -c Release --project benchmarks/SxCascade.Benchmarks --artifacts-path "$ART" -- verify

echo "== BenchmarkDotNet"
dotnet run -c Release --project benchmarks/SxCascade.Benchmarks --artifacts-path "$ART" -- --filter "$FILTER" --artifacts "$OUT"
cat "$OUT"/results/*-report-github.md

echo "== CLI wall time"
dotnet build src/SxCascade.Cli -c Release --artifacts-path "$ART" -v q -nologo
CLI="$ART/bin/SxCascade.Cli/release/sxcascade.dll"
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 2 --runs 10 --export-markdown "$OUT/cli-hyperfine.md" "dotnet $CLI run flowsheets/prnd-p507.yaml"
else
  for i in $(seq 10); do /usr/bin/time -f '%e s' dotnet "$CLI" run flowsheets/prnd-p507.yaml >/dev/null; done
fi
