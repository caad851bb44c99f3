namespace GongOperator.LocalCluster.Tables;

/// <summary>The Table request's <c>includeObject</c> policy for <c>rows[].object</c>.</summary>
internal enum IncludeObject
{
    /// <summary>A PartialObjectMetadata (the default).</summary>
    Metadata,

    /// <summary>No object.</summary>
    None,

    /// <summary>The whole object.</summary>
    Object,
}
