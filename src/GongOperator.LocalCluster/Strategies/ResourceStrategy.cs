using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Validation;

namespace GongOperator.LocalCluster.Strategies;

/// <summary>
/// The strategy of a kind without rules of its own (ServiceAccounts, Pods, Leases, Events…): a DNS
/// subdomain name and no other hook. Kinds with rules derive from it and override only what is theirs.
/// </summary>
internal class ResourceStrategy : IResourceStrategy
{
    public virtual IReadOnlyList<string> NameErrors(string name, bool prefix) => NameRules.Subdomain(name, prefix);

    public virtual IReadOnlyList<string> DropUnknownFields(JsonObject obj) => [];

    public virtual void PrepareForCreate(JsonObject obj, string now)
    {
    }

    public virtual void PrepareForUpdate(JsonObject obj, JsonObject old, string now)
    {
    }

    public virtual IEnumerable<StatusCause> Validate(JsonObject obj) => [];

    public virtual void SimulateControllers(JsonObject obj, JsonObject? old, string now)
    {
    }

    public virtual void AfterCommit(JsonObject stored, JsonObject? previous)
    {
    }

    public virtual void OnDelete(JsonObject deleted)
    {
    }

    public virtual JsonObject ForRead(JsonObject stored) => stored;
}
