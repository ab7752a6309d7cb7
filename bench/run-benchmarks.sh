#!/usr/bin/env bash
# Runs every benchmark once and prints their figures, as recorded in docs/performance.md.
# Each benchmark is bounded (a timeout of 3 minutes, normally well under 2) and uses
# loopback only. bench_nats runs when it was built (libnats-dev) and nats-server exists,
# and is given the rate bench_throughput sustained so that it prints the Portolan/NATS ratio.
#
# Usage: bench/run-benchmarks.sh [BUILD_DIR]     (default: build-bench beside bench/)
# Build first: cmake --build BUILD_DIR --target portolan-node bench_throughput \
#                  bench_failover bench_footprint bench_nats
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../build-bench}"
bin="$build/bin"
status=0

for b in bench_throughput bench_failover bench_footprint; do
    [ -x "$bin/$b" ] || { echo "run-benchmarks: $bin/$b is missing; build it first" >&2; exit 2; }
done

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)," \
     "$(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "date:    $(date -Is)"
echo

run() {
    echo "\$ $*"
    timeout 180 "$@"
    local rc=$?
    [ $rc -eq 0 ] || { echo "(exit status $rc)"; status=1; }
    echo
}

throughput="$(mktemp)"
trap 'rm -f "$throughput"' EXIT
echo "\$ $bin/bench_throughput"
timeout 180 "$bin/bench_throughput" | tee "$throughput"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
echo
sustained="$(sed -n 's/^RESULT .*sustained=\([0-9]*\).*/\1/p' "$throughput")"

run "$bin/bench_failover"
run "$bin/bench_footprint"

if [ -x "$bin/bench_nats" ]; then
    if command -v nats-server >/dev/null || [ -x /usr/sbin/nats-server ]; then
        run "$bin/bench_nats" ${sustained:+--portolan "$sustained"}
    else
        echo "bench_nats skipped: nats-server is not installed (apt-get install nats-server)"
    fi
else
    echo "bench_nats skipped: not built (libnats-dev missing when configuring)"
fi
exit $status
