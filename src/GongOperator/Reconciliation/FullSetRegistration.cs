using GongOperator.Resources;

namespace GongOperator.Reconciliation;

/// <summary>
/// The names the fullSet strategy writes on an origin: the finalizer that holds a deleted origin until a call without
/// it has succeeded, and the mark its deletion Event reads. Which origins carry the finalizer is the planner's call
/// (<see cref="RegistrationPlanner.UsesFullSet"/>); adding and releasing it is <see cref="IFinalizerWriter"/>'s.
/// </summary>
public static class FullSetRegistration
{
    /// <summary>The finalizer; only origins of fullSet companies carry it.</summary>
    public const string Finalizer = "gongoperator.io/registration";

    /// <summary>Set with the finalizer's release when a call without the origin succeeded (the deletion Event reads it).</summary>
    public const string RemovedAnnotation = "gongoperator.io/removed-from-gong";

    /// <summary>True when the origin carries the finalizer.</summary>
    public static bool Holds(GongIntegrationOrigin origin) =>
        origin?.Metadata.Finalizers?.Contains(Finalizer, StringComparer.Ordinal) == true;
}
