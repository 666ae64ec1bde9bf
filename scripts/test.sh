#!/usr/bin/env bash
# The whole test suite: installs missing system packages, builds and runs every test.
# Slow, soak and fuzz runs are separate scripts (scripts/soak/, scripts/bench/) and are not part of this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
swift test 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# A plain closing line: Swift Testing's count of tests run, and how many failed.
total=$(grep -Eo 'Test run with [0-9]+ tests?' "$log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
failed=$(grep -Ec '^✘ Test .* failed' "$log" || true)
echo "tests: $((total - failed)) passed, $failed failed"
exit "$status"
