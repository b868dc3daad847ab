#!/usr/bin/env python3
"""Prints firm reports (`techladder firm ID --format html`) to PDF in headless Chromium and checks that
each fits on one A4 page. The firms are those in every snapshot of the database (history on each
date), a spread across certified rungs; the first one's page is also written as a PNG to look at.

usage: firm_report_pages.py DB [TECHLADDER] [OUT_DIR] [COUNT]
  DB          a registry database with several snapshots (e.g. SampleData's three years imported)
  TECHLADDER  the binary (default .build/debug/techladder)
  OUT_DIR     where the HTML, PDF and PNG go (default /tmp/firm-report-pages)
  COUNT       how many firms to print (default 12)

Exits 1 naming every firm whose report takes more than one page. Needs chromium, pdfinfo, pdftoppm.
"""
import os
import re
import sqlite3
import subprocess
import sys


def firms_in_every_snapshot(db, count):
    """Firm ids listed on every export date, spread over the kinds of certificate they hold."""
    connection = sqlite3.connect(db)
    dates = connection.execute("SELECT COUNT(DISTINCT exported_at) FROM snapshot_part").fetchone()[0]
    rows = connection.execute(
        """SELECT e.id, COALESCE(MAX(c.kind), '') FROM enterprise e
           JOIN snapshot_part s ON s.snapshot_id = e.snapshot_id
           LEFT JOIN certification c ON c.enterprise_id = e.enterprise_id
           GROUP BY e.id HAVING COUNT(DISTINCT s.exported_at) = ? ORDER BY e.id""", (dates,)).fetchall()
    by_kind = {}
    for firm, kind in rows:
        by_kind.setdefault(kind, []).append(firm)
    chosen = []
    while len(chosen) < count and any(by_kind.values()):
        for kind in sorted(by_kind):
            if by_kind[kind] and len(chosen) < count:
                chosen.append(by_kind[kind].pop(len(by_kind[kind]) // 2))
    return dates, chosen


def pages(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def main(db, binary=".build/debug/techladder", out="/tmp/firm-report-pages", count="12"):
    os.makedirs(out, exist_ok=True)
    dates, firms = firms_in_every_snapshot(db, int(count))
    failures = []
    for index, firm in enumerate(firms):
        html, pdf = f"{out}/{firm}.html", f"{out}/{firm}.pdf"
        subprocess.run([binary, "firm", firm, "--db", db, "--format", "html", "--output", html],
                       check=True, capture_output=True)
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf}", "file://" + os.path.abspath(html)],
                       check=True, capture_output=True)
        count_pages = pages(pdf)
        print(f"{firm}: {count_pages} page(s), history over {dates} dates")
        if count_pages != 1:
            failures.append(firm)
        if index == 0:
            subprocess.run(["pdftoppm", "-png", "-r", "110", "-singlefile", pdf, f"{out}/first"], check=True)
    if failures:
        print("more than one A4 page: " + ", ".join(failures))
        return 1
    print(f"all {len(firms)} firm reports fit on one A4 page; {out}/first.png shows the first")
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
