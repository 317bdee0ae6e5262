#!/usr/bin/env bash
# Coverage-guided fuzzing of the flowsheet loader and the --set parser (fuzz/README.md):
# SharpFuzz instruments SxCascade.IO, SxCascade.Core and YamlDotNet for AFL++, then afl-fuzz runs
# the target for a bounded time from a seed corpus of the example flowsheets and the error corpus.
# Usage: fuzz/run.sh [SECONDS]   (default 60). Exit 1 if afl-fuzz found a crash or a hang; the
# inputs are then in $FUZZ_WORK/findings/default/{crashes,hangs} and are replayed in-process.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
work=${FUZZ_WORK:-$(mktemp -d)}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! command -v afl-fuzz >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
fi

out="$work/bin"
dotnet build fuzz/SxCascade.Fuzz -c Release -o "$out" -v q -nologo >/dev/null
# an uninstrumented copy replays the findings (instrumented code needs afl-fuzz's shared memory)
rm -rf "$work/replay" && cp -r "$out" "$work/replay"
(cd fuzz && dotnet tool restore >/dev/null)
for assembly in SxCascade.IO.dll SxCascade.Core.dll YamlDotNet.dll; do
    (cd fuzz && dotnet tool run sharpfuzz "$out/$assembly") >/dev/null
done

# Seeds: every example flowsheet, and every error-corpus file with its "# set:" overrides
# appended NUL-separated (the target's input format).
seeds="$work/seeds"
mkdir -p "$seeds"
find flowsheets -name '*.yaml' | while read -r f; do cp "$f" "$seeds/$(echo "$f" | tr / _)"; done
for f in tests/SxCascade.IO.Tests/corpus/*.yaml; do
    {
        cat "$f"
        { grep '^# set: ' "$f" || true; } | sed 's/^# set: //' | while IFS= read -r o; do printf '\0%s' "$o"; done
    } > "$seeds/corpus_$(basename "$f")"
done

# the inputs that crashed the loader before, byte for byte (tests/SxCascade.IO.Tests/FuzzFindingsTests.cs)
for f in tests/SxCascade.IO.Tests/fuzz-findings/*; do cp "$f" "$seeds/finding_$(basename "$f")"; done

# and the Pr/Nd example with overrides of each kind (a leaf, a list item, a flow mapping, a new key)
printf '\0%s' 'cascades.PrNd.scrub.stages=30' 'specs.0.purity=99 %' \
    'feeds.didymium.composition={ Pr: 0.2 mol/L, Nd: 0.7 mol/L }' 'cascades.PrNd.efficiency=0.9' \
    | cat flowsheets/prnd-p507.yaml - > "$seeds/set_prnd-p507.yaml"

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1
# -t: an input that takes over 5 s is a hang (ample for the JIT warm-up of the first input on a
# busy machine; the slowest seed loads in milliseconds)
afl-fuzz -i "$seeds" -o "$work/findings" -x fuzz/yaml.dict -t 5000 -m none -V "$seconds" -s "${FUZZ_SEED:-20261203}" \
    -- dotnet "$out/SxCascade.Fuzz.dll" > "$work/afl.log" 2>&1 || { tail -30 "$work/afl.log"; exit 1; }

stats="$work/findings/default/fuzzer_stats"
grep -E '^(execs_done|execs_per_sec|corpus_count|edges_found|total_edges|saved_crashes|saved_hangs) ' "$stats" | tr -s ' ' || true
found=$(find "$work/findings/default/crashes" "$work/findings/default/hangs" -type f -name 'id:*' | wc -l)
if [ "$found" -gt 0 ]; then
    echo "fuzz: $found crashing or hanging input(s) in $work/findings/default/{crashes,hangs}"
    timeout 120 dotnet "$work/replay/SxCascade.Fuzz.dll" replay "$work/findings/default/crashes" 2>&1 | head -60 || true
    exit 1
fi
echo "fuzz: no crash or hang in $seconds s"
if [ -z "${FUZZ_WORK:-}" ]; then rm -rf "$work"; fi
