using System.Globalization;
using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Patching;

namespace GongOperator.LocalCluster.Tests.Patching;

/// <summary>The scenarios of recorded kube-apiserver 1.28 traffic (widgets of example.com/v1, helm, the C# client), re-expressed as literals.</summary>
public sealed class FieldManagerTests
{
    private static readonly Func<string, IReadOnlyList<string>?> WidgetKeys = path => path == ".status.conditions" ? ["type"] : null;

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private static DateTimeOffset At(string time) => DateTimeOffset.Parse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string Text(JsonNode? node) => GoJson.Serialize(node, sortKeys: false);

    private static JsonArray Managed(JsonObject obj) => obj["metadata"]!["managedFields"]!.AsArray();

    private static JsonObject Entry(JsonObject obj, string manager, string operation, string? subresource = null) =>
        Managed(obj).Select(e => e!.AsObject()).Single(e =>
            e["manager"]!.GetValue<string>() == manager && e["operation"]!.GetValue<string>() == operation
            && (e["subresource"]?.GetValue<string>()) == subresource);

    private static string Fields(JsonObject obj, string manager, string operation, string? subresource = null) =>
        Text(Entry(obj, manager, operation, subresource)["fieldsV1"]);

    private static string Time(JsonObject obj, string manager, string operation, string? subresource = null) =>
        Entry(obj, manager, operation, subresource)["time"]?.GetValue<string>() ?? "(none)";

    private static string[] Managers(JsonObject obj) =>
        Managed(obj).Select(e => e!["manager"]!.GetValue<string>() + "/" + e["operation"]!.GetValue<string>()).ToArray();

    private static JsonObject Stored(JsonObject obj, string resourceVersion)
    {
        // What the server adds around field management; none of it is ever owned.
        var copy = (JsonObject)obj.DeepClone();
        var metadata = copy["metadata"]!.AsObject();
        metadata["uid"] ??= "5e6b1593-5350-4a68-9380-e3de2a9a7f32";
        metadata["creationTimestamp"] ??= "2026-11-23T16:59:51Z";
        metadata["generation"] ??= 1;
        metadata["resourceVersion"] = resourceVersion;
        return copy;
    }

    // ---- Update attribution (create, merge patch, status, JSON patch) ----

    private const string AlphaCsaLastApplied =
        "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"annotations\":{},\"labels\":{\"app\":\"shop\",\"tier\":\"frontend\"},\"name\":\"alpha\",\"namespace\":\"sample\"},\"spec\":{\"color\":\"#3366ff\",\"maxReplicas\":5,\"owner\":\"team-a\",\"replicas\":2,\"size\":\"small\"}}\n";

    private static JsonObject AlphaCreatedByClientSideApply()
    {
        var posted = new JsonObject
        {
            ["apiVersion"] = "example.com/v1",
            ["kind"] = "Widget",
            ["metadata"] = new JsonObject
            {
                ["annotations"] = new JsonObject { [FieldManager.LastAppliedAnnotation] = AlphaCsaLastApplied },
                ["labels"] = new JsonObject { ["app"] = "shop", ["tier"] = "frontend" },
                ["name"] = "alpha",
                ["namespace"] = "sample",
            },
            ["spec"] = Parse("""{"color":"#3366ff","maxReplicas":5,"owner":"team-a","replicas":2,"size":"small"}"""),
        };
        return FieldManager.RecordUpdate(null, Stored(posted, "472"), "kubectl-client-side-apply", At("2026-11-23T16:59:51Z"), listMapKeys: WidgetKeys);
    }

    private const string AlphaCsaFields =
        "{\"f:metadata\":{\"f:annotations\":{\".\":{},\"f:kubectl.kubernetes.io/last-applied-configuration\":{}},\"f:labels\":{\".\":{},\"f:app\":{},\"f:tier\":{}}},"
        + "\"f:spec\":{\".\":{},\"f:color\":{},\"f:maxReplicas\":{},\"f:owner\":{},\"f:replicas\":{},\"f:size\":{}}}";

    [Fact]
    public void A_create_is_attributed_to_its_manager_with_dots_for_new_maps_and_without_server_set_metadata()
    {
        var created = AlphaCreatedByClientSideApply();

        var entry = Managed(created).Single()!.AsObject();
        Assert.Equal("kubectl-client-side-apply", entry["manager"]!.GetValue<string>());
        Assert.Equal("Update", entry["operation"]!.GetValue<string>());
        Assert.Equal("example.com/v1", entry["apiVersion"]!.GetValue<string>());
        Assert.Equal("2026-11-23T16:59:51Z", entry["time"]!.GetValue<string>());
        Assert.Equal("FieldsV1", entry["fieldsType"]!.GetValue<string>());
        Assert.Equal(AlphaCsaFields, Text(entry["fieldsV1"]));
        Assert.False(entry.ContainsKey("subresource"));
    }

    [Fact]
    public void A_later_patch_by_the_same_manager_merges_into_its_entry_and_moves_its_time()
    {
        var before = AlphaCreatedByClientSideApply();
        var after = (JsonObject)JsonMergePatch.Apply(before, Parse("""{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"}},"spec":{"replicas":3}}"""))!;

        var result = FieldManager.RecordUpdate(before, after, "kubectl-client-side-apply", At("2026-11-23T16:59:52Z"), listMapKeys: WidgetKeys);

        Assert.Single(Managed(result));
        Assert.Equal(AlphaCsaFields, Fields(result, "kubectl-client-side-apply", "Update"));
        Assert.Equal("2026-11-23T16:59:52Z", Time(result, "kubectl-client-side-apply", "Update"));
    }

    [Fact]
    public void A_write_that_changes_nothing_keeps_managed_fields_and_times()
    {
        var before = AlphaCreatedByClientSideApply();
        var after = (JsonObject)JsonMergePatch.Apply(before, Parse("""{"spec":{"replicas":2}}"""))!;

        var result = FieldManager.RecordUpdate(before, after, "someone-else", At("2026-11-23T17:30:00Z"), listMapKeys: WidgetKeys);

        Assert.True(JsonNodes.DeepEquals(before, result));
    }

    [Fact]
    public void Create_of_a_configmap_by_the_csharp_client_owns_data_with_a_dot()
    {
        var created = FieldManager.RecordUpdate(
            null,
            Stored(Parse("""{"apiVersion":"v1","kind":"ConfigMap","data":{"k":"v"},"metadata":{"name":"from-csharp","namespace":"sample"}}"""), "900"),
            "kubernetes-csharp",
            At("2026-11-23T17:01:23Z"));

        Assert.Equal("{\"f:data\":{\".\":{},\"f:k\":{}}}", Fields(created, "kubernetes-csharp", "Update"));
        Assert.Equal("v1", Entry(created, "kubernetes-csharp", "Update")["apiVersion"]!.GetValue<string>());
    }

    private static JsonObject BetaAppliedByKubectl() => FieldManager.ServerSideApply(
        null,
        Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"labels":{"app":"shop","tier":"backend"},"name":"beta","namespace":"sample"},"spec":{"color":"#00aa00","owner":"team-b","replicas":1,"size":"large"}}"""),
        "kubectl",
        force: false,
        At("2026-11-23T16:59:59Z"),
        WidgetKeys);

    private const string BetaKubectlFields =
        "{\"f:metadata\":{\"f:labels\":{\"f:app\":{},\"f:tier\":{}}},\"f:spec\":{\"f:color\":{},\"f:owner\":{},\"f:replicas\":{},\"f:size\":{}}}";

    private const string ReadyStatusFields =
        "{\"f:status\":{\".\":{},\"f:conditions\":{\".\":{},\"k:{\\\"type\\\":\\\"Ready\\\"}\":{\".\":{},\"f:lastTransitionTime\":{},\"f:message\":{},\"f:reason\":{},\"f:status\":{},\"f:type\":{}}},\"f:phase\":{}}}";

    private static JsonObject BetaWithStatus()
    {
        var beta = Stored(BetaAppliedByKubectl(), "476");
        var patched = (JsonObject)JsonMergePatch.Apply(beta, Parse("""{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True","reason":"Configured","message":"widget is configured","lastTransitionTime":"2026-11-23T17:00:21Z"}]}}"""))!;
        return FieldManager.RecordUpdate(beta, patched, "kubectl-patch", At("2026-11-23T17:00:21Z"), "status", WidgetKeys);
    }

    [Fact]
    public void A_status_write_is_recorded_with_its_subresource_and_conditions_keyed_by_type()
    {
        var result = BetaWithStatus();

        Assert.Equal(["kubectl/Apply", "kubectl-patch/Update"], Managers(result));
        Assert.Equal(ReadyStatusFields, Fields(result, "kubectl-patch", "Update", "status"));
        Assert.Equal(BetaKubectlFields, Fields(result, "kubectl", "Apply"));
    }

    [Fact]
    public void A_second_status_write_by_the_same_manager_adds_to_its_status_entry()
    {
        var before = BetaWithStatus();
        var after = (JsonObject)JsonMergePatch.Apply(before, Parse("""{"status":{"observedGeneration":4}}"""))!;

        var result = FieldManager.RecordUpdate(before, after, "kubectl-patch", At("2026-11-23T17:00:30Z"), "status", WidgetKeys);

        Assert.Equal(
            "{\"f:status\":{\".\":{},\"f:conditions\":{\".\":{},\"k:{\\\"type\\\":\\\"Ready\\\"}\":{\".\":{},\"f:lastTransitionTime\":{},\"f:message\":{},\"f:reason\":{},\"f:status\":{},\"f:type\":{}}},\"f:observedGeneration\":{},\"f:phase\":{}}}",
            Fields(result, "kubectl-patch", "Update", "status"));
        Assert.Equal("2026-11-23T17:00:30Z", Time(result, "kubectl-patch", "Update", "status"));
    }

    [Fact]
    public void A_merge_patch_by_another_manager_takes_the_changed_field_from_the_applier()
    {
        // Recorded: curl adds a label (manager "curl" from the User-Agent), then sets spec.replicas.
        var beta = BetaWithStatus();
        var labelled = FieldManager.RecordUpdate(beta, (JsonObject)JsonMergePatch.Apply(beta, Parse("""{"metadata":{"labels":{"touched":"first"}}}"""))!, "curl", At("2026-11-23T17:00:36Z"), listMapKeys: WidgetKeys);
        var scaled = FieldManager.RecordUpdate(labelled, (JsonObject)JsonMergePatch.Apply(labelled, Parse("""{"spec":{"replicas":3}}"""))!, "curl", At("2026-11-23T17:00:51Z"), listMapKeys: WidgetKeys);

        Assert.Equal("{\"f:metadata\":{\"f:labels\":{\"f:touched\":{}}}}", Fields(labelled, "curl", "Update"));
        Assert.Equal(BetaKubectlFields, Fields(labelled, "kubectl", "Apply"));
        Assert.Equal("{\"f:metadata\":{\"f:labels\":{\"f:touched\":{}}},\"f:spec\":{\"f:replicas\":{}}}", Fields(scaled, "curl", "Update"));
        Assert.Equal(
            "{\"f:metadata\":{\"f:labels\":{\"f:app\":{},\"f:tier\":{}}},\"f:spec\":{\"f:color\":{},\"f:owner\":{},\"f:size\":{}}}",
            Fields(scaled, "kubectl", "Apply"));
        Assert.Equal(["kubectl/Apply", "kubectl-patch/Update", "curl/Update"], Managers(scaled));
        Assert.Equal("2026-11-23T17:00:51Z", Time(scaled, "curl", "Update"));
    }

    [Fact]
    public void Finalizers_are_owned_as_set_items_and_leave_every_set_when_removed()
    {
        var posted = Parse("""
            {"apiVersion":"example.com/v1","kind":"Widget","metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"},
             "finalizers":["example.com/cleanup"],"name":"gamma","namespace":"sample"},"spec":{"color":"#ff0000","replicas":1,"size":"small"}}
            """);
        var created = FieldManager.RecordUpdate(null, Stored(posted, "490"), "kubectl-client-side-apply", At("2026-11-23T17:00:31Z"), listMapKeys: WidgetKeys);
        var terminating = (JsonObject)JsonMergePatch.Apply(created, Parse("""{"metadata":{"deletionTimestamp":"2026-11-23T17:00:32Z","deletionGracePeriodSeconds":0}}"""))!;
        var removed = JsonPatch.Apply(terminating, JsonNode.Parse("""[{"op":"remove","path":"/metadata/finalizers"}]""")!).AsObject();

        var result = FieldManager.RecordUpdate(terminating, removed, "kubectl-patch", At("2026-11-23T17:00:33Z"), listMapKeys: WidgetKeys);

        Assert.Equal(
            "{\"f:metadata\":{\"f:annotations\":{\".\":{},\"f:kubectl.kubernetes.io/last-applied-configuration\":{}},\"f:finalizers\":{\".\":{},\"v:\\\"example.com/cleanup\\\"\":{}}},\"f:spec\":{\".\":{},\"f:color\":{},\"f:replicas\":{},\"f:size\":{}}}",
            Fields(created, "kubectl-client-side-apply", "Update"));
        Assert.Equal(
            "{\"f:metadata\":{\"f:annotations\":{\".\":{},\"f:kubectl.kubernetes.io/last-applied-configuration\":{}}},\"f:spec\":{\".\":{},\"f:color\":{},\"f:replicas\":{},\"f:size\":{}}}",
            Fields(result, "kubectl-client-side-apply", "Update"));
        Assert.Equal(["kubectl-client-side-apply/Update"], Managers(result));
    }

    // ---- Server-side apply ----

    [Fact]
    public void An_apply_that_creates_owns_exactly_the_applied_leaves()
    {
        var result = BetaAppliedByKubectl();

        var entry = Managed(result).Single()!.AsObject();
        Assert.Equal("kubectl", entry["manager"]!.GetValue<string>());
        Assert.Equal("Apply", entry["operation"]!.GetValue<string>());
        Assert.Equal("example.com/v1", entry["apiVersion"]!.GetValue<string>());
        Assert.Equal("2026-11-23T16:59:59Z", entry["time"]!.GetValue<string>());
        Assert.Equal(BetaKubectlFields, Text(entry["fieldsV1"]));
        Assert.Equal("large", result["spec"]!["size"]!.GetValue<string>());
        Assert.Equal("beta", result["metadata"]!["name"]!.GetValue<string>());
    }

    private const string AlphaSsaLastApplied =
        "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"labels\":{\"app\":\"shop\",\"tier\":\"web\"},\"name\":\"alpha\",\"namespace\":\"sample\"},\"spec\":{\"color\":\"#3366ff\",\"maxReplicas\":5,\"owner\":\"team-a\",\"replicas\":3,\"size\":\"medium\"}}\n";

    private static JsonObject AlphaAfterThreeClientSideApplies()
    {
        var created = Stored(AlphaCreatedByClientSideApply(), "472");
        var v2 = FieldManager.RecordUpdate(
            created,
            (JsonObject)JsonMergePatch.Apply(created, Parse("""{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"v2"}},"spec":{"replicas":3}}"""))!,
            "kubectl-client-side-apply",
            At("2026-11-23T16:59:52Z"),
            listMapKeys: WidgetKeys);
        var v3Patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["annotations"] = new JsonObject
                {
                    [FieldManager.LastAppliedAnnotation] =
                        "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"annotations\":{},\"labels\":{\"app\":\"shop\",\"tier\":\"web\"},\"name\":\"alpha\",\"namespace\":\"sample\"},\"spec\":{\"color\":\"#3366ff\",\"maxReplicas\":5,\"owner\":\"team-a\",\"replicas\":3,\"size\":\"small\"}}\n",
                },
                ["labels"] = new JsonObject { ["tier"] = "web" },
            },
        };
        var v3 = FieldManager.RecordUpdate(v2, (JsonObject)JsonMergePatch.Apply(v2, v3Patch)!, "kubectl-client-side-apply", At("2026-11-23T16:59:53Z"), listMapKeys: WidgetKeys);
        return Stored(v3, "474");
    }

    private static JsonObject AlphaSsa() => Parse(
        """{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"labels":{"app":"shop","tier":"web"},"name":"alpha","namespace":"sample"},"spec":{"color":"#3366ff","maxReplicas":5,"owner":"team-a","replicas":3,"size":"medium"}}""");

    [Fact]
    public void Kubectl_server_side_apply_over_a_client_side_applied_object_takes_its_last_applied_fields_without_conflict()
    {
        var live = AlphaAfterThreeClientSideApplies();

        var result = FieldManager.ServerSideApply(live, AlphaSsa(), "kubectl", force: false, At("2026-11-23T17:00:00Z"), WidgetKeys);

        Assert.Equal("medium", result["spec"]!["size"]!.GetValue<string>());
        Assert.Equal(["kubectl/Apply", "kubectl-client-side-apply/Update"], Managers(result));
        Assert.Equal(
            "{\"f:metadata\":{\"f:labels\":{\"f:app\":{},\"f:tier\":{}}},\"f:spec\":{\"f:color\":{},\"f:maxReplicas\":{},\"f:owner\":{},\"f:replicas\":{},\"f:size\":{}}}",
            Fields(result, "kubectl", "Apply"));
        Assert.Equal("2026-11-23T17:00:00Z", Time(result, "kubectl", "Apply"));
        Assert.Equal(
            "{\"f:metadata\":{\"f:annotations\":{\".\":{},\"f:kubectl.kubernetes.io/last-applied-configuration\":{}},\"f:labels\":{\".\":{},\"f:app\":{},\"f:tier\":{}}},\"f:spec\":{\".\":{},\"f:color\":{},\"f:maxReplicas\":{},\"f:owner\":{},\"f:replicas\":{}}}",
            Fields(result, "kubectl-client-side-apply", "Update"));
        Assert.Equal("2026-11-23T16:59:53Z", Time(result, "kubectl-client-side-apply", "Update"));
        Assert.Equal(AlphaSsaLastApplied, result["metadata"]!["annotations"]![FieldManager.LastAppliedAnnotation]!.GetValue<string>());
    }

    [Fact]
    public void Another_manager_applying_over_client_side_apply_gets_the_conflict_with_the_update_manager()
    {
        var live = AlphaAfterThreeClientSideApplies();

        var error = Assert.Throws<ApplyConflictException>(() =>
            FieldManager.ServerSideApply(live, AlphaSsa(), "someone", force: false, At("2026-11-23T17:00:00Z"), WidgetKeys));

        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using example.com/v1: .spec.size", error.Message);
        var conflict = Assert.Single(error.Conflicts);
        Assert.Equal(".spec.size", conflict.Field);
        Assert.Equal("conflict with \"kubectl-client-side-apply\" using example.com/v1", conflict.Message);
    }

    private static JsonObject AlphaAfterMigration()
    {
        var applied = Stored(FieldManager.ServerSideApply(AlphaAfterThreeClientSideApplies(), AlphaSsa(), "kubectl", force: false, At("2026-11-23T17:00:00Z"), WidgetKeys), "477");
        var lastApplied = new JsonObject
        {
            ["apiVersion"] = "example.com/v1",
            ["kind"] = "Widget",
            ["metadata"] = new JsonObject
            {
                ["annotations"] = new JsonObject { [FieldManager.LastAppliedAnnotation] = AlphaSsaLastApplied },
                ["name"] = "alpha",
                ["namespace"] = "sample",
            },
        };
        var annotated = Stored(FieldManager.ServerSideApply(applied, lastApplied, "kubectl-last-applied", force: false, At("2026-11-23T17:00:00Z"), WidgetKeys), "478");
        var migration = JsonNode.Parse("""
            [{"op":"replace","path":"/metadata/managedFields","value":[
               {"manager":"kubectl-last-applied","operation":"Apply","apiVersion":"example.com/v1","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:annotations":{"f:kubectl.kubernetes.io/last-applied-configuration":{}}}}},
               {"manager":"kubectl","operation":"Apply","apiVersion":"example.com/v1","time":"2026-11-23T17:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:annotations":{".":{},"f:kubectl.kubernetes.io/last-applied-configuration":{}},"f:labels":{".":{},"f:app":{},"f:tier":{}}},"f:spec":{".":{},"f:color":{},"f:maxReplicas":{},"f:owner":{},"f:replicas":{},"f:size":{}}}}]},
             {"op":"replace","path":"/metadata/resourceVersion","value":"478"}]
            """)!;
        var patched = JsonPatch.Apply(annotated, migration).AsObject();
        return Stored(FieldManager.RecordUpdate(annotated, patched, "kubectl", At("2026-11-23T17:00:01Z"), listMapKeys: WidgetKeys), "479");
    }

    [Fact]
    public void Applying_an_unchanged_annotation_as_a_new_manager_records_an_entry_without_time()
    {
        var applied = Stored(FieldManager.ServerSideApply(AlphaAfterThreeClientSideApplies(), AlphaSsa(), "kubectl", force: false, At("2026-11-23T17:00:00Z"), WidgetKeys), "477");
        var lastApplied = new JsonObject
        {
            ["apiVersion"] = "example.com/v1",
            ["kind"] = "Widget",
            ["metadata"] = new JsonObject
            {
                ["annotations"] = new JsonObject { [FieldManager.LastAppliedAnnotation] = AlphaSsaLastApplied },
                ["name"] = "alpha",
                ["namespace"] = "sample",
            },
        };

        var result = FieldManager.ServerSideApply(applied, lastApplied, "kubectl-last-applied", force: false, At("2026-11-23T17:00:01Z"), WidgetKeys);

        Assert.Equal(["kubectl-last-applied/Apply", "kubectl/Apply", "kubectl-client-side-apply/Update"], Managers(result));
        Assert.False(Entry(result, "kubectl-last-applied", "Apply").ContainsKey("time"));
        Assert.Equal("{\"f:metadata\":{\"f:annotations\":{\"f:kubectl.kubernetes.io/last-applied-configuration\":{}}}}", Fields(result, "kubectl-last-applied", "Apply"));
        Assert.Equal("2026-11-23T17:00:00Z", Time(result, "kubectl", "Apply"));
    }

    [Fact]
    public void Managed_fields_written_by_kubectls_migration_patch_are_kept_as_sent()
    {
        var migrated = AlphaAfterMigration();

        Assert.Equal(["kubectl-last-applied/Apply", "kubectl/Apply"], Managers(migrated));
        Assert.False(Entry(migrated, "kubectl-last-applied", "Apply").ContainsKey("time"));
        Assert.Equal("2026-11-23T17:00:00Z", Time(migrated, "kubectl", "Apply"));
        Assert.Equal(
            "{\"f:metadata\":{\"f:annotations\":{\".\":{},\"f:kubectl.kubernetes.io/last-applied-configuration\":{}},\"f:labels\":{\".\":{},\"f:app\":{},\"f:tier\":{}}},\"f:spec\":{\".\":{},\"f:color\":{},\"f:maxReplicas\":{},\"f:owner\":{},\"f:replicas\":{},\"f:size\":{}}}",
            Fields(migrated, "kubectl", "Apply"));
    }

    [Fact]
    public void Reapplying_after_the_migration_narrows_kubectls_set_and_keeps_the_annotation_owned_by_the_last_applied_manager()
    {
        var migrated = AlphaAfterMigration();

        var result = FieldManager.ServerSideApply(migrated, AlphaSsa(), "kubectl", force: false, At("2026-11-23T17:00:01Z"), WidgetKeys);

        Assert.Equal(
            "{\"f:metadata\":{\"f:labels\":{\"f:app\":{},\"f:tier\":{}}},\"f:spec\":{\"f:color\":{},\"f:maxReplicas\":{},\"f:owner\":{},\"f:replicas\":{},\"f:size\":{}}}",
            Fields(result, "kubectl", "Apply"));
        Assert.Equal("2026-11-23T17:00:00Z", Time(result, "kubectl", "Apply"));
        Assert.Equal(AlphaSsaLastApplied, result["metadata"]!["annotations"]![FieldManager.LastAppliedAnnotation]!.GetValue<string>());
        Assert.Equal(["kubectl-last-applied/Apply", "kubectl/Apply"], Managers(result));
    }

    private static JsonObject OpsApply() => Parse(
        """{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"alpha","namespace":"sample"},"spec":{"color":"#3366ff","owner":"team-ops","replicas":4,"size":"medium"}}""");

    [Fact]
    public void A_second_manager_changing_owned_fields_gets_the_plural_conflict_message()
    {
        var live = FieldManager.ServerSideApply(AlphaAfterMigration(), AlphaSsa(), "kubectl", force: false, At("2026-11-23T17:00:01Z"), WidgetKeys);

        var error = Assert.Throws<ApplyConflictException>(() =>
            FieldManager.ServerSideApply(live, OpsApply(), "ops-team", force: false, At("2026-11-23T17:00:02Z"), WidgetKeys));

        Assert.Equal("Apply failed with 2 conflicts: conflicts with \"kubectl\":\n- .spec.owner\n- .spec.replicas", error.Message);
        Assert.Equal([".spec.owner", ".spec.replicas"], error.Conflicts.Select(c => c.Field));
        Assert.All(error.Conflicts, c => Assert.Equal("conflict with \"kubectl\"", c.Message));
    }

    [Fact]
    public void Force_takes_the_conflicting_fields_and_shares_the_equal_ones()
    {
        var live = FieldManager.ServerSideApply(AlphaAfterMigration(), AlphaSsa(), "kubectl", force: false, At("2026-11-23T17:00:01Z"), WidgetKeys);

        var result = FieldManager.ServerSideApply(live, OpsApply(), "ops-team", force: true, At("2026-11-23T17:00:02Z"), WidgetKeys);

        Assert.Equal(["kubectl-last-applied/Apply", "kubectl/Apply", "ops-team/Apply"], Managers(result));
        Assert.Equal(
            "{\"f:metadata\":{\"f:labels\":{\"f:app\":{},\"f:tier\":{}}},\"f:spec\":{\"f:color\":{},\"f:maxReplicas\":{},\"f:size\":{}}}",
            Fields(result, "kubectl", "Apply"));
        Assert.Equal("{\"f:spec\":{\"f:color\":{},\"f:owner\":{},\"f:replicas\":{},\"f:size\":{}}}", Fields(result, "ops-team", "Apply"));
        Assert.Equal("2026-11-23T17:00:02Z", Time(result, "ops-team", "Apply"));
        Assert.Equal("""{"color":"#3366ff","maxReplicas":5,"owner":"team-ops","replicas":4,"size":"medium"}""", Text(result["spec"]));
        // The annotation is only kept in step for the manager "kubectl".
        Assert.Equal(AlphaSsaLastApplied, result["metadata"]!["annotations"]![FieldManager.LastAppliedAnnotation]!.GetValue<string>());
    }

    [Fact]
    public void Fields_a_manager_stops_applying_are_removed_unless_someone_else_owns_them()
    {
        var first = FieldManager.ServerSideApply(null, Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w","labels":{"a":"1","b":"2"}},"spec":{"size":"small","color":"#000000","owner":"x"}}"""), "one", false, At("2026-11-23T17:00:00Z"));
        var shared = FieldManager.ServerSideApply(first, Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"color":"#000000"}}"""), "two", false, At("2026-11-23T17:00:01Z"));

        var result = FieldManager.ServerSideApply(shared, Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w","labels":{"a":"1"}},"spec":{"size":"small"}}"""), "one", false, At("2026-11-23T17:00:02Z"));

        Assert.Equal("""{"size":"small","color":"#000000"}""", Text(result["spec"]));
        Assert.Equal("""{"a":"1"}""", Text(result["metadata"]!["labels"]));
        Assert.Equal("{\"f:metadata\":{\"f:labels\":{\"f:a\":{}}},\"f:spec\":{\"f:size\":{}}}", Fields(result, "one", "Apply"));
        Assert.Equal("{\"f:spec\":{\"f:color\":{}}}", Fields(result, "two", "Apply"));
    }

    [Fact]
    public void Fields_owned_by_an_update_manager_survive_when_the_applier_drops_them()
    {
        var applied = FieldManager.ServerSideApply(null, Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":"small","replicas":1}}"""), "csharp", false, At("2026-11-23T17:00:00Z"));
        var updated = FieldManager.RecordUpdate(applied, (JsonObject)JsonMergePatch.Apply(applied, Parse("""{"spec":{"replicas":2}}"""))!, "kubernetes-csharp", At("2026-11-23T17:00:01Z"));

        var result = FieldManager.ServerSideApply(updated, Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":"small"}}"""), "csharp", false, At("2026-11-23T17:00:02Z"));

        Assert.Equal("""{"size":"small","replicas":2}""", Text(result["spec"]));
        Assert.Equal("{\"f:spec\":{\"f:size\":{}}}", Fields(result, "csharp", "Apply"));
    }

    [Fact]
    public void An_unchanged_reapply_returns_the_live_object_unchanged()
    {
        var config = """{"apiVersion":"v1","data":{"greeting":"hello"},"kind":"ConfigMap","metadata":{"annotations":{"meta.helm.sh/release-name":"shop","meta.helm.sh/release-namespace":"shop"},"labels":{"app.kubernetes.io/instance":"shop","app.kubernetes.io/managed-by":"Helm","app.kubernetes.io/name":"shop"},"name":"shop-config","namespace":"shop"}}""";
        var installed = Stored(FieldManager.ServerSideApply(null, Parse(config), "helm", false, At("2026-11-23T17:01:02Z")), "504");

        var upgraded = FieldManager.ServerSideApply(installed, Parse(config), "helm", false, At("2026-11-23T17:01:04Z"));

        Assert.Equal(
            "{\"f:data\":{\"f:greeting\":{}},\"f:metadata\":{\"f:annotations\":{\"f:meta.helm.sh/release-name\":{},\"f:meta.helm.sh/release-namespace\":{}},\"f:labels\":{\"f:app.kubernetes.io/instance\":{},\"f:app.kubernetes.io/managed-by\":{},\"f:app.kubernetes.io/name\":{}}}}",
            Fields(installed, "helm", "Apply"));
        Assert.True(JsonNodes.DeepEquals(installed, upgraded));
        Assert.Equal("2026-11-23T17:01:02Z", Time(upgraded, "helm", "Apply"));
    }

    [Fact]
    public void Helm_applies_own_atomic_rbac_lists_and_role_refs_as_a_whole()
    {
        var role = FieldManager.ServerSideApply(null, Parse("""{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"shop-reader","namespace":"shop"},"rules":[{"apiGroups":["example.com"],"resources":["widgets"],"verbs":["get","list","watch"]},{"apiGroups":[""],"resources":["configmaps"],"verbs":["get"]}]}"""), "helm", false, At("2026-11-23T17:01:02Z"));
        var binding = FieldManager.ServerSideApply(null, Parse("""{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"shop-reader","namespace":"shop"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"shop-reader"},"subjects":[{"kind":"ServiceAccount","name":"shop-sa","namespace":"shop"}]}"""), "helm", false, At("2026-11-23T17:01:02Z"));
        var secret = FieldManager.ServerSideApply(null, Parse("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"shop-secret","namespace":"shop"},"stringData":{"password":"not-a-real-password"},"type":"Opaque"}"""), "helm", false, At("2026-11-23T17:01:02Z"));
        var ns = FieldManager.ServerSideApply(null, Parse("""{"apiVersion":"v1","kind":"Namespace","metadata":{"labels":{"name":"shop"},"name":"shop"},"spec":{}}"""), "helm", false, At("2026-11-23T17:01:02Z"));

        Assert.Equal("{\"f:rules\":{}}", Fields(role, "helm", "Apply"));
        Assert.Equal("{\"f:roleRef\":{},\"f:subjects\":{}}", Fields(binding, "helm", "Apply"));
        Assert.Equal("{\"f:stringData\":{\"f:password\":{}},\"f:type\":{}}", Fields(secret, "helm", "Apply"));
        Assert.Equal("{\"f:metadata\":{\"f:labels\":{\"f:name\":{}}},\"f:spec\":{}}", Fields(ns, "helm", "Apply"));
        Assert.Equal("v1", Entry(ns, "helm", "Apply")["apiVersion"]!.GetValue<string>());
    }

    [Fact]
    public void An_apply_with_force_by_the_csharp_client_takes_size_and_shares_color()
    {
        var created = FieldManager.RecordUpdate(null, Stored(Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"from-csharp","namespace":"sample","labels":{"app":"shop"}},"spec":{"size":"small","color":"#abcdef","replicas":2}}"""), "700"), "kubernetes-csharp", At("2026-11-23T17:01:20Z"));

        var result = FieldManager.ServerSideApply(created, Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"from-csharp"},"spec":{"size":"medium","color":"#abcdef"}}"""), "csharp", true, At("2026-11-23T17:01:20Z"));

        Assert.Equal(["csharp/Apply", "kubernetes-csharp/Update"], Managers(result));
        Assert.Equal("{\"f:spec\":{\"f:color\":{},\"f:size\":{}}}", Fields(result, "csharp", "Apply"));
        Assert.Equal("{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}},\"f:spec\":{\".\":{},\"f:color\":{},\"f:replicas\":{}}}", Fields(result, "kubernetes-csharp", "Update"));
    }

    [Fact]
    public void List_map_items_merge_by_key_and_stay_owned_per_item()
    {
        var first = FieldManager.ServerSideApply(null, Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"status":{"conditions":[{"type":"Ready","status":"True"}]}}"""), "a", false, At("2026-11-23T17:00:00Z"), WidgetKeys);

        var result = FieldManager.ServerSideApply(first, Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"status":{"conditions":[{"type":"Synced","status":"False"}]}}"""), "b", false, At("2026-11-23T17:00:01Z"), WidgetKeys);

        Assert.Equal("""[{"type":"Ready","status":"True"},{"type":"Synced","status":"False"}]""", Text(result["status"]!["conditions"]));
        Assert.Equal("{\"f:status\":{\"f:conditions\":{\"k:{\\\"type\\\":\\\"Synced\\\"}\":{\".\":{},\"f:status\":{},\"f:type\":{}}}}}", Fields(result, "b", "Apply"));
        Assert.Equal("{\"f:status\":{\"f:conditions\":{\"k:{\\\"type\\\":\\\"Ready\\\"}\":{\".\":{},\"f:status\":{},\"f:type\":{}}}}}", Fields(result, "a", "Apply"));
    }

    [Fact]
    public void A_conflict_inside_a_list_map_item_names_the_item_by_key()
    {
        var first = FieldManager.ServerSideApply(null, Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"template":{"spec":{"containers":[{"name":"app","image":"app:1","ports":[{"containerPort":80,"protocol":"TCP"}]}]}}}}"""), "a", false, At("2026-11-23T17:00:00Z"));

        var error = Assert.Throws<ApplyConflictException>(() => FieldManager.ServerSideApply(first, Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"template":{"spec":{"containers":[{"name":"app","image":"app:2"}]}}}}"""), "b", false, At("2026-11-23T17:00:01Z")));

        Assert.Equal("Apply failed with 1 conflict: conflict with \"a\": .spec.template.spec.containers[name=\"app\"].image", error.Message);
        Assert.Contains("k:{\\\"containerPort\\\":80,\\\"protocol\\\":\\\"TCP\\\"}", Fields(first, "a", "Apply"), StringComparison.Ordinal);
    }

    [Fact]
    public void Dropping_an_applied_list_item_removes_it_and_finalizers_merge_as_a_set()
    {
        var first = FieldManager.ServerSideApply(null, Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","finalizers":["a.example.com/x","b.example.com/y"]}}"""), "one", false, At("2026-11-23T17:00:00Z"));
        var second = FieldManager.ServerSideApply(first, Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","finalizers":["c.example.com/z"]}}"""), "two", false, At("2026-11-23T17:00:01Z"));

        var result = FieldManager.ServerSideApply(second, Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","finalizers":["b.example.com/y"]}}"""), "one", false, At("2026-11-23T17:00:02Z"));

        Assert.Equal("""["a.example.com/x","b.example.com/y","c.example.com/z"]""", Text(second["metadata"]!["finalizers"]));
        Assert.Equal("""["b.example.com/y","c.example.com/z"]""", Text(result["metadata"]!["finalizers"]));
        Assert.Equal("{\"f:metadata\":{\"f:finalizers\":{\"v:\\\"b.example.com/y\\\"\":{}}}}", Fields(result, "one", "Apply"));
    }

    [Fact]
    public void Managed_fields_in_an_applied_object_are_rejected_as_malformed()
    {
        var error = Assert.Throws<PatchException>(() => FieldManager.ServerSideApply(null, Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","managedFields":[]}}"""), "one", false, At("2026-11-23T17:00:00Z")));

        Assert.True(error.IsMalformed);
        Assert.Equal("metadata.managedFields must be nil", error.Message);
    }

    [Fact]
    public void A_client_may_clear_managed_fields_with_one_empty_entry()
    {
        var beta = BetaWithStatus();
        var cleared = (JsonObject)beta.DeepClone();
        cleared["metadata"]!["managedFields"] = JsonNode.Parse("[{}]");

        var result = FieldManager.RecordUpdate(beta, cleared, "kubectl-edit", At("2026-11-23T17:05:00Z"), listMapKeys: WidgetKeys);

        Assert.False(result["metadata"]!.AsObject().ContainsKey("managedFields"));
    }

    [Fact]
    public void Managed_fields_sent_on_a_status_write_are_ignored()
    {
        var beta = BetaWithStatus();
        var after = (JsonObject)beta.DeepClone();
        after["metadata"]!["managedFields"] = JsonNode.Parse("""[{"manager":"forged","operation":"Update","apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{}}}]""");

        var result = FieldManager.RecordUpdate(beta, after, "kubectl-patch", At("2026-11-23T17:05:00Z"), "status", WidgetKeys);

        Assert.Equal(["kubectl/Apply", "kubectl-patch/Update"], Managers(result));
    }

    [Fact]
    public void Fields_of_an_applied_object_are_available_without_applying()
    {
        Assert.Equal(BetaKubectlFields, Text(FieldManager.FieldsOf(Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"labels":{"app":"shop","tier":"backend"},"name":"beta","namespace":"sample"},"spec":{"color":"#00aa00","owner":"team-b","replicas":1,"size":"large"}}"""))));
    }

    [Fact]
    public void Time_is_written_in_whole_seconds_utc()
    {
        Assert.Equal("2026-11-23T17:00:00Z", FieldManager.FormatTime(new DateTimeOffset(2026, 11, 23, 18, 0, 0, 999, TimeSpan.FromHours(1))));
    }

    [Fact]
    public void An_apply_to_a_subresource_gets_its_own_entry()
    {
        var beta = Stored(BetaAppliedByKubectl(), "476");

        var result = FieldManager.ServerSideApply(
            beta,
            Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"beta","namespace":"sample"},"status":{"phase":"Running"}}"""),
            "operator",
            force: false,
            At("2026-11-23T17:10:00Z"),
            WidgetKeys,
            subresource: "status");

        Assert.Equal("{\"f:status\":{\"f:phase\":{}}}", Fields(result, "operator", "Apply", "status"));
        Assert.Equal(BetaKubectlFields, Fields(result, "kubectl", "Apply"));
    }

    [Fact]
    public void Kubectl_still_conflicts_on_fields_its_last_applied_annotation_does_not_declare()
    {
        var live = AlphaAfterThreeClientSideApplies();
        var tuned = FieldManager.RecordUpdate(live, (JsonObject)JsonMergePatch.Apply(live, Parse("""{"spec":{"mode":"auto"}}"""))!, "tuner", At("2026-11-23T16:59:58Z"), listMapKeys: WidgetKeys);
        var config = AlphaSsa();
        config["spec"]!["mode"] = "manual";

        // .spec.size also conflicts (with kubectl-client-side-apply) but is declared in last-applied, so only .spec.mode is reported.
        var error = Assert.Throws<ApplyConflictException>(() =>
            FieldManager.ServerSideApply(tuned, config, "kubectl", force: false, At("2026-11-23T17:00:00Z"), WidgetKeys));

        Assert.Equal("Apply failed with 1 conflict: conflict with \"tuner\" using example.com/v1: .spec.mode", error.Message);
    }

    [Theory]
    [InlineData("kubectl-patch", "kubectl/v1.35.2 (linux/amd64) kubernetes/fdc9d74", "kubectl-patch")]
    [InlineData(null, "curl/7.88.1", "curl")]
    [InlineData("", "kubernetes-csharp/21.0.8+75f253d651", "kubernetes-csharp")]
    [InlineData(null, "Go-http-client", "Go-http-client")]
    [InlineData(null, null, null)]
    public void A_write_without_fieldManager_is_attributed_to_the_user_agent_prefix(string? fieldManager, string? userAgent, string? expected)
    {
        Assert.Equal(expected, FieldManager.ManagerOrUserAgent(fieldManager, userAgent));
    }

    [Fact]
    public void An_applied_empty_list_is_owned_as_a_whole()
    {
        var result = FieldManager.ServerSideApply(null, Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w","finalizers":[]},"status":{"conditions":[]}}"""), "a", false, At("2026-11-23T17:00:00Z"), WidgetKeys);

        Assert.Equal("{\"f:metadata\":{\"f:finalizers\":{}},\"f:status\":{\"f:conditions\":{}}}", Fields(result, "a", "Apply"));
    }
}
