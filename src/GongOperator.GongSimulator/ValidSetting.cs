namespace GongOperator.GongSimulator;

/// <summary>A body item that passed validation: its position in the list, its values as sent, and its parsed origin.</summary>
internal sealed record ValidSetting(int Index, string IntegrationType, string AllowedOrigin, ParsedOrigin Origin);
