using GongOperator.Gong;

namespace GongOperator.Tests.Support;

/// <summary>A Gong client whose answers the test gives, one per call, when it chooses.</summary>
public sealed class FakeRegistrar : IGongRegistrar
{
    public List<Registration> Calls { get; } = [];

    public Task<RegistrationOutcome> RegisterAsync(GongCompany company, OriginRegistration origin, CancellationToken ct)
    {
        var answer = new TaskCompletionSource<RegistrationOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        ct.Register(() => answer.TrySetCanceled(ct));
        Calls.Add(new Registration(company, origin, answer, ct));
        return answer.Task;
    }

    /// <summary>fullSet: the calls for a company's set as it is then (removals).</summary>
    public List<(GongCompany Company, TaskCompletionSource<RegistrationOutcome> Answer)> SetCalls { get; } = [];

    public Task<RegistrationOutcome> SendSetAsync(GongCompany company, CancellationToken ct)
    {
        var answer = new TaskCompletionSource<RegistrationOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        ct.Register(() => answer.TrySetCanceled(ct));
        SetCalls.Add((company, answer));
        return answer.Task;
    }

    /// <summary>Answers the last call and waits until the registration's continuation has run.</summary>
    public void Answer(RegistrationOutcome outcome) => Calls[^1].Answer.SetResult(outcome);

    public sealed record Registration(GongCompany Company, OriginRegistration Origin, TaskCompletionSource<RegistrationOutcome> Answer, CancellationToken Token);
}
