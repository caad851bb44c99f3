namespace GongOperator.LocalCluster;

/// <summary>
/// The answer a <see cref="LocalApiServer.Intercept"/> hook gives instead of serving a request: a Kubernetes
/// <c>Status</c> failure with <see cref="Code"/>, <see cref="Reason"/> (e.g. <c>Conflict</c>) and
/// <see cref="Message"/>, and a <c>Retry-After</c> header when <see cref="RetryAfterSeconds"/> is set. The request
/// is not served: nothing is written.
/// </summary>
public sealed record ApiFault(int Code, string Reason, string Message, int? RetryAfterSeconds = null)
{
    /// <summary>A 409 as kube-apiserver answers a write with a stale resourceVersion.</summary>
    public static ApiFault Conflict(ApiRequestInfo request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var what = request.Group.Length == 0 ? request.Resource : request.Resource + "." + request.Group;
        return new ApiFault(409, "Conflict", $"Operation cannot be fulfilled on {what} \"{request.Name}\": the object has been modified; please apply your changes to the latest version and try again");
    }
}
