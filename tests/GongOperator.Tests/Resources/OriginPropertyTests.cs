using System.Text.Json.Nodes;
using GongOperator.Crd;
using GongOperator.Kubernetes.Controllers;
using GongOperator.LocalCluster.Schema;
using GongOperator.Reconciliation;
using GongOperator.Resources;
using GongOperator.Tests.Support;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GongOperator.Tests.Resources;

/// <summary>
/// 1,000 generated origins, from the grammar and its near misses, judged by the CRD's schema (the embedded API
/// server's validator, on the generated CRD) and by the operator's own rules: the two must agree on every one, and
/// the operator must make no Gong call for a refused one (and one for each accepted one).
/// </summary>
public sealed class OriginPropertyTests
{
    private const int Seed = 14_2026;
    private const int Count = 1000;

    [Fact]
    public async Task The_schema_and_the_operator_judge_every_generated_origin_alike_and_a_refused_one_costs_no_call()
    {
        var schema = StructuralSchema.Parse(CrdSchema());
        var grammar = new OriginGrammar(Seed);
        var origins = Enumerable.Range(0, Count).Select(_ => grammar.Next()).ToList();

        var disagreements = new List<string>();
        var refused = new List<int>();
        for (var i = 0; i < origins.Count; i++)
        {
            var schemaErrors = SchemaErrors(schema, origins[i]);
            var operatorError = RegistrationPlanner.ValidateSpec(Spec(origins[i]));
            if ((schemaErrors.Count > 0) != (operatorError is not null))
            {
                disagreements.Add($"{Show(origins[i])}: schema {(schemaErrors.Count > 0 ? string.Join("; ", schemaErrors) : "accepts")}, operator {operatorError ?? "accepts"}");
            }

            if (operatorError is not null)
            {
                refused.Add(i);
            }
        }

        Assert.True(disagreements.Count == 0, $"seed {Seed}: {disagreements.Count} disagreements:\n" + string.Join('\n', disagreements.Take(20)));
        // Both sides of every rule are exercised, not a run of easy cases.
        Assert.InRange(refused.Count, Count * 3 / 10, Count * 7 / 10);

        var (calls, stalledInvalid) = await ReconcileAllAsync(origins);
        Assert.Equal(Count - refused.Count, calls.Count);
        Assert.All(refused, i => Assert.DoesNotContain(origins[i], calls));
        Assert.Equal(refused.Count, stalledInvalid);
    }

    [Fact]
    public void The_schema_refuses_ports_0_and_70000_and_a_254_character_host_itself()
    {
        var schema = StructuralSchema.Parse(CrdSchema());
        var longHost = string.Join('.', Enumerable.Repeat(new string('a', 63), 4));

        Assert.Contains("should match", Assert.Single(SchemaErrors(schema, "https://acme.partner.com:0")), StringComparison.Ordinal);
        Assert.Contains("should match", Assert.Single(SchemaErrors(schema, "https://acme.partner.com:70000")), StringComparison.Ordinal);
        Assert.Contains("should match", Assert.Single(SchemaErrors(schema, "http://" + longHost)), StringComparison.Ordinal);
        Assert.Empty(SchemaErrors(schema, "https://acme.partner.com:65535"));
    }

    /// <summary>Every origin through the reconciler (in-memory cache and Gong client): which reached Gong, how many stalled as InvalidSpec.</summary>
    private static async Task<(List<string> Calls, int StalledInvalid)> ReconcileAllAsync(List<string> origins)
    {
        var store = new FakeOriginStore();
        var gong = new FakeRegistrar();
        var secretKey = new ObjectKey("ops", "gong");
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "gong", NamespaceProperty = "ops", ResourceVersion = "1" },
            Data = new Dictionary<string, byte[]> { ["accessKey"] = "key"u8.ToArray(), ["accessKeySecret"] = "value"u8.ToArray() },
        };
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero));
        var reconciler = new OriginReconciler(
            store,
            new PendingRegistrations(),
            new CredentialsResolver(k => k == secretKey ? secret : null, secretKey, new Uri("https://api.gong.io")),
            new RegistrationPlanner(TimeSpan.FromHours(24)),
            TestRegistrars.WithoutOAuth(gong, time),
            store,
            store,
            new OperatorMetrics(Prometheus.Metrics.NewCustomRegistry()),
            NullLogger<OriginReconciler>.Instance,
            time);

        for (var i = 0; i < origins.Count; i++)
        {
            var key = new ObjectKey("t", $"o{i}");
            store.Put(new GongIntegrationOrigin { Metadata = new V1ObjectMeta { Name = key.Name, NamespaceProperty = key.Namespace, Generation = 1 }, Spec = Spec(origins[i]) });
            await reconciler.ReconcileAsync(key, TestContext.Current.CancellationToken);
        }

        var stalled = Enumerable.Range(0, origins.Count)
            .Count(i => store.Get(new ObjectKey("t", $"o{i}"))?.ReadyReason() == OriginReasons.InvalidSpec);
        return (gong.Calls.Select(c => c.Origin.AllowedOrigin).ToList(), stalled);
    }

    private static GongIntegrationOriginSpec Spec(string allowedOrigin) => new() { IntegrationType = "DIALER", AllowedOrigin = allowedOrigin };

    /// <summary>What the embedded server does to a custom resource on create: prune, default, validate.</summary>
    private static List<string> SchemaErrors(StructuralSchema schema, string allowedOrigin)
    {
        var obj = new JsonObject
        {
            ["apiVersion"] = GongIntegrationOrigin.ApiVersionValue,
            ["kind"] = GongIntegrationOrigin.KindName,
            ["metadata"] = new JsonObject { ["name"] = "o", ["namespace"] = "t" },
            ["spec"] = new JsonObject { ["integrationType"] = "DIALER", ["allowedOrigin"] = allowedOrigin },
        };
        schema.Prune(obj);
        schema.ApplyDefaults(obj);
        return schema.Validate(obj).Select(e => e.ToString()).ToList();
    }

    private static JsonObject CrdSchema()
    {
        var crd = CrdGenerator.Generate(typeof(GongIntegrationOrigin));
        return JsonNode.Parse(KubernetesJson.Serialize(crd.Spec.Versions[0].Schema.OpenAPIV3Schema))!.AsObject();
    }

    private static string Show(string origin) => System.Text.Json.JsonSerializer.Serialize(origin);
}
