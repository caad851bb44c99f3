namespace GongOperator.LocalCluster.Patching;

/// <summary>
/// One field a server-side apply would change while another manager owns it. <see cref="Manager"/> is how the
/// server names the owner (<c>"kubectl"</c>, <c>"m" using v1</c>); <see cref="Field"/> is like <c>.spec.size</c>.
/// </summary>
internal sealed record ApplyConflict(string Manager, string Field)
{
    /// <summary>The <c>details.causes[].message</c> of the 409 answer.</summary>
    public string Message => "conflict with " + Manager;
}
