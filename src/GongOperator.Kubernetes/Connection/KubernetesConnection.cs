using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;

namespace GongOperator.Kubernetes.Connection;

/// <summary>Builds a KubernetesClient <see cref="IKubernetes"/> from a kubeconfig or the in-cluster service account.</summary>
public static class KubernetesConnection
{
    /// <summary>
    /// Resolves the configuration in controller-runtime's order: explicit kubeconfig path, KUBECONFIG, in-cluster,
    /// ~/.kube/config. Throws <see cref="KubernetesConnectionException"/> with a one-line message when none is usable.
    /// </summary>
    public static KubernetesClientConfiguration BuildConfiguration(KubernetesConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        KubernetesClientConfiguration config;
        if (!string.IsNullOrEmpty(options.KubeconfigPath))
        {
            config = FromFile(options.KubeconfigPath, options.Context, "--kubeconfig");
        }
        else if (Environment.GetEnvironmentVariable("KUBECONFIG") is { Length: > 0 } fromEnv)
        {
            config = FromFile(fromEnv.Split(Path.PathSeparator)[0], options.Context, "KUBECONFIG");
        }
        else if (KubernetesClientConfiguration.IsInCluster())
        {
            config = KubernetesClientConfiguration.InClusterConfig();
        }
        else if (File.Exists(KubernetesClientConfiguration.KubeConfigDefaultLocation))
        {
            config = FromFile(KubernetesClientConfiguration.KubeConfigDefaultLocation, options.Context, "~/.kube/config");
        }
        else
        {
            throw new KubernetesConnectionException(
                "No Kubernetes connection: no --kubeconfig given, KUBECONFIG unset, not in a cluster (KUBERNETES_SERVICE_HOST and the service account token missing), and no ~/.kube/config.");
        }

        if (!string.IsNullOrEmpty(options.UserAgent))
        {
            config.UserAgent = options.UserAgent;
        }

        return config;
    }

    /// <summary>
    /// A client for <paramref name="options"/>, with the bounded <see cref="RetryAfter"/> retry in its handler chain,
    /// and the client-side QPS/burst limit when <see cref="KubernetesConnectionOptions.Qps"/> sets one.
    /// </summary>
    public static IKubernetes CreateClient(KubernetesConnectionOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CreateClient(BuildConfiguration(options), options, timeProvider);
    }

    /// <summary>
    /// A client for an already built configuration, with the bounded <see cref="RetryAfter"/> retry and the client-side
    /// QPS/burst limit of <paramref name="options"/> when it sets one. Throws <see cref="ArgumentException"/> for a
    /// QPS or burst out of range (<see cref="KubernetesConnectionOptions.RateProblem"/>).
    /// </summary>
    public static IKubernetes CreateClient(KubernetesClientConfiguration configuration, KubernetesConnectionOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        if (options.RateProblem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        var time = timeProvider ?? TimeProvider.System;
#pragma warning disable CA2000 // The client owns and disposes its handler chain.
        // The retry is outermost so that each attempt takes a token from the limiter, as in client-go.
        var retry = new RetryAfterHandler(time);
        return options.Qps > 0
            ? new k8s.Kubernetes(configuration, retry, new ClientRateLimitHandler(options.Qps, options.Burst, time))
            : new k8s.Kubernetes(configuration, retry);
#pragma warning restore CA2000
    }

    private static KubernetesClientConfiguration FromFile(string path, string? context, string origin)
    {
        if (!File.Exists(path))
        {
            throw new KubernetesConnectionException($"Kubeconfig not found: {path} (from {origin}).");
        }

        try
        {
            // Loaded once and kept, so that the cluster's CA can be read from the same parse (relative paths resolve
            // against the kubeconfig's folder, as kubectl does).
            var kubeconfig = KubernetesClientConfiguration.LoadKubeConfig(path);
            var config = KubernetesClientConfiguration.BuildConfigFromConfigObject(kubeconfig, context);
            TrustEveryCaCertificate(config, kubeconfig);
            return config;
        }
        catch (KubeConfigException e)
        {
            var what = context is null ? "its current-context" : $"context '{context}'";
            throw new KubernetesConnectionException($"Kubeconfig {path} is not usable with {what}: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            // The cluster's certificate-authority file missing or unreadable, or its data not a certificate.
            throw new KubernetesConnectionException($"Kubeconfig {path}: the cluster's certificate authority cannot be read: {e.Message}", e);
        }
    }

    /// <summary>
    /// Trusts every certificate of the cluster's <c>certificate-authority</c> file or <c>certificate-authority-data</c>,
    /// as kubectl does. KubernetesClient.Aot (the client a Native AOT build needs) keeps only the first certificate of a
    /// PEM bundle, so a server signed by any other CA of the bundle is rejected; KubernetesClient loads them all. Loading
    /// the PEM here makes both clients trust the same set.
    /// </summary>
    private static void TrustEveryCaCertificate(KubernetesClientConfiguration config, K8SConfiguration kubeconfig)
    {
        var clusterName = kubeconfig.Contexts?.FirstOrDefault(c => string.Equals(c.Name, config.CurrentContext, StringComparison.OrdinalIgnoreCase))?.ContextDetails?.Cluster;
        var endpoint = kubeconfig.Clusters?.FirstOrDefault(c => string.Equals(c.Name, clusterName, StringComparison.OrdinalIgnoreCase))?.ClusterEndpoint;
        if (endpoint is null || !config.Host.StartsWith("https:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        string pem;
        if (!string.IsNullOrEmpty(endpoint.CertificateAuthorityData))
        {
            pem = Encoding.ASCII.GetString(Convert.FromBase64String(endpoint.CertificateAuthorityData));
        }
        else if (!string.IsNullOrEmpty(endpoint.CertificateAuthority))
        {
            var file = Path.IsPathRooted(endpoint.CertificateAuthority) || kubeconfig.FileName is null
                ? endpoint.CertificateAuthority
                : Path.Combine(Path.GetDirectoryName(kubeconfig.FileName)!, endpoint.CertificateAuthority);
            pem = File.ReadAllText(file);
        }
        else
        {
            return;
        }

        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(pem);
        // A DER (not PEM) CA holds one certificate, which both clients already load.
        if (certificates.Count > 0)
        {
            config.SslCaCerts = certificates;
        }
    }
}
