#!/usr/bin/env bash
# Benchmarks/compare-db-outputs.sh — do two techladder binaries store and read a database alike?
#
# Usage:  Benchmarks/compare-db-outputs.sh BASE_BINARY NEW_BINARY [FIRMS]
#
# Each binary imports the same files into a database of its own, then both run the same commands over
# their database and standard output, standard error, written files and exit codes are compared byte
# for byte: the import summary (times dropped), snapshots, tally (every format and grouping, a
# district, --as-of), audit (every format, a district, a firm) and the three finding audits (every
# format), firms (every status, csv and json), progress, report --output, a firm's page (text, json,
# html), then `assess` and again tally, firms and progress with the stored verdicts. Inputs, one
# database each: every file of SampleData/ (three dates, two profile layouts), the ten district files
# of SampleData/districts (one date, ten parts), and a generated registry of FIRMS firms (default
# 20000, written once by BASE_BINARY into $OUT, default bench-out/compare-db; FIRMS=0 skips it) with
# SampleData/districts imported on top. Also prints both databases' integrity checks.
# Exit status: 0 all identical, 1 some output differs (each difference named), 2 usage.
set -uo pipefail

[[ $# -ge 2 ]] || { sed -n 2,16p "$0"; exit 2; }
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BASE=$(realpath "$1")
NEW=$(realpath "$2")
FIRMS=${3:-20000}
OUT=${OUT:-$ROOT/bench-out/compare-db}
mkdir -p "$OUT"
cd "$ROOT" || exit 2

GENERATED=$OUT/registry-$FIRMS.xml
if (( FIRMS > 0 )) && [[ ! -s $GENERATED ]]; then
    echo "Generating $GENERATED..."
    "$BASE" generate --firms "$FIRMS" --seed 7 --year 2025 --output "$GENERATED.part" >/dev/null 2>&1 \
        && mv "$GENERATED.part" "$GENERATED"
fi

FAILED=0
CHECKED=0

# run BINARY DB ARGS... → "exit<TAB>sha of stdout<TAB>sha of stderr<TAB>sha of the --output file":
# the database path is written as DB, import times and speeds are dropped.
run() {
    local binary=$1 db=$2; shift 2
    local out status file="-"
    rm -f "$OUT/out.file"
    out=$("$binary" "$@" --db "$db" 2>"$OUT/stderr.tmp" \
        | sed -E "s#$db#DB#g" \
        | grep -v -E '^  [0-9.]+ (s, |秒，)[0-9.]+ MB/s$|"(seconds|mbPerSecond)" : |imported at|importedAt|导入时间' \
        | sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z/TIME/g; s/ in [0-9.]+ s/ in N s/g' \
        | sha256sum | cut -c1-64)
    status=${PIPESTATUS[0]}
    [[ -f $OUT/out.file ]] && file=$(sha256sum <"$OUT/out.file" | cut -c1-64)
    printf '%s\t%s\t%s\t%s\n' "$status" "$out" \
        "$(sed -E "s#$db#DB#g" "$OUT/stderr.tmp" | grep -v -E 'elapsed|MB/s' | sha256sum | cut -c1-64)" "$file"
}

check() {  # ARGS... (each binary over its own database)
    local a b
    a=$(run "$BASE" "$OUT/base.sqlite" "$@")
    b=$(run "$NEW" "$OUT/new.sqlite" "$@")
    CHECKED=$((CHECKED + 1))
    if [[ $a != "$b" ]]; then
        FAILED=1
        echo "DIFFERS: techladder $* --db"
        echo "   base: $a"
        echo "   new:  $b"
    fi
}

reads() {
    local format by status
    for format in table csv json markdown html; do check tally --format "$format"; done
    for by in zone industry domain; do check tally --by "$by"; done
    check tally --district 崂山区
    check tally --as-of 2026-06-30
    for format in table json markdown; do check progress --format "$format"; done
    check progress --district 370212
    for status in certified eligible pipeline risk undetermined lapsed deregistered; do
        check firms --status "$status"
    done
    for status in eligible pipeline risk; do check firms --status "$status" --format csv; done
    check firms --rung high-tech --sort score --format json
    check report --output "$OUT/out.file"
}

# compare_set LABEL FILE... — both binaries import the files into fresh databases and are compared.
compare_set() {
    local label=$1; shift
    echo "  $label"
    rm -f "$OUT"/base.sqlite* "$OUT"/new.sqlite*
    # The import itself: summary (times dropped) and exit code.
    check import --no-progress "$@"
    check snapshots --format json
    check snapshots
    reads
    local format mode
    for format in text json jsonl csv; do check audit --format "$format"; done
    check audit --format xlsx --output "$OUT/out.file"
    check audit --district 370212 --format json
    for mode in --discrepancies --near-miss --data-quality; do
        for format in text json csv; do check audit "$mode" --format "$format"; done
    done
    check assess --format json
    reads
    check audit --format jsonl
    local id
    for id in $(sqlite3 "$OUT/base.sqlite" "SELECT id FROM enterprise ORDER BY enterprise_id LIMIT 2"); do
        check firm "$id" --format json
        check firm "$id"
        check firm "$id" --format html --output "$OUT/out.file"
    done
    echo "    integrity: base $(sqlite3 "$OUT/base.sqlite" 'PRAGMA integrity_check'), new $(sqlite3 "$OUT/new.sqlite" 'PRAGMA integrity_check')"
}

echo "Comparing $BASE (base) with $NEW (new) over databases:"
compare_set "SampleData (every file)" SampleData/*.xml
compare_set "SampleData/districts (ten parts of one date)" SampleData/districts/*.xml
if (( FIRMS > 0 )); then
    compare_set "$FIRMS generated firms, then SampleData/districts" "$GENERATED" SampleData/districts/*.xml
fi
rm -f "$OUT/stderr.tmp" "$OUT/out.file"
echo "$CHECKED commands compared"
if (( FAILED )); then echo "Outputs differ."; exit 1; fi
echo "All outputs byte-identical."
