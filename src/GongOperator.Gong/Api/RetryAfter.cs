using System.Net.Http.Headers;

namespace GongOperator.Gong.Api;

/// <summary>Turns a Retry-After header (delta seconds or an HTTP date) into an absolute time.</summary>
internal static class RetryAfter
{
    public static DateTimeOffset? ToInstant(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header is null)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return now + (delta < TimeSpan.Zero ? TimeSpan.Zero : delta);
        }

        if (header.Date is { } date)
        {
            // A date in the past means "now": never earlier than the moment we were told.
            return date > now ? date : now;
        }

        return null;
    }
}
