using System.Globalization;
using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Resources;

namespace GongOperator.LocalCluster.Errors;

/// <summary>A request failure carried to the HTTP layer as a Kubernetes <c>Status</c> body.</summary>
internal sealed class StatusException : Exception
{
    public StatusException(int code, string reason, string message, string? name = null, string? group = null, string? kind = null, IReadOnlyList<StatusCause>? causes = null, bool includeEmptyDetails = false)
        : base(message)
    {
        Code = code;
        Reason = reason;
        DetailName = name;
        DetailGroup = group;
        DetailKind = kind;
        Causes = causes ?? [];
        IncludeEmptyDetails = includeEmptyDetails;
    }

    public StatusException()
        : this(500, "InternalError", "Internal error occurred")
    {
    }

    public StatusException(string message)
        : this(500, "InternalError", message)
    {
    }

    public StatusException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = 500;
        Reason = "InternalError";
        Causes = [];
    }

    public int Code { get; }

    public string Reason { get; }

    public string? DetailName { get; }

    public string? DetailGroup { get; }

    public string? DetailKind { get; }

    public IReadOnlyList<StatusCause> Causes { get; }

    public bool IncludeEmptyDetails { get; }

    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
        };
        var details = new JsonObject();
        if (DetailName is not null)
        {
            details["name"] = DetailName;
        }

        if (!string.IsNullOrEmpty(DetailGroup))
        {
            details["group"] = DetailGroup;
        }

        if (DetailKind is not null)
        {
            details["kind"] = DetailKind;
        }

        if (Causes.Count > 0)
        {
            var causes = new JsonArray();
            foreach (var cause in Causes)
            {
                var c = new JsonObject { ["reason"] = cause.Reason, ["message"] = cause.Message };
                if (cause.Field is not null)
                {
                    c["field"] = cause.Field;
                }

                causes.Add(c);
            }

            details["causes"] = causes;
        }

        if (details.Count > 0 || IncludeEmptyDetails)
        {
            status["details"] = details;
        }

        status["code"] = Code;
        return status;
    }

    public static StatusException NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type.QualifiedPlural} \"{name}\" not found", name, type.Group, type.Plural);

    public static StatusException NamespaceNotFound(string ns) =>
        new(404, "NotFound", $"namespaces \"{ns}\" not found", ns, "", "namespaces");

    public static StatusException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.QualifiedPlural} \"{name}\" already exists", name, type.Group, type.Plural);

    public static StatusException Conflict(ResourceType type, string name) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {type.QualifiedPlural} \"{name}\": the object has been modified; please apply your changes to the latest version and try again", name, type.Group, type.Plural);

    public static StatusException BadRequest(string message) => new(400, "BadRequest", message);

    public static StatusException MethodNotAllowed() =>
        new(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");

    public static StatusException Gone(string message) => new(410, "Expired", message);

    public static StatusException UnsupportedMediaType(string message) => new(415, "UnsupportedMediaType", message);

    public static StatusException TooLarge() => new(413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728");

    public static StatusException Internal(string detail) => new(500, "InternalError", "Internal error occurred: " + detail, causes: [new StatusCause("", detail, null)]);

    /// <summary>422 Invalid: <c>Kind.group "name" is invalid: field: message, ...</c>.</summary>
    public static StatusException Invalid(ResourceType type, string name, IReadOnlyList<StatusCause> causes) => Invalid(type.QualifiedKind, type.Group, type.Kind, name, causes);

    public static StatusException Invalid(string qualifiedKind, string group, string kind, string name, IReadOnlyList<StatusCause> causes)
    {
        string summary;
        if (causes.Count == 1)
        {
            summary = Describe(causes[0]);
        }
        else
        {
            summary = "[" + string.Join(", ", causes.Select(Describe)) + "]";
        }

        return new StatusException(422, "Invalid", string.Create(CultureInfo.InvariantCulture, $"{qualifiedKind} \"{name}\" is invalid: {summary}"), name, group, kind, causes);
    }

    /// <summary>422 for bad list/watch query options (ListOptions.meta.k8s.io).</summary>
    public static StatusException ListOptionsInvalid(string field, string message, string reason) =>
        Invalid("ListOptions.meta.k8s.io", "meta.k8s.io", "ListOptions", "", [new StatusCause(reason, message, field)]);

    private static string Describe(StatusCause cause) => cause.Field is null ? cause.Message : cause.Field + ": " + cause.Message;
}
