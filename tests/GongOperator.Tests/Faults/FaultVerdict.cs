using System.Globalization;
using GongOperator.Reconciliation;
using GongOperator.Resources;
using Simulator = GongOperator.GongSimulator.GongSimulator;

namespace GongOperator.Tests.Faults;

/// <summary>
/// What every fault scenario asserts once the origins are Ready. Nothing lost: each origin is Ready at its generation
/// for its own spec, Gong (the simulator) holds its registration, and its status carries that registration's
/// integrationId (or, after a 409, none: Gong names the id only to the call that registered it); and no status the
/// watch ever saw carried another id. Nothing wasted: no call reached Gong inside a Retry-After it had answered, and
/// no call carried an origin after its status had said Ready at its generation.
/// </summary>
internal static class FaultVerdict
{
    /// <summary>Slack for the gap between the simulator stamping an answer and the client acting on it.</summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMilliseconds(100);

    public static void AssertNothingLost(IList<GongIntegrationOrigin> origins, Simulator simulator, StatusHistory history)
    {
        var registrations = simulator.GetRegistrations(Simulator.DemoCompanyName);
        var samples = history.Samples;
        foreach (var origin in origins)
        {
            var name = origin.Metadata.Name;
            var status = origin.Status;
            Assert.NotNull(status);
            var ready = status.Conditions!.Single(c => c.Type == ConditionTypes.Ready);
            Assert.True(ready.Status == "True", $"{name} is not Ready: {ready.Reason} {ready.Message}");
            Assert.Equal(origin.Metadata.Generation, status.ObservedGeneration);
            Assert.Equal(origin.Spec.AllowedOrigin, status.RegisteredOrigin);
            var registration = registrations.SingleOrDefault(r => r.AllowedOrigin == origin.Spec.AllowedOrigin && r.IntegrationType == origin.Spec.IntegrationType);
            Assert.True(registration is not null, $"Gong holds no registration of {origin.Spec.AllowedOrigin}, yet {name} says {ready.Reason}");
            var rightId = registration.IntegrationId.ToString(CultureInfo.InvariantCulture);
            if (ready.Reason == OriginReasons.Registered)
            {
                Assert.Equal(rightId, status.IntegrationId);
            }
            else
            {
                Assert.Equal(OriginReasons.AlreadyRegistered, ready.Reason);
                Assert.True(status.IntegrationId is null || status.IntegrationId == rightId, $"{name} carries integrationId {status.IntegrationId}, Gong's is {rightId}");
            }

            var wrong = samples.Where(s => s.Name == name && s.IntegrationId is not null && s.IntegrationId != rightId).ToList();
            Assert.True(wrong.Count == 0, $"{name}'s status once carried integrationId {wrong.FirstOrDefault()?.IntegrationId}, Gong's is {rightId}");
        }
    }

    public static void AssertNothingWasted(IList<GongIntegrationOrigin> origins, Simulator simulator, StatusHistory history)
    {
        var calls = simulator.Calls;
        foreach (var limited in calls.Where(c => c.Status == 429 && c.RetryAfterSeconds is > 0))
        {
            var until = limited.Time.AddSeconds(limited.RetryAfterSeconds!.Value) - ClockSlack;
            var early = calls.FirstOrDefault(c => c.Sequence > limited.Sequence && c.Time < until);
            Assert.True(early is null, $"call {early?.Sequence} at {early?.Time:O} came inside the Retry-After of call {limited.Sequence} (until {until + ClockSlack:O})");
        }

        var byOrigin = origins.ToDictionary(o => o.Spec.AllowedOrigin, StringComparer.Ordinal);
        foreach (var call in calls)
        {
            foreach (var item in call.Items)
            {
                if (item.AllowedOrigin is null || !byOrigin.TryGetValue(item.AllowedOrigin, out var origin))
                {
                    continue;
                }

                var readySince = history.FirstReadyAtGeneration(origin.Metadata.Name, origin.Metadata.Generation ?? 0);
                Assert.True(readySince is null || call.Time < readySince, $"call {call.Sequence} at {call.Time:O} carried {item.AllowedOrigin}, Ready at its generation since {readySince:O}");
            }
        }
    }
}
