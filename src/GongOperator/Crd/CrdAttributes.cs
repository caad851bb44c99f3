namespace GongOperator.Crd;

/// <summary>Names beyond kind and plural: singular, short names, categories.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CrdNamesAttribute : Attribute
{
    public string? Singular { get; set; }

    public string[] ShortNames { get; set; } = [];

    public string[] Categories { get; set; } = [];
}

/// <summary>The description of the resource's root schema.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CrdDescriptionAttribute(string description) : Attribute
{
    public string Description { get; } = description;
}

/// <summary>An additionalPrinterColumn; columns appear in declaration order.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class PrinterColumnAttribute(string name, string type, string jsonPath, string description) : Attribute
{
    public string Name { get; } = name;

    public string Type { get; } = type;

    public string JsonPath { get; } = jsonPath;

    public string Description { get; } = description;

    public int Priority { get; set; }
}

/// <summary>The property is required in its object.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CrdRequiredAttribute : Attribute;

/// <summary>The string property takes one of these values.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CrdEnumAttribute : Attribute
{
    /// <summary>The values, written out.</summary>
    public CrdEnumAttribute(params string[] values) => Values = values;

    /// <summary>The values of the public static list <paramref name="member"/> of <paramref name="source"/>, so the list is kept in one place.</summary>
    public CrdEnumAttribute(Type source, string member)
    {
        ArgumentNullException.ThrowIfNull(source);
        Values = source.GetProperty(member)?.GetValue(null) as IReadOnlyList<string>
            ?? throw new ArgumentException($"{source.Name}.{member} is not a public static IReadOnlyList<string>.", nameof(member));
    }

    public IReadOnlyList<string> Values { get; }
}

/// <summary>
/// The string property matches this (RE2, unanchored) pattern, and every further one (written as allOf, since a
/// schema holds one pattern per node).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CrdPatternAttribute(string pattern, params string[] alsoPatterns) : Attribute
{
    public string Pattern { get; } = pattern;

    public IReadOnlyList<string> AlsoPatterns { get; } = alsoPatterns;
}

/// <summary>Length bounds of a string property.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CrdLengthAttribute : Attribute
{
    public int MinLength { get; set; } = -1;

    public int MaxLength { get; set; } = -1;
}

/// <summary>The OpenAPI format of a property.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CrdFormatAttribute(string format) : Attribute
{
    public string Format { get; } = format;
}

/// <summary>A schema default, given as JSON.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CrdDefaultAttribute(string json) : Attribute
{
    public string Json { get; } = json;
}

/// <summary>The list is a map keyed by these fields (x-kubernetes-list-type: map).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CrdListMapAttribute(params string[] keys) : Attribute
{
    public IReadOnlyList<string> Keys { get; } = keys;
}
