using GongOperator.Kubernetes.Connection;
using GongOperator.Kubernetes.LeaderElection;

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
        File.WriteAllText(path, """
            apiVersion: v1
            kind: Config
            clusters:
            - name: c
              cluster:
                server: http://127.0.0.1:1
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

    [Fact]
    public void The_defaults_are_controller_runtimes()
    {
        var connection = new KubernetesConnectionOptions();
        var election = new LeaderElectionOptions { LeaseName = "l", LeaseNamespace = "n" };

        Assert.Equal(20, connection.Qps);
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
}
