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
public sealed class CrdEnumAttribute(params string[] values) : Attribute
{
    public IReadOnlyList<string> Values { get; } = values;
}

/// <summary>The string property matches this (RE2, unanchored) pattern.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CrdPatternAttribute(string pattern) : Attribute
{
    public string Pattern { get; } = pattern;
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
