using System.Collections;

namespace GongOperator.Kubernetes.Controllers;

/// <summary>
/// The logging scope of one reconcile, as controller-runtime's per-reconcile logger carries them: every line logged
/// while a key is reconciled (by the reconciler too, through the same logger factory) names the controller, the object
/// and a reconcile id, so the lines of one pass can be found together.
/// </summary>
internal sealed class ReconcileScope(string controller, ObjectKey key, string reconcileId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _values =
    [
        new("Controller", controller),
        new("Object", key.ToString()),
        new("ReconcileId", reconcileId),
    ];

    public ObjectKey Key { get; } = key;

    public string ReconcileId { get; } = reconcileId;

    public int Count => _values.Length;

    public KeyValuePair<string, object?> this[int index] => _values[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"reconcile {_values[0].Value} {Key} (id {ReconcileId})";
}
