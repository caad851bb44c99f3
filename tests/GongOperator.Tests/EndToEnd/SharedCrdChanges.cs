namespace GongOperator.Tests.EndToEnd;

/// <summary>
/// The tests that change the GongIntegrationOrigin CRD. On a cluster shared by every test (the <c>kubeconfig</c> and
/// <c>apiserver</c> lanes) all tests use that one CRD, so these run alone, after the parallel ones: none sees a
/// schema another test loosened, or the brief 503 of the storage swap that follows a schema change.
/// </summary>
[CollectionDefinition(nameof(SharedCrdChanges), DisableParallelization = true)]
public sealed class SharedCrdChanges;
