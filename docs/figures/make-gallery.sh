#!/usr/bin/env bash
# Makes the gallery of docs/figures.md: one figure of every kind at the column size (8.5 cm,
# 300 dpi for the web page), drawn by the CLI from the example flowsheets. Run from anywhere:
#   bash docs/figures/make-gallery.sh [SXCASCADE]
# SXCASCADE is the command to run (default: dotnet run of src/SxCascade.Cli, built once).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/docs/figures"
if [ $# -ge 1 ]; then sx=($1); else
    dotnet build "$root/src/SxCascade.Cli" -v q -nologo >/dev/null
    sx=(dotnet "$root/src/SxCascade.Cli/bin/Debug/net10.0/sxcascade.dll")
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
opts=(--figure-size column --dpi 300 --format png,svg --quiet)
f="$root/flowsheets"
"${sx[@]}" run "$f/prnd-p507.yaml" --out "$work/run" "${opts[@]}"
"${sx[@]}" run "$f/mass-action-d2ehpa.yaml" --out "$work/ph" "${opts[@]}"
"${sx[@]}" run "$f/library-bayan-obo-ce-pr.yaml" --out "$work/many" "${opts[@]}"
"${sx[@]}" design "$f/prnd-p507.yaml" --out "$work/design" "${opts[@]}"
"${sx[@]}" fit "$f/data/shake-test-example.csv" --out "$work/fit" "${opts[@]:0:6}" >/dev/null
"${sx[@]}" compare "$f/prnd-p507.yaml" "$f/ndfeb-dy-recovery.yaml" "$f/library-bayan-obo-ce-pr.yaml" --out "$work/compare" "${opts[@]}"
cp "$work/run/stage-profile.png" "$out/stage-profile.png"
cp "$work/ph/stage-profile.png" "$out/stage-profile-ph.png"
cp "$work/many/stage-profile.png" "$out/stage-profile-many.png"
for name in mccabe-thiele design-curve; do cp "$work/design/$name.png" "$out/$name.png"; done
cp "$work/fit/fit.png" "$out/fit.png"
for name in compare-metrics compare-profiles compare-purity-stages compare-tradeoff; do cp "$work/compare/$name.png" "$out/$name.png"; done
ls "$out"
