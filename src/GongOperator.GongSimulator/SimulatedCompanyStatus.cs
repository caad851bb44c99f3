namespace GongOperator.GongSimulator;

/// <summary>A company's configuration and usage as the simulator sees it now (never its secrets).</summary>
public sealed record SimulatedCompanyStatus(
    string Name,
    string? AccessKey,
    int BearerTokenCount,
    string? PartnerDomain,
    int RatePerSecond,
    long DailyQuota,
    long UsedToday,
    DateTimeOffset QuotaResetsAt,
    bool QuotaExhausted,
    SimulatorConflictMode ConflictMode,
    int RegistrationCount,
    SimulatorRegistrationMode RegistrationMode,
    long Arrivals,
    long OverRateArrivals,
    int PeakArrivalsInOneSecond);
