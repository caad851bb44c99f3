using System.Globalization;
using System.Text;
using GongOperator.Configuration;
using GongOperator.Gong;

namespace GongOperator.Planning;

/// <summary>Writes a <see cref="FleetPlan"/> for people and CI logs; the last line is the one-line summary.</summary>
internal static class PlanReport
{
    public static string Format(FleetPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder();
        var strategy = plan.Strategy == RegistrationStrategyKind.FullSet ? "fullSet" : "incremental";
        foreach (var company in plan.Companies)
        {
            text.Append(company.Label);
            text.Append(CultureInfo.InvariantCulture, $"{(company.Secrets.Count == 0 ? "" : $" (Secrets: {string.Join(", ", company.Secrets)})")}\n");
            var removed = company.WouldBeRemoved is { } n ? n.ToString(CultureInfo.InvariantCulture)
                : plan.Strategy == RegistrationStrategyKind.FullSet ? "n/a (needs a cluster: files hold no status)" : "n/a (incremental never removes)";
            text.Append(CultureInfo.InvariantCulture, $"  origins: {company.New} new, {company.Changed} changed, {company.Unchanged} unchanged");
            text.Append(CultureInfo.InvariantCulture, $"{(company.DueAgain > 0 ? $" ({company.DueAgain} due again: retry or re-assertion)" : "")}, would be removed: {removed}\n");
            text.Append(CultureInfo.InvariantCulture, $"  calls: {company.Calls} ({strategy}, batch size {plan.BatchSize}), ");
            text.Append(CultureInfo.InvariantCulture, $"spread over {Duration(company.Duration)} by the rate limit of {plan.CallsPerSecond.ToString(CultureInfo.InvariantCulture)}/s, ");
            text.Append(CultureInfo.InvariantCulture, $"{(company.QuotaShare * 100).ToString("0.##", CultureInfo.InvariantCulture)}% of the daily quota of {plan.DailyQuota}");
            if (company.Calls > plan.DailyQuota)
            {
                text.Append(CultureInfo.InvariantCulture, $"; {company.Calls - plan.DailyQuota} calls wait for later days' quota (00:00 UTC)");
            }

            text.Append('\n');
        }

        foreach (var refused in plan.Refused)
        {
            text.Append(CultureInfo.InvariantCulture, $"refused {refused.Name}: {refused.Reason}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"plan: {plan.Origins} origins, {plan.Calls} calls over {plan.Companies.Count} companies\n");
        return text.ToString();
    }

    private static string Duration(TimeSpan value) =>
        value == TimeSpan.Zero ? "0s" : Durations.Format(TimeSpan.FromMilliseconds(Math.Round(value.TotalMilliseconds)));
}
