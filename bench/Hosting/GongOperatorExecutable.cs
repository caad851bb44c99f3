using System.Reflection;

namespace GongOperator.Bench.Hosting;

/// <summary>Finds the gong-operator executable built next to the bench, in the bench's own build configuration.</summary>
internal static class GongOperatorExecutable
{
    /// <summary>The folder holding Operator.sln above the bench's binaries; null when the bench runs outside the repository.</summary>
    public static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Operator.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>The configuration the bench was built in (Release or Debug), which the project reference built gong-operator in too.</summary>
    public static string BuildConfiguration() =>
        typeof(GongOperatorExecutable).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "Configuration")?.Value ?? "Release";

    /// <summary>src/GongOperator/bin/CONFIGURATION/net10.0/gong-operator, or null when the repository is not found.</summary>
    public static string? DefaultPath() =>
        RepositoryRoot() is { } root
            ? Path.Combine(root, "src", "GongOperator", "bin", BuildConfiguration(), "net10.0", "gong-operator")
            : null;
}
