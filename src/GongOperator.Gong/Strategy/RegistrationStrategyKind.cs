namespace GongOperator.Gong;

/// <summary>How calls for a company are composed (see README: Gong does not document whether a POST adds or replaces).</summary>
public enum RegistrationStrategyKind
{
    /// <summary>Each new or changed origin is sent, batched with others waiting for the same company. The default.</summary>
    Incremental,

    /// <summary>
    /// Every call carries the company's whole desired set (from <see cref="ICompanyOriginSets"/>), so leaving an origin
    /// out removes it from a Gong whose POST replaces the list. Unchanged sets cost no call: only changes enqueue one.
    /// </summary>
    FullSet,
}
