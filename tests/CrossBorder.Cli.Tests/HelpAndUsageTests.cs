using System.CommandLine;
using System.Reflection;

namespace CrossBorder.Cli.Tests;

public class HelpAndUsageTests
{
    public static TheoryData<string> CommandPaths() => new() { "", "demo", "landed-cost", "reconcile", "tariff", "tariff lookup", "generate" };

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public void Help_exits_0_and_lists_every_option_of_the_command(string path)
    {
        var words = path.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var outcome = CliHarness.Run([.. words, "--help"]);

        Assert.Equal(0, outcome.Code);
        Assert.Equal("", outcome.Error);
        Command command = Cli.Build(new CliContext(TextWriter.Null, TextWriter.Null, false));
        foreach (var word in words)
        {
            command = command.Subcommands.Single(c => c.Name == word);
        }
        Assert.Contains(command.Description!.Split('.')[0], outcome.Output, StringComparison.Ordinal);
        Assert.Contains("--help", outcome.Output, StringComparison.Ordinal);
        foreach (var option in command.Options.Where(o => !o.Hidden))
        {
            Assert.Contains(option.Name, outcome.Output, StringComparison.Ordinal);
        }
        foreach (var sub in command.Subcommands)
        {
            Assert.Contains(sub.Name, outcome.Output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("landed-cost")]
    [InlineData("reconcile")]
    [InlineData("generate")]
    [InlineData("tariff lookup")]
    public void Help_documents_the_exit_codes(string path)
    {
        var outcome = CliHarness.Run([.. path.Split(' '), "--help"]);

        Assert.Equal(0, outcome.Code);
        var text = string.Join(' ', outcome.Output.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Exit codes: 0 ok", text, StringComparison.Ordinal);
        Assert.Contains("2 bad usage", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_prints_the_informational_version()
    {
        var outcome = CliHarness.Run("--version");

        var expected = typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(0, outcome.Code);
        Assert.Equal(expected, outcome.Output.Trim());
    }

    [Theory]
    [InlineData("reconcile --expected e.csv --settlement s.csv --out b.csv --no-such-option")]
    [InlineData("reconcile --settlement s.csv --out b.csv")]
    [InlineData("reconcile --expected e.csv --settlement s.csv --out b.csv --threads many")]
    [InlineData("landed-cost --out r.csv")]
    [InlineData("landed-cost --in s.csv --out r.csv --bogus")]
    [InlineData("generate --out d")]
    [InlineData("tariff lookup --destination US --code 6109")]
    [InlineData("no-such-command")]
    public void A_parse_error_exits_2_and_says_what_is_wrong(string commandLine)
    {
        var outcome = CliHarness.Run(commandLine.Split(' '));

        Assert.Equal(2, outcome.Code);
        Assert.NotEqual("", outcome.Error.Trim());
    }

    [Fact]
    public void Tariff_lookup_with_a_bad_code_exits_2()
    {
        var outcome = CliHarness.Run("tariff", "lookup", "--destination", "US", "--code", "61x9", "--origin", "CN");

        Assert.Equal(2, outcome.Code);
        Assert.Contains("not a tariff code", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Tariff_lookup_of_a_listed_code_exits_0()
    {
        var outcome = CliHarness.Run("tariff", "lookup", "--destination", "US", "--code", "6109.10.00.12", "--origin", "CN", "--date", "2025-05-09");

        Assert.Equal(0, outcome.Code);
        Assert.Contains("destination US", outcome.Output, StringComparison.Ordinal);
    }
}
