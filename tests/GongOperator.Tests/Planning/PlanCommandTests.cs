using GongOperator.Cli;
using GongOperator.Resources;
using GongOperator.Tests.Packaging;

namespace GongOperator.Tests.Planning;

/// <summary><c>gong-operator plan -f</c> on what helm, kustomize and kubectl print, and its exit codes.</summary>
public sealed class PlanCommandTests
{
    private const string AccessKeySecretValue = "s3cr3t-value-never-printed";

    private static string CredentialsSecret(string ns, string name, string accessKey) => $"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: {name}
          namespace: {ns}
        stringData:
          accessKey: {accessKey}
          accessKeySecret: {AccessKeySecretValue}
        """;

    private static string Origin(string name, string origin, string? ns = null, string type = "DIALER") => $$"""
        apiVersion: gongoperator.io/v1alpha1
        kind: GongIntegrationOrigin
        metadata:
          name: {{name}}
        {{(ns is null ? "" : "  namespace: " + ns)}}
        spec:
          integrationType: {{type}}
          allowedOrigin: "{{origin}}"
        """;

    private static async Task<(int Code, string Stdout, string Stderr)> PlanAsync(string stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await GongOperatorCli.RunAsync(["plan", .. args], stdout, stderr, new StringReader(stdin));
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string LastLine(string text) => text.TrimEnd('\n').Split('\n')[^1];

    private static async Task<string> RenderTenantAsync(string release, string host, params string[] extra)
    {
        var result = await Renders.HelmTemplateRawAsync(Renders.TenantChart, release, "tenant-" + release, ["--set", "host=" + host, .. extra]);
        Assert.True(result.ExitCode == 0, "helm template failed: " + result);
        return result.Stdout;
    }

    [Fact]
    public async Task The_tenant_charts_helm_template_output_plans_one_new_origin_and_one_call()
    {
        var rendered = await RenderTenantAsync("acme", "acme.partner.com");

        var (code, stdout, stderr) = await PlanAsync(rendered, "-f", "-");

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("origins: 1 new, 0 changed, 0 unchanged, would be removed: n/a (incremental never removes)", stdout, StringComparison.Ordinal);
        Assert.Contains("unknown company of the operator's default credentials", stdout, StringComparison.Ordinal);
        Assert.Equal("plan: 1 origins, 1 calls over 1 companies", LastLine(stdout));
    }

    [Fact]
    public async Task Files_apply_the_origin_suffix_policy_and_say_that_the_namespace_selector_needs_the_cluster()
    {
        var stdin = string.Join("\n---\n",
            Origin("ok", "https://ok.partner.com", "tenant-a"),
            Origin("elsewhere", "https://elsewhere.example.net", "tenant-a"),
            CredentialsSecret("ops", "gong", "AKEY1"));

        var (code, stdout, stderr) = await PlanAsync(stdin, "-f", "-", "--default-credentials-secret", "ops/gong", "--default-credentials-namespace-selector", "gong=default", "--default-allowed-origin-suffixes", ".partner.com");

        Assert.True(code == PlanCommand.Refused, stdout + stderr);
        Assert.Contains("refused tenant-a/elsewhere: OriginNotAllowed:", stdout, StringComparison.Ordinal);
        Assert.Contains("note: --default-credentials-namespace-selector \"gong=default\" is not applied: files do not carry the namespaces' labels", stdout, StringComparison.Ordinal);
        Assert.Equal("plan: 2 origins, 1 calls over 1 companies", LastLine(stdout));
    }

    [Fact]
    public async Task The_origin_suffix_flag_refuses_an_origin_of_the_default_Secret_that_is_not_in_the_input_as_the_operator_would()
    {
        // As a CI job pipes a tenant's chart alone: the operator's default Secret is created apart from the chart.
        var rendered = await RenderTenantAsync("acme", "acme.partner.com");
        string[] flags = ["-f", "-", "--default-credentials-secret", "gong-operator-system/gong-credentials"];

        var (code, stdout, stderr) = await PlanAsync(rendered, [.. flags, "--default-allowed-origin-suffixes", ".other.com"]);

        Assert.True(code == PlanCommand.Refused, stdout + stderr);
        Assert.Contains("refused acme-dialer: OriginNotAllowed: https://acme.partner.com is not under --default-allowed-origin-suffixes (.other.com)", stdout, StringComparison.Ordinal);
        Assert.Contains("note: credentials Secrets not seen: gong-operator-system/gong-credentials. Their own allowedOriginSuffixes, registrationStrategy and baseUrl are not applied", stdout, StringComparison.Ordinal);
        Assert.Equal("plan: 1 origins, 0 calls over 1 companies", LastLine(stdout));

        var (allowed, plan, _) = await PlanAsync(rendered, [.. flags, "--default-allowed-origin-suffixes", ".partner.com"]);

        Assert.True(allowed == 0, plan);
        Assert.Contains("unknown company of credentials Secret gong-operator-system/gong-credentials (not in the input)", plan, StringComparison.Ordinal);
        Assert.Equal("plan: 1 origins, 1 calls over 1 companies", LastLine(plan));
    }

    [Fact]
    public async Task Tenants_of_one_company_share_its_calls_and_quota_and_the_secret_value_is_never_printed()
    {
        // Three tenants' charts and the company's credentials, as a CI job would pipe them; two Secrets hold one key.
        var stdin = string.Join("\n---\n",
            await RenderTenantAsync("a", "a.partner.com", "--set", "credentialsSecretName=gong"),
            await RenderTenantAsync("b", "b.partner.com", "--set", "credentialsSecretName=gong"),
            await RenderTenantAsync("c", "c.partner.com:8443", "--set", "credentialsSecretName=other"),
            CredentialsSecret("", "gong", "AKEY1"),
            CredentialsSecret("", "other", "AKEY1"));

        var (code, stdout, stderr) = await PlanAsync(stdin, "-f", "-", "--gong-batch-size", "2", "--gong-rate-per-second", "2", "--gong-daily-quota", "400");

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("company api.gong.io key:AKEY1 (Secrets: gong, other)", stdout, StringComparison.Ordinal);
        Assert.Contains("origins: 3 new, 0 changed, 0 unchanged", stdout, StringComparison.Ordinal);
        // 3 origins in batches of 2: 2 calls, 1/2 s + 50 ms apart; 2 of 400 a day is 0.5 %.
        Assert.Contains("calls: 2 (incremental, batch size 2), spread over 0.55s by the rate limit of 2/s, 0.5% of the daily quota of 400", stdout, StringComparison.Ordinal);
        Assert.Equal("plan: 3 origins, 2 calls over 1 companies", LastLine(stdout));
        Assert.DoesNotContain(AccessKeySecretValue, stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fullSet_company_costs_one_call_carrying_its_whole_set_and_a_set_over_the_maximum_is_refused()
    {
        // Company AKEY1 is fullSet by its Secret's key; AKEY2 follows the flag (incremental).
        static string Using(string name, string origin, string secret) =>
            Origin(name, origin, "t") + $"\n  credentialsSecretRef:\n    name: {secret}\n";
        var stdin = string.Join("\n---\n",
            Using("a", "https://a.partner.com", "full"),
            Using("b", "https://b.partner.com", "full"),
            Using("c", "https://c.partner.com", "full"),
            Using("d", "https://d.partner.com", "plain"),
            Using("e", "https://e.partner.com", "plain"),
            CredentialsSecret("t", "full", "AKEY1") + "\n  registrationStrategy: fullSet",
            CredentialsSecret("t", "plain", "AKEY2"));

        var (code, stdout, stderr) = await PlanAsync(stdin, "-f", "-", "--gong-batch-size", "1");

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("company api.gong.io key:AKEY1 (Secrets: t/full)\n  origins: 3 new, 0 changed, 0 unchanged, would be removed: n/a (needs a cluster: files hold no status)\n  calls: 1 (fullSet: one call per batch of changes, each carrying the whole set of 3 origins)", stdout, StringComparison.Ordinal);
        Assert.Contains("calls: 2 (incremental, batch size 1)", stdout, StringComparison.Ordinal);
        Assert.Equal("plan: 5 origins, 3 calls over 2 companies", LastLine(stdout));

        var (tooLarge, refusal, _) = await PlanAsync(stdin, "-f", "-", "--registration-strategy", "fullSet", "--gong-max-set-size", "2");

        Assert.Equal(PlanCommand.Refused, tooLarge);
        Assert.Contains("calls: 0 (fullSet: one call per batch of changes, each carrying the whole set of 3 origins)", refusal, StringComparison.Ordinal);
        Assert.Contains("the set is over --gong-max-set-size 2: no call is made and its origins would be Stalled SetTooLarge", refusal, StringComparison.Ordinal);
        Assert.Contains("calls: 1 (fullSet: one call per batch of changes, each carrying the whole set of 2 origins)", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Origins_validation_would_refuse_are_listed_with_the_operators_reason_and_exit_1()
    {
        var stdin = string.Join("\n---\n",
            Origin("good", "https://good.partner.com", "t"),
            Origin("port-zero", "https://acme.partner.com:0", "t"),
            Origin("with-path", "https://acme.partner.com/app", "t"),
            Origin("bad-type", "https://acme.partner.com", "t", type: "CHAT"));

        var (code, stdout, _) = await PlanAsync(stdin, "-f", "-");

        Assert.Equal(PlanCommand.Refused, code);
        Assert.Contains("refused t/port-zero: spec.allowedOrigin \"https://acme.partner.com:0\" has an invalid port \"0\": use 1 to 65535, with no leading zero.", stdout, StringComparison.Ordinal);
        Assert.Contains("refused t/with-path: spec.allowedOrigin \"https://acme.partner.com/app\" must be an origin only", stdout, StringComparison.Ordinal);
        Assert.Contains($"refused t/bad-type: spec.integrationType \"CHAT\" is not one of {string.Join(", ", IntegrationTypes.All)}.", stdout, StringComparison.Ordinal);
        Assert.Equal("plan: 4 origins, 1 calls over 1 companies", LastLine(stdout));
    }

    [Fact]
    public async Task A_secret_in_the_input_that_cannot_work_is_named_and_refused()
    {
        var stdin = Origin("o", "https://o.partner.com", "t") + "\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: gong, namespace: gong-operator-system}\nstringData: {accessToken: tok, accessKey: k}\n";

        var (code, stdout, _) = await PlanAsync(stdin, "-f", "-", "--default-credentials-secret", "gong-operator-system/gong");

        Assert.Equal(PlanCommand.Refused, code);
        Assert.Contains("refused t/o: The credentials Secret gong-operator-system/gong must hold either accessKey and accessKeySecret, or accessToken, or clientId, clientSecret and refreshToken, and only one kind.", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("tok", stdout.Replace("token", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JSON_and_kind_List_as_kubectl_prints_them_are_read()
    {
        var json = """
            {"apiVersion": "v1", "kind": "List", "items": [
              {"apiVersion": "gongoperator.io/v1alpha1", "kind": "GongIntegrationOrigin", "metadata": {"name": "a", "namespace": "t"},
               "spec": {"integrationType": "DIALER", "allowedOrigin": "https://a.partner.com"}},
              {"apiVersion": "gongoperator.io/v1alpha1", "kind": "GongIntegrationOrigin", "metadata": {"name": "b", "namespace": "t"},
               "spec": {"integrationType": "EMAIL_COMPOSER", "allowedOrigin": "https://b.partner.com"}}]}
            {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "ignored"}}
            """;
        var file = Path.Combine(Path.GetTempPath(), $"plan-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, json, TestContext.Current.CancellationToken);
        try
        {
            var (code, stdout, stderr) = await PlanAsync("", "-f", file);

            Assert.True(code == 0, stdout + stderr);
            Assert.Equal("plan: 2 origins, 1 calls over 1 companies", LastLine(stdout));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Help_says_the_calls_are_a_minimum()
    {
        var (code, stdout, _) = await PlanAsync("", "--help");

        Assert.Equal(0, code);
        Assert.Contains("The calls are a minimum: the fewest needed when every change reaches the operator at once", stdout, StringComparison.Ordinal);
        Assert.Contains("Changes that arrive over time, as a large apply's do, leave in more calls.", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--gong-batch-size=0", "--gong-batch-size")]
    [InlineData("--no-such-flag", "--no-such-flag")]
    [InlineData("--registration-strategy=sometimes", "--registration-strategy")]
    public async Task Bad_flags_give_one_line_and_exit_2(string flag, string named)
    {
        var (code, stdout, stderr) = await PlanAsync(Origin("o", "https://o.partner.com"), "-f", "-", flag);

        Assert.Equal(GongOperatorCli.UsageError, code);
        Assert.Empty(stdout);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(named, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_and_a_cluster_together_unreadable_input_and_a_missing_file_exit_2()
    {
        Assert.Equal(GongOperatorCli.UsageError, (await PlanAsync("", "-f", "-", "--kubeconfig", "/tmp/k")).Code);
        Assert.Equal(GongOperatorCli.UsageError, (await PlanAsync("kind: [unclosed", "-f", "-")).Code);
        var (code, _, stderr) = await PlanAsync("", "-f", "/no/such/file.yaml");
        Assert.Equal(GongOperatorCli.UsageError, code);
        Assert.Contains("/no/such/file.yaml", stderr, StringComparison.Ordinal);
    }
}
