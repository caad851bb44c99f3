using System.Reflection;
using Microsoft.Extensions.Logging;

namespace GongOperator.Tests.Conventions;

/// <summary>Each assembly logs in its own EventId range, so an id names its source in a mixed log stream.</summary>
public sealed class EventIdRangeTests
{
    public static TheoryData<string, int, int> Ranges => new()
    {
        { "GongOperator.Kubernetes", 1000, 1999 },
        { "gong-operator", 2000, 2999 },
        { "GongOperator.Gong", 5000, 5999 },
        { "GongOperator.LocalCluster", 8000, 8999 },
        { "GongOperator.GongSimulator", 9000, 9999 },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void Every_LoggerMessage_of_an_assembly_has_a_unique_EventId_in_its_range(string assembly, int first, int last)
    {
        var ids = Assembly.Load(assembly).GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
            .OfType<LoggerMessageAttribute>()
            .Select(a => a.EventId)
            .ToList();

        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.InRange(id, first, last));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
