using System.Text;

namespace GongOperator.LocalCluster.Patching;

/// <summary>
/// A server-side apply without force touched fields owned by other managers. The server answers 409,
/// reason Conflict, with this message and one <c>FieldManagerConflict</c> cause per <see cref="Conflicts"/> item.
/// </summary>
internal sealed class ApplyConflictException : Exception
{
    public ApplyConflictException()
        : this([])
    {
    }

    public ApplyConflictException(string message)
        : base(message)
    {
        Conflicts = [];
    }

    public ApplyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
        Conflicts = [];
    }

    public ApplyConflictException(IReadOnlyList<ApplyConflict> conflicts)
        : base(BuildMessage(conflicts))
    {
        Conflicts = conflicts;
    }

    /// <summary>The conflicts, grouped by manager and ordered as the server lists them.</summary>
    public IReadOnlyList<ApplyConflict> Conflicts { get; }

    private static string BuildMessage(IReadOnlyList<ApplyConflict> conflicts)
    {
        ArgumentNullException.ThrowIfNull(conflicts);
        if (conflicts.Count == 1)
        {
            return $"Apply failed with 1 conflict: conflict with {conflicts[0].Manager}: {conflicts[0].Field}";
        }

        var builder = new StringBuilder();
        builder.Append("Apply failed with ").Append(conflicts.Count).Append(" conflicts: ");
        var first = true;
        foreach (var group in conflicts.GroupBy(c => c.Manager))
        {
            if (!first)
            {
                builder.Append('\n');
            }

            first = false;
            builder.Append("conflicts with ").Append(group.Key).Append(':');
            foreach (var conflict in group)
            {
                builder.Append("\n- ").Append(conflict.Field);
            }
        }

        return builder.ToString();
    }
}
