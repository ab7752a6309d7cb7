#!/usr/bin/env bash
# Profiles the forwarding path of bench_throughput's mesh (gen -> A -> B -> sink), one
# node at a time.
#
# PROFILER=callgrind (default): prints per message the instructions of the hottest
# functions: inclusive for Portolan's own functions (where the time goes), exclusive for
# everything (what to make cheaper). Callgrind counts instructions, so the figures do not
# depend on how busy the machine is; the node runs ~50x slower than native, so the rate is
# low, and kernel time (socket and file writes) is not counted.
# PROFILER=perf: samples the node at native speed (default 8000 msg/s) with DWARF call
# graphs and prints the share of its CPU time under each function (children included),
# kernel included. Shares at realistic batch sizes; needs perf and an idle machine.
#
# Usage: bench/profile-hotpath.sh [BUILD_DIR] [OUT_DIR]
#   BUILD_DIR  where bench_throughput and portolan-node were built (default: build-bench)
#   OUT_DIR    where the callgrind files go (default: a new temporary directory)
# Environment: PROFILER (callgrind or perf), NODES (default "A B gen sink"), RATE (msg/s;
#              callgrind: 600, and 300 for the sink, whose SQLite work is the slowest;
#              perf: 8000), MEASURE_MS (5000), TOP (rows per table, default 25).
# Run it on an otherwise idle machine: a node that falls behind under callgrind starts
# resending (and, starved long enough, misses hellos), and the profile then shows that.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../build-bench}"
out="${2:-$(mktemp -d /tmp/portolan-profile.XXXXXX)}"
nodes="${NODES:-A B gen sink}"
measure="${MEASURE_MS:-5000}"
top="${TOP:-25}"

profiler="${PROFILER:-callgrind}"
case "$profiler" in
    callgrind) command -v valgrind >/dev/null || { echo "profile-hotpath: valgrind is not installed" >&2; exit 2; } ;;
    perf) command -v perf >/dev/null || { echo "profile-hotpath: perf is not installed" >&2; exit 2; } ;;
    *) echo "profile-hotpath: PROFILER must be callgrind or perf" >&2; exit 2 ;;
esac
[ -x "$build/bin/bench_throughput" ] || { echo "profile-hotpath: no $build/bin/bench_throughput" >&2; exit 2; }
mkdir -p "$out"

perf_profile() {
    local node="$1" rate="${RATE:-8000}" log="$out/bench.$1.log"
    "$build/bin/bench_throughput" --rates "$rate" --measure-ms "$measure" --profile "$node" --profiler perf \
        --profile-dir "$out" --perf-args "-e cpu-clock -F 1999 --call-graph dwarf,16384" >"$log" 2>&1 || true
    local file="$out/perf.$node.$rate.data"
    [ -s "$file" ] || { echo "== $node: no profile (see $log)"; return; }
    echo "== $node at $rate msg/s ($file)"
    echo "   row of bench_throughput: $(grep -E "^ +$rate +[0-9]" "$log" | tail -n1 | tr -s ' ')"
    echo "-- share of the node's CPU time under each function (children included)"
    # Event-loop frames and unresolved addresses say nothing: leave them out.
    perf report -i "$file" --stdio --children --sort symbol -g none --percent-limit 1 2>/dev/null \
        | grep -E '^ +[0-9.]+%' \
        | sed -E 's/ {3,}-? *-? *$//; s/^ +([0-9.]+%) +([0-9.]+%) +\[(.)\] /   \1  self \2  [\3] /' \
        | grep -vE '0x0000|_start|libc_start|QEventLoop|g_main_context|QCoreApplication|QEventDispatcher|\] main$|\(inlined\)' \
        | head -n "$top" || true   # head closes the pipe early: not an error
    echo
}

for node in $nodes; do
    if [ "$profiler" = perf ]; then perf_profile "$node"; continue; fi
    if [ -n "${RATE:-}" ]; then rate="$RATE"; elif [ "$node" = sink ]; then rate=300; else rate=600; fi
    log="$out/bench.$node.log"
    "$build/bin/bench_throughput" --rates "$rate" --warmup-ms 3000 --measure-ms "$measure" \
        --profile "$node" --profiler callgrind --profile-dir "$out" >"$log" 2>&1 || true
    file="$out/callgrind.$node.$rate.out"
    messages="$(sed -n 's/.*window: .* handled \([0-9]*\) messages.*/\1/p' "$log")"
    if [ ! -s "$file" ] || [ -z "$messages" ] || [ "$messages" -le 0 ]; then
        echo "== $node: no profile (see $log)"
        continue
    fi
    total="$(callgrind_annotate "$file" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')"
    echo "== $node: $messages messages in the window, $((total / messages)) instructions per message ($file)"
    echo "   row of bench_throughput: $(grep -E "^ +$rate +[0-9]" "$log" | tail -n1 | tr -s ' ')"
    echo "-- inclusive, Portolan functions (instructions per message, share of the window)"
    callgrind_annotate --inclusive=yes --threshold=100 "$file" 2>/dev/null \
        | awk -v n="$messages" -v top="$top" '
            { sub(/\( +/, "(") }
            $1 ~ /^[0-9,]+$/ && $2 ~ /%\)$/ {
                ir = $1; gsub(",", "", ir)
                line = $0; sub(/^ *[0-9,]+ +\([0-9.]+%\) +/, "", line)
                gsub(/\(anonymous namespace\)/, "{anon}", line)
                sub(/^[^:]*:/, "", line); sub(/ \[.*$/, "", line); sub(/\(.*$/, "", line)
                sub(/^non-virtual thunk to /, "", line)
                # No early exit: that would kill callgrind_annotate with SIGPIPE under pipefail.
                if (line !~ /^Portolan::/ || seen[line]++ || rows >= top) next
                rows++
                printf "   %8d  %7s  %s\n", ir / n, $2, line
            }'
    echo "-- exclusive, all functions"
    # Counters are zeroed while the event loop runs; the frames live at that moment
    # (main, exec, ...) then show their inclusive cost as exclusive: skip anything above 50%.
    callgrind_annotate --threshold=100 "$file" 2>/dev/null \
        | awk -v n="$messages" -v top="$top" '
            { sub(/\( +/, "(") }
            $2 ~ /%\)$/ && $1 ~ /^[0-9,]+$/ && !/PROGRAM TOTALS/ {
                share = $2; gsub(/[()%]/, "", share)
                if (share + 0 > 50) next
                ir = $1; gsub(",", "", ir)
                line = $0; sub(/^ *[0-9,]+ +\([0-9.]+%\) +/, "", line)
                gsub(/\(anonymous namespace\)/, "{anon}", line)
                lib = line; sub(/^.*\[/, "", lib); sub(/\].*$/, "", lib); sub(/^.*\//, "", lib)
                sub(/^[^:]*:/, "", line); sub(/ \[.*$/, "", line); sub(/\(.*$/, "", line)
                if (rows++ < top)
                    printf "   %8d  %7s  %s  (%s)\n", ir / n, $2, line, lib
            }'
    echo
done
if [ "$profiler" = perf ]; then
    echo "perf files in $out (perf report -i FILE --children)"
else
    echo "callgrind files in $out (callgrind_annotate --inclusive=yes FILE, or kcachegrind FILE)"
fi
