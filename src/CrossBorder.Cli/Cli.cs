using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using CrossBorder.Cli.Commands;

namespace CrossBorder.Cli;

/// <summary>Where a run writes and whether it may draw progress on the terminal.</summary>
/// <param name="Output">Standard output: summaries, JSON, help.</param>
/// <param name="Error">Standard error: errors and progress.</param>
/// <param name="ProgressAllowed">True when standard error is a terminal (not redirected), so a progress line can be redrawn in place.</param>
internal sealed record CliContext(TextWriter Output, TextWriter Error, bool ProgressAllowed);

/// <summary>The exit codes of every command, as the README's "Exit codes" section documents them.</summary>
internal static class ExitCodes
{
    /// <summary>The run completed.</summary>
    public const int Ok = 0;

    /// <summary>The run completed and found what <c>--fail-on-breaks</c> / <c>--fail-on-rejects</c> asked to fail on.</summary>
    public const int Findings = 1;

    /// <summary>Bad usage (unknown option, missing or invalid value), an unreadable or invalid input, or an output that cannot be written.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by Ctrl-C (SIGINT) or cancellation: no output file was written or changed.</summary>
    public const int Cancelled = 130;

    /// <summary>The text appended to each command's description.</summary>
    public const string Text = "Exit codes: 0 ok; 2 bad usage, unreadable or invalid input, or an output that cannot be written; 130 cancelled (Ctrl-C), previous outputs left untouched.";

    /// <summary>The text for commands with a <c>--fail-on-…</c> option.</summary>
    public static string WithFindings(string option, string what) =>
        $"Exit codes: 0 ok; 1 {what} and {option} was given; 2 bad usage, unreadable or invalid input, or an output that cannot be written; 130 cancelled (Ctrl-C), previous outputs left untouched.";
}

/// <summary>Builds the <c>xborder</c> command tree and runs it in-process.</summary>
internal static class Cli
{
    public const string Description = "xborder: exact money, landed cost and settlement reconciliation for cross-border commerce.";

    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand(Description);
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(LandedCostCommand.Create(context));
        root.Subcommands.Add(TariffCommand.Create(context));
        root.Subcommands.Add(ReconcileCommand.Create(context));
        root.Subcommands.Add(GenerateCommand.Create(context));
        // --version prints this tool's informational version (System.CommandLine's own takes the entry assembly's,
        // which in-process, under a test host, is the host's).
        root.Options.OfType<VersionOption>().Single().Action = new PrintVersion();
        return root;
    }

    /// <summary>The informational version of <c>xborder</c> (version and source revision).</summary>
    public static string Version =>
        typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(Cli).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Version);
            return ExitCodes.Ok;
        }
    }

    /// <summary>
    /// Parses <paramref name="args"/> and runs the command. Parse errors (unknown option, missing required option, a
    /// value of the wrong type) print the error and the help on <paramref name="error"/> and return
    /// <see cref="ExitCodes.Usage"/> (System.CommandLine's own default would be 1, which here means "findings").
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken, bool progressAllowed = false)
    {
        var root = Build(new CliContext(output, error, progressAllowed));
        var parse = root.Parse(args);
        // No exception handler: an unexpected exception is a bug and ends the process with its stack trace rather
        // than an exit code that means something else. Ctrl-C is turned into the token by Program.
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        var code = parse.InvokeAsync(configuration, cancellationToken).GetAwaiter().GetResult();
        return parse.Action is ParseErrorAction ? ExitCodes.Usage : code;
    }
}
