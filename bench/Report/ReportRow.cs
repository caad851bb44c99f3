namespace GongOperator.Bench.Report;

/// <summary>One figure of the table: where it comes from in a run, its unit, and issue 13's target if it has one.</summary>
/// <param name="Key">Stable name in the JSON summary (scenario.figure).</param>
/// <param name="Scenario">The table's first column.</param>
/// <param name="Figure">What is measured.</param>
/// <param name="Unit">s, ms, MB, calls, … (empty for a ratio).</param>
/// <param name="Value">Reads the figure from one run.</param>
/// <param name="Target">Issue 13's target (stated for 10,000 origins over 100 companies), or empty.</param>
/// <param name="Integer">Printed without decimals (counts).</param>
internal sealed record ReportRow(string Key, string Scenario, string Figure, string Unit, Func<RunResult, double> Value, string Target = "", bool Integer = false);
