using System.Security.Cryptography;
using System.Text;
using GongOperator.Resources;

namespace GongOperator.Reconciliation;

/// <summary>
/// Decides, from the object alone, whether an origin needs a Gong call now. Pure: no I/O, time passed in.
/// The order of the checks is the policy; each check is one small rule.
/// </summary>
public sealed class RegistrationPlanner
{
    /// <summary>Default period of re-assertion (drift repair): 24 hours.</summary>
    public static readonly TimeSpan DefaultReassertPeriod = TimeSpan.FromHours(24);

    /// <summary>Re-assertions are spread over this fraction of the period after it, per object.</summary>
    public const double ReassertJitterFraction = 0.1;

    private readonly TimeSpan _reassertPeriod;

    /// <summary>Creates a planner; a zero period disables periodic re-assertion.</summary>
    public RegistrationPlanner(TimeSpan reassertPeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(reassertPeriod, TimeSpan.Zero);
        _reassertPeriod = reassertPeriod;
    }

    /// <summary>Plans the next step for <paramref name="origin"/>; <paramref name="credentialsVersion"/> is the Secret's resourceVersion.</summary>
    public RegistrationPlan Plan(GongIntegrationOrigin origin, string? credentialsVersion, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var annotations = origin.Metadata.Annotations;
        if (annotations?.TryGetValue(OriginAnnotations.Paused, out var paused) == true
            && string.Equals(paused, "true", StringComparison.OrdinalIgnoreCase))
        {
            return new RegistrationPlan.Paused();
        }

        if (ValidateSpec(origin.Spec) is { } invalid)
        {
            return new RegistrationPlan.Invalid(invalid);
        }

        var status = origin.Status;
        var generation = origin.Metadata.Generation ?? 1;
        if (annotations?.TryGetValue(OriginAnnotations.Reassert, out var token) == true
            && !string.IsNullOrEmpty(token)
            && token != status?.ReassertToken)
        {
            return new RegistrationPlan.Register(RegistrationCause.ReassertRequested);
        }

        if (status is null || status.ObservedGeneration != generation)
        {
            return new RegistrationPlan.Register(status?.RegisteredOrigin is null ? RegistrationCause.New : RegistrationCause.SpecChanged);
        }

        var ready = IsReady(status);
        if (!ready && credentialsVersion is not null && credentialsVersion != status.CredentialsVersion && WaitsForCredentials(origin))
        {
            return new RegistrationPlan.Register(RegistrationCause.CredentialsChanged);
        }

        if (status.NextRetryTime is { } retry && ToOffset(retry) > now)
        {
            return new RegistrationPlan.Wait(ToOffset(retry));
        }

        // A wait has passed (or a transient failure hit an origin Gong already had): try again.
        if (!ready || status.NextRetryTime is not null)
        {
            return new RegistrationPlan.Register(RegistrationCause.Retry);
        }

        if (_reassertPeriod == TimeSpan.Zero || status.LastRegisteredTime is null)
        {
            return new RegistrationPlan.UpToDate(null);
        }

        var due = ToOffset(status.LastRegisteredTime.Value) + _reassertPeriod * (1 + (ReassertJitterFraction * Spread(origin)));
        return now >= due
            ? new RegistrationPlan.Register(RegistrationCause.PeriodicReassert)
            : new RegistrationPlan.UpToDate(due);
    }

    /// <summary>Defence in depth: the same rules as the CRD schema, for objects written past it.</summary>
    public static string? ValidateSpec(GongIntegrationOriginSpec? spec)
    {
        if (spec is null)
        {
            return "spec is required.";
        }

        if (!IntegrationTypes.All.Contains(spec.IntegrationType))
        {
            return $"spec.integrationType \"{spec.IntegrationType}\" is not one of {string.Join(", ", IntegrationTypes.All)}.";
        }

        if (OriginRules.Validate(spec.AllowedOrigin) is { } origin)
        {
            return origin;
        }

        var secret = spec.CredentialsSecretRef?.Name;
        if (secret is not null && (secret.Length == 0 || secret.Contains('/', StringComparison.Ordinal)))
        {
            return $"spec.credentialsSecretRef.name \"{secret}\" must name a Secret in the resource's own namespace.";
        }

        return null;
    }

    /// <summary>Only a failure the credentials caused ends its wait when the Secret changes (a 400 does not): the reason table says which.</summary>
    private static bool WaitsForCredentials(GongIntegrationOrigin origin) =>
        OriginReasons.Find(origin.ReadyReason())?.EndsWaitOnSecretChange == true;

    private static bool IsReady(GongIntegrationOriginStatus status) =>
        status.Conditions?.Any(c => c.Type == ConditionTypes.Ready && c.Status == "True") == true;

    /// <summary>A stable number in [0, 1) per object, so re-assertions of many origins do not all fall due at once.</summary>
    private static double Spread(GongIntegrationOrigin origin)
    {
        var identity = origin.Metadata.Uid ?? $"{origin.Metadata.NamespaceProperty}/{origin.Metadata.Name}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(identity));
        return BitConverter.ToUInt32(hash, 0) / (uint.MaxValue + 1.0);
    }

    private static DateTimeOffset ToOffset(DateTime time) =>
        new(DateTime.SpecifyKind(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time, DateTimeKind.Utc));
}
