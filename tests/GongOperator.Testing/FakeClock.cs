using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace GongOperator.Testing;

/// <summary>Moving a fake clock for code that waits on it, without a test racing the code's timers.</summary>
public static class FakeClock
{
    /// <summary>
    /// Lets <paramref name="task"/> finish, moving <paramref name="time"/> forward by <paramref name="step"/> (default
    /// 100 ms) whenever it is not done after a short real pause (15 ms): a bounded poll. The clock moves whether the code
    /// waits on it or is merely slow (a loaded machine), so use it only for code that must wait on the clock (a budget, a
    /// backoff, a Retry-After), and assert with tolerance for the steps taken meanwhile.
    /// </summary>
    public static async Task<T> Drive<T>(this FakeTimeProvider time, Task<T> task, TimeSpan? step = null, int maxSteps = 2000)
    {
        ArgumentNullException.ThrowIfNull(time);
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(15), TestContext.Current.CancellationToken));
            if (!task.IsCompleted)
            {
                time.Advance(step ?? TimeSpan.FromMilliseconds(100));
            }
        }

        Assert.True(task.IsCompleted, "The operation did not finish within the bound.");
        return await task;
    }
}
