namespace GongOperator.Gong;

/// <summary>How calls for a company are composed (see README: Gong does not document whether a POST adds or replaces).</summary>
public enum RegistrationStrategyKind
{
    /// <summary>Each new or changed origin is sent, batched with others waiting for the same company. The default.</summary>
    Incremental,

    /// <summary>Every call carries the company's whole desired set. NOT IMPLEMENTED: choosing it fails options validation.</summary>
    FullSet,
}
