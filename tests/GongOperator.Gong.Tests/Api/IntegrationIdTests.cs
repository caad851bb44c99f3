using System.Net;
using System.Text.Json;
using GongOperator.Gong.Api;
using GongOperator.Gong.Tests.Support;

namespace GongOperator.Gong.Tests.Api;

public sealed class IntegrationIdTests
{
    private static long? IdOf(string json)
    {
        var parsed = JsonSerializer.Deserialize(json, GongJsonContext.Default.IntegrationSettingsResponse);
        return parsed!.TryGetIntegrationId(out var id) ? id : null;
    }

    [Theory]
    [InlineData("5517027188234205706", 5517027188234205706L)]
    [InlineData("5517027188234206001", 5517027188234206001L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void IntegrationId_is_read_exactly_from_a_JSON_number(string digits, long expected)
    {
        var id = IdOf($$"""{"requestId":"r1","integrationId":{{digits}}}""");

        Assert.Equal(expected, id);
        Assert.Equal(digits, id!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("5517027188234205706", 5517027188234205706L)]
    [InlineData("5517027188234206001", 5517027188234206001L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void IntegrationId_is_read_exactly_from_a_JSON_string(string digits, long expected)
    {
        Assert.Equal(expected, IdOf($$"""{"requestId":"r1","integrationId":"{{digits}}"}"""));
    }

    [Fact]
    public void The_truncated_rendering_a_double_produces_is_a_different_id()
    {
        // Gong's rendered page shows 5517027188234205706 as 5517027188234206000: what a double does.
        var id = IdOf("""{"integrationId":5517027188234205706}""");

        Assert.NotEqual(5517027188234206000L, id);
        Assert.Equal(5517027188234205706L, id);
    }

    [Theory]
    [InlineData("5517027188234205706")]
    [InlineData("\"5517027188234206001\"")]
    [InlineData("9223372036854775807")]
    public async Task A_registration_carries_the_exact_id_Gong_sent(string idJson)
    {
        await using var harness = new GongClientHarness();
        harness.Gong.Respond(_ => StubGong.Json(HttpStatusCode.OK, $$"""{"requestId":"4al018gzaztcr8nbukw","integrationId":{{idJson}}}"""));

        var outcome = await harness.Drive(harness.Register(Companies.Acme, "https://acme.partner.com"));

        var registered = Assert.IsType<Registered>(outcome);
        Assert.Equal(long.Parse(idJson.Trim('"'), System.Globalization.CultureInfo.InvariantCulture), registered.IntegrationId);
        Assert.Equal("4al018gzaztcr8nbukw", registered.RequestId);
    }

    [Fact]
    public void Unknown_fields_are_ignored_and_errors_are_read_leniently()
    {
        var parsed = JsonSerializer.Deserialize(
            """{"requestId":"r9","integrationId":1,"newField":{"deep":[1,2]},"errors":["bad origin",{"code":7}],"RequestIdAlt":null}""",
            GongJsonContext.Default.IntegrationSettingsResponse);

        Assert.Equal("r9", parsed!.RequestId);
        Assert.Equal(["bad origin", """{"code":7}"""], parsed.Errors);
    }

    [Theory]
    [InlineData("5.517027188234206E18")]
    [InlineData("9223372036854775808")]
    [InlineData("1.5")]
    [InlineData("\"12x\"")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("[1]")]
    public void An_id_that_is_not_an_Int64_is_not_accepted_and_costs_nothing_else(string idJson)
    {
        var parsed = JsonSerializer.Deserialize($$"""{"requestId":"r","integrationId":{{idJson}},"errors":["e"]}""", GongJsonContext.Default.IntegrationSettingsResponse);

        Assert.False(parsed!.TryGetIntegrationId(out _));
        Assert.Equal("r", parsed.RequestId);
        Assert.Equal(["e"], parsed.Errors);
    }
}
