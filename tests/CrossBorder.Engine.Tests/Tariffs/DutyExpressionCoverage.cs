using System.Globalization;
using System.Text;
using CrossBorder.Engine.Tariffs;

namespace CrossBorder.Engine.Tests.Tariffs;

/// <summary>One rate text that did not parse.</summary>
public sealed record CoverageFailure(string Text, int Occurrences, string FirstLine, int Position, string Reason);

/// <summary>How many of one column's non-empty rate texts parse.</summary>
public sealed record ColumnCoverage(
    string File,
    string Column,
    int Total,
    int Parsed,
    int DistinctTexts,
    int NeedingSuppliedAmounts,
    int WithRemarks,
    IReadOnlyList<CoverageFailure> Failures);

/// <summary>
/// Parses every non-empty rate text of the vendored HTS 2024 and UK Global Tariff files and counts, per column,
/// how many parse. Used by <see cref="DutyExpressionCoverageTests"/>, which writes docs/rate-expression-coverage.md.
/// </summary>
public static class DutyExpressionCoverage
{
    public const string UsFile = "data/tariffs/us/hts-2024-basic-edition.csv";
    public const string UkFile = "data/tariffs/uk/global-uk-tariff-2021.csv";

    /// <summary>
    /// ../shared next to the repository: walks up from the test binaries to the folder that holds
    /// CrossBorder.Engine.sln, then takes its parent's <c>shared</c> folder. Null when there is none.
    /// </summary>
    public static string? FindSharedDirectory() => FindRepositoryRoot() is { } root && Path.GetDirectoryName(root) is { } parent
        && Directory.Exists(Path.Combine(parent, "shared"))
            ? Path.Combine(parent, "shared")
            : null;

    /// <summary>The folder that holds CrossBorder.Engine.sln, walking up from the test binaries.</summary>
    public static string? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrossBorder.Engine.sln")))
            {
                return dir.FullName;
            }
        }
        return null;
    }

    /// <summary>Runs the coverage over both files under <paramref name="sharedDirectory"/>.</summary>
    public static IReadOnlyList<ColumnCoverage> Run(string sharedDirectory)
    {
        var results = new List<ColumnCoverage>();
        var us = Path.Combine(sharedDirectory, UsFile);
        results.Add(Column(us, "HTS Number", "General Rate of Duty", ParseUs));
        results.Add(Column(us, "HTS Number", "Special Rate of Duty", ParseUsSpecial));
        results.Add(Column(us, "HTS Number", "Column 2 Rate of Duty", ParseUs));
        var uk = Path.Combine(sharedDirectory, UkFile);
        results.Add(Column(uk, "commodity", "cet_duty_rate", ParseTaric));
        results.Add(Column(uk, "commodity", "ukgt_duty_rate", ParseTaric));
        return results;
    }

    private static ParseOutcome ParseUs(string text) =>
        DutyExpressionParser.TryParseUs(text, out var e, out var error) ? ParseOutcome.Of([e]) : ParseOutcome.Failed(error);

    private static ParseOutcome ParseUsSpecial(string text) =>
        DutyExpressionParser.TryParseUsSpecial(text, out var rates, out var error)
            ? ParseOutcome.Of([.. rates.Select(r => r.Rate)])
            : ParseOutcome.Failed(error);

    private static ParseOutcome ParseTaric(string text) =>
        DutyExpressionParser.TryParseTaric(text, out var e, out var error) ? ParseOutcome.Of([e]) : ParseOutcome.Failed(error);

    private sealed record ParseOutcome(DutyExpression[]? Expressions, DutyParseError Error)
    {
        public static ParseOutcome Of(DutyExpression[] expressions) => new(expressions, default);

        public static ParseOutcome Failed(DutyParseError error) => new(null, error);
    }

    private static ColumnCoverage Column(string path, string keyColumn, string column, Func<string, ParseOutcome> parse)
    {
        var rows = SimpleCsv.Read(path);
        var header = rows[0].Fields;
        var keyIndex = Array.IndexOf(header, keyColumn);
        var index = Array.IndexOf(header, column);
        if (keyIndex < 0 || index < 0)
        {
            throw new InvalidDataException($"{path}: no column '{column}' or '{keyColumn}' in the header.");
        }
        var total = 0;
        var parsed = 0;
        var needing = 0;
        var remarks = 0;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        var failures = new Dictionary<string, CoverageFailure>(StringComparer.Ordinal);
        var cache = new Dictionary<string, ParseOutcome>(StringComparer.Ordinal);
        foreach (var row in rows.Skip(1))
        {
            var text = index < row.Fields.Length ? row.Fields[index] : "";
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            total++;
            distinct.Add(text);
            if (!cache.TryGetValue(text, out var outcome))
            {
                outcome = parse(text);
                cache.Add(text, outcome);
            }
            if (outcome.Expressions is { } expressions)
            {
                parsed++;
                if (expressions.Any(e => e.Requirements.Any(r => r.Kind is DutyRequirementKind.AgriculturalComponent
                    or DutyRequirementKind.ReferencedDuty or DutyRequirementKind.ValueBasis or DutyRequirementKind.NamedQuantity)))
                {
                    needing++;
                }
                if (expressions.Any(e => e.Remarks is not null))
                {
                    remarks++;
                }
                continue;
            }
            var where = $"{row.Line}: {(keyIndex < row.Fields.Length ? row.Fields[keyIndex] : "")}";
            failures[text] = failures.TryGetValue(text, out var seen)
                ? seen with { Occurrences = seen.Occurrences + 1 }
                : new CoverageFailure(text, 1, where, outcome.Error.Position, outcome.Error.Reason);
        }
        return new ColumnCoverage(Path.GetFileName(path), column, total, parsed, distinct.Count, needing, remarks,
            [.. failures.Values.OrderBy(f => f.FirstLine, StringComparer.Ordinal)]);
    }

    /// <summary>The report as markdown: counts per column, then every failing text with its reason.</summary>
    public static string ToMarkdown(IReadOnlyList<ColumnCoverage> columns)
    {
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine("# Duty rate expression coverage");
        md.AppendLine();
        md.AppendLine("Generated by `DutyExpressionCoverageTests` (tests/CrossBorder.Engine.Tests/Tariffs), which parses every non-empty");
        md.AppendLine("rate text of `../shared/data/tariffs/us/hts-2024-basic-edition.csv` (General and Column 2 with");
        md.AppendLine("`DutyExpressionParser.ParseUs`, Special with `ParseUsSpecial`) and `../shared/data/tariffs/uk/global-uk-tariff-2021.csv`");
        md.AppendLine("(`ParseTaric`). Counts are rows (a text repeated on many rows counts each time).");
        md.AppendLine();
        md.AppendLine("\"Needs supplied amounts\" counts parsed texts with a term the caller must supply when evaluating: an EU agricultural");
        md.AppendLine("component (EA, ADSZ, ..., Entry Price), a referenced duty (\"the duty provided in the applicable subheading\", \"See 9822.04.10\"),");
        md.AppendLine("a value basis (\"on the case\") or a named quantity (\"kg on copper content\"). Evaluating without it is an error naming it.");
        md.AppendLine("\"With remarks\" counts parsed texts that carry a note (a condition such as \"Free, under bond\", a U.S. note, or a reading");
        md.AppendLine("the parser chose, such as a bare number read as a percentage).");
        md.AppendLine();
        md.AppendLine("| File | Column | Parsed | Total | % | Distinct texts | Needs supplied amounts | With remarks | Failing texts |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var c in columns)
        {
            var percent = c.Total == 0 ? 100m : Math.Round(100m * c.Parsed / c.Total, 2);
            md.AppendLine(inv, $"| {c.File} | {c.Column} | {c.Parsed} | {c.Total} | {percent:0.00} | {c.DistinctTexts} | {c.NeedingSuppliedAmounts} | {c.WithRemarks} | {c.Failures.Count} |");
        }
        md.AppendLine();
        md.AppendLine("## What is left, and why");
        md.AppendLine();
        md.AppendLine("A text is rejected, never guessed and never read as zero, when its meaning is not certain. What is left below is of");
        md.AppendLine("two kinds: printing errors in the source (a malformed heading number, an unbalanced parenthesis, a program");
        md.AppendLine("indicator with a stray character, a lone `:` or a trailing `/`), where any reading would be a guess that could");
        md.AppendLine("silently change a duty; and the HTS watch-movement rates whose cap (\"the total duty shall not exceed the duty for");
        md.AppendLine("the complete movement\") applies only \"if consisting in part of a plate or a set of plates\", a condition about the");
        md.AppendLine("goods that a duty expression does not model. Each failure names the position and the reason.");
        md.AppendLine();
        md.AppendLine("## Failures");
        foreach (var c in columns)
        {
            md.AppendLine();
            md.AppendLine(inv, $"### {c.File}, {c.Column}");
            md.AppendLine();
            if (c.Failures.Count == 0)
            {
                md.AppendLine("None.");
                continue;
            }
            md.AppendLine("| First line: code | Rows | Text | Position | Reason |");
            md.AppendLine("|---|---:|---|---:|---|");
            foreach (var f in c.Failures)
            {
                md.AppendLine(inv, $"| {Cell(f.FirstLine)} | {f.Occurrences} | `{Cell(f.Text)}` | {f.Position} | {Cell(f.Reason)} |");
            }
        }
        return md.ToString();
    }

    private static string Cell(string text) =>
        text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal);
}
