using System.Globalization;

namespace GongOperator.Bench.Gong;

/// <summary>
/// One simulated Gong company: its namespace holds its credentials Secret and its origins. The credentials are
/// throwaway values the bench gives the simulator it starts, not anyone's secret.
/// </summary>
internal sealed record BenchCompany(int Index)
{
    public const string SecretName = "gong-credentials";

    public string Name => "c" + Index.ToString("000", CultureInfo.InvariantCulture);

    public string Namespace => "bench-" + Name;

    public string AccessKey => "bench-key-" + Name;

    public string AccessKeySecret => "bench-secret-" + Name;

    /// <summary>The simulator's <c>--company</c> value.</summary>
    public string SimulatorArgument => $"{Name}:{AccessKey}:{AccessKeySecret}";

    public static IReadOnlyList<BenchCompany> Many(int count) => Enumerable.Range(0, count).Select(i => new BenchCompany(i)).ToList();

    /// <summary>Origin <paramref name="index"/> of a scenario belongs to company index mod M, so every company gets its share.</summary>
    public static BenchCompany For(IReadOnlyList<BenchCompany> companies, int index) => companies[index % companies.Count];
}
