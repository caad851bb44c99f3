#!/usr/bin/env bash
# Publishes the gong-operator executable into OUTDIR. This is the exact command the Dockerfile's
# build stage runs; the tests run it too (ContainerImageTests), so the image's build step is
# exercised by every test run, also where no container engine is available.
#
# Framework-dependent: the runtime image (mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled)
# carries the .NET and ASP.NET Core shared frameworks, so the layer holds only our assemblies,
# runtime patches arrive by rebuilding on the patched base image, and publishing needs no runtime
# packs from NuGet. The apphost (`gong-operator`) is built for the machine that publishes, which
# in the Dockerfile is the image's own platform.
set -euo pipefail
if [[ $# -ne 1 || -z "$1" ]]; then
  echo "usage: scripts/publish.sh OUTDIR" >&2
  exit 2
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet publish "$root/src/GongOperator/GongOperator.csproj" \
  --configuration Release \
  --output "$1" \
  --nologo \
  -p:SelfContained=false \
  -p:UseAppHost=true \
  -p:SatelliteResourceLanguages=en \
  -p:PublishDocumentationFile=false \
  -p:PublishReferencesDocumentationFiles=false
