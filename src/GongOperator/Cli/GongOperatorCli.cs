using System.CommandLine;

namespace GongOperator.Cli;

/// <summary>The <c>gong-operator</c> command line: one executable, one subcommand per way of running.</summary>
internal static class GongOperatorCli
{
    /// <summary>Exit code for a bad flag or value, as the README's configuration section documents.</summary>
    public const int UsageError = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null, TextReader? stdin = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        var root = BuildRoot(stdout, stderr, stdin ?? Console.In);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var path = string.Join(' ', CommandPath(parse).Prepend("gong-operator"));
            var message = ErrorMessage(parse, args);
            await stderr.WriteLineAsync($"gong-operator: {message} (see '{path} --help')").ConfigureAwait(false);
            return UsageError;
        }

        var config = new InvocationConfiguration { Output = stdout, Error = stderr };
        return await parse.InvokeAsync(config).ConfigureAwait(false);
    }

    /// <summary>The first error, with what a mistyped subcommand or flag most likely meant.</summary>
    private static string ErrorMessage(ParseResult parse, string[] args)
    {
        var command = parse.CommandResult.Command;
        if (command is RootCommand && args.Length > 0 && !args[0].StartsWith('-'))
        {
            return WithSuggestion($"unknown command '{args[0]}'", args[0], command.Subcommands.Select(c => c.Name));
        }

        if (parse.UnmatchedTokens.FirstOrDefault(t => t.StartsWith('-')) is { } flag)
        {
            var known = command.Options.Concat(parse.RootCommandResult.Command.Options.Where(o => o.Recursive)).SelectMany(o => o.Aliases.Prepend(o.Name));
            return WithSuggestion($"unknown flag '{flag}'", flag, known);
        }

        return parse.Errors[0].Message;
    }

    private static string WithSuggestion(string message, string typed, IEnumerable<string> known) =>
        Suggestion.Closest(typed, known) is { } meant ? $"{message}; did you mean '{meant}'?" : message;

    private static List<string> CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var r = parse.CommandResult; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
        {
            if (r.Command is not RootCommand)
            {
                names.Insert(0, r.Command.Name);
            }
        }

        return names;
    }

    internal static RootCommand BuildRoot(TextWriter stdout, TextWriter stderr, TextReader? stdin = null)
    {
        var root = new RootCommand("gong-operator: makes Gong's allowed iFrame origins declarative (GongIntegrationOrigin).");
        root.Subcommands.Add(RunCommand.Create(stderr));
        root.Subcommands.Add(LocalCommand.Create(stdout, stderr));
        root.Subcommands.Add(ApiServerCommand.Create(stdout, stderr));
        root.Subcommands.Add(SimulatorCommand.Create(stdout, stderr));
        root.Subcommands.Add(CrdCommand.Create(stdout));
        root.Subcommands.Add(PlanCommand.Create(stdin ?? Console.In, stdout, stderr));
        return root;
    }
}
