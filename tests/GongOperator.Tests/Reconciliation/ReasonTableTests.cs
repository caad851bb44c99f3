using System.Globalization;
using GongOperator.Gong;
using GongOperator.Reconciliation;
using GongOperator.Testing;

namespace GongOperator.Tests.Reconciliation;

public sealed class ReasonTableTests
{
    [Fact]
    public void Every_Gong_outcome_type_has_exactly_one_row_and_every_row_names_a_real_outcome()
    {
        var outcomeTypes = typeof(RegistrationOutcome).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(RegistrationOutcome)) && !t.IsAbstract)
            .ToHashSet();

        var rows = OriginReasons.Table.Where(r => r.Outcome is not null).Select(r => r.Outcome!).ToList();

        Assert.Equal(rows.Count, rows.Distinct().Count());
        Assert.Equal(outcomeTypes.OrderBy(t => t.Name), rows.OrderBy(t => t.Name));
    }

    [Fact]
    public void Reasons_are_unique_and_each_constant_has_a_row()
    {
        var constants = typeof(OriginReasons).GetFields()
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal);

        Assert.Equal(constants, OriginReasons.Table.Select(r => r.Reason).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_READMEs_reason_table_says_what_the_operators_table_does()
    {
        var lines = File.ReadAllLines(Path.Combine(KubeTools.RepositoryRoot, "README.md"));
        var header = Array.FindIndex(lines, l => l.StartsWith("| Ready | Reconciling | Stalled | reason |", StringComparison.Ordinal));
        Assert.True(header >= 0, "README.md has no reason table");
        var readme = lines.Skip(header + 2)
            .TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Trim('|').Split('|').Select(c => c.Trim()).ToArray())
            .ToList();

        var expected = OriginReasons.Table.Select(r => new[]
        {
            r.Condition switch
            {
                OriginCondition.Ready => "True",
                OriginCondition.Waiting => "False (True if registered)",
                OriginCondition.Paused => "kept",
                _ => "False",
            },
            r.Condition == OriginCondition.Waiting ? "True" : "False",
            r.Condition == OriginCondition.Stalled ? "True" : "False",
            "`" + r.Reason + "`",
            r.Backoff switch
            {
                BackoffKind.AfterTransientFailure => $"{Show(Backoff.TransientBase)} doubling to {Show(Backoff.TransientCap)}",
                BackoffKind.AfterFailureNeedingAPerson => $"{Show(Backoff.NeedingAPersonBase)} doubling to {Show(Backoff.NeedingAPersonCap)}",
                _ => "—",
            },
            r.EndsWaitOnSecretChange ? "yes" : "no",
        });

        Assert.Equal(expected.Select(e => string.Join(" | ", e)), readme.Select(cells => string.Join(" | ", cells.Take(6))));
    }

    [Fact]
    public void Only_the_two_successes_count_as_success_and_every_message_is_free_of_volatile_detail()
    {
        Assert.Equal([OriginReasons.Registered, OriginReasons.AlreadyRegistered], OriginReasons.Table.Where(r => r.CountsAsSuccess).Select(r => r.Reason));
        var spec = new GongOperator.Resources.GongIntegrationOriginSpec { IntegrationType = "DIALER", AllowedOrigin = "https://a.partner.com" };
        var first = Unavailable.HttpStatus(503, "request-1");
        var again = Unavailable.HttpStatus(503, "request-2");

        Assert.Equal(
            OriginReasons.For(first).Message(new ReasonFacts(spec, "ns/s", first)),
            OriginReasons.For(again).Message(new ReasonFacts(spec, "ns/s", again)));
    }

    private static string Show(TimeSpan span) => span.TotalHours >= 1
        ? span.TotalHours.ToString(CultureInfo.InvariantCulture) + " h"
        : span.TotalMinutes >= 1 ? span.TotalMinutes.ToString(CultureInfo.InvariantCulture) + " min" : span.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s";
}
