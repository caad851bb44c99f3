namespace GongOperator.Kubernetes.Tests.Support;

/// <summary>Waits for a condition by polling, with a generous bound (never a fixed sleep).</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? bound = null)
    {
        var deadline = DateTime.UtcNow + (bound ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Timed out waiting until " + what);
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
