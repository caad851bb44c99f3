using GongOperator.Gong;
using GongOperator.Resources;

namespace GongOperator.Reconciliation;

/// <summary>
/// What the fullSet strategy adds to a reconcile: which origins use it (the Secret's registrationStrategy key wins
/// over the flag), and the finalizer that holds a deleted origin until a call without it has succeeded.
/// </summary>
public sealed class FullSetRegistration(RegistrationStrategyKind defaultStrategy, IFinalizerWriter finalizers)
{
    /// <summary>The finalizer; only origins of fullSet companies carry it.</summary>
    public const string Finalizer = "gongoperator.io/registration";

    /// <summary>Set with the finalizer's release when a call without the origin succeeded (the deletion Event reads it).</summary>
    public const string RemovedAnnotation = "gongoperator.io/removed-from-gong";

    /// <summary>Adds and releases the finalizer.</summary>
    public IFinalizerWriter Finalizers { get; } = finalizers;

    /// <summary>True when the origin's company, as its credentials resolve now, registers its whole set per call.</summary>
    public bool UsesFullSet(Credentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return credentials.Company is { } company && (company.Strategy ?? defaultStrategy) == RegistrationStrategyKind.FullSet;
    }

    /// <summary>True when the origin carries the finalizer.</summary>
    public static bool Holds(GongIntegrationOrigin origin) =>
        origin?.Metadata.Finalizers?.Contains(Finalizer, StringComparer.Ordinal) == true;
}
