using System.Text.RegularExpressions;
using GongOperator.LocalCluster.Errors;

namespace GongOperator.LocalCluster.Validation;

/// <summary>The metadata.name rules kube-apiserver applies per kind (apimachinery's NameIsDNSSubdomain, NameIsDNSLabel, ValidatePathSegmentName), with its messages.</summary>
internal static partial class NameRules
{
    private const string SubdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private const string LabelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    /// <summary>Most kinds: a DNS subdomain of at most 253 characters.</summary>
    public static IEnumerable<StatusCause> Subdomain(string name)
    {
        if (name.Length > 253 || !SubdomainPattern().IsMatch(name))
        {
            yield return new("FieldValueInvalid", $"Invalid value: \"{name}\": {SubdomainMessage}", "metadata.name");
        }
    }

    /// <summary>Namespaces: a DNS label of at most 63 characters.</summary>
    public static IEnumerable<StatusCause> Label(string name)
    {
        if (name.Length > 63 || !LabelPattern().IsMatch(name))
        {
            yield return new("FieldValueInvalid", $"Invalid value: \"{name}\": {LabelMessage}", "metadata.name");
        }
    }

    /// <summary>RBAC kinds: anything usable as one URL path segment.</summary>
    public static IEnumerable<StatusCause> PathSegment(string name)
    {
        if (name is "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('%', StringComparison.Ordinal))
        {
            yield return new("FieldValueInvalid", $"Invalid value: \"{name}\": may not contain '/' or '%'", "metadata.name");
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex SubdomainPattern();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex LabelPattern();
}
