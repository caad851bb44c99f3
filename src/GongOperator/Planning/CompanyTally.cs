using GongOperator.Gong;
using GongOperator.Resources;

namespace GongOperator.Planning;

/// <summary>Counts for one company while <see cref="FleetPlanner"/> walks the origins.</summary>
internal sealed class CompanyTally(string label)
{
    public string Label { get; } = label;

    public HashSet<string> Secrets { get; } = new(StringComparer.Ordinal);

    /// <summary>What the origins ask for now.</summary>
    public HashSet<OriginRegistration> Desired { get; } = [];

    /// <summary>What status says Gong was last told (origins being deleted included).</summary>
    public HashSet<OriginRegistration> Registered { get; } = [];

    public int New { get; set; }

    public int Changed { get; set; }

    public int Unchanged { get; set; }

    public int DueAgain { get; set; }

    public void AddRegistered(GongIntegrationOrigin origin)
    {
        if (origin.Status is { RegisteredOrigin: { } registered, RegisteredIntegrationType: { } type })
        {
            Registered.Add(new OriginRegistration(type, registered));
        }
    }
}
