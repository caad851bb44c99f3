using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Resources;

namespace GongOperator.LocalCluster.Strategies;

/// <summary>events.k8s.io/v1 Events: read in their own form from the stored core/v1 Events (writes go through <c>Server/EventsViewWrites</c>).</summary>
internal sealed class EventsViewStrategy : ResourceStrategy
{
    public override JsonObject ForRead(JsonObject stored) => EventViews.ToView(stored);
}
