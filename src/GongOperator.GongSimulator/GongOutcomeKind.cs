namespace GongOperator.GongSimulator;

/// <summary>How the endpoint must answer: a JSON body, an aborted connection, or a 200 whose body is not JSON (an HTML page, or the JSON cut short).</summary>
internal enum GongOutcomeKind
{
    Json,
    Reset,
    Malformed,
    Truncated,
}
