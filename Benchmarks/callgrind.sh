#!/usr/bin/env bash
# Benchmarks/callgrind.sh — instruction counts of the hot commands (README "Performance").
#
# Usage:  Benchmarks/callgrind.sh BINARY [DIR]
#
# Runs BINARY (a release build; stripped here, since valgrind cannot read its debug info) under
# valgrind --tool=callgrind on DIR/registry-10k.xml and DIR/district-10k.xml (default bench-out/cg;
# made with `techladder generate --firms 10000 --seed 1 --year 2025` and Benchmarks/to_layout.py
# district): import --dry-run of both, audit --format jsonl and tally. Prints total instructions
# (all threads) per command, in millions. Counts repeat exactly from run to run.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=${2:-$ROOT/bench-out/cg}
BIN=$DIR/$(basename "$1").stripped
cp "$1" "$BIN" && strip "$BIN"
count() {  # LABEL ARGS...
    local label=$1; shift
    local out=$DIR/callgrind.$label.$$
    valgrind --tool=callgrind --callgrind-out-file="$out" "$BIN" "$@" >/dev/null 2>"$out.log" || true
    local total
    total=$(awk '/^(summary|totals):/ { print $2 }' "$out" | tail -1)
    # Threads write one file each with -separate-threads; here one file sums all threads.
    printf '%-22s %8.1fM\n' "$label" "$(awk -v t="$total" 'BEGIN { print t / 1e6 }')"
    rm -f "$out" "$out.log"
}
count dry-run import --dry-run --no-progress "$DIR/registry-10k.xml"
count district-dry-run import --dry-run --no-progress "$DIR/district-10k.xml"
count audit-jsonl audit --format jsonl "$DIR/registry-10k.xml"
count tally tally "$DIR/registry-10k.xml"
