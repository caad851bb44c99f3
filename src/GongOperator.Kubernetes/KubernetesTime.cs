namespace GongOperator.Kubernetes;

/// <summary>Time as Kubernetes stores it: metav1.Time travels as RFC 3339 with whole seconds.</summary>
public static class KubernetesTime
{
    /// <summary>The UTC time rounded down to the second, so a value written compares equal to the value read back.</summary>
    public static DateTime WholeSeconds(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }
}
