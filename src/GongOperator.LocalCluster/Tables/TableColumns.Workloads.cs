using System.Globalization;
using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Tables;

/// <summary>The columns of the workload, storage and ingress kinds, as kube-apiserver 1.28's printers lay them out.</summary>
internal static partial class TableColumns
{
    private static List<TableColumn> PodColumns() =>
    [
        Name(),
        new("Ready", "string", string.Empty, "Ready containers out of all containers.", 0, (o, _) =>
            Statuses(o).Count(s => s?["ready"]?.GetValueKind() == System.Text.Json.JsonValueKind.True).ToString(CultureInfo.InvariantCulture)
            + "/" + Count(o["spec"]?["containers"]).ToString(CultureInfo.InvariantCulture)),
        new("Status", "string", string.Empty, "The pod's phase, or the reason it is in it.", 0, (o, _) =>
            Str(o["status"]?["reason"]) ?? PodStatusText(o)),
        new("Restarts", "string", string.Empty, "Container restarts.", 0, (o, _) => Statuses(o).Sum(s => Long(s?["restartCount"]))),
        Age(),
        new("IP", "string", string.Empty, "The pod's IP address.", 1, (o, _) => Str(o["status"]?["podIP"]) ?? "<none>"),
        new("Node", "string", string.Empty, "The node the pod runs on.", 1, (o, _) => Str(o["spec"]?["nodeName"]) ?? "<none>"),
    ];

    private static List<TableColumn> StatefulSetColumns() =>
    [
        Name(),
        new("Ready", "string", string.Empty, "Ready pods out of desired pods.", 0, (o, _) =>
            Long(o["status"]?["readyReplicas"]).ToString(CultureInfo.InvariantCulture) + "/" + DesiredReplicas(o).ToString(CultureInfo.InvariantCulture)),
        Age(),
        new("Containers", "string", string.Empty, "Names of the containers.", 1, (o, _) => JoinContainers(o, "name")),
        new("Images", "string", string.Empty, "Images of the containers.", 1, (o, _) => JoinContainers(o, "image")),
    ];

    private static List<TableColumn> DaemonSetColumns() =>
    [
        Name(),
        new("Desired", "integer", string.Empty, "Nodes that should run the pod.", 0, (o, _) => Long(o["status"]?["desiredNumberScheduled"])),
        new("Current", "integer", string.Empty, "Nodes running the pod.", 0, (o, _) => Long(o["status"]?["currentNumberScheduled"])),
        new("Ready", "integer", string.Empty, "Nodes whose pod is ready.", 0, (o, _) => Long(o["status"]?["numberReady"])),
        new("Up-to-date", "integer", string.Empty, "Nodes running the current template.", 0, (o, _) => Long(o["status"]?["updatedNumberScheduled"])),
        new("Available", "integer", string.Empty, "Nodes whose pod is available.", 0, (o, _) => Long(o["status"]?["numberAvailable"])),
        new("Node Selector", "string", string.Empty, "The nodes the pods are limited to.", 0, (o, _) =>
            o["spec"]?["template"]?["spec"]?["nodeSelector"] is JsonObject { Count: > 0 } selector
                ? string.Join(",", selector.Select(kv => kv.Key + "=" + Str(kv.Value)))
                : "<none>"),
        Age(),
        new("Containers", "string", string.Empty, "Names of the containers.", 1, (o, _) => JoinContainers(o, "name")),
        new("Images", "string", string.Empty, "Images of the containers.", 1, (o, _) => JoinContainers(o, "image")),
        new("Selector", "string", string.Empty, "Label selector of the pods.", 1, (o, _) => FormatSelector(o["spec"]?["selector"])),
    ];

    private static List<TableColumn> JobColumns() =>
    [
        Name(),
        new("Completions", "string", string.Empty, "Succeeded pods out of the completions wanted.", 0, (o, _) =>
            Long(o["status"]?["succeeded"]).ToString(CultureInfo.InvariantCulture) + "/"
            + (o["spec"]?["completions"] is { } c ? Long(c).ToString(CultureInfo.InvariantCulture) : "1")),
        new("Duration", "string", string.Empty, "How long the job ran.", 0, (o, now) => JobDuration(o, now)),
        Age(),
        new("Containers", "string", string.Empty, "Names of the containers.", 1, (o, _) => JoinContainers(o, "name")),
        new("Images", "string", string.Empty, "Images of the containers.", 1, (o, _) => JoinContainers(o, "image")),
        new("Selector", "string", string.Empty, "Label selector of the pods.", 1, (o, _) => FormatSelector(o["spec"]?["selector"])),
    ];

    private static List<TableColumn> CronJobColumns() =>
    [
        Name(),
        new("Schedule", "string", string.Empty, "The cron schedule.", 0, (o, _) => Str(o["spec"]?["schedule"]) ?? string.Empty),
        new("Suspend", "boolean", string.Empty, "Whether new runs are held back.", 0, (o, _) => o["spec"]?["suspend"]?.GetValueKind() == System.Text.Json.JsonValueKind.True),
        new("Active", "integer", string.Empty, "Jobs running now.", 0, (o, _) => (long)Count(o["status"]?["active"])),
        new("Last Schedule", "string", string.Empty, "When a job was last started.", 0, (o, now) =>
            Str(o["status"]?["lastScheduleTime"]) is { } last ? HumanDuration.Since(last, now) : "<none>"),
        Age(),
    ];

    private static List<TableColumn> PersistentVolumeClaimColumns() =>
    [
        Name(),
        new("Status", "string", string.Empty, "The claim's phase.", 0, (o, _) => Str(o["status"]?["phase"]) ?? string.Empty),
        new("Volume", "string", string.Empty, "The volume bound to the claim.", 0, (o, _) => Str(o["spec"]?["volumeName"]) ?? string.Empty),
        new("Capacity", "string", string.Empty, "The bound volume's size.", 0, (o, _) => Str(o["status"]?["capacity"]?["storage"]) ?? string.Empty),
        new("Access Modes", "string", string.Empty, "How the volume can be mounted.", 0, (o, _) =>
            o["status"]?["accessModes"] is JsonArray modes ? string.Join(",", modes.Select(m => ShortAccessMode(Str(m)))) : string.Empty),
        new("StorageClass", "string", string.Empty, "The claim's storage class.", 0, (o, _) => Str(o["spec"]?["storageClassName"]) ?? string.Empty),
        Age(),
    ];

    private static List<TableColumn> IngressColumns() =>
    [
        Name(),
        new("Class", "string", string.Empty, "The ingress class.", 0, (o, _) => Str(o["spec"]?["ingressClassName"]) ?? "<none>"),
        new("Hosts", "string", string.Empty, "The hosts served.", 0, (o, _) =>
            o["spec"]?["rules"] is JsonArray { Count: > 0 } rules ? string.Join(",", rules.Select(r => Str(r?["host"]) ?? "*")) : "*"),
        new("Address", "string", string.Empty, "The load balancer's addresses.", 0, (o, _) =>
            o["status"]?["loadBalancer"]?["ingress"] is JsonArray lbs ? string.Join(",", lbs.Select(l => Str(l?["ip"]) ?? Str(l?["hostname"]))) : string.Empty),
        new("Ports", "string", string.Empty, "The ports served.", 0, (o, _) => o["spec"]?["tls"] is JsonArray { Count: > 0 } ? "80, 443" : "80"),
        Age(),
    ];

    private static IEnumerable<JsonNode?> Statuses(JsonObject o) => o["status"]?["containerStatuses"] as JsonArray ?? [];

    private static string PodStatusText(JsonObject o)
    {
        // As kubectl shows it: a terminated container's reason (Completed) once the pod has finished.
        var terminated = Statuses(o).Select(s => Str(s?["state"]?["terminated"]?["reason"])).FirstOrDefault(r => r is not null);
        var phase = Str(o["status"]?["phase"]) ?? "Pending";
        return phase == "Succeeded" && terminated is not null ? terminated : phase;
    }

    private static string JobDuration(JsonObject o, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParse(Str(o["status"]?["startTime"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start))
        {
            return string.Empty;
        }

        var end = DateTimeOffset.TryParse(Str(o["status"]?["completionTime"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var done) ? done : now;
        return HumanDuration.Format(end - start);
    }

    private static string ShortAccessMode(string? mode) => mode switch
    {
        "ReadWriteOnce" => "RWO",
        "ReadOnlyMany" => "ROX",
        "ReadWriteMany" => "RWX",
        "ReadWriteOncePod" => "RWOP",
        _ => mode ?? string.Empty,
    };
}
