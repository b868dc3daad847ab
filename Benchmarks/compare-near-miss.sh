#!/usr/bin/env bash
# Benchmarks/compare-near-miss.sh — do two techladder binaries find the same near misses, byte for byte?
#
# Usage:  Benchmarks/compare-near-miss.sh BASE_BINARY NEW_BINARY [OUT]
#
# Runs `audit --near-miss` with both binaries in every format (text, csv, json, jsonl) and language
# (zh, en), over all rungs and with `--tier leading`, on every registry in SampleData/ and on two
# generated registries (2,000 firms of seed 1, 3,000 of seed 7, written once by BASE_BINARY into OUT,
# default bench-out/compare-nm), and compares standard output, standard error and exit status.
# Exit status: 0 all identical, 1 some output differs (each difference named), 2 usage.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[[ $# -ge 2 ]] || { sed -n 2,10p "$0"; exit 2; }
BASE=$1 NEW=$2 OUT=${3:-$ROOT/bench-out/compare-nm}
mkdir -p "$OUT"
for spec in "2000 1" "3000 7"; do
    set -- $spec
    file=$OUT/registry-$1-seed$2.xml
    [[ -s $file ]] || "$BASE" generate --firms "$1" --seed "$2" --year 2025 --output "$file" >/dev/null
done
INPUTS=("$ROOT"/SampleData/*.xml "$ROOT"/SampleData/districts/*.xml "$OUT"/registry-*.xml)
FAILED=0 CHECKED=0
run() {  # BINARY ARGS... → "exit<TAB>sha256 of stdout<TAB>sha256 of stderr"
    local binary=$1; shift
    local out status
    out=$("$binary" "$@" 2>"$OUT/stderr.tmp" | sha256sum | cut -c1-64)
    status=${PIPESTATUS[0]}
    printf '%s\t%s\t%s\n' "$status" "$out" "$(sha256sum <"$OUT/stderr.tmp" | cut -c1-64)"
}
for file in "${INPUTS[@]}"; do
    for format in text csv json jsonl; do
        for lang in zh en; do
            for tier in "" "--tier leading"; do
                # shellcheck disable=SC2086
                a=$(run "$BASE" audit --near-miss --format "$format" --lang "$lang" $tier "$file")
                # shellcheck disable=SC2086
                b=$(run "$NEW" audit --near-miss --format "$format" --lang "$lang" $tier "$file")
                CHECKED=$((CHECKED + 1))
                if [[ $a != "$b" ]]; then
                    FAILED=1
                    echo "DIFFERS: techladder audit --near-miss --format $format --lang $lang $tier $file"
                fi
            done
        done
    done
done
echo "$CHECKED near-miss commands compared: $([[ $FAILED == 0 ]] && echo "all identical" || echo "some differ")"
exit $FAILED
