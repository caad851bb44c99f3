namespace GongOperator.Kubernetes.Informers;

/// <summary>An <see cref="IInformerHandler{T}"/> from delegates; any may be null.</summary>
public sealed class InformerHandler<T>(Action<T>? onAdd, Action<T, T>? onUpdate, Action<T>? onDelete) : IInformerHandler<T>
{
    /// <inheritdoc />
    public void OnAdd(T obj) => onAdd?.Invoke(obj);

    /// <inheritdoc />
    public void OnUpdate(T oldObject, T newObject) => onUpdate?.Invoke(oldObject, newObject);

    /// <inheritdoc />
    public void OnDelete(T obj) => onDelete?.Invoke(obj);
}
