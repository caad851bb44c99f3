namespace GongOperator.GongSimulator;

/// <summary>How the endpoint must answer: a JSON body, an aborted connection, or a 200 whose body is not JSON.</summary>
internal enum GongOutcomeKind
{
    Json,
    Reset,
    Malformed,
}
