using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GongOperator.Kubernetes.Connection;
using GongOperator.Kubernetes.LeaderElection;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace GongOperator.Kubernetes.Tests.Connection;

public sealed class KubernetesConnectionTests
{
    [Fact]
    public void A_missing_kubeconfig_file_is_named_in_one_line()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid(), "kubeconfig");

        var error = Assert.Throws<KubernetesConnectionException>(() =>
            KubernetesConnection.BuildConfiguration(new KubernetesConnectionOptions { KubeconfigPath = path }));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void An_unknown_context_is_named_in_the_error()
    {
        var path = Path.Combine(Path.GetTempPath(), "kubeconfig-" + Guid.NewGuid());
        WriteKubeconfig(path, "http://127.0.0.1:1");
        try
        {
            var error = Assert.Throws<KubernetesConnectionException>(() =>
                KubernetesConnection.BuildConfiguration(new KubernetesConnectionOptions { KubeconfigPath = path, Context = "missing" }));
            Assert.Contains("'missing'", error.Message, StringComparison.Ordinal);

            var config = KubernetesConnection.BuildConfiguration(new KubernetesConnectionOptions { KubeconfigPath = path, UserAgent = "test-agent" });
            Assert.Equal("http://127.0.0.1:1", config.Host.TrimEnd('/'));
            Assert.Equal("test-agent", config.UserAgent);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_certificate_of_a_CA_bundle_is_trusted_whether_given_by_file_or_by_data(bool byData)
    {
        var dir = Directory.CreateTempSubdirectory("kubeconfig-");
        try
        {
            using var first = SelfSignedCa("first-ca");
            using var second = SelfSignedCa("second-ca");
            var bundle = first.ExportCertificatePem() + "\n" + second.ExportCertificatePem() + "\n";
            File.WriteAllText(Path.Combine(dir.FullName, "ca.crt"), bundle);
            // A relative path resolves against the kubeconfig's folder, as with kubectl.
            var ca = byData
                ? "certificate-authority-data: " + Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(bundle))
                : "certificate-authority: ca.crt";
            var path = Path.Combine(dir.FullName, "kubeconfig");
            WriteKubeconfig(path, "https://127.0.0.1:1", ca);

            var config = KubernetesConnection.BuildConfiguration(new KubernetesConnectionOptions { KubeconfigPath = path });

            Assert.Equal(
                new[] { first.Thumbprint, second.Thumbprint }.Order(),
                config.SslCaCerts.Select(c => c.Thumbprint).Order());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_certificate_authority_file_that_is_missing_is_one_sentence_naming_the_kubeconfig()
    {
        var dir = Directory.CreateTempSubdirectory("kubeconfig-");
        try
        {
            var path = Path.Combine(dir.FullName, "kubeconfig");
            WriteKubeconfig(path, "https://127.0.0.1:1", "certificate-authority: missing-ca.crt");

            var e = Assert.Throws<KubernetesConnectionException>(() => KubernetesConnection.BuildConfiguration(new KubernetesConnectionOptions { KubeconfigPath = path }));

            Assert.StartsWith($"Kubeconfig {path}", e.Message, StringComparison.Ordinal);
            Assert.Contains("missing-ca.crt", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>A kubeconfig with one cluster at <paramref name="server"/> (its CA line as given), one token user, context "real".</summary>
    private static void WriteKubeconfig(string path, string server, string caLine = "") => File.WriteAllText(path, $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster:
            server: {server}
            {caLine}
        users:
        - name: u
          user:
            token: t
        contexts:
        - name: real
          context:
            cluster: c
            user: u
        current-context: real
        """);

    private static X509Certificate2 SelfSignedCa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    [Fact]
    public void The_defaults_are_controller_runtimes_no_client_side_limit_included()
    {
        var connection = new KubernetesConnectionOptions();
        var election = new LeaderElectionOptions { LeaseName = "l", LeaseNamespace = "n" };

        Assert.Equal(0, connection.Qps);
        Assert.Equal(30, connection.Burst);
        Assert.Equal(TimeSpan.FromSeconds(15), election.LeaseDuration);
        Assert.Equal(TimeSpan.FromSeconds(10), election.RenewDeadline);
        Assert.Equal(TimeSpan.FromSeconds(2), election.RetryPeriod);
    }

    [Fact]
    public void Election_durations_that_break_client_gos_rule_are_refused()
    {
        var options = new LeaderElectionOptions { LeaseName = "l", LeaseNamespace = "n", LeaseDuration = TimeSpan.FromSeconds(5), RenewDeadline = TimeSpan.FromSeconds(5) };

        Assert.Throws<ArgumentException>(options.Validate);
        Assert.Throws<ArgumentException>((options with { LeaseDuration = TimeSpan.FromSeconds(15), RetryPeriod = TimeSpan.FromSeconds(5) }).Validate);
    }

    [Fact]
    public async Task A_default_client_sends_far_past_the_old_burst_without_waiting_on_its_clock()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapGet("/api/v1/namespaces/team-a/configmaps/c", () =>
            Results.Text("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"team-a"}}""", "application/json"));
        var ct = TestContext.Current.CancellationToken;
        await app.StartAsync(ct);

        // A clock that never moves: a client-side limiter would hold every request past its burst forever.
        using var client = KubernetesConnection.CreateClient(new KubernetesClientConfiguration { Host = app.Urls.Single() }, new KubernetesConnectionOptions(), new FakeTimeProvider());
        var reads = Enumerable.Range(0, 100).Select(_ => client.CoreV1.ReadNamespacedConfigMapAsync("c", "team-a", cancellationToken: ct));

        var answers = await Task.WhenAll(reads).WaitAsync(TimeSpan.FromSeconds(30), ct);

        Assert.All(answers, a => Assert.Equal("c", a.Metadata.Name));
    }

    [Theory]
    [InlineData(-1, 30)]
    [InlineData(double.NaN, 30)]
    [InlineData(10_001, 30)]
    [InlineData(5, 0)]
    public void A_qps_or_burst_out_of_range_is_refused_with_one_sentence(double qps, int burst)
    {
        var options = new KubernetesConnectionOptions { Qps = qps, Burst = burst };

        var e = Assert.Throws<ArgumentException>(() => KubernetesConnection.CreateClient(new KubernetesClientConfiguration { Host = "http://127.0.0.1:1" }, options));

        Assert.Contains("the Kubernetes API", e.Message, StringComparison.Ordinal);
        Assert.Equal(options.RateProblem(), e.Message.Split(" (Parameter")[0]);
    }
}
