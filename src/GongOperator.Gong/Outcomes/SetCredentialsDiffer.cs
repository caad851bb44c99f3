namespace GongOperator.Gong;

/// <summary>
/// No call was made: the company's whole set (<see cref="RegistrationStrategyKind.FullSet"/>) spans origins whose
/// Secrets give the company different credentials (the same access key id with different secrets). One call carries
/// one set of credentials, so it would either register another Secret's origins with these credentials (credentials
/// never mix) or, by leaving them out, delete them.
/// </summary>
public sealed record SetCredentialsDiffer : RegistrationOutcome
{
    /// <summary>Creates the outcome.</summary>
    public SetCredentialsDiffer(int credentialSets)
        : base(null, null)
    {
        CredentialSets = credentialSets;
    }

    /// <summary>How many different credentials the company's origins use.</summary>
    public int CredentialSets { get; }
}
