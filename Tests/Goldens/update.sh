#!/usr/bin/env bash
# Regenerates the tally goldens from the fixture with the built tool (run after an intended change to
# the tally's output, then review `git diff Tests/Goldens`). Tests/LadderStoreTests/GoldenOutputTests.swift
# compares the tool's output with these files.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build --product techladder >/dev/null
bin=.build/debug/techladder
for lang in zh en; do
  for format in table csv json markdown html; do
    "$bin" tally Tests/Goldens/tally-fixture.xml --lang "$lang" --format "$format" > "Tests/Goldens/tally.$lang.$format"
  done
  "$bin" tally Tests/Goldens/tally-fixture.xml --lang "$lang" --format xlsx --output "Tests/Goldens/tally.$lang.xlsx"
done
echo "goldens written to Tests/Goldens"
