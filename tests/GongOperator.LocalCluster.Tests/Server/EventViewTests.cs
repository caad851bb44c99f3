using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Tests.Server;

public sealed class EventViewTests
{
    [Fact]
    public async Task An_events_k8s_io_event_is_readable_as_a_core_event_and_back()
    {
        await using var cluster = await TestCluster.StartAsync();
        var ev = JsonNode.Parse("""
            {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"w.17"},
             "eventTime":"2026-01-01T00:00:00.000000Z","reportingController":"gong-operator","reportingInstance":"pod-1",
             "action":"Register","reason":"Registered","type":"Normal","note":"origin registered",
             "regarding":{"apiVersion":"example.com/v1","kind":"Widget","name":"alpha","namespace":"default","uid":"u-1"}}
            """)!;
        var (code, created) = await cluster.PostAsync("/apis/events.k8s.io/v1/namespaces/default/events", ev);
        Assert.Equal(201, code);
        Assert.Equal("origin registered", created!["note"]!.GetValue<string>());

        var (_, core) = await cluster.GetAsync("/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dalpha");
        var item = core!["items"]![0]!;
        Assert.Equal("origin registered", item["message"]!.GetValue<string>());
        Assert.Equal("gong-operator", item["reportingComponent"]!.GetValue<string>());
        Assert.Equal("Widget", item["involvedObject"]!["kind"]!.GetValue<string>());

        var (_, view) = await cluster.GetAsync("/apis/events.k8s.io/v1/namespaces/default/events/w.17");
        Assert.Equal("events.k8s.io/v1", view!["apiVersion"]!.GetValue<string>());
        Assert.Equal("alpha", view["regarding"]!["name"]!.GetValue<string>());
        Assert.Equal(item["metadata"]!["uid"]!.GetValue<string>(), view["metadata"]!["uid"]!.GetValue<string>());
    }
}
