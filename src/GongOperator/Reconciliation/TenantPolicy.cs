namespace GongOperator.Reconciliation;

/// <summary>
/// The platform team's policy on who may use the operator-wide default credentials and what they may register with
/// them (issue 16). The default trusts every namespace and allows any origin, as before the policy existed.
/// </summary>
/// <param name="NamespaceMayUseDefault">Whether a namespace may use the default Secret (<c>--default-credentials-namespace-selector</c>).</param>
/// <param name="NamespaceSelector">The selector as given, for messages; null: every namespace may.</param>
/// <param name="DefaultAllowedOriginSuffixes">The suffixes origins using the default Secret must be under; null: any.</param>
public sealed record TenantPolicy(Func<string, bool> NamespaceMayUseDefault, string? NamespaceSelector, OriginSuffixes? DefaultAllowedOriginSuffixes)
{
    /// <summary>Every namespace may use the default Secret, for any origin.</summary>
    public static TenantPolicy Trusting { get; } = new(_ => true, null, null);

    /// <summary>
    /// The policy of the operator's settings. <paramref name="selected"/> says whether a namespace matches
    /// <c>--default-credentials-namespace-selector</c>; it is asked only when there is a selector.
    /// </summary>
    public static TenantPolicy From(Configuration.OperatorOptions options, Func<string, bool> selected)
    {
        ArgumentNullException.ThrowIfNull(options);
        var selector = options.DefaultCredentialsNamespaceSelector is { Length: > 0 } given ? given : null;
        return new(
            ns => selector is null || selected(ns),
            selector,
            options.DefaultAllowedOriginSuffixes is { } suffixes ? new OriginSuffixes("--default-allowed-origin-suffixes", suffixes) : null);
    }
}
