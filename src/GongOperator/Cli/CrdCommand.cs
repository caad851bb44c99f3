using System.CommandLine;
using GongOperator.Crd;
using GongOperator.Resources;

namespace GongOperator.Cli;

/// <summary><c>gong-operator crd</c>: prints the CRD generated from the C# types.</summary>
internal static class CrdCommand
{
    public static Command Create(TextWriter stdout)
    {
        var command = new Command("crd", "Print the GongIntegrationOrigin CRD (YAML) generated from the C# types.");
        command.SetAction(async (_, _) =>
        {
            await stdout.WriteAsync(CrdGenerator.GenerateYaml(typeof(GongIntegrationOrigin))).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
