#!/usr/bin/env bash
# Benchmarks/unsafe-count.sh — lines with unsafe constructs per module (issue 15's count).
#
# Usage:  Benchmarks/unsafe-count.sh [SOURCES_DIR]     (default: Sources/ of this checkout)
#
# Counts lines matching Unsafe…Pointer, unowned(unsafe), @unchecked Sendable, unsafeBitCast, Unmanaged<
# and, separately, @exclusivity(unchecked) (properties that skip dynamic exclusivity checks), and the
# files they are in. LadderRules, LadderReports, LadderStore, LadderServer and techladder are meant to
# reach zero.
set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SOURCES=${1:-$ROOT/Sources}
PATTERN='Unsafe[A-Za-z]*Pointer|unowned\(unsafe\)|@unchecked Sendable|unsafeBitCast|Unmanaged<'
printf '%-16s %6s %12s %14s\n' module lines "files" "exclusivity"
for dir in "$SOURCES"/*/; do
    module=$(basename "$dir")
    files=$(find "$dir" -name '*.swift' | wc -l)
    (( files > 0 )) || continue
    lines=$(find "$dir" -name '*.swift' -exec grep -hEc "$PATTERN" {} + | awk '{ s += $1 } END { print s + 0 }')
    with=$(find "$dir" -name '*.swift' -exec grep -lE "$PATTERN" {} + 2>/dev/null | wc -l)
    unchecked=$(find "$dir" -name '*.swift' -exec grep -hc '@exclusivity(unchecked)' {} + | awk '{ s += $1 } END { print s + 0 }')
    printf '%-16s %6d %5d of %-4d %14d\n' "$module" "$lines" "$with" "$files" "$unchecked"
done
