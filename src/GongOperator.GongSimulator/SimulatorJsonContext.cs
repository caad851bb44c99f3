using System.Text.Json.Serialization;

namespace GongOperator.GongSimulator;

/// <summary>Source-generated JSON for the Gong endpoint's bodies and the admin API (camelCase, enums as strings).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(GongSuccessBody))]
[JsonSerializable(typeof(GongErrorBody))]
[JsonSerializable(typeof(AdminErrorBody))]
[JsonSerializable(typeof(TokenSuccessBody))]
[JsonSerializable(typeof(TokenErrorBody))]
[JsonSerializable(typeof(SeedAnswer))]
[JsonSerializable(typeof(IReadOnlyList<SimulatedAuthorizationStatus>))]
[JsonSerializable(typeof(SimulatorFaultSpec))]
[JsonSerializable(typeof(SimulatorFaultState))]
[JsonSerializable(typeof(ModeRequest))]
[JsonSerializable(typeof(IReadOnlyList<SimulatedCall>))]
[JsonSerializable(typeof(IReadOnlyList<SimulatedRegistration>))]
[JsonSerializable(typeof(IReadOnlyList<SimulatedCompanyStatus>))]
internal sealed partial class SimulatorJsonContext : JsonSerializerContext;
