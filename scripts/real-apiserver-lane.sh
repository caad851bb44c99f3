#!/usr/bin/env bash
# The end-to-end tests once more, against a real Kubernetes API server (kube-apiserver 1.28 with etcd, TLS, RBAC):
# where the embedded server differs from Kubernetes, this lane is the check.
#
#   scripts/real-apiserver-lane.sh [--runs N] [--no-build] [--results DIR] [dotnet test arguments]
#
# The server comes from the script named by GONG_OPERATOR_REAL_APISERVER, by default real-apiserver.sh in
# ../shared/tools/kube-apiserver beside the repository. `SCRIPT start DIR` must start an API server, write its admin
# kubeconfig to DIR/kubeconfig and exit 0 once it serves; `SCRIPT stop DIR` must stop it. Without the default script
# the lane is skipped with the reason (exit 0); a GONG_OPERATOR_REAL_APISERVER that is not executable fails it. The server is started in a temporary directory and stopped on every way
# out: success, failure, timeout, Ctrl-C.
#
#   --runs N       run the suite N times on the one server (default: GONG_OPERATOR_REAL_LANE_RUNS, else 1):
#                  a run must leave nothing behind that breaks the next one (.ci/run runs it twice)
#   --no-build     use the existing build (test.sh builds once for both lanes)
#   --results DIR  write the TRX files there and label the summary line (test.sh sums both lanes itself)
#   a --filter is combined with the lane's own (the EndToEnd tests but laptop mode, which runs its own
#   embedded server whatever the lane)
# Each run is bounded by GONG_OPERATOR_REAL_LANE_TIMEOUT (default 15m). Closes with
# "N passed, N failed, N skipped" over the lane's runs.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

runs="${GONG_OPERATOR_REAL_LANE_RUNS:-1}" build=true results="" user_filter="" args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --no-build) build=false; shift ;;
    --results) results="$2"; shift 2 ;;
    --filter) user_filter="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) args+=("$1"); shift ;;
  esac
done
label=""
[[ -n $results ]] && label="real-apiserver lane: "
results="${results:-$root/TestResults/real-apiserver}"

server="${GONG_OPERATOR_REAL_APISERVER:-$root/../shared/tools/kube-apiserver/real-apiserver.sh}"
if [[ -n ${GONG_OPERATOR_REAL_APISERVER:-} && ! -x $server ]]; then
  # Named on purpose: a missing or non-executable script is a mistake to report, not a lane to skip.
  echo "${label}GONG_OPERATOR_REAL_APISERVER=$server is not an executable file"
  echo "${label}$(./scripts/test-summary.sh 1)"
  exit 1
fi
if [[ ! -x $server ]]; then
  echo "real-apiserver lane skipped: $server not found or not executable (set GONG_OPERATOR_REAL_APISERVER to a real-apiserver.sh to run it)"
  echo "${label}0 passed, 0 failed, 0 skipped"
  exit 0
fi
server="$(cd "$(dirname "$server")" && pwd)/$(basename "$server")"

filter="FullyQualifiedName~GongOperator.Tests.EndToEnd&FullyQualifiedName!~LocalModeIntegrationTests"
[[ -n $user_filter ]] && filter="($filter)&($user_filter)"

export GONG_OPERATOR_KUBECTL="${GONG_OPERATOR_KUBECTL:-$root/.tools/bin/kubectl}"
export GONG_OPERATOR_HELM="${GONG_OPERATOR_HELM:-$root/.tools/bin/helm}"
if [[ $build == true ]]; then
  ./scripts/fetch-tools.sh || { echo "${label}could not fetch kubectl/helm"; ./scripts/test-summary.sh 1; exit 1; }
  dotnet build Operator.sln --nologo -v quiet || { ./scripts/test-summary.sh 1; exit 1; }
  rm -rf "$results"
fi
mkdir -p "$results"

work="$(mktemp -d)"
tests_pid=""
stop_server() {
  "$server" stop "$work/server" >/dev/null 2>&1
  rm -rf "$work"
}
# On INT/TERM, stop the test run at once (not after it ends), then the server (EXIT). `timeout` runs the tests in
# a process group of its own (so a signal to ours does not reach them): signal that group, KILL it after 30 s.
on_signal() {
  if [[ -n $tests_pid ]]; then
    kill -TERM -- "-$tests_pid" 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "$tests_pid" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$tests_pid" 2>/dev/null
  fi
  exit "$1"
}
trap stop_server EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

status=0
trx=()
echo "${label}starting a real kube-apiserver ($server)"
if ! timeout 300 "$server" start "$work/server"; then
  echo "${label}the real kube-apiserver did not start; its logs:"
  tail -n 20 "$work/server/apiserver.log" "$work/server/etcd.log" 2>/dev/null
  status=1
else
  export GONG_OPERATOR_E2E_CLUSTER=apiserver GONG_OPERATOR_E2E_KUBECONFIG="$work/server/kubeconfig"
  limit="${GONG_OPERATOR_REAL_LANE_TIMEOUT:-15m}"
  for run in $(seq 1 "$runs"); do
    name="GongOperator.Tests.real-apiserver.run$run.trx"
    trx+=("$results/$name")
    echo "${label}run $run of $runs"
    # In the background, so that a signal's trap runs at once instead of after the run.
    timeout --kill-after=30s "$limit" \
      dotnet test tests/GongOperator.Tests/GongOperator.Tests.csproj --no-build --nologo \
        --logger "trx;LogFileName=$name" --results-directory "$results" --filter "$filter" ${args[@]+"${args[@]}"} &
    tests_pid=$!
    wait "$tests_pid"
    code=$?
    tests_pid=""
    if [[ $code -eq 124 || $code -eq 137 ]]; then
      echo "${label}run $run did not finish within $limit"
    fi
    [[ $code -eq 0 ]] || status=1
  done
fi

echo "$label$(./scripts/test-summary.sh "$status" ${trx[@]+"${trx[@]}"})"
exit $status
