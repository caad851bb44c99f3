using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using GongOperator.GongSimulator;
using Simulator = GongOperator.GongSimulator.GongSimulator;

namespace GongOperator.Cli;

/// <summary>The <c>simulator</c> subcommand: serves the Gong simulator alone on 127.0.0.1 until Ctrl-C or SIGTERM.</summary>
internal static class SimulatorCommand
{
    public const string Name = "simulator";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var port = NumberOption.Create("--port", "TCP port on 127.0.0.1; 0 picks a free one (the ready line names it).", 0, 0, 65535);

        var companies = new Option<string[]>("--company")
        {
            Description = "A company with HTTP Basic credentials, NAME:ACCESS_KEY:ACCESS_KEY_SECRET (repeatable). Default: the demo company.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        companies.Validators.Add(r => CheckPairs(r, "--company", "NAME:ACCESS_KEY:ACCESS_KEY_SECRET", 3));

        var bearerCompanies = new Option<string[]>("--bearer-company")
        {
            Description = "A company with an OAuth bearer token, NAME:TOKEN (repeatable; a NAME also given to --company gets both).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        bearerCompanies.Validators.Add(r => CheckPairs(r, "--bearer-company", "NAME:TOKEN", 2));

        var partnerDomains = new Option<string[]>("--partner-domain")
        {
            Description = "NAME:DOMAIN: that company's origins must be DOMAIN or under it, else 400 (repeatable; NAME may be demo when no company is given).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        partnerDomains.Validators.Add(r => CheckPairs(r, "--partner-domain", "NAME:DOMAIN", 2));

        var rate = NumberOption.Create("--rate-per-second", "Calls a second per company before 429.", 3, 1, int.MaxValue);
        var quota = NumberOption.Create("--daily-quota", "Calls per UTC day per company before 429 (the window resets at 00:00 UTC).", 10_000L, 1, long.MaxValue);

        var conflictMode = new Option<string>("--conflict-mode")
        {
            Description = "Answer to an origin already registered: conflict (409) or ok (200).",
            DefaultValueFactory = _ => "conflict",
            HelpName = "conflict|ok",
        };

        // A validator of our own, not AcceptOnlyFromAmong: its message spans several lines and the CLI promises one.
        conflictMode.Validators.Add(r => Check(r, r.GetValueOrDefault<string>() is "conflict" or "ok", "--conflict-mode must be 'conflict' or 'ok'"));

        var registrationModes = new Option<string[]>("--registration-mode")
        {
            Description = "What a POST does to a company's list: add (the default) or replace (the POST sets the list). A bare MODE is every company's; NAME:MODE is one company's (repeatable).",
            Arity = ArgumentArity.ZeroOrMore,
            HelpName = "[NAME:]add|replace",
        };
        registrationModes.Validators.Add(r => Check(
            r,
            (r.GetValueOrDefault<string[]>() ?? []).All(v => !v.StartsWith(':') && SimulatorModes.ParseRegistrationMode(v.Split(':', 2)[^1]) is not null),
            "--registration-mode expects add, replace, NAME:add or NAME:replace"));

        var latency = NonNegative("--latency-ms", "Delay before every answer, in milliseconds.");
        var failNext = NonNegative("--fail-next", "The first N calls answer 500.");
        var resetNext = NonNegative("--reset-next", "The first N calls get their connection reset.");
        var malformedNext = NonNegative("--malformed-next", "The first N calls that would answer 200 answer 200 with an HTML page, not JSON (they register).");
        var truncatedNext = NonNegative("--truncated-next", "The first N calls that would answer 200 answer 200 with the JSON body cut off halfway (they register).");
        var stormSeconds = NonNegative("--storm-seconds", "Answer every call 429 for this many seconds from start.");
        var stormRetryAfter = NumberOption.Create("--storm-retry-after", "The Retry-After (seconds) of the storm's 429s.", 5, 1, int.MaxValue);

        var exhaustQuota = new Option<string[]>("--exhaust-quota")
        {
            Description = "NAME: that company's daily quota is spent from start until 00:00 UTC (repeatable).",
            Arity = ArgumentArity.ZeroOrMore,
        };

        // Short lifetimes let a test or a demo watch the operator rotate tokens; a year is past any real token.
        var tokenLifetime = DurationOption.Create("--token-lifetime", "Lifetime of the OAuth access tokens the token endpoint issues (its expires_in), e.g. 30s or 24h.", new GongSimulatorOptions().TokenLifetime, TimeSpan.FromSeconds(1), TimeSpan.FromDays(366));

        var quiet = new Option<bool>("--quiet") { Description = "Do not print a line per call received." };

        var command = new Command(Name, "Run the Gong simulator alone (POST /v2/integration-settings and the /_simulator admin API on 127.0.0.1).");
        foreach (var option in new Option[] { port, companies, bearerCompanies, partnerDomains, rate, quota, conflictMode, registrationModes, latency, failNext, resetNext, malformedNext, truncatedNext, stormSeconds, stormRetryAfter, exhaustQuota, tokenLifetime, quiet })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            List<SimulatedCompany> configured;
            var modes = r.GetValue(registrationModes) ?? [];
            try
            {
                configured = BuildCompanies(r.GetValue(companies) ?? [], r.GetValue(bearerCompanies) ?? [], r.GetValue(partnerDomains) ?? [], modes.Where(m => m.Contains(':', StringComparison.Ordinal)).ToList());
            }
            catch (ArgumentException e)
            {
                await stderr.WriteLineAsync($"gong-operator {Name}: {e.Message}").ConfigureAwait(false);
                return GongOperatorCli.UsageError;
            }

            var served = configured.Count > 0 ? configured.Select(c => c.Name).ToList() : [Simulator.DemoCompanyName];
            if ((r.GetValue(exhaustQuota) ?? []).FirstOrDefault(n => !served.Contains(n)) is { } unknown)
            {
                await stderr.WriteLineAsync($"gong-operator {Name}: --exhaust-quota names company '{unknown}', which is not served").ConfigureAwait(false);
                return GongOperatorCli.UsageError;
            }

            var output = TextWriter.Synchronized(stdout);
            var options = new GongSimulatorOptions
            {
                Port = r.GetValue(port),
                Companies = configured,
                RatePerSecond = r.GetValue(rate),
                DailyQuota = r.GetValue(quota),
                ConflictMode = r.GetValue(conflictMode) == "ok" ? SimulatorConflictMode.Ok : SimulatorConflictMode.Conflict,
                TokenLifetime = r.GetValue(tokenLifetime),
                RegistrationMode = modes.LastOrDefault(m => !m.Contains(':', StringComparison.Ordinal)) is { } everyone ? SimulatorModes.ParseRegistrationMode(everyone)!.Value : SimulatorRegistrationMode.Add,
                Faults = new SimulatorFaultSpec
                {
                    LatencyMs = r.GetValue(latency),
                    FailNext = r.GetValue(failNext),
                    ResetNext = r.GetValue(resetNext),
                    MalformedNext = r.GetValue(malformedNext),
                    TruncatedNext = r.GetValue(truncatedNext),
                    StormSeconds = r.GetValue(stormSeconds),
                    StormRetryAfterSeconds = r.GetValue(stormRetryAfter),
                    ExhaustQuota = r.GetValue(exhaustQuota) ?? [],
                },
                OnCall = r.GetValue(quiet) ? null : call => output.WriteLine(Describe(call)),
            };

            var invalid = options.Validate();
            if (invalid.Count > 0)
            {
                await stderr.WriteLineAsync($"gong-operator {Name}: {string.Join("; ", invalid)}").ConfigureAwait(false);
                return GongOperatorCli.UsageError;
            }

            Simulator simulator;
            try
            {
                simulator = await Simulator.StartAsync(options, ct).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                await stderr.WriteLineAsync($"gong-operator {Name}: cannot listen on 127.0.0.1:{options.Port.ToString(CultureInfo.InvariantCulture)}: {e.Message}").ConfigureAwait(false);
                return 1;
            }

            using var stop = new ShutdownSignal(ct);
            await using (simulator.ConfigureAwait(false))
            {
                output.WriteLine(ReadyLine(simulator));
                await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C or SIGTERM: the normal way to stop.
                }
            }

            output.WriteLine("stopped");
            return 0;
        });
        return command;
    }

    /// <summary>The line scripts wait for: <c>ready BASE_URL (company NAME: access key KEY; ...)</c>, never a secret.</summary>
    internal static string ReadyLine(Simulator simulator)
    {
        var companies = simulator.Companies.Select(c =>
        {
            var kinds = new List<string>();
            if (c.AccessKey is not null)
            {
                kinds.Add($"access key {c.AccessKey}");
            }

            if (c.BearerTokens.Count > 0)
            {
                kinds.Add(c.BearerTokens.Count == 1 ? "a bearer token" : $"{c.BearerTokens.Count.ToString(CultureInfo.InvariantCulture)} bearer tokens");
            }

            return $"company {c.Name}: {string.Join(", ", kinds)}";
        });
        return $"ready {simulator.BaseAddress.ToString().TrimEnd('/')} ({string.Join("; ", companies)})";
    }

    internal static List<SimulatedCompany> BuildCompanies(IReadOnlyList<string> basic, IReadOnlyList<string> bearer, IReadOnlyList<string> partnerDomains, IReadOnlyList<string> registrationModes)
    {
        var names = new List<string>();
        var keys = new Dictionary<string, (string Key, string Secret)>(StringComparer.Ordinal);
        var tokens = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var domains = new Dictionary<string, string>(StringComparer.Ordinal);
        var modes = new Dictionary<string, SimulatorRegistrationMode>(StringComparer.Ordinal);
        foreach (var value in basic)
        {
            var parts = value.Split(':', 3);
            if (!keys.TryAdd(parts[0], (parts[1], parts[2])))
            {
                throw new ArgumentException($"--company gives company '{parts[0]}' twice");
            }

            AddName(names, parts[0]);
        }

        foreach (var value in bearer)
        {
            var parts = value.Split(':', 2);
            if (!tokens.TryGetValue(parts[0], out var list))
            {
                tokens[parts[0]] = list = [];
            }

            list.Add(parts[1]);
            AddName(names, parts[0]);
        }

        var demo = names.Count == 0 && partnerDomains.Count > 0;
        if (demo)
        {
            // With no company given the demo company is served: it takes a partner domain without being declared again.
            AddName(names, Simulator.DemoCompanyName);
        }

        foreach (var value in partnerDomains)
        {
            var parts = value.Split(':', 2);
            if (!names.Contains(parts[0]))
            {
                throw new ArgumentException($"--partner-domain names company '{parts[0]}', which is not served (give it with --company or --bearer-company)");
            }

            domains[parts[0]] = parts[1];
        }

        foreach (var value in registrationModes)
        {
            var parts = value.Split(':', 2);
            if (!names.Contains(parts[0]))
            {
                throw new ArgumentException($"--registration-mode names company '{parts[0]}', which no --company or --bearer-company gives (a bare add or replace is every company's)");
            }

            modes[parts[0]] = SimulatorModes.ParseRegistrationMode(parts[1])!.Value;
        }

        // The demo company's credentials come from the simulator's one definition of it.
        var template = demo ? SimulatedCompany.Demo : null;
        return names.Select(name => new SimulatedCompany(name)
        {
            AccessKey = template?.AccessKey ?? (keys.TryGetValue(name, out var k) ? k.Key : null),
            AccessKeySecret = template?.AccessKeySecret ?? (keys.TryGetValue(name, out var s) ? s.Secret : null),
            OAuthClientId = template?.OAuthClientId,
            OAuthClientSecret = template?.OAuthClientSecret,
            OAuthRefreshToken = template?.OAuthRefreshToken,
            BearerTokens = tokens.TryGetValue(name, out var t) ? t : [],
            PartnerDomain = domains.GetValueOrDefault(name),
            RegistrationMode = modes.TryGetValue(name, out var mode) ? mode : null,
        }).ToList();
    }

    internal static string Describe(SimulatedCall call)
    {
        var items = string.Join(", ", call.Items.Select(i => $"{i.IntegrationType ?? "?"} {i.AllowedOrigin ?? "?"}"));
        var status = call.Status == 0 ? "connection reset" : call.Status.ToString(CultureInfo.InvariantCulture);
        var fault = call.Fault is null ? string.Empty : $" [fault {call.Fault}]";
        var overRate = call.OverRate ? " [over rate]" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"call {call.Sequence} {call.Time:HH:mm:ss.fff} company={call.Company ?? "-"} auth={call.AuthKind.ToString().ToLowerInvariant()} [{items}] -> {status}{fault}{overRate} requestId={call.RequestId}");
    }

    private static void AddName(List<string> names, string name)
    {
        if (!names.Contains(name))
        {
            names.Add(name);
        }
    }

    private static Option<int> NonNegative(string name, string description) => NumberOption.Create(name, description, 0, 0, int.MaxValue);

    private static void Check(OptionResult result, bool ok, string error)
    {
        if (!ok)
        {
            result.AddError(error);
        }
    }

    /// <summary>Each value must have <paramref name="parts"/> non-empty ':'-separated parts (the last may hold ':'); the value itself is never echoed, as it may hold a secret.</summary>
    private static void CheckPairs(OptionResult result, string option, string shape, int parts)
    {
        foreach (var value in result.GetValueOrDefault<string[]>() ?? [])
        {
            var split = value.Split(':', parts);
            if (split.Length != parts || split.Any(p => p.Trim().Length == 0))
            {
                var name = split[0].Trim().Length > 0 && split.Length > 1 ? $" (company '{split[0]}')" : string.Empty;
                result.AddError($"{option} expects {shape}{name}");
                return;
            }
        }
    }
}
