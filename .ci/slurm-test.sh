#!/usr/bin/env bash
# A real Slurm on this machine: installs Debian's slurm-wlm and munge if missing, starts munged,
# slurmctld and slurmd (one node, a generated slurm.conf in a temporary folder), submits the sweep
# of docs/cluster/sweep-array.sbatch as a 3-task array (sbatch --array --wait), merges the shards
# and checks the merged rows.csv equals the same sweep run unsharded, byte for byte. The daemons
# are stopped on exit, whatever happens. Exit status 0 only when all of it worked.
#   bash .ci/slurm-test.sh [path/to/sxcascade.dll]    (default: the Debug build, built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
if ! command -v slurmctld >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq slurm-wlm munge >/dev/null
fi
dll=${1:-$repo/src/SxCascade.Cli/bin/Debug/net10.0/sxcascade.dll}
if [ ! -f "$dll" ]; then dotnet build "$repo/src/SxCascade.Cli" -v q -nologo >/dev/null; fi

work=$(mktemp -d /tmp/sxcascade-slurm.XXXXXX)
chmod 755 "$work"
cleanup() {
    set +e
    local daemons=()
    for pidfile in "$work/slurmd.pid" "$work/slurmctld.pid" "$work/munged.pid"; do
        [ -f "$pidfile" ] && daemons+=("$(cat "$pidfile")")
    done
    for pid in "${daemons[@]}"; do $sudo kill "$pid" 2>/dev/null; done
    # wait (at most 10 s) until they are gone, so that nothing of this test outlives it
    for _ in $(seq 1 50); do
        alive=0
        for pid in "${daemons[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        [ "$alive" = 0 ] && break
        sleep 0.2
    done
    $sudo rm -rf "$work"
}
trap cleanup EXIT
log() { echo "slurm-test: $*"; }
seconds_since() { awk -v a="$1" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'; }
fail() {
    echo "slurm-test: FAILED: $*" >&2
    for f in "$work"/slurmctld.log "$work"/slurmd.log "$work"/out/*.log; do
        [ -f "$f" ] && { echo "--- $f" >&2; tail -n 30 "$f" >&2; }
    done
    exit 1
}

# munge: its own key, socket and pid file in the work folder (never the machine's running munged)
mkdir -p "$work/munge/key"
dd if=/dev/urandom of="$work/munge/key/munge.key" bs=1024 count=1 status=none
chmod 755 "$work/munge"; chmod 700 "$work/munge/key"; chmod 400 "$work/munge/key/munge.key"
socket="$work/munge/munge.socket"
$sudo chown -R munge:munge "$work/munge" 2>/dev/null || true
if id munge >/dev/null 2>&1; then
    $sudo runuser -u munge -- /usr/sbin/munged --key-file="$work/munge/key/munge.key" --socket="$socket" \
        --pid-file="$work/munge/munged.pid" --log-file="$work/munge/munged.log" --seed-file="$work/munge/seed" \
        || fail "munged did not start"
else
    $sudo /usr/sbin/munged --force --key-file="$work/munge/key/munge.key" --socket="$socket" \
        --pid-file="$work/munge/munged.pid" --log-file="$work/munge/munged.log" --seed-file="$work/munge/seed" \
        || fail "munged did not start"
fi
cp "$work/munge/munged.pid" "$work/munged.pid" 2>/dev/null || $sudo cat "$work/munge/munged.pid" > "$work/munged.pid"

node=$(uname -n | cut -d. -f1)
cpus=$(nproc)
port=$(( 20000 + RANDOM % 20000 ))
cat > "$work/slurm.conf" <<CONF
ClusterName=sxcascade-ci
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=ci Nodes=$node Default=YES MaxTime=10 State=UP OverSubscribe=YES
CONF
mkdir -p "$work/state" "$work/spool" "$work/out"
export SLURM_CONF="$work/slurm.conf"
start=$(date +%s%N)
$sudo env SLURM_CONF="$SLURM_CONF" slurmctld -f "$SLURM_CONF" || fail "slurmctld did not start"
$sudo env SLURM_CONF="$SLURM_CONF" slurmd -f "$SLURM_CONF" || fail "slurmd did not start"
for _ in $(seq 1 100); do
    if sinfo -h -o '%T' 2>/dev/null | grep -Eq '^(idle|mixed|allocated)'; then break; fi
    sleep 0.2
done
sinfo -h -o '%T' | grep -Eq '^(idle|mixed|allocated)' || fail "the node did not come up: $(sinfo 2>&1)"
log "cluster up in $(seconds_since "$start") s ($(sinfo -h -o '%N %c CPUs %T'))"

# the sweep: 6 × 10 = 60 cases of the Pr/Nd example, 3 shards (3 tasks of the array)
export SXCASCADE="dotnet $dll" FLOWSHEET="$repo/flowsheets/prnd-p507.yaml" SWEEP_OUT="$work/out/sweep"
export SWEEP_ARGS="--vary cascades.PrNd.scrub.flow=33..40:6 --vary cascades.PrNd.organic.flow=200..225:10"
submitted=$(date +%s%N)
( cd "$work/out" && timeout 300 sbatch --wait --array=1-3 --cpus-per-task=1 --time=5 "$repo/docs/cluster/sweep-array.sbatch" ) \
    || fail "the array job failed"
log "array job of 3 shards done in $(seconds_since "$submitted") s"
# shellcheck disable=SC2086
dotnet "$dll" merge "$SWEEP_OUT" --out "$work/out/merged" >/dev/null || fail "merge failed"
# shellcheck disable=SC2086
dotnet "$dll" sweep "$FLOWSHEET" $SWEEP_ARGS --out "$work/out/whole" --quiet >/dev/null || fail "the unsharded sweep failed"
cmp "$work/out/merged/rows.csv" "$work/out/whole/rows.csv" || fail "merged shards differ from the unsharded sweep"
rows=$(( $(wc -l < "$work/out/merged/rows.csv") - 1 ))
[ "$rows" = 60 ] || fail "merged table has $rows rows, not 60"
log "merged 3 shards: $rows rows, equal to the unsharded sweep byte for byte"
