#!/usr/bin/env bash
# Start-up time and memory of a whole scenario run: `portolan --headless` on
# pirate-pugs-scale.yaml with N stores (2N + 4 processes). Prints, per size, the time from
# the runner's start until every node was READY and routing had converged, and the peak
# RSS of the runner plus all its nodes. Usage: bench/bench_startup.sh [build dir] [stores...]
set -euo pipefail
build=${1:-build}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(23 98)
portolan=$build/bin/portolan
scenario=$(dirname "$0")/../resources/scenarios/pirate-pugs-scale.yaml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '%-8s %-10s %-16s %-14s %s\n' stores processes "ready+converged" "peak RSS MiB" "expectations"
for n in "${sizes[@]}"; do
    "$portolan" --headless "$scenario" --set stores="$n" --runs "$work/runs" --report "$work/$n" \
        2>"$work/$n.log" &
    runner=$!
    peak=0
    while kill -0 "$runner" 2>/dev/null; do
        # The runner and every process whose parent it is (the nodes).
        rss=$(ps -o rss= --pid "$runner" --ppid "$runner" 2>/dev/null | awk '{s += $1} END {print s + 0}')
        [ "$rss" -gt "$peak" ] && peak=$rss
        sleep 0.2
    done
    wait "$runner" && verdict=passed || verdict="failed (exit $?)"
    ready=$(python3 -c "import json,sys; r=json.load(open('$work/$n/report.json')); print(r['readyAfterMs'], r['processes'])")
    printf '%-8s %-10s %-16s %-14s %s\n' "$n" "${ready#* }" "${ready% *} ms" "$((peak / 1024))" "$verdict"
done
