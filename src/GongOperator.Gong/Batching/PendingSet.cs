namespace GongOperator.Gong.Batching;

/// <summary>A request for one fullSet call carrying the company's set as it is then (a removal), with the credentials it came with.</summary>
internal sealed record PendingSet(GongCompany Company, TaskCompletionSource<RegistrationOutcome> Waiter, DateTimeOffset Since);
