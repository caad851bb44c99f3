using System.Diagnostics;
using System.Globalization;
using System.Net;
using GongOperator.Bench.Gong;
using GongOperator.Bench.Hosting;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace GongOperator.Bench.Kube;

/// <summary>Writes the benchmark's objects through KubernetesClient, as a user's tooling would.</summary>
internal sealed class Fleet(IKubernetes client, IReadOnlyList<BenchCompany> companies)
{
    private const string WritesNamespace = "bench-writes";

    public IReadOnlyList<BenchCompany> Companies => companies;

    /// <summary>Installs the CRD that <c>gong-operator crd</c> prints, and waits until the API server serves it.</summary>
    public async Task InstallCrdAsync(string operatorExecutable, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var info = ChildProcess.StartInfo(operatorExecutable, ["crd"]);
        using var process = Process.Start(info)!;
        var yaml = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new BenchFailedException($"gong-operator crd exited with code {process.ExitCode}");
        }

        var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(yaml);
        await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd, cancellationToken: cancellationToken).ConfigureAwait(false);
        await Poll.UntilAsync(async () =>
        {
            try
            {
                await client.CustomObjects.ListClusterCustomObjectAsync(BenchOrigin.Group, BenchOrigin.Version, BenchOrigin.Plural, limit: 1, cancellationToken: cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }
        }, timeout, () => "the API server did not serve the CRD", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A namespace per company holding its credentials Secret.</summary>
    public async Task CreateCompaniesAsync(CancellationToken cancellationToken)
    {
        foreach (var company in companies)
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = company.Namespace } }, cancellationToken: cancellationToken).ConfigureAwait(false);
            await client.CoreV1.CreateNamespacedSecretAsync(
                new V1Secret
                {
                    Metadata = new V1ObjectMeta { Name = BenchCompany.SecretName },
                    StringData = new Dictionary<string, string> { ["accessKey"] = company.AccessKey, ["accessKeySecret"] = company.AccessKeySecret },
                },
                company.Namespace,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = WritesNamespace } }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The name of origin <paramref name="index"/> of a scenario.</summary>
    public static string OriginName(string prefix, int index) => $"{prefix}-{index.ToString("00000", CultureInfo.InvariantCulture)}";

    /// <summary>The namespace and name of origin <paramref name="index"/> of a scenario ("namespace/name", as the tracker keys it).</summary>
    public string OriginKey(string prefix, int index) => $"{BenchCompany.For(companies, index).Namespace}/{OriginName(prefix, index)}";

    /// <summary>The origin host of origin <paramref name="index"/> of a scenario, which the naive baseline registers too.</summary>
    public static string AllowedOrigin(string prefix, int index) => $"https://{OriginName(prefix, index)}.bench.example";

    public Task CreateOriginAsync(string prefix, int index, CancellationToken cancellationToken)
    {
        var company = BenchCompany.For(companies, index);
        var origin = new BenchOrigin
        {
            Metadata = new V1ObjectMeta { Name = OriginName(prefix, index), NamespaceProperty = company.Namespace },
            Spec = new BenchOriginSpec
            {
                AllowedOrigin = AllowedOrigin(prefix, index),
                CredentialsSecretRef = new BenchSecretReference { Name = BenchCompany.SecretName },
            },
        };
        return client.CustomObjects.CreateNamespacedCustomObjectAsync(origin, BenchOrigin.Group, BenchOrigin.Version, company.Namespace, BenchOrigin.Plural, cancellationToken: cancellationToken);
    }

    /// <summary>Creates origins 0..count-1 of a scenario with <paramref name="concurrency"/> requests in flight.</summary>
    public Task CreateOriginsAsync(string prefix, int count, int concurrency, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (index, ct) => await CreateOriginAsync(prefix, index, ct).ConfigureAwait(false));

    /// <summary>Lists every origin of the cluster in one request; returns how many came back.</summary>
    public async Task<int> ListOriginsAsync(CancellationToken cancellationToken)
    {
        var list = await client.CustomObjects.ListClusterCustomObjectAsync<KubernetesList<BenchOrigin>>(
            BenchOrigin.Group, BenchOrigin.Version, BenchOrigin.Plural, cancellationToken: cancellationToken).ConfigureAwait(false);
        return list.Items.Count;
    }

    /// <summary>
    /// Event writes about the origins of a scenario: one create per Event object plus one patch per repeat it
    /// aggregated (its <c>count</c>), which is what the operator sent for them.
    /// </summary>
    public async Task<long> CountEventWritesAsync(string prefix, CancellationToken cancellationToken)
    {
        var events = await client.CoreV1.ListEventForAllNamespacesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return events.Items
            .Where(e => e.InvolvedObject?.Kind == "GongIntegrationOrigin" && e.InvolvedObject.Name?.StartsWith(prefix + "-", StringComparison.Ordinal) == true)
            .Sum(e => (long)Math.Max(1, e.Count ?? 1));
    }

    /// <summary>Creates <paramref name="count"/> small ConfigMaps with <paramref name="concurrency"/> requests in flight.</summary>
    public Task WriteConfigMapsAsync(string prefix, int count, int concurrency, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (index, ct) => await client.CoreV1.CreateNamespacedConfigMapAsync(
                new V1ConfigMap
                {
                    Metadata = new V1ObjectMeta { Name = OriginName(prefix, index) },
                    Data = new Dictionary<string, string> { ["index"] = index.ToString(CultureInfo.InvariantCulture) },
                },
                WritesNamespace,
                cancellationToken: ct).ConfigureAwait(false));
}
