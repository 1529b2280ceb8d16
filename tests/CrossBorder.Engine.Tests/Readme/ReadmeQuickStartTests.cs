using System.Text.RegularExpressions;

namespace CrossBorder.Engine.Tests.Readme;

/// <summary>Console output is redirected here, so these tests run alone.</summary>
[CollectionDefinition(nameof(ReadmeQuickStartCollection), DisableParallelization = true)]
public sealed class ReadmeQuickStartCollection;

/// <summary>
/// Keeps the README's quick start from rotting: it must be the code of <see cref="ReadmeQuickStart.Run"/>, and that
/// code must print the figures the README says it prints.
/// </summary>
[Collection(nameof(ReadmeQuickStartCollection))]
public sealed class ReadmeQuickStartTests
{
    private const string Begin = "<!-- quick-start:begin -->";
    private const string End = "<!-- quick-start:end -->";
    private const string PrintsPrefix = "// prints: ";

    [Fact]
    public void Quick_start_prints_the_landed_cost_worked_out_by_hand()
    {
        // By hand: customs value (CIF) 1,000.00 + 50.00 = 1,050.00 GBP; duty 12% = 126.00; VAT 20% of 1,176.00 = 235.20.
        Assert.Equal("customs value 1050.00 GBP, duty 126.00 GBP, VAT 235.20 GBP, total 361.20 GBP", RunQuickStart());
    }

    [Fact]
    public void Quick_start_prints_what_its_last_comment_says()
    {
        var body = MethodBody(File.ReadAllText(SourcePath()));
        var prints = body.Single(l => l.StartsWith(PrintsPrefix, StringComparison.Ordinal));
        Assert.Equal(prints[PrintsPrefix.Length..], RunQuickStart());
    }

    [Fact]
    public void Readme_quick_start_is_the_code_that_the_tests_run()
    {
        var (usings, code) = ReadmeBlock(File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")));
        var source = File.ReadAllText(SourcePath());

        Assert.Equal(string.Join('\n', MethodBody(source)), string.Join('\n', code));
        var sourceUsings = Lines(source).Where(l => l.StartsWith("using ", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        foreach (var directive in usings)
        {
            // The README's using directives are the file's, plus the engine's root namespace that the file is inside.
            Assert.True(sourceUsings.Contains(directive) || directive == "using CrossBorder.Engine;", $"README has '{directive}', ReadmeQuickStart.cs does not");
        }
        Assert.All(sourceUsings, d => Assert.Contains(d, usings));
    }

    [Fact]
    public void Method_body_extraction_removes_the_common_indentation_only()
    {
        var source = "class C\n{\n    public static void Run()\n    {\n        var a = 1;\n\n            a++;\n    }\n}\n";
        Assert.Equal(["var a = 1;", "", "    a++;"], MethodBody(source));
    }

    private static string RunQuickStart()
    {
        var original = Console.Out;
        using var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            ReadmeQuickStart.Run();
        }
        finally
        {
            Console.SetOut(original);
        }
        return captured.ToString().TrimEnd('\r', '\n');
    }

    /// <summary>The README's quick-start code block: its leading using directives, and the code after them.</summary>
    private static (List<string> Usings, List<string> Code) ReadmeBlock(string readme)
    {
        var start = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"README.md has no {Begin} ... {End} section");
        var fenced = Regex.Match(readme[start..end], "```csharp\n(.*?)```", RegexOptions.Singleline);
        Assert.True(fenced.Success, "the quick-start section has no ```csharp block");
        var lines = Lines(fenced.Groups[1].Value).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        var usings = lines.TakeWhile(l => l.StartsWith("using ", StringComparison.Ordinal)).ToList();
        var code = lines.Skip(usings.Count).SkipWhile(l => l.Length == 0).ToList();
        return (usings, code);
    }

    /// <summary>The lines of the body of the method <c>Run</c>, without its braces and without the common indentation.</summary>
    private static List<string> MethodBody(string source)
    {
        var lines = Lines(source).ToList();
        var signature = lines.FindIndex(l => l.TrimStart().StartsWith("public static void Run()", StringComparison.Ordinal));
        Assert.True(signature >= 0, "no method Run()");
        var indent = lines[signature][..(lines[signature].Length - lines[signature].TrimStart().Length)];
        Assert.Equal(indent + "{", lines[signature + 1]);
        var close = lines.FindIndex(signature + 2, l => l == indent + "}");
        var body = lines.GetRange(signature + 2, close - signature - 2);
        var common = body.Where(l => l.Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return body.Select(l => l.Length == 0 ? l : l[common..]).ToList();
    }

    private static IEnumerable<string> Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd());

    private static string SourcePath() => Path.Combine(RepositoryRoot(), "tests", "CrossBorder.Engine.Tests", "Readme", "ReadmeQuickStart.cs");

    /// <summary>The nearest folder above the test's base directory that holds README.md and the solution.</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "README.md")) && File.Exists(Path.Combine(dir.FullName, "CrossBorder.Engine.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"no README.md with CrossBorder.Engine.sln above {AppContext.BaseDirectory}");
    }
}
