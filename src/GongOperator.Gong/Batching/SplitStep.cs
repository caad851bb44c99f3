namespace GongOperator.Gong.Batching;

/// <summary>
/// One call still to make while a refused call is being split. A first half carries its <paramref name="LaterHalf"/>;
/// a second half whose first half Gong also refused with 409 carries that <paramref name="RefusedFirstHalf"/>, so the
/// worker can tell when both halves of a refused call are refused again (re-adoption: ask the rest one by one).
/// </summary>
internal sealed record SplitStep(RegistrationCall Call, RegistrationCall? LaterHalf = null, RegistrationCall? RefusedFirstHalf = null);
