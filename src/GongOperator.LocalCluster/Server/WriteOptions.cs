namespace GongOperator.LocalCluster.Server;

/// <summary>The query options of one write: who writes, how unknown fields are treated, whether it is a dry run.</summary>
/// <param name="FieldManager">fieldManager, else the User-Agent's program name.</param>
/// <param name="FieldValidation">Strict, Warn or Ignore.</param>
/// <param name="DryRun">dryRun=All: everything but the commit.</param>
/// <param name="Force">force=true on apply.</param>
internal sealed record WriteOptions(string FieldManager, string FieldValidation, bool DryRun, bool Force)
{
    /// <summary>Warnings for the <c>Warning</c> response header (fieldValidation=Warn).</summary>
    public List<string> Warnings { get; } = [];
}
