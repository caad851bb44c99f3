using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Server;

/// <summary>The answer to a write: its HTTP status (201 for a create, 200 otherwise) and the body.</summary>
internal sealed record WriteResult(int Code, JsonObject Body)
{
    public static WriteResult Created(JsonObject body) => new(201, body);

    public static WriteResult Ok(JsonObject body) => new(200, body);

    /// <summary>The same status with the body in another form (e.g. the events.k8s.io view, or a Scale).</summary>
    public WriteResult With(JsonObject body) => this with { Body = body };
}
