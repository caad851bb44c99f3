#!/usr/bin/env bash
# Prints the closing line of a test run, "N passed, N failed, N skipped", summed over the TRX files given.
#   scripts/test-summary.sh STATUS [FILE.trx ...]
# STATUS is the run's exit status: when it is not 0 but no TRX counted a failure (the build, a test host or a
# server start failed before any test could report), that counts as one failure.
set -uo pipefail
status="$1"; shift
passed=0 failed=0 skipped=0
for trx in "$@"; do
  [[ -f "$trx" ]] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  get() { local n; n="$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters")"; echo "${n:-0}"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
if [[ $status -ne 0 && $failed -eq 0 ]]; then
  failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
