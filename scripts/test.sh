#!/usr/bin/env bash
# The whole test suite: installs missing system packages, builds and runs every test, then the console in a real
# browser (scripts/browser-test: headless Chromium, installed here when missing; about a minute, two more for a cold
# install). Slow, soak and fuzz runs are separate scripts (scripts/soak/, scripts/bench/) and are not part of this.
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
set +e
bash scripts/browser-test
browser=$?
set -e
echo "tests: $((total - failed)) passed, $failed failed; browser test $([ "$browser" -eq 0 ] && echo passed || echo FAILED)"
[ "$status" -eq 0 ] && exit "$browser"
exit "$status"
