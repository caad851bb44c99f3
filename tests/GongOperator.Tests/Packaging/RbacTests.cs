namespace GongOperator.Tests.Packaging;

/// <summary>The chart grants exactly the rights OperatorPermissions lists: nothing missing, nothing extra.</summary>
public sealed class RbacTests
{
    [Fact]
    public async Task Watching_all_namespaces_grants_the_operator_permissions_cluster_wide_and_leases_in_its_namespace()
    {
        var objects = await Renders.OperatorAsync();

        var clusterRole = objects.Single("ClusterRole", "gong-operator");
        AssertSameGrants(OperatorPermissions.Watched, Grants(clusterRole));
        var lease = objects.Single("Role", "gong-operator-leader-election", Renders.OperatorNamespace);
        AssertSameGrants(OperatorPermissions.LeaderElection, Grants(lease));
        var state = objects.Single("Role", "gong-operator-oauth-state", Renders.OperatorNamespace);
        AssertSameGrants(OperatorPermissions.OAuthState, Grants(state));
        AssertBoundToTheServiceAccount(objects.Single("RoleBinding", "gong-operator-oauth-state"), "Role", "gong-operator-oauth-state");
        // Nothing else grants anything.
        Assert.Equal(
            ["ClusterRole/-/gong-operator", "Role/gong-operator-system/gong-operator-leader-election", "Role/gong-operator-system/gong-operator-oauth-state"],
            objects.Where(IsRole).Kinds());
        AssertBoundToTheServiceAccount(objects.Single("ClusterRoleBinding", "gong-operator"), "ClusterRole", "gong-operator");
        AssertBoundToTheServiceAccount(objects.Single("RoleBinding", "gong-operator-leader-election"), "Role", "gong-operator-leader-election");
    }

    [Fact]
    public async Task Watching_some_namespaces_grants_the_operator_permissions_only_there()
    {
        var objects = await Renders.OperatorAsync(
            "--set", "scope.namespaces={team-a,team-b}",
            "--set", "credentials.existingSecret=gong-credentials");

        Assert.DoesNotContain(objects, o => o.Kind is "ClusterRole" or "ClusterRoleBinding");
        foreach (var ns in new[] { "team-a", "team-b" })
        {
            AssertSameGrants(OperatorPermissions.Watched, Grants(objects.Single("Role", "gong-operator", ns)));
            AssertBoundToTheServiceAccount(objects.Single("RoleBinding", "gong-operator", ns), "Role", "gong-operator");
        }

        // The default credentials Secret lives in the operator's namespace, which is not watched:
        // one get, on that one Secret.
        var credentials = objects.Single("Role", "gong-operator-default-credentials", Renders.OperatorNamespace);
        AssertSameGrants(OperatorPermissions.DefaultCredentials, Grants(credentials));
        Assert.Equal(["gong-credentials"], credentials.MappingsAt("rules").Single()["resourceNames"] is List<object?> names ? names.Cast<string>() : []);
        AssertBoundToTheServiceAccount(objects.Single("RoleBinding", "gong-operator-default-credentials"), "Role", "gong-operator-default-credentials");
        AssertSameGrants(OperatorPermissions.LeaderElection, Grants(objects.Single("Role", "gong-operator-leader-election")));
        Assert.Equal(5, objects.Count(IsRole));
    }

    [Fact]
    public async Task Watching_some_namespaces_without_default_credentials_grants_no_secret_outside_them()
    {
        var objects = await Renders.OperatorAsync("--set", "scope.namespaces={team-a}");

        Assert.DoesNotContain(objects, o => o.Name == "gong-operator-default-credentials");
        Assert.Equal(
            ["Role/gong-operator-system/gong-operator-leader-election", "Role/gong-operator-system/gong-operator-oauth-state", "Role/team-a/gong-operator"],
            objects.Where(IsRole).Kinds());
    }

    [Theory]
    [InlineData("")]
    [InlineData("team-a")]
    public async Task A_default_credentials_namespace_selector_adds_only_reading_namespaces_in_either_scope(string watched)
    {
        string[] scope = watched.Length == 0 ? [] : ["--set", "scope.namespaces={" + watched + "}"];
        var without = await Renders.OperatorAsync(scope);
        var with = await Renders.OperatorAsync([.. scope, "--set", "credentials.namespaceSelector=gongoperator.io/default-credentials=allowed"]);

        var reader = with.Single("ClusterRole", "gong-operator-namespaces");
        AssertSameGrants(OperatorPermissions.Namespaces, Grants(reader));
        AssertBoundToTheServiceAccount(with.Single("ClusterRoleBinding", "gong-operator-namespaces"), "ClusterRole", "gong-operator-namespaces");
        Assert.Equal([.. without.Where(IsRole).Kinds().Append("ClusterRole/-/gong-operator-namespaces").Order(StringComparer.Ordinal)], with.Where(IsRole).Kinds());
        Assert.DoesNotContain(without, o => o.Name == "gong-operator-namespaces");
        Assert.Contains("--default-credentials-namespace-selector=gongoperator.io/default-credentials=allowed", with.OperatorArgs());
    }

    [Fact]
    public async Task Without_leader_election_no_lease_rights_are_granted()
    {
        var objects = await Renders.OperatorAsync("--set", "leaderElection.enabled=false");

        Assert.DoesNotContain(objects, o => o.Name == "gong-operator-leader-election");
        Assert.Contains("--leader-elect=false", objects.OperatorArgs());
    }

    [Fact]
    public async Task No_rule_uses_a_wildcard()
    {
        var objects = await Renders.OperatorAsync("--set", "scope.namespaces={team-a}", "--set", "credentials.accessToken=t");
        var all = await Renders.OperatorAsync();

        foreach (var role in objects.Concat(all).Where(IsRole))
        {
            foreach (var rule in role.MappingsAt("rules"))
            {
                foreach (var field in new[] { "apiGroups", "resources", "verbs", "resourceNames" })
                {
                    var values = rule.GetValueOrDefault(field) as List<object?> ?? [];
                    Assert.DoesNotContain("*", values.Cast<string>());
                }
            }
        }
    }

    private static bool IsRole(RenderedObject o) => o.Kind is "Role" or "ClusterRole";

    /// <summary>Every (group, resource, verb) a Role's rules grant.</summary>
    private static HashSet<Permission> Grants(RenderedObject role)
    {
        var grants = new HashSet<Permission>();
        foreach (var rule in role.MappingsAt("rules"))
        {
            var groups = ((List<object?>)rule["apiGroups"]!).Cast<string>().ToList();
            var resources = ((List<object?>)rule["resources"]!).Cast<string>().ToList();
            var verbs = ((List<object?>)rule["verbs"]!).Cast<string>().ToList();
            foreach (var g in groups)
            {
                foreach (var r in resources)
                {
                    foreach (var v in verbs)
                    {
                        Assert.True(grants.Add(new Permission(g, r, v)), $"{role.Key} grants {g}/{r}:{v} twice");
                    }
                }
            }
        }

        return grants;
    }

    private static void AssertSameGrants(IEnumerable<Permission> expected, HashSet<Permission> granted)
    {
        var wanted = expected.ToHashSet();
        var missing = wanted.Except(granted).Select(p => p.ToString()).Order(StringComparer.Ordinal).ToList();
        var extra = granted.Except(wanted).Select(p => p.ToString()).Order(StringComparer.Ordinal).ToList();
        Assert.True(
            missing.Count == 0 && extra.Count == 0,
            $"RBAC differs from OperatorPermissions. Missing: [{string.Join(", ", missing)}]; extra: [{string.Join(", ", extra)}]");
    }

    private static void AssertBoundToTheServiceAccount(RenderedObject binding, string roleKind, string roleName)
    {
        Assert.Equal(roleKind, binding.StringAt("roleRef", "kind"));
        Assert.Equal(roleName, binding.StringAt("roleRef", "name"));
        var subject = Assert.Single(binding.MappingsAt("subjects"));
        Assert.Equal("ServiceAccount", subject["kind"]);
        Assert.Equal("gong-operator", subject["name"]);
        Assert.Equal(Renders.OperatorNamespace, subject["namespace"]);
    }
}
