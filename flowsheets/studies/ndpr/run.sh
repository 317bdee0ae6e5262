#!/usr/bin/env bash
# Reruns the NdPr technique study (flowsheets/studies/ndpr/README.md): for each feed, designs every
# technique to the specs of its first file and compares them. Writes the tables, figures and HTML
# report of each feed into docs/studies/ndpr/FEED/ (replacing the files of a previous run).
#   bash flowsheets/studies/ndpr/run.sh
#   SXCASCADE="dotnet path/to/sxcascade.dll" bash flowsheets/studies/ndpr/run.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
if [ -z "${SXCASCADE:-}" ]; then
  dotnet build src/SxCascade.Cli -c Release -v q -nologo >/dev/null
  SXCASCADE="dotnet src/SxCascade.Cli/bin/Release/net10.0/sxcascade.dll"
fi
for feed in magnet bayan-obo araxa-monazite; do
  out="docs/studies/ndpr/$feed"
  echo "== $feed"
  # the table goes to stdout and, after the other files are in place, into table.txt beside them
  $SXCASCADE compare flowsheets/studies/ndpr/$feed/*.yaml --design --out "$out" --report "$out/report.html" | tee "/tmp/ndpr-$feed.txt"
  sed '/^Wrote /,$d' "/tmp/ndpr-$feed.txt" > "$out/table.txt"
done
