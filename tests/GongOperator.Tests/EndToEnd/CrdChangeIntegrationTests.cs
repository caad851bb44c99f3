using System.Net;
using GongOperator.Reconciliation;
using GongOperator.Resources;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace GongOperator.Tests.EndToEnd;

/// <summary>What the operator does with objects the CRD's schema no longer guards (the CRD is changed for the test).</summary>
[Collection(nameof(SharedCrdChanges))]
public sealed class CrdChangeIntegrationTests
{
    private static readonly string CrdName = $"{GongIntegrationOrigin.Plural}.{GongIntegrationOrigin.Group}";

    [Fact]
    public async Task An_invalid_origin_written_past_the_schema_is_Stalled_by_the_operator_without_a_call()
    {
        await using var env = await OperatorEnvironment.StartAsync();
        var pattern = await SetOriginPatternAsync(env, null);
        try
        {
            // A real API server swaps the resource's storage a moment after the CRD update: until then the old schema
            // still refuses the origin. Wait (bounded) until the new schema is the one served.
            await Eventually.HoldsAsync(() => AcceptsOriginAsync(env, "https://acme.partner.com/path"), "the loosened schema is served");
            await env.CreateOriginAsync("past-schema", "https://acme.partner.com/path");

            var origin = await env.WaitForReasonAsync("past-schema", OriginReasons.InvalidSpec);
            var stalled = origin.Status!.Conditions!.Single(c => c.Type == ConditionTypes.Stalled);
            Assert.Equal("True", stalled.Status);
            Assert.Contains("remove the path, query or fragment", stalled.Message, StringComparison.Ordinal);
            Assert.Equal(0, env.GongCalls);
        }
        finally
        {
            await SetOriginPatternAsync(env, pattern);

            // Whatever runs next on a shared cluster gets the schema back, not the loosened one.
            await Eventually.HoldsAsync(async () => !await AcceptsOriginAsync(env, "https://acme.partner.com/path"), "the original schema is served again");
        }
    }

    /// <summary>Sets the pattern of spec.allowedOrigin in the served version's schema; returns the previous one.</summary>
    private static async Task<string?> SetOriginPatternAsync(OperatorEnvironment env, string? pattern)
    {
        var crd = await env.Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(CrdName, cancellationToken: TestContext.Current.CancellationToken);
        var allowedOrigin = crd.Spec.Versions[0].Schema.OpenAPIV3Schema.Properties["spec"].Properties["allowedOrigin"];
        var previous = allowedOrigin.Pattern;
        allowedOrigin.Pattern = pattern;
        await env.Client.ApiextensionsV1.ReplaceCustomResourceDefinitionAsync(crd, CrdName, cancellationToken: TestContext.Current.CancellationToken);
        return previous;
    }

    /// <summary>Whether the server accepts an origin with <paramref name="allowedOrigin"/> now (a dry run: nothing is stored).</summary>
    private static async Task<bool> AcceptsOriginAsync(OperatorEnvironment env, string allowedOrigin)
    {
        var origin = new GongIntegrationOrigin
        {
            Metadata = new V1ObjectMeta { Name = "schema-probe", NamespaceProperty = env.Namespace },
            Spec = new GongIntegrationOriginSpec { IntegrationType = IntegrationTypes.Dialer, AllowedOrigin = allowedOrigin },
        };
        try
        {
            await env.Client.CustomObjects.CreateNamespacedCustomObjectAsync(
                origin, GongIntegrationOrigin.Group, GongIntegrationOrigin.Version, env.Namespace, GongIntegrationOrigin.Plural,
                dryRun: "All", cancellationToken: TestContext.Current.CancellationToken);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.UnprocessableEntity)
        {
            return false;
        }
    }
}
