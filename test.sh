#!/usr/bin/env bash
# The project's test command (README): fetches kubectl 1.35 and helm 4 into .tools/bin when
# missing, runs every test project, and closes with "N passed, N failed, N skipped".
#   ./test.sh [--real-apiserver] [dotnet test arguments]
# Extra arguments go to `dotnet test` (for example: --filter "FullyQualifiedName~Gong").
# --real-apiserver also runs the end-to-end tests against a real kube-apiserver
# (scripts/real-apiserver-lane.sh: skipped with the reason when ../shared/tools/kube-apiserver is absent);
# the closing line then counts both lanes.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

real_apiserver=false args=()
for arg in "$@"; do
  if [[ $arg == --real-apiserver ]]; then real_apiserver=true; else args+=("$arg"); fi
done

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
    dotnet test "$project" --no-build --nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" ${args[@]+"${args[@]}"} || status=1
  done
  if [[ $real_apiserver == true ]]; then
    ./scripts/real-apiserver-lane.sh --no-build --results "$results" ${args[@]+"${args[@]}"} || status=1
  fi
else
  status=1
fi

# Sum the counters of every TRX file the run wrote (both lanes).
./scripts/test-summary.sh "$status" "$results"/*.trx
exit $status
