namespace GongOperator.Reconciliation;

/// <summary>Why a registration is made.</summary>
public enum RegistrationCause
{
    /// <summary>Never registered.</summary>
    New,

    /// <summary>The spec changed since the last registration.</summary>
    SpecChanged,

    /// <summary>The periodic re-assertion is due (drift repair).</summary>
    PeriodicReassert,

    /// <summary>The reassert annotation has a new value.</summary>
    ReassertRequested,

    /// <summary>A wait after a failure has passed.</summary>
    Retry,

    /// <summary>The credentials Secret changed since the last attempt.</summary>
    CredentialsChanged,
}
