#!/usr/bin/env bash
# Benchmarks/compare-outputs.sh — are two techladder binaries' outputs byte-identical?
#
# Usage:  Benchmarks/compare-outputs.sh BASE_BINARY NEW_BINARY [FIRMS]
#
# Runs both binaries over the same inputs and compares standard output, standard error and the exit
# code of each command: import --dry-run (text with every reject and warning, and json), audit in
# every format, tally in every format, the three finding audits, and export. Inputs: every file in
# SampleData/ and a generated registry of FIRMS firms (default 100000, written once by BASE_BINARY
# into $OUT, default bench-out/compare) plus that registry converted to the district-bureau layout
# (GB18030, Chinese names, 万元) with Benchmarks/to_layout.py. FIRMS=0: SampleData only.
#
# The one allowed difference (issue 15): the old audit JSON wrote U+2028 and U+2029 raw; JSON and JSONL
# audits of BASE are compared after rewriting them as \u2028 and \u2029 (the count rewritten is printed).
# Exit status: 0 all identical, 1 some output differs (each difference named), 2 usage.
set -uo pipefail

[[ $# -ge 2 ]] || { sed -n 2,16p "$0"; exit 2; }
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BASE=$(realpath "$1")
NEW=$(realpath "$2")
FIRMS=${3:-100000}
OUT=${OUT:-$ROOT/bench-out/compare}
mkdir -p "$OUT"
cd "$ROOT" || exit 2

GENERATED=$OUT/registry-$FIRMS.xml
DISTRICT=$OUT/district-$FIRMS.xml
INPUTS=(SampleData/*.xml)
(( FIRMS > 0 )) && INPUTS+=("$GENERATED" "$DISTRICT")
if (( FIRMS > 0 )) && [[ ! -s $GENERATED ]]; then
    echo "Generating $GENERATED..."
    "$BASE" generate --firms "$FIRMS" --seed 1 --year 2025 --output "$GENERATED.part" && mv "$GENERATED.part" "$GENERATED"
fi
if (( FIRMS > 0 )) && [[ ! -s $DISTRICT ]]; then
    echo "Converting to the district-bureau layout: $DISTRICT..."
    python3 Benchmarks/to_layout.py district "$GENERATED" "$DISTRICT.part" && mv "$DISTRICT.part" "$DISTRICT"
fi

FAILED=0
CHECKED=0
REWRITTEN=0

# run BINARY KIND ARGS... → prints "exit<TAB>sha256 of stdout<TAB>sha256 of stderr" (stdout of JSON audits
# of the base binary with U+2028/U+2029 escaped as the new code writes them).
run() {
    local binary=$1 kind=$2; shift 2
    local err=$OUT/stderr.tmp out status
    if [[ $kind == json-audit && $binary == "$BASE" ]]; then
        out=$("$binary" "$@" 2>"$err" | tee >(grep -c $'\xe2\x80[\xa8\xa9]' >"$OUT/rewritten.tmp") \
            | sed $'s/\xe2\x80\xa8/\\\\u2028/g; s/\xe2\x80\xa9/\\\\u2029/g' | sha256sum | cut -c1-64)
        status=${PIPESTATUS[0]}
    elif [[ $kind == timed ]]; then
        # The import summary's time and speed differ from run to run: drop them, keep the rest.
        out=$("$binary" "$@" 2>"$err" | grep -v -E '^  [0-9.]+ (s, |秒，)[0-9.]+ MB/s$|"(seconds|mbPerSecond)" : ' | sha256sum | cut -c1-64)
        status=${PIPESTATUS[0]}
    else
        out=$("$binary" "$@" 2>"$err" | sha256sum | cut -c1-64)
        status=${PIPESTATUS[0]}
    fi
    # Timings and progress differ from run to run: drop lines that report them.
    printf '%s\t%s\t%s\n' "$status" "$out" "$(grep -v -E 'elapsed| in [0-9.]+ ?s\b|MB/s' "$err" | sha256sum | cut -c1-64)"
}

check() {  # KIND ARGS...
    local kind=$1; shift
    local a b
    a=$(run "$BASE" "$kind" "$@")
    [[ $kind == json-audit ]] && sleep 0.1 && REWRITTEN=$((REWRITTEN + $(cat "$OUT/rewritten.tmp" 2>/dev/null || echo 0)))
    b=$(run "$NEW" "$kind" "$@")
    CHECKED=$((CHECKED + 1))
    if [[ $a != "$b" ]]; then
        FAILED=1
        echo "DIFFERS: techladder $*"
        echo "   base: $a"
        echo "   new:  $b"
    fi
}

compare_file() {  # FILE
    local file=$1
    echo "  $file"
    check timed import --dry-run --no-progress --show-rejects 1000000000 "$file"
    check timed import --dry-run --no-progress --show-rejects 1000000000 --format json "$file"
    check plain export "$file"
    for format in text csv; do check plain audit --format "$format" "$file"; done
    for format in json jsonl; do check json-audit audit --format "$format" "$file"; done
    for format in table csv json markdown html; do check plain tally --format "$format" "$file"; done
    for by in zone industry domain; do check plain tally --by "$by" "$file"; done
    check plain audit --discrepancies "$file"
    check plain audit --near-miss "$file"
    check plain audit --data-quality "$file"
}

echo "Comparing $BASE (base) with $NEW (new):"
for file in "${INPUTS[@]}"; do compare_file "$file"; done
rm -f "$OUT/stderr.tmp" "$OUT/rewritten.tmp"

echo "$CHECKED commands compared; U+2028/U+2029 lines rewritten in base JSON audits: $REWRITTEN"
if (( FAILED )); then echo "Outputs differ."; exit 1; fi
echo "All outputs byte-identical."
