namespace GongOperator.GongSimulator;

/// <summary>An origin's parts: lower-case scheme and host, the port as written, and the key two equal origins share (default ports dropped).</summary>
internal sealed record ParsedOrigin(string Scheme, string Host, int? Port, string Key);
