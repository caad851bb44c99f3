using System.Text;
using System.Text.RegularExpressions;

namespace GongOperator.LocalCluster.Validation;

/// <summary>
/// Kubernetes' name and key formats (apimachinery <c>util/validation</c> and <c>api/validation/path</c>), each returning
/// the real server's messages, in its order; an empty list means valid.
/// </summary>
internal static partial class NameRules
{
    private const string Dns1123SubdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private const string Dns1123SubdomainFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private const string Dns1123LabelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private const string Dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1035LabelMessage = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
    private const string Dns1035LabelFormat = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private const string QualifiedNameMessage = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string LabelValueMessage = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string LabelValueFormat = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
    private const string EmptyError = "must be non-empty";

    /// <summary>NameIsDNSSubdomain: most kinds' names (at most 253 characters).</summary>
    public static IReadOnlyList<string> Subdomain(string name, bool prefix) => Dns1123Subdomain(prefix ? MaskTrailingDash(name) : name);

    /// <summary>NameIsDNSLabel: namespace names (at most 63 characters, no dots).</summary>
    public static IReadOnlyList<string> Label(string name, bool prefix) => Dns1123Label(prefix ? MaskTrailingDash(name) : name);

    /// <summary>NameIsDNS1035Label: Service names (a label that starts with a letter).</summary>
    public static IReadOnlyList<string> Dns1035Label(string name, bool prefix) =>
        LengthAndPattern(prefix ? MaskTrailingDash(name) : name, 63, Dns1035LabelPattern(), () => RegexError(Dns1035LabelMessage, Dns1035LabelFormat, "my-name", "abc-123"));

    /// <summary>ValidatePathSegmentName: RBAC kinds and core Events (anything usable as one URL path segment).</summary>
    public static IReadOnlyList<string> PathSegment(string name, bool prefix)
    {
        if (!prefix && name is "." or "..")
        {
            return [$"may not be '{name}'"];
        }

        var errors = new List<string>();
        foreach (var illegal in new[] { "/", "%" })
        {
            if (name.Contains(illegal, StringComparison.Ordinal))
            {
                errors.Add($"may not contain '{illegal}'");
            }
        }

        return errors;
    }

    /// <summary>IsQualifiedName: label and annotation keys, an optional DNS subdomain prefix and a name of at most 63 characters.</summary>
    public static IReadOnlyList<string> QualifiedName(string value)
    {
        var errors = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                name = parts[1];
                if (parts[0].Length == 0)
                {
                    errors.Add("prefix part " + EmptyError);
                }
                else
                {
                    errors.AddRange(Dns1123Subdomain(parts[0]).Select(e => "prefix part " + e));
                }

                break;
            default:
                return [$"a qualified name {RegexError(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc")} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
        }

        if (name.Length == 0)
        {
            errors.Add("name part " + EmptyError);
        }
        else if (Bytes(name) > 63)
        {
            errors.Add("name part " + MaxLenError(63));
        }

        if (!QualifiedNamePattern().IsMatch(name))
        {
            errors.Add("name part " + RegexError(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc"));
        }

        return errors;
    }

    /// <summary>IsValidLabelValue: empty, or at most 63 characters of a qualified name's alphabet.</summary>
    public static IReadOnlyList<string> LabelValue(string value) =>
        LengthAndPattern(value, 63, LabelValuePattern(), () => RegexError(LabelValueMessage, LabelValueFormat, "MyValue", "my_value", "12345"));

    private static List<string> Dns1123Subdomain(string value) =>
        LengthAndPattern(value, 253, SubdomainPattern(), () => RegexError(Dns1123SubdomainMessage, Dns1123SubdomainFormat, "example.com"));

    // A valid subdomain that is not a valid label can only hold dots, which gets its own message.
    private static List<string> Dns1123Label(string value) =>
        LengthAndPattern(value, 63, LabelPattern(), () => SubdomainPattern().IsMatch(value) ? "must not contain dots" : RegexError(Dns1123LabelMessage, Dns1123LabelFormat, "my-name", "123-abc"));

    /// <summary>apimachinery's usual pair of checks: at most <paramref name="maxBytes"/>, then the pattern (both can fail).</summary>
    private static List<string> LengthAndPattern(string value, int maxBytes, Regex pattern, Func<string> patternError)
    {
        var errors = new List<string>();
        if (Bytes(value) > maxBytes)
        {
            errors.Add(MaxLenError(maxBytes));
        }

        if (!pattern.IsMatch(value))
        {
            errors.Add(patternError());
        }

        return errors;
    }

    /// <summary>
    /// apimachinery's maskTrailingDash, quirk included: a generateName ending in '-' is checked with its last two
    /// characters replaced by 'a' (a prefix need not be a valid name on its own, only once the suffix is added).
    /// </summary>
    private static string MaskTrailingDash(string name) => name.Length > 1 && name.EndsWith('-') ? name[..^2] + "a" : name;

    /// <summary>Go measures strings in UTF-8 bytes.</summary>
    private static int Bytes(string value) => Encoding.UTF8.GetByteCount(value);

    private static string MaxLenError(int length) => $"must be no more than {length} characters";

    /// <summary>apimachinery's RegexError: the message, the examples and the pattern, spaced exactly as Go writes them.</summary>
    private static string RegexError(string message, string format, params string[] examples) =>
        $"{message} (e.g. {string.Join(" or ", examples.Select(e => $"'{e}', "))}regex used for validation is '{format}')";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\z")]
    private static partial Regex SubdomainPattern();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?\\z")]
    private static partial Regex LabelPattern();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?\\z")]
    private static partial Regex Dns1035LabelPattern();

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\\z")]
    private static partial Regex QualifiedNamePattern();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\\z")]
    private static partial Regex LabelValuePattern();
}
