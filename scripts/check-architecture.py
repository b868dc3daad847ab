#!/usr/bin/env python3
"""Checks that docs/ARCHITECTURE.md's module table matches Package.swift and the source imports.

For every target in Package.swift (tests excluded) the table's "depends on" column must name exactly
the target's dependencies, and each module's `import` lines must be among them (system modules
aside). Exits 1 with one line per difference.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SYSTEM = {"Foundation", "FoundationEssentials", "Dispatch", "Glibc", "Darwin", "Musl", "Synchronization",
          "_Concurrency", "os", "Testing", "XCTest"}
# Modules a product brings along under another name.
ALIASES = {"GRDBSQLite": "GRDB"}


def package_targets(text):
    """name -> set of dependency names (targets and products) for every non-test target."""
    targets = {}
    for match in re.finditer(r'\.(target|executableTarget|systemLibrary|testTarget)\(\s*name:\s*"([^"]+)"', text):
        kind, name = match.group(1), match.group(2)
        if kind == "testTarget":
            continue
        # The target's argument list runs to its matching parenthesis.
        depth, i = 0, match.start()
        while True:
            c = text[i]
            if c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
                if depth == 0:
                    break
            i += 1
        body = text[match.end():i]
        deps = set()
        dep_match = re.search(r"dependencies:\s*\[(.*?)\]\s*(,|$)", body, re.S)
        if dep_match:
            section = dep_match.group(1)
            deps |= set(re.findall(r'\.product\(\s*name:\s*"([^"]+)"', section))
            section = re.sub(r"\.product\([^)]*\)", "", section)
            deps |= set(re.findall(r'"([^"]+)"', section))
        targets[name] = deps
    return targets


def documented(text, names):
    """module -> set of names its 'depends on' cell mentions, from the first table with that header."""
    table = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not line.lstrip().startswith("|"):
            continue
        module = cells[0].strip("`")
        if module not in names:
            continue
        mentioned = set(re.findall(r"[A-Za-z][A-Za-z0-9_]*", cells[-1]))
        table[module] = mentioned & names
    return table


def imports(module):
    found = set()
    for path in (ROOT / "Sources" / module).rglob("*.swift"):
        for line in path.read_text(encoding="utf-8").splitlines():
            m = re.match(r"\s*(?:@[A-Za-z_]+(?:\([^)]*\))?\s+)*import\s+(?:(?:struct|class|enum|func|protocol|typealias|var|let)\s+)?([A-Za-z_][A-Za-z0-9_]*)", line)
            if m:
                found.add(m.group(1))
    return {ALIASES.get(name, name) for name in found} - SYSTEM


def main():
    package = (ROOT / "Package.swift").read_text(encoding="utf-8")
    targets = package_targets(package)
    products = set()
    for deps in targets.values():
        products |= deps
    names = set(targets) | products
    doc = documented((ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8"), names)
    problems = []
    for name, deps in sorted(targets.items()):
        if name not in doc:
            problems.append(f"docs/ARCHITECTURE.md: no row for module {name}")
        elif doc[name] != deps:
            missing, extra = sorted(deps - doc[name]), sorted(doc[name] - deps)
            problems.append(f"docs/ARCHITECTURE.md: {name} depends on {sorted(deps)} in Package.swift"
                            + (f"; the table leaves out {missing}" if missing else "")
                            + (f"; the table adds {extra}" if extra else ""))
        if (ROOT / "Sources" / name).is_dir() and not name.startswith("C"):
            used = imports(name)
            for module in sorted(used - deps):
                problems.append(f"Sources/{name} imports {module}, which Package.swift does not list for it")
            for module in sorted(deps - used):
                problems.append(f"Package.swift lists {module} for {name}, which no file there imports")
    for line in problems:
        print(line)
    if problems:
        return 1
    print(f"architecture: {len(targets)} modules agree in Package.swift, docs/ARCHITECTURE.md and the imports")
    return 0


if __name__ == "__main__":
    sys.exit(main())
