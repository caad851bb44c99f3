using GongOperator.LocalCluster.Tables;

namespace GongOperator.LocalCluster.Tests.Tables;

public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(-5, "<invalid>")]
    [InlineData(-1, "0s")]
    [InlineData(0, "0s")]
    [InlineData(15, "15s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(200, "3m20s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600 - 1, "179m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(3 * 3600 + 1800, "3h30m")]
    [InlineData(8 * 3600, "8h")]
    [InlineData(47 * 3600, "47h")]
    [InlineData(50 * 3600, "2d2h")]
    [InlineData(48 * 3600, "2d")]
    [InlineData(10 * 86400, "10d")]
    [InlineData(3 * 365 * 86400, "3y")]
    [InlineData(3 * 365 * 86400 + 20 * 86400, "3y20d")]
    [InlineData(9 * 365 * 86400, "9y")]
    public void Formats_ages_like_the_api_server(long seconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Since_handles_missing_and_bad_timestamps()
    {
        DateTimeOffset now = DateTimeOffset.Parse("2026-11-23T17:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal("<unknown>", HumanDuration.Since(null, now));
        Assert.Equal("<invalid>", HumanDuration.Since("later", now));
        Assert.Equal("45s", HumanDuration.Since("2026-11-23T16:59:15Z", now));
    }
}
