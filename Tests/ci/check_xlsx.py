#!/usr/bin/env python3
"""Opens workbooks written by `techladder ... --format xlsx` with openpyxl (a real spreadsheet reader)
and checks that every credit code is a string equal to the input's, and Chinese text is intact.

usage: check_xlsx.py REGISTRY.xml TALLY.xlsx DISCREPANCIES.xlsx
"""
import re
import sys
import xml.etree.ElementTree as ET

import openpyxl


def registry_ids(path):
    """Every Enterprise id and name in a format-1 file."""
    ids = {}
    for _, element in ET.iterparse(path):
        if element.tag.endswith("}Enterprise") or element.tag == "Enterprise":
            name = next((child.text for child in element if child.tag.endswith("Name")), None)
            ids[element.get("id")] = name
            element.clear()
    return ids


def main(registry, tally_path, discrepancies_path):
    ids = registry_ids(registry)
    failures = []

    tally = openpyxl.load_workbook(tally_path)
    sheet = tally.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    if header[:3] != ["代码", "区市", "科技型企业"]:
        failures.append(f"tally header is {header[:3]}")
    codes = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    if not all(isinstance(code, str) and re.fullmatch(r"\d{6}", code) for code in codes):
        failures.append(f"tally district codes are not 6-digit strings: {codes}")
    counts = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    if not all(isinstance(count, int) for count in counts):
        failures.append(f"tally counts are not numbers: {counts}")
    if sheet.freeze_panes != "A2":
        failures.append(f"tally header row not frozen: {sheet.freeze_panes}")

    book = openpyxl.load_workbook(discrepancies_path)
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    column = header.index("统一社会信用代码")
    name_column = header.index("企业名称")
    checked = digits_only = 0
    for row in sheet.iter_rows(min_row=2, values_only=True):
        code, name = row[column], row[name_column]
        if not isinstance(code, str):
            failures.append(f"credit code {code!r} is a {type(code).__name__}, not a string")
            continue
        if code not in ids:
            failures.append(f"credit code {code!r} is not in {registry}")
        elif ids[code] != name:
            failures.append(f"{code}: name {name!r} differs from the registry's {ids[code]!r}")
        checked += 1
        digits_only += code.isdigit()
    if checked == 0:
        failures.append("no discrepancy rows were read")

    for failure in failures[:20]:
        print("FAIL:", failure)
    if failures:
        sys.exit(1)
    print(f"ok: {len(codes)} tally rows; {checked} discrepancy rows, every credit code a string equal to the input "
          f"({digits_only} made only of digits)")


if __name__ == "__main__":
    main(*sys.argv[1:4])
