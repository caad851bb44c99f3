using GongOperator.Gong;
using GongOperator.Kubernetes.Controllers;
using GongOperator.Reconciliation;
using Microsoft.Extensions.Time.Testing;

namespace GongOperator.Tests.Reconciliation;

public sealed class PendingRegistrationsTests
{
    private static readonly ObjectKey Key = new("tenant", "acme");
    private static readonly OriginRegistration Sent = new("DIALER", "https://acme.partner.com");
    private static readonly Credentials Demo = new("ns/gong", new GongCompany(new BasicCredentials("key", "secret")), null, "1");

    [Fact]
    public void A_second_start_for_a_key_in_flight_makes_no_second_registration()
    {
        var pending = new PendingRegistrations();
        var answer = new TaskCompletionSource<RegistrationOutcome>();
        var calls = 0;

        pending.Start(Key, 1, Sent, Demo, null, _ => { calls++; return answer.Task; }, TestContext.Current.CancellationToken);
        pending.Start(Key, 1, Sent, Demo, null, _ => { calls++; return answer.Task; }, TestContext.Current.CancellationToken);

        Assert.Equal(1, calls);
        Assert.Equal(1, pending.Count);
    }

    [Fact]
    public async Task An_answer_calls_Answered_with_the_key_and_Remove_forgets_it()
    {
        var pending = new PendingRegistrations();
        var answered = new TaskCompletionSource<ObjectKey>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending.Answered = key => answered.TrySetResult(key);
        var answer = new TaskCompletionSource<RegistrationOutcome>();
        pending.Start(Key, 1, Sent, Demo, "token", _ => answer.Task, TestContext.Current.CancellationToken);

        answer.SetResult(new Registered(1, "r"));

        Assert.Equal(Key, await answered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Equal(("token", 1L), (pending.Find(Key)!.ReassertToken, pending.Find(Key)!.Generation));
        pending.Remove(Key);
        Assert.Null(pending.Find(Key));
    }

    [Fact]
    public void Removing_a_registration_still_waiting_cancels_its_token()
    {
        var pending = new PendingRegistrations();
        CancellationToken given = default;
        pending.Start(Key, 1, Sent, Demo, null, token => { given = token; return new TaskCompletionSource<RegistrationOutcome>().Task; }, TestContext.Current.CancellationToken);

        pending.Remove(Key);

        Assert.True(given.IsCancellationRequested);
    }

    [Fact]
    public async Task Draining_ends_once_every_answered_registration_is_written()
    {
        var pending = new PendingRegistrations();
        var time = new FakeTimeProvider();
        var answer = new TaskCompletionSource<RegistrationOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending.Answered = pending.Remove;
        pending.Start(Key, 1, Sent, Demo, null, _ => answer.Task, TestContext.Current.CancellationToken);
        var drain = pending.DrainAsync(time, TestContext.Current.CancellationToken);
        Assert.False(drain.IsCompleted);

        answer.SetResult(new Registered(1, "r"));
        for (var i = 0; i < 200 && !drain.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.WhenAny(drain, Task.Delay(10, TestContext.Current.CancellationToken));
        }

        Assert.True(drain.IsCompleted);
        await drain;
    }
}
