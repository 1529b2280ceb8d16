using Xunit.Abstractions;

namespace CrossBorder.Engine.Tests.Tariffs;

public class DutyExpressionCoverageTests(ITestOutputHelper output)
{
    private const string ReportPath = "docs/rate-expression-coverage.md";

    [Fact]
    public void Every_rate_text_of_the_vendored_tariffs_parses_or_is_listed_with_its_reason()
    {
        var shared = DutyExpressionCoverage.FindSharedDirectory();
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.Ordinal);
        if (shared is null)
        {
            output.WriteLine("../shared is absent: the coverage of the vendored tariff files was not measured.");
            Assert.False(ci, "../shared is required when CI=true.");
            return;
        }
        var columns = DutyExpressionCoverage.Run(shared);
        var markdown = DutyExpressionCoverage.ToMarkdown(columns);
        foreach (var c in columns)
        {
            output.WriteLine($"{c.File} {c.Column}: {c.Parsed}/{c.Total} parsed, {c.Failures.Count} failing texts");
            Assert.True(c.Total > 0, $"{c.Column}: no rate texts read");
            Assert.All(c.Failures, f => Assert.False(string.IsNullOrWhiteSpace(f.Reason)));
            Assert.Equal(c.Total, c.Parsed + c.Failures.Sum(f => f.Occurrences));
        }

        // The report is committed: refresh it locally, and in CI fail when it is stale.
        var path = Path.Combine(DutyExpressionCoverage.FindRepositoryRoot()!, ReportPath);
        var committed = File.Exists(path) ? File.ReadAllText(path) : "";
        if (ci)
        {
            Assert.True(committed == markdown, $"{ReportPath} is stale: run the Tariffs tests locally and commit the file.");
        }
        else if (committed != markdown)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, markdown);
        }
    }

    [Fact]
    public void The_shared_folder_is_found_from_the_test_binaries()
    {
        Assert.NotNull(DutyExpressionCoverage.FindRepositoryRoot());
    }
}
