using GongOperator.Configuration;
using GongOperator.Gong;
using GongOperator.Kubernetes.Controllers;
using GongOperator.Reconciliation;
using GongOperator.Resources;

namespace GongOperator.Planning;

/// <summary>
/// Plans a whole set of origins the way the operator would reconcile each one: the operator's own
/// <see cref="RegistrationPlanner"/> decides whether a call is due or the spec is refused, its
/// <see cref="CredentialsResolver"/> decides the company, and the Gong client's batch size, rate and quota say what
/// the calls cost. Nothing here restates a rule; it only counts.
/// </summary>
internal static class FleetPlanner
{
    public static FleetPlan Plan(PlanInput input, OperatorOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        var planner = new RegistrationPlanner(options.ReassertPeriod, options.RegistrationStrategy);
        var flagFullSet = options.RegistrationStrategy == RegistrationStrategyKind.FullSet;
        var defaultSecret = options.DefaultCredentialsSecret is { } d ? ObjectKey.Parse(d) : (ObjectKey?)null;
        var resolver = new CredentialsResolver(key => input.Secrets.GetValueOrDefault(key), defaultSecret, options.GongBaseUrl, Policy(input, options));
        var companies = new Dictionary<string, CompanyTally>(StringComparer.Ordinal);
        var refused = new List<RefusedOrigin>();
        var unseen = new SortedSet<string>(StringComparer.Ordinal);
        var counted = 0;

        foreach (var origin in input.Origins.OrderBy(Name, StringComparer.Ordinal))
        {
            var secretKey = resolver.SecretKeyFor(origin);
            Credentials credentials;
            CompanyTally? tally;
            var seen = secretKey is { } key ? input.Sees(key) : input.FromCluster;
            if (!seen)
            {
                // Files rarely hold the Secrets (they are created apart from the chart): the company is unknown, so
                // each unseen Secret is counted as a company of its own, and only the policy that needs no Secret applies.
                credentials = resolver.WithoutSecret(origin);
                tally = Tally(companies, "unseen " + Describe(secretKey), UnseenLabel(secretKey, input), flagFullSet);
                unseen.Add(secretKey is null ? "the operator's default (not named)" : Describe(secretKey));
            }
            else
            {
                credentials = resolver.Resolve(origin);
                tally = credentials switch
                {
                    { Company: { } company } => Tally(companies, CompanyId(company), CompanyLabel(company), planner.UsesFullSet(credentials)),

                    // An OAuth authorization is a company of its own before any token exists; its host may come from the
                    // token endpoint, which planning never calls. Its calls are incremental (see the README).
                    { Seed: { } seed } => Tally(companies, "oauth " + seed.Company, $"company {seed.BaseUrl?.Authority ?? "(host from the token endpoint)"} {seed.Company} (OAuth)", fullSet: false),
                    _ => null,
                };
            }

            if (secretKey is { } used && tally is not null)
            {
                tally.Secrets.Add(Describe(used));
            }

            if (origin.Metadata.DeletionTimestamp is not null)
            {
                tally?.AddRegistered(origin);
                continue;
            }

            counted++;
            // The operator's own decision: with credentials it cannot use, a due call becomes FixCredentials, as in a reconcile.
            var plan = seen ? planner.PlanCall(origin, credentials, now) : planner.PlanCallWithoutSecret(origin, credentials, now);
            switch (plan)
            {
                case RegistrationPlan.Invalid invalid:
                    refused.Add(new RefusedOrigin(Name(origin), invalid.Message));
                    continue;
                case RegistrationPlan.FixCredentials fix:
                    refused.Add(new RefusedOrigin(Name(origin), fix.Problem));
                    continue;
                case RegistrationPlan.NotAllowed notAllowed:
                    refused.Add(new RefusedOrigin(Name(origin), $"{notAllowed.Reason}: {notAllowed.Problem}"));
                    continue;
                case var _ when tally is null:
                    // Registered earlier and nothing due: the operator leaves it alone, whatever its Secret holds now.
                    continue;
            }

            tally.AddRegistered(origin);
            tally.Desired.Add(new OriginRegistration(origin.Spec.IntegrationType, origin.Spec.AllowedOrigin));
            switch (plan)
            {
                case RegistrationPlan.Register { Why: RegistrationCause.New }:
                    tally.New++;
                    break;
                case RegistrationPlan.Register { Why: RegistrationCause.SpecChanged }:
                    tally.Changed++;
                    break;
                case RegistrationPlan.Register:
                    tally.Unchanged++;
                    tally.DueAgain++;
                    break;
                default:
                    tally.Unchanged++;
                    break;
            }
        }

        var result = companies.Values
            .OrderBy(c => c.Label, StringComparer.Ordinal)
            .Select(c => Cost(c, options, input.FromCluster))
            .ToList();
        var notes = new List<string>();
        if (options.DefaultCredentialsNamespaceSelector is { Length: > 0 } && input.AdmittedNamespaces is null)
        {
            notes.Add($"--default-credentials-namespace-selector \"{options.DefaultCredentialsNamespaceSelector}\" is not applied: files do not carry the namespaces' labels (plan against the cluster to apply it); every namespace is counted as admitted");
        }

        if (unseen.Count > 0)
        {
            // The flags' policy needs no Secret and was applied; a Secret's own keys can only be applied when it is seen.
            notes.Add($"credentials Secrets not seen: {string.Join(", ", unseen)}. Their own {CredentialsResolver.AllowedOriginSuffixesField}, {CredentialsResolver.RegistrationStrategyField} and {CredentialsResolver.BaseUrlField} are not applied; plan with the Secrets in view to apply them");
        }

        return new FleetPlan(counted, result, refused, options.RegistrationStrategy, options.GongBatchSize, options.GongRatePerSecond, options.GongDailyQuota, options.GongMaxSetSize)
        {
            Notes = notes,
        };
    }

    /// <summary>The operator's tenant policy, as far as the input shows it (see <see cref="PlanInput.AdmittedNamespaces"/>).</summary>
    private static TenantPolicy Policy(PlanInput input, OperatorOptions options) =>
        TenantPolicy.From(options, ns => input.AdmittedNamespaces is not { } admitted || admitted.Contains(ns));

    /// <summary>
    /// The client sends a company's due origins in calls of up to the batch size; two calls are at least 1/rate plus
    /// the pacing margin apart. A fullSet company instead sends one call per batch of changes, carrying its whole set
    /// (a removal alone needs one too): applied at once, the changes leave together in one call; a set larger than
    /// --gong-max-set-size is never sent.
    /// </summary>
    private static CompanyPlan Cost(CompanyTally tally, OperatorOptions options, bool fromCluster)
    {
        var due = tally.New + tally.Changed + tally.DueAgain;
        int? removed = tally.FullSet && fromCluster ? tally.Registered.Count(r => !tally.Desired.Contains(r)) : null;
        int? setSize = tally.FullSet ? tally.Desired.Count : null;
        var setTooLarge = setSize > options.GongMaxSetSize;
        var calls = !tally.FullSet ? (due + options.GongBatchSize - 1) / options.GongBatchSize
            : setTooLarge ? 0
            : due > 0 || removed > 0 ? 1 : 0;
        var gap = TimeSpan.FromSeconds(1 / options.GongRatePerSecond) + options.GongPacingMargin;
        var inFirstWindow = Math.Min(calls, options.GongDailyQuota);
        var duration = inFirstWindow <= 1 ? TimeSpan.Zero : gap * (inFirstWindow - 1);
        return new CompanyPlan(
            tally.Label,
            tally.Secrets.Order(StringComparer.Ordinal).ToList(),
            tally.New,
            tally.Changed,
            tally.Unchanged,
            tally.DueAgain,
            removed,
            calls,
            duration,
            calls / (double)options.GongDailyQuota,
            setSize,
            setTooLarge);
    }

    private static CompanyTally Tally(Dictionary<string, CompanyTally> companies, string id, string label, bool fullSet)
    {
        if (!companies.TryGetValue(id, out var tally))
        {
            tally = new CompanyTally(label, fullSet);
            companies[id] = tally;
        }

        return tally;
    }

    /// <summary>Base URL plus the credentials' printable identity: the client's budget key, so Secrets of one company share it.</summary>
    private static string CompanyId(GongCompany company) => company.BaseUrl.AbsoluteUri + " " + company.Credentials.Identity;

    private static string CompanyLabel(GongCompany company) =>
        $"company {company.BaseUrl.Authority} {company.Credentials.Identity}";

    private static string UnseenLabel(ObjectKey? secret, PlanInput input) => secret is { } key
        ? $"unknown company of credentials Secret {Describe(key)} ({input.WhyUnseen(key)})"
        : "unknown company of the operator's default credentials (name them with --default-credentials-secret)";

    private static string Describe(ObjectKey? key) => key is not { } k ? "default" : string.IsNullOrEmpty(k.Namespace) ? k.Name : $"{k.Namespace}/{k.Name}";

    private static string Name(GongIntegrationOrigin origin) =>
        string.IsNullOrEmpty(origin.Metadata.NamespaceProperty) ? origin.Metadata.Name ?? "" : $"{origin.Metadata.NamespaceProperty}/{origin.Metadata.Name}";
}
