using System.Buffers.Binary;
using System.Security.Cryptography;

namespace GongOperator.GongSimulator;

/// <summary>Random requestIds and integrationIds in the shapes Gong answers.</summary>
internal static class SimulatorIds
{
    /// <summary>2^53: above it a double no longer holds every integer, which is the point of the simulator's ids.</summary>
    public const long DoublePrecisionLimit = 1L << 53;

    public const int RequestIdLength = 19;

    private const string RequestIdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>19 random lower-case letters and digits, like Gong's <c>4al018gzaztcr8nbukw</c>.</summary>
    public static string NewRequestId() => new(RandomNumberGenerator.GetItems<char>(RequestIdAlphabet, RequestIdLength));

    /// <summary>A random int64 strictly above 2^53, so that any trip through a double shows.</summary>
    public static long NewIntegrationId()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        var random = (long)(BinaryPrimitives.ReadUInt64LittleEndian(bytes) >> 1);
        const long span = long.MaxValue - DoublePrecisionLimit;
        var id = DoublePrecisionLimit + 1 + (random % span);

        // Odd ids in the low digits make a double's rounding visible even when it lands on an even neighbour.
        return id | 1;
    }
}
