using GongOperator.Kubernetes.Controllers;

namespace GongOperator.Kubernetes.Informers;

/// <summary>Reads one object of a kind from a cache (an <see cref="Informer{T}"/>); the seam a reconciler's unit tests fake.</summary>
/// <typeparam name="T">The object type.</typeparam>
public interface IObjectReader<out T>
    where T : class
{
    /// <summary>The cached object, or null when there is none. Never change it: it is the cache's instance.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "Get is the informer's existing name (client-go's lister Get); nothing implements this from Visual Basic.")]
    T? Get(ObjectKey key);
}
