namespace GongOperator.Gong;

/// <summary>One planned POST: the origins whose callers its answer settles, and the origins its body carries.</summary>
/// <param name="Answers">Waiting registrations settled by this call's answer.</param>
/// <param name="Body">What integrationTypeSettings carries (for incremental the same as Answers; for fullSet the whole desired set).</param>
public sealed record RegistrationCall(IReadOnlyList<OriginRegistration> Answers, IReadOnlyList<OriginRegistration> Body);
