#!/usr/bin/env bash
# Benchmarks/run.sh — how fast techladder reads a registry, measured against C.
#
# Usage:  Benchmarks/run.sh [FIRMS]          e.g. Benchmarks/run.sh 100000
#         FIRMS=200000 Benchmarks/run.sh
#
# Environment (all optional):
#   FIRMS       firms in the input file (default 1000000: about 1.9 GB); the first argument wins
#   SEED, YEAR  passed to `techladder generate` (default 1 and 2025)
#   OUT         output folder (default bench-out/, which git ignores)
#   REGENERATE  set to 1 to write the input file again even if it exists
#   TECHLADDER  the binary to time (default .build/release/techladder, built by this script)
#   SKIP_BUILD  set to 1 to build nothing (time TECHLADDER as it is; the C steps need their binaries)
#   STEPS       the steps to run, in order (default: all; names as in the STEPS line below)
#   REPEAT      runs per step (default 1); the median is reported. This VM's timings vary by ±10–20%
#               from run to run, so compare medians of 3 or more when a ratio is close to a target.
#
# c_vs_dry_run (not in the default STEPS): the C baseline (push), the C baseline pulling and
#               import --dry-run, one after another in each of REPEAT rounds, medians compared: the
#               fairest reading of issue #2's ratio on a VM whose speed drifts between runs.
#               e.g. STEPS="c_vs_dry_run audit tally" REPEAT=5 Benchmarks/run.sh
#
# Profile steps (not in the default STEPS; e.g. STEPS="profile_district profile_flat" REPEAT=3):
#   profile_district, profile_flat  convert the input once to the layout of Profiles/district-bureau.xml
#               (GB18030, Chinese element names) or Profiles/flat-firm-year.xml with Benchmarks/to_layout.py
#               (kept as $OUT/district-<N>.xml, flat-<N>.xml), then time, interleaved run by run,
#               import --dry-run of the format-1 file and import --dry-run --profile of the layout file,
#               and Benchmarks/c-baseline/sax_floor (libxml2 alone, nothing extracted) on both files.
#               Prints the profile import's speed relative to format 1 on the same firms (issue #7's
#               target: at least 0.7x) and libxml2's own ratio on the two files (the floor's share).
#
# near_miss (not in the default STEPS: the search costs far more per firm than a read; use a smaller
#               file, e.g. STEPS="near_miss" REPEAT=3 Benchmarks/run.sh 20000): audit --format jsonl and
#               audit --near-miss on the same file, one after the other in each round, medians compared;
#               prints near-miss's time over the jsonl audit's, wall and CPU (issue #14's target: at most 2x).
#
# What it does, in one run:
#   1. swift build -c release (the techladder binary) and cc -O2 of Benchmarks/c-baseline/sax_baseline.c;
#   2. writes $OUT/registry-<N>.xml with `techladder generate` unless it is already there (timed);
#   3. runs, one after the other on the same file, each under /usr/bin/time -v:
#        c-baseline        libxml2 SAX2 in C, every field parsed (the reference: 1 MiB chunks pushed)
#        c-baseline --pull the same with libxml2 pulling the bytes, as XMLStream does (about 10% faster)
#        import --dry-run  techladder's import without a database (skipped until the command exists)
#      and any later steps (see "Adding a step" below);
#   4. prints wall and CPU seconds, MB/s (10^6 bytes over wall time), peak RSS, the Swift/C speed
#      ratio, and for later steps their time relative to import --dry-run; appends the rows to
#      $OUT/results.tsv. On a shared, busy machine compare CPU seconds: wall time includes waiting.
#
# Adding a step: write a function bench_<name> that calls
#     swift_step <label> <techladder arguments...>      (skips itself if the subcommand is missing)
# and add <name> to STEPS. The steps after import --db read the database it wrote.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FIRMS=${1:-${FIRMS:-1000000}}
SEED=${SEED:-1}
YEAR=${YEAR:-2025}
OUT=${OUT:-$ROOT/bench-out}
read -r -a STEPS <<<"${STEPS:-c_baseline c_baseline_pull import_dry_run audit tally import_db tally_db assess tally_db_assessed}"

mkdir -p "$OUT"
RESULTS=()          # rows: label<TAB>wall s<TAB>cpu s<TAB>MB/s<TAB>peak RSS MiB<TAB>note
DRY_RUN_SECONDS=""
C_MBPS=""
C_PULL_MBPS=""
C_CPU=""

label() {  # 1000000 → 1m, 20000 → 20k
    local n=$1
    if (( n >= 1000000 && n % 1000000 == 0 )); then echo "$((n / 1000000))m"
    elif (( n >= 1000 && n % 1000 == 0 )); then echo "$((n / 1000))k"
    else echo "$n"; fi
}
# registry-1m.xml for the defaults; another seed or year gets its own file (registry-1m-s7-y2024.xml).
INPUT=$OUT/registry-$(label "$FIRMS")$([[ $SEED == 1 ]] || echo "-s$SEED")$([[ $YEAR == 2025 ]] || echo "-y$YEAR").xml
BIN=${TECHLADDER:-$ROOT/.build/release/techladder}
C_BIN=$OUT/sax_baseline

ensure_time() {
    [[ -x /usr/bin/time ]] && return 0
    if command -v apt-get >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]]; then
        echo "Installing GNU time (for peak RSS)..."
        apt-get install -y -qq time >/dev/null 2>&1 \
            || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq time >/dev/null 2>&1; } || true
    fi
    [[ -x /usr/bin/time ]] || echo "note: /usr/bin/time missing; peak RSS will read n/a"
}

build() {
    echo "Building techladder (release)..."
    (cd "$ROOT" && swift build -c release --product techladder 2>&1 | tail -n 1)
    echo "Building the C baseline..."
    # shellcheck disable=SC2046  # pkg-config prints several words on purpose
    cc -O2 -o "$C_BIN" "$ROOT/Benchmarks/c-baseline/sax_baseline.c" $(pkg-config --cflags --libs libxml-2.0)
    # shellcheck disable=SC2046
    cc -O2 -o "$OUT/sax_floor" "$ROOT/Benchmarks/c-baseline/sax_floor.c" $(pkg-config --cflags --libs libxml-2.0)
}

# measure LABEL CMD... — runs CMD (stdout and stderr to $OUT/LABEL.log) REPEAT times and sets
# SECONDS_TAKEN (median wall), CPU_SECONDS (median user + system) and RSS_MIB (largest peak resident set).
measure() {
    local name=$1; shift
    local log=$OUT/${name// /-}.log timing=$OUT/${name// /-}.time
    local start end status=0 run walls=() cpus=() rss=0
    for ((run = 1; run <= ${REPEAT:-1}; run++)); do
        : >"$log"
        start=$(date +%s.%N)
        if [[ -x /usr/bin/time ]]; then
            /usr/bin/time -v -o "$timing" "$@" >"${STDOUT_TO:-$log}" 2>>"$log" || status=$?
            rss=$(awk -F': ' -v r="$rss" '/Maximum resident set size/ { v = $2 / 1024; printf "%.1f", (v > r ? v : r) }' "$timing")
            cpus+=("$(awk -F': ' '/User time|System time/ { t += $2 } END { printf "%.2f", t }' "$timing")")
        else
            "$@" >"${STDOUT_TO:-$log}" 2>>"$log" || status=$?
            rss=n/a
            cpus+=(n/a)
        fi
        end=$(date +%s.%N)
        walls+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')")
        if (( status != 0 )); then
            echo "  $name failed (exit $status); last lines of $log:"; tail -n 5 "$log" | sed 's/^/    /'
            return "$status"
        fi
    done
    SECONDS_TAKEN=$(median "${walls[@]}")
    CPU_SECONDS=$(median "${cpus[@]}")
    RSS_MIB=$rss
    (( ${REPEAT:-1} > 1 )) && echo "    $name runs: ${walls[*]} s"
    return 0
}

median() {  # the middle value (the lower middle of an even count)
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $0 } END { print v[int((NR + 1) / 2)] }'
}

megabytes_per_second() {  # BYTES SECONDS
    awk -v b="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.1f", b / 1e6 / s; else print "n/a" }'
}

record() {  # LABEL SECONDS NOTE
    local mbps
    mbps=$(megabytes_per_second "$INPUT_BYTES" "$2")
    RESULTS+=("$1"$'\t'"$2"$'\t'"$CPU_SECONDS"$'\t'"$mbps"$'\t'"$RSS_MIB"$'\t'"$3")
    printf '  %-18s %8ss wall %7ss cpu %8s MB/s %8s MiB peak  %s\n' "$1" "$2" "$CPU_SECONDS" "$mbps" "$RSS_MIB" "$3"
}

generate_input() {
    if [[ -s $INPUT && ${REGENERATE:-0} != 1 ]]; then
        echo "Input: $INPUT (exists; REGENERATE=1 to write it again)"
    else
        echo "Generating $INPUT ($FIRMS firms, seed $SEED, year $YEAR)..."
        measure generate "$BIN" generate --firms "$FIRMS" --seed "$SEED" --year "$YEAR" --output "$INPUT"
        INPUT_BYTES=$(stat -L -c %s "$INPUT")
        record "generate" "$SECONDS_TAKEN" "(writing; MB/s of output)"
    fi
    INPUT_BYTES=$(stat -L -c %s "$INPUT")
    echo "Input size: $(awk -v b="$INPUT_BYTES" 'BEGIN { printf "%.1f MB", b / 1e6 }')"
}

# ---- steps -------------------------------------------------------------------------------------

bench_c_baseline() {
    measure "c-baseline" "$C_BIN" "$INPUT"
    C_MBPS=$(megabytes_per_second "$INPUT_BYTES" "$SECONDS_TAKEN")
    C_CPU=$CPU_SECONDS
    local firms
    firms=$(awk -F= '/^enterprises=/ { print $2 }' "$OUT/c-baseline.log")
    record "c-baseline" "$SECONDS_TAKEN" "$firms firms; reference (push, 1 MiB chunks)"
}

# The same C loop with libxml2 pulling the bytes (the mode XMLStream uses): a second, stricter reference.
bench_c_baseline_pull() {
    measure "c-baseline pull" "$C_BIN" --pull "$INPUT"
    C_PULL_MBPS=$(megabytes_per_second "$INPUT_BYTES" "$SECONDS_TAKEN")
    record "c-baseline --pull" "$SECONDS_TAKEN" "same extraction, libxml2 pulling"
}

bench_import_dry_run() {
    if ! has_subcommand import || ! "$BIN" import --help 2>/dev/null | grep -q -- "--dry-run"; then
        printf '  %-18s skipped: techladder import --dry-run does not exist yet\n' "import --dry-run"
        return 0
    fi
    measure "import dry-run" "$BIN" import --dry-run "$INPUT" || return 0
    DRY_RUN_SECONDS=$SECONDS_TAKEN
    local mbps ratio cpu_ratio
    mbps=$(megabytes_per_second "$INPUT_BYTES" "$SECONDS_TAKEN")
    ratio=$(awk -v s="$mbps" -v c="$C_MBPS" 'BEGIN { if (c > 0) printf "%.2f", s / c; else print "n/a" }')
    cpu_ratio=$(awk -v s="$CPU_SECONDS" -v c="$C_CPU" 'BEGIN { if (s > 0 && c > 0) printf "%.2f", c / s; else print "n/a" }')
    local pull_ratio="n/a"
    [[ -n $C_PULL_MBPS ]] && pull_ratio=$(awk -v s="$mbps" -v c="$C_PULL_MBPS" 'BEGIN { printf "%.2f", s / c }')
    record "import --dry-run" "$SECONDS_TAKEN" "Swift/C speed ${ratio}x wall, ${cpu_ratio}x cpu; ${pull_ratio}x of C pulling"
}

# The three of issue #2's comparison run after one another in each round (REPEAT rounds), so that the
# VM's drift hits all of them alike; medians compared. Use this step for the ratio when REPEAT > 1.
bench_c_vs_dry_run() {
    local push=() pull=() dry=() drycpu=() pushcpu=() pullcpu=() rss=0 run
    for ((run = 1; run <= ${REPEAT:-1}; run++)); do
        REPEAT=1 measure "c-baseline" "$C_BIN" "$INPUT" || return 0
        push+=("$SECONDS_TAKEN"); pushcpu+=("$CPU_SECONDS")
        REPEAT=1 measure "c-baseline pull" "$C_BIN" --pull "$INPUT" || return 0
        pull+=("$SECONDS_TAKEN"); pullcpu+=("$CPU_SECONDS")
        REPEAT=1 measure "import dry-run" "$BIN" import --dry-run "$INPUT" || return 0
        dry+=("$SECONDS_TAKEN"); drycpu+=("$CPU_SECONDS"); rss=$RSS_MIB
    done
    (( ${REPEAT:-1} > 1 )) && echo "    rounds (C push / C pull / dry-run): ${push[*]} / ${pull[*]} / ${dry[*]} s"
    local tpush tpull tdry
    tpush=$(median "${push[@]}"); tpull=$(median "${pull[@]}"); tdry=$(median "${dry[@]}")
    CPU_SECONDS=$(median "${pushcpu[@]}") RSS_MIB=n/a record "c-baseline" "$tpush" "reference (push, 1 MiB chunks), rounds interleaved"
    CPU_SECONDS=$(median "${pullcpu[@]}") RSS_MIB=n/a record "c-baseline --pull" "$tpull" "same extraction, libxml2 pulling"
    DRY_RUN_SECONDS=$tdry
    CPU_SECONDS=$(median "${drycpu[@]}") RSS_MIB=$rss record "import --dry-run" "$tdry" \
        "$(awk -v d="$tdry" -v a="$tpush" -v b="$tpull" 'BEGIN { printf "Swift/C speed %.2fx of C pushing, %.2fx of C pulling", a / d, b / d }')"
}

# has_subcommand NAME — whether `techladder --help` lists the subcommand.
has_subcommand() {
    "$BIN" --help 2>/dev/null | awk -v name="$1" '/^SUBCOMMANDS:/ { on = 1; next } on && $1 == name { found = 1 } END { exit !found }'
}

# swift_step LABEL ARGS... — times `techladder ARGS...` if its subcommand exists, relative to dry-run.
swift_step() {
    local name=$1; shift
    if ! has_subcommand "$1"; then
        printf '  %-18s skipped: techladder %s does not exist yet\n' "$name" "$1"
        return 0
    fi
    measure "$name" "$BIN" "$@" || return 0
    local ratio="n/a"
    [[ -n $DRY_RUN_SECONDS ]] && ratio=$(awk -v t="$SECONDS_TAKEN" -v d="$DRY_RUN_SECONDS" 'BEGIN { printf "%.2f", t / d }')
    record "$name" "$SECONDS_TAKEN" "time vs import --dry-run ${ratio}x"
}

# Hooks for later steps: adjust the arguments when the commands land.
# The audit writes about 9 KB of JSON per firm: discarded, so the figure is the audit, not the disk.
bench_audit()     { STDOUT_TO=/dev/null swift_step "audit --format jsonl" audit --format jsonl "$INPUT"; }
bench_tally()     { swift_step "tally" tally "$INPUT"; }
# audit --near-miss beside audit --format jsonl, interleaved round by round; the ratio is near-miss / jsonl.
bench_near_miss() {
    local jw=() jc=() nw=() nc=() jrss=0 nrss=0 run
    for ((run = 1; run <= ${REPEAT:-1}; run++)); do
        STDOUT_TO=/dev/null REPEAT=1 measure "audit jsonl" "$BIN" audit --format jsonl "$INPUT" || return 0
        jw+=("$SECONDS_TAKEN"); jc+=("$CPU_SECONDS"); jrss=$RSS_MIB
        STDOUT_TO=/dev/null REPEAT=1 measure "audit near-miss" "$BIN" audit --near-miss "$INPUT" || return 0
        nw+=("$SECONDS_TAKEN"); nc+=("$CPU_SECONDS"); nrss=$RSS_MIB
    done
    (( ${REPEAT:-1} > 1 )) && echo "    rounds (jsonl / near-miss): ${jw[*]} / ${nw[*]} s"
    local tj tn cj cn
    tj=$(median "${jw[@]}"); tn=$(median "${nw[@]}"); cj=$(median "${jc[@]}"); cn=$(median "${nc[@]}")
    CPU_SECONDS=$cj RSS_MIB=$jrss record "audit --format jsonl" "$tj" "beside near-miss, rounds interleaved"
    CPU_SECONDS=$cn RSS_MIB=$nrss record "audit --near-miss" "$tn" \
        "$(awk -v n="$tn" -v j="$tj" -v a="$cn" -v b="$cj" 'BEGIN { printf "%.1fx audit --format jsonl (wall), %.1fx (cpu); target 2x", n / j, a / b }')"
}
bench_import_db() {
    local db=$OUT/bench.sqlite
    rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
    # Once: a second import of the same file into the same database is skipped as already imported.
    REPEAT=1 swift_step "import --db" import --db "$db" "$INPUT"
}
# From the database just written: tally before any verdicts are stored (certified in SQL, eligibility
# shown as not computed), assess (every firm's verdicts stored), and tally again (eligible in SQL).
bench_tally_db()          { swift_step "tally --db" tally --db "$OUT/bench.sqlite"; }
bench_assess()            { swift_step "assess" assess --db "$OUT/bench.sqlite"; }
bench_tally_db_assessed() { swift_step "tally --db assessed" tally --db "$OUT/bench.sqlite"; }

# Import through a mapping profile against format 1 on the same firms (issue #7: at least 0.7x).
# layout_input LAYOUT — the input converted to the layout (district|flat), written once.
layout_input() {
    local file=$OUT/$1-${INPUT##*/registry-}
    if [[ ! -s $file || ${REGENERATE:-0} == 1 ]]; then
        echo "Converting $INPUT to the $1 layout (once; kept as $file)..." >&2
        python3 "$ROOT/Benchmarks/to_layout.py" "$1" "$INPUT" "$file.partial" >&2 && mv "$file.partial" "$file"
    fi
    echo "$file"
}

# profile_step LAYOUT PROFILE — format 1, the profile import and libxml2 alone on both files, run after
# run in turn (REPEAT times) so that the VM's drift hits both sides alike; medians compared.
profile_step() {
    local layout=$1 profile=$ROOT/Profiles/$2.xml file run
    file=$(layout_input "$layout")
    local f1=() f1cpu=() pr=() prcpu=() floor1=() floorp=() rss1=0 rssp=0
    for ((run = 1; run <= ${REPEAT:-1}; run++)); do
        REPEAT=1 measure "format-1 dry-run" "$BIN" import --dry-run "$INPUT" || return 0
        f1+=("$SECONDS_TAKEN"); f1cpu+=("$CPU_SECONDS"); rss1=$RSS_MIB
        REPEAT=1 measure "profile $layout dry-run" "$BIN" import --dry-run --profile "$profile" "$file" || return 0
        pr+=("$SECONDS_TAKEN"); prcpu+=("$CPU_SECONDS"); rssp=$RSS_MIB
        REPEAT=1 measure "sax_floor format-1" "$OUT/sax_floor" "$INPUT" || return 0
        floor1+=("$SECONDS_TAKEN")
        REPEAT=1 measure "sax_floor $layout" "$OUT/sax_floor" "$file" || return 0
        floorp+=("$SECONDS_TAKEN")
    done
    (( ${REPEAT:-1} > 1 )) && echo "    runs (format 1 / $layout / floor format 1 / floor $layout): ${f1[*]} / ${pr[*]} / ${floor1[*]} / ${floorp[*]} s"
    local t1 tp c1 cp l1 lp ratio cpu_ratio floor_ratio
    t1=$(median "${f1[@]}"); tp=$(median "${pr[@]}"); c1=$(median "${f1cpu[@]}"); cp=$(median "${prcpu[@]}")
    l1=$(median "${floor1[@]}"); lp=$(median "${floorp[@]}")
    ratio=$(awk -v a="$t1" -v b="$tp" 'BEGIN { printf "%.2f", a / b }')
    cpu_ratio=$(awk -v a="$c1" -v b="$cp" 'BEGIN { printf "%.2f", a / b }')
    floor_ratio=$(awk -v a="$l1" -v b="$lp" 'BEGIN { printf "%.2f", a / b }')
    local bytes=$INPUT_BYTES layout_bytes
    layout_bytes=$(stat -L -c %s "$file")
    CPU_SECONDS=$c1 RSS_MIB=$rss1 record "format 1 dry-run" "$t1" "same firms as $layout; libxml2 alone ${l1}s"
    INPUT_BYTES=$layout_bytes CPU_SECONDS=$cp RSS_MIB=$rssp \
        record "$layout dry-run" "$tp" "profile $2: ${ratio}x format 1's speed (${cpu_ratio}x cpu); libxml2 alone ${lp}s = ${floor_ratio}x"
    INPUT_BYTES=$bytes
}
bench_profile_district() { profile_step district district-bureau; }
bench_profile_flat()     { profile_step flat flat-firm-year; }

# ---- main ----------------------------------------------------------------------------------------

ensure_time
[[ ${SKIP_BUILD:-0} == 1 ]] || build
generate_input
echo "Running on $(nproc) cores, libxml2 $(pkg-config --modversion libxml-2.0):"
for step in "${STEPS[@]}"; do "bench_$step"; done

stamp=$(date -u +%Y-%m-%dT%H:%M:%SZ)
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -s $OUT/results.tsv ]] || printf 'when\tcommit\tfirms\tstep\twall s\tcpu s\tMB/s\tpeak RSS MiB\tnote\n' >"$OUT/results.tsv"
for row in "${RESULTS[@]}"; do printf '%s\t%s\t%s\t%s\n' "$stamp" "$commit" "$FIRMS" "$row" >>"$OUT/results.tsv"; done
echo "Rows appended to $OUT/results.tsv; logs in $OUT/*.log"
