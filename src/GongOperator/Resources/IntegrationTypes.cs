namespace GongOperator.Resources;

/// <summary>The integration types Gong accepts.</summary>
public static class IntegrationTypes
{
    public const string EmailComposer = "EMAIL_COMPOSER";
    public const string AccountPages = "ACCOUNT_PAGES";
    public const string Dialer = "DIALER";

    /// <summary>All accepted values, in the order the CRD lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [EmailComposer, AccountPages, Dialer];
}
