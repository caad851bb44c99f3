namespace GongOperator.LocalCluster.Patching;

/// <summary>A patch could not be applied: malformed (HTTP 400) or a failed operation (HTTP 422).</summary>
internal sealed class PatchException : Exception
{
    public PatchException()
    {
    }

    public PatchException(string message)
        : base(message)
    {
    }

    public PatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PatchException(string message, bool isMalformed)
        : base(message)
    {
        IsMalformed = isMalformed;
    }

    /// <summary>True when the patch document itself is invalid (answer 400); false when an operation failed on this object (answer 422).</summary>
    public bool IsMalformed { get; }
}
