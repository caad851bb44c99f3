# syntax=docker/dockerfile:1
# The gong-operator image; the chart and config/ name it ghcr.io/gong-operator/gong-operator:<appVersion>,
# which is not published: build it and push it to your registry, e.g.
#   docker build -t REGISTRY/gong-operator:0.1.0 .
# The build stage runs scripts/publish.sh, which the tests run too (ContainerImageTests), so this
# step is checked by every test run, with or without a container engine.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
# Restore first, from the project files only, so the package layer is cached across code changes.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/GongOperator/GongOperator.csproj src/GongOperator/
COPY src/GongOperator.Kubernetes/GongOperator.Kubernetes.csproj src/GongOperator.Kubernetes/
COPY src/GongOperator.Gong/GongOperator.Gong.csproj src/GongOperator.Gong/
COPY src/GongOperator.LocalCluster/GongOperator.LocalCluster.csproj src/GongOperator.LocalCluster/
COPY src/GongOperator.GongSimulator/GongOperator.GongSimulator.csproj src/GongOperator.GongSimulator/
RUN dotnet restore src/GongOperator/GongOperator.csproj
COPY src/ src/
COPY scripts/publish.sh scripts/
RUN ./scripts/publish.sh /app

# Chiseled Ubuntu with the ASP.NET Core runtime (the operator serves /metrics, /healthz and
# /readyz with it): no shell, no package manager, a non-root "app" user (UID 1654).
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime
WORKDIR /app
COPY --from=build /app/ ./
# Numeric, so that the kubelet can check runAsNonRoot without a passwd lookup.
USER 1654
# 8080: Prometheus /metrics; 8081: /healthz and /readyz (the chart's probes).
EXPOSE 8080 8081
ENTRYPOINT ["/app/gong-operator", "run"]
