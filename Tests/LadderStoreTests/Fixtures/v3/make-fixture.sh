#!/usr/bin/env bash
# Writes v3.sqlite with a techladder binary built from the schema v3 code (main at 37c302f, before
# migration v4-firm-rows): see README.md. Usage: make-fixture.sh TECHLADDER_BINARY
set -euo pipefail
BIN=$(realpath "$1")
cd "$(dirname "$0")"
V1=../v1
# overlap.xml: the first ten firms of part-b.xml, renamed, sent by a third source on the same date, so
# that part-b's records of those firms become shadowed.
python3 - <<'PY'
import re
src = open('../v1/part-b.xml', encoding='utf-8').read()
head_end = src.index('>', src.index('<Registry')) + 1
head = re.sub(r'source="[^"]*"', 'source="青岛市崂山区科技局"', src[:head_end])
firms = re.findall(r'\n  <Enterprise[\s\S]*?\n  </Enterprise>', src)[:10]
firms = [re.sub(r'<Name>([^<]*)</Name>', r'<Name>\1（崂山）</Name>', f, count=1) for f in firms]
open('overlap.xml', 'w', encoding='utf-8').write(head + ''.join(firms) + '\n</Registry>\n')
PY
rm -f v3.sqlite
"$BIN" import --no-progress --db v3.sqlite $V1/city-2024.xml $V1/part-a.xml $V1/part-b.xml ../../../../SampleData/shapes.xml \
    $V1/part-a-resent.xml >/dev/null
"$BIN" assess --db v3.sqlite --snapshot 2025-12-31 >/dev/null
"$BIN" import --no-progress --db v3.sqlite overlap.xml >/dev/null
"$BIN" assess --db v3.sqlite --snapshot 2024-12-31 >/dev/null
sqlite3 v3.sqlite "VACUUM"
