#!/usr/bin/env bash
# The project's test command (README): fetches kubectl 1.35 and helm 4 into .tools/bin when
# missing, runs every test project, and closes with "N passed, N failed, N skipped".
# Extra arguments go to `dotnet test` (for example: --filter "FullyQualifiedName~Gong").
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

./scripts/fetch-tools.sh || { echo "test.sh: could not fetch kubectl/helm" >&2; [[ "${CI:-}" == "true" ]] && exit 1; }
export GONG_OPERATOR_KUBECTL="${GONG_OPERATOR_KUBECTL:-$root/.tools/bin/kubectl}"
export GONG_OPERATOR_HELM="${GONG_OPERATOR_HELM:-$root/.tools/bin/helm}"

results="$root/TestResults"
rm -rf "$results"
# Build once, then run the test projects one after another (CI has 2 cores; parallel test hosts
# only fight for them), each writing its own TRX file.
status=0
if dotnet build Operator.sln --nologo -v quiet; then
  for project in tests/*/*.Tests.csproj; do
    name="$(basename "$project" .csproj)"
    dotnet test "$project" --no-build --nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" "$@" || status=1
  done
else
  status=1
fi

# Sum the counters of every TRX file the run wrote.
passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [[ -f "$trx" ]] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
if [[ $status -ne 0 && $failed -eq 0 ]]; then
  # The build or a test host failed before any test could report: count that as a failure.
  failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
