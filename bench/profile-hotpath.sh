#!/usr/bin/env bash
# Profiles the forwarding path of bench_throughput's mesh (gen -> A -> B -> sink) with
# callgrind, one node at a time, and prints per message the instructions of the hottest
# functions: inclusive for Portolan's own functions (where the time goes), exclusive for
# everything (what to make cheaper). Callgrind counts instructions, so the figures do not
# depend on how busy the machine is; the run is ~50x slower than native, so the rate is low.
#
# Usage: bench/profile-hotpath.sh [BUILD_DIR] [OUT_DIR]
#   BUILD_DIR  where bench_throughput and portolan-node were built (default: build-bench)
#   OUT_DIR    where the callgrind files go (default: a new temporary directory)
# Environment: NODES (default "A B gen sink"), RATE (msg/s; default 600, and 300 for the
#              sink, whose SQLite work is the slowest under callgrind), MEASURE_MS (5000),
#              TOP (rows per table, default 25).
# Run it on an otherwise idle machine: a node that falls behind under callgrind starts
# resending (and, starved long enough, misses hellos), and the profile then shows that.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../build-bench}"
out="${2:-$(mktemp -d /tmp/portolan-profile.XXXXXX)}"
nodes="${NODES:-A B gen sink}"
measure="${MEASURE_MS:-5000}"
top="${TOP:-25}"

command -v valgrind >/dev/null || { echo "profile-hotpath: valgrind is not installed" >&2; exit 2; }
[ -x "$build/bin/bench_throughput" ] || { echo "profile-hotpath: no $build/bin/bench_throughput" >&2; exit 2; }
mkdir -p "$out"

for node in $nodes; do
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
    echo "   row of bench_throughput: $(grep -E "^ +$rate " "$log" | tr -s ' ')"
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
echo "callgrind files in $out (callgrind_annotate --inclusive=yes FILE, or kcachegrind FILE)"
