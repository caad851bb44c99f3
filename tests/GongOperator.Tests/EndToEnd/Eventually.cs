using System.Diagnostics;

namespace GongOperator.Tests.EndToEnd;

/// <summary>Bounded polling: the condition is checked until it holds or the bound passes (no fixed sleeps).</summary>
public static class Eventually
{
    /// <summary>Default bound: generous, for a loaded 2-core CI machine.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), what, timeout);

    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, Func<string>? describe = null)
    {
        var bound = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            if (await condition())
            {
                return;
            }

            if (clock.Elapsed > bound)
            {
                Assert.Fail($"Not true within {bound.TotalSeconds:0} s: {what}. {describe?.Invoke()}");
            }

            // Polling interval, not a wait for the outcome: the loop re-checks until the bound.
            await Task.Delay(pause, TestContext.Current.CancellationToken);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 250));
        }
    }
}
