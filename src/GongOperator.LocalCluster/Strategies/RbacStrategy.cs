using GongOperator.LocalCluster.Validation;

namespace GongOperator.LocalCluster.Strategies;

/// <summary>Roles, RoleBindings, ClusterRoles and ClusterRoleBindings: any name usable as a URL path segment (e.g. <c>system:controller:x</c>).</summary>
internal sealed class RbacStrategy : ResourceStrategy
{
    public override IReadOnlyList<string> NameErrors(string name, bool prefix) => NameRules.PathSegment(name, prefix);
}
