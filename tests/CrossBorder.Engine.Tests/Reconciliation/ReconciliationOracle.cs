using System.Globalization;
using System.Text;
using CrossBorder.Engine.Reconciliation;
using FsCheck;
using FsCheck.Fluent;

namespace CrossBorder.Engine.Tests.Reconciliation;

/// <summary>Generated inputs: both sides, how each file is written, and the options.</summary>
public sealed record Scenario(LineSpec[] Expected, LineSpec[] Settled, FileShape ExpectedShape, FileShape SettledShape, ReconciliationOptions Options)
{
    public WrittenFile ExpectedFile => ReconciliationData.Write(Expected, ExpectedShape);

    public WrittenFile SettledFile => ReconciliationData.Write(Settled, SettledShape);

    public ReconciliationResult Run() => Run(Options);

    public ReconciliationResult Run(ReconciliationOptions options) => ReconciliationKit.Run(ExpectedFile.Bytes, SettledFile.Bytes, options);

    public static Gen<Scenario> Generator(int defectWeight) =>
        from lines in ReconciliationData.Lines(defectWeight)
        from expectedShape in ReconciliationData.Shape
        from settledShape in ReconciliationData.Shape
        from options in ReconciliationData.Options
        select new Scenario(lines.Expected, lines.Settled, expectedShape, settledShape, options);

    public override string ToString()
    {
        var perCurrency = string.Join(' ', Options.TolerancePerCurrency.Select(p => $"{p.Key.Code}={p.Value.ToString(CultureInfo.InvariantCulture)}"));
        return $"tolerance {Options.Tolerance.ToString(CultureInfo.InvariantCulture)}, {Options.TolerancePercent.ToString(CultureInfo.InvariantCulture)}%, per currency [{perCurrency}]\n"
            + $"--- expected ---\n{Encoding.UTF8.GetString(ExpectedFile.Bytes)}\n--- settlement ---\n{Encoding.UTF8.GetString(SettledFile.Bytes)}\n---";
    }
}

/// <summary>One key as the contract defines it, amounts already formatted with the currency's minor digits.</summary>
public sealed record OracleKey(
    string OrderId, string Component, string Currency, string Expected, string Settled, string Difference, BreakStatus Status,
    string Market, string Category, long ExpectedLines, long SettledLines, long DuplicateLines)
{
    public string[] MismatchCurrencies { get; init; } = [];
}

public sealed record OracleTotals(string Group, string Currency, string Expected, string Settled, string Difference, long Keys, long BrokenKeys);

public sealed record OracleReject(string File, long Line, int Column, string? Value, string Reason);

public sealed record OracleResult(
    IReadOnlyList<OracleKey> Keys, IReadOnlyList<OracleTotals> ByCurrency, IReadOnlyList<OracleTotals> ByMarket, IReadOnlyList<OracleTotals> ByCategory,
    IReadOnlyList<ReconciliationFileStats> Files, IReadOnlyList<OracleReject> Rejects)
{
    public IEnumerable<OracleKey> Breaks => Keys.Where(k => k.Status != BreakStatus.Matched);
}

/// <summary>
/// The contract of issue 4 written the naive way: LINQ GroupBy over the generated lines, decimal sums of the amount
/// text, classification by the stated rules. Nothing here calls the engine.
/// </summary>
public static class ReconciliationOracle
{
    private sealed record Accepted(ReconciliationSide Side, LineSpec Line, decimal Amount);

    private static readonly Comparer<string> s_utf8 = Comparer<string>.Create(ReconciliationKit.CompareUtf8);

    public static OracleResult Compute(Scenario s)
    {
        var accepted = s.Expected.Where(l => l.Defect == Defect.None).Select(l => new Accepted(ReconciliationSide.Expected, l, ParseAmount(l.AmountText)))
            .Concat(s.Settled.Where(l => l.Defect == Defect.None).Select(l => new Accepted(ReconciliationSide.Settlement, l, ParseAmount(l.AmountText))))
            .ToList();

        var keys = accepted
            .GroupBy(a => (a.Line.OrderId, a.Line.Component, Currency: a.Line.Currency.Code))
            .Select(g =>
            {
                var currency = g.First().Line.Currency;
                var expected = g.Where(a => a.Side == ReconciliationSide.Expected).ToList();
                var settled = g.Where(a => a.Side == ReconciliationSide.Settlement).ToList();
                var expectedSum = expected.Sum(a => a.Amount);
                var settledSum = settled.Sum(a => a.Amount);
                var status = settled.Count == 0 ? BreakStatus.MissingSettlement
                    : expected.Count == 0 ? BreakStatus.UnexpectedSettlement
                    : WithinTolerance(settledSum - expectedSum, expectedSum, currency, s.Options) ? BreakStatus.Matched
                    : BreakStatus.AmountMismatch;
                // Duplicates: the same ref within the key, or (without a ref) the same amount and date.
                var duplicates = settled
                    .GroupBy(a => a.Line.Ref.Length > 0 ? (a.Line.Ref, 0m, "") : ("", a.Amount, a.Line.Date))
                    .Sum(d => d.Count() - 1L);
                return new OracleKey(g.Key.OrderId, g.Key.Component, g.Key.Currency,
                    expected.Count > 0 ? Format(expectedSum, currency) : "",
                    settled.Count > 0 ? Format(settledSum, currency) : "",
                    Format(settledSum - expectedSum, currency),
                    status,
                    Smallest(g.Select(a => a.Line.Market)),
                    Smallest(g.Select(a => a.Line.Category)),
                    expected.Count, settled.Count, duplicates);
            })
            .OrderBy(k => k.OrderId, s_utf8).ThenBy(k => k.Component, s_utf8).ThenBy(k => k.Currency, StringComparer.Ordinal)
            .ToList();

        // Currency mismatch: a key only expected, while the same order and component is only settled in another currency (and vice versa).
        keys = [.. keys.Select(k => k.Status is not (BreakStatus.MissingSettlement or BreakStatus.UnexpectedSettlement) ? k : k with
        {
            MismatchCurrencies = [.. keys
                .Where(o => o.OrderId == k.OrderId && o.Component == k.Component && o.Currency != k.Currency)
                .Where(o => o.Status == (k.Status == BreakStatus.MissingSettlement ? BreakStatus.UnexpectedSettlement : BreakStatus.MissingSettlement))
                .Select(o => o.Currency)],
        })];

        List<OracleTotals> Totals(Func<OracleKey, string> group) => [.. keys
            .GroupBy(k => (Group: group(k), k.Currency))
            .Select(g =>
            {
                var currency = Currency.FromCode(g.Key.Currency);
                var expected = g.Sum(k => k.Expected.Length > 0 ? ParseAmount(k.Expected) : 0m);
                var settled = g.Sum(k => k.Settled.Length > 0 ? ParseAmount(k.Settled) : 0m);
                return new OracleTotals(g.Key.Group, g.Key.Currency, Format(expected, currency), Format(settled, currency), Format(settled - expected, currency),
                    g.Count(), g.Count(k => k.Status != BreakStatus.Matched));
            })
            .OrderBy(t => t.Group, s_utf8).ThenBy(t => t.Currency, StringComparer.Ordinal)];

        var files = new List<ReconciliationFileStats>
        {
            Stats(ReconciliationKit.ExpectedName, ReconciliationSide.Expected, s.Expected),
            Stats(ReconciliationKit.SettlementName, ReconciliationSide.Settlement, s.Settled),
        };
        var rejects = Rejects(ReconciliationKit.ExpectedName, s.Expected, s.ExpectedShape, s.ExpectedFile)
            .Concat(Rejects(ReconciliationKit.SettlementName, s.Settled, s.SettledShape, s.SettledFile))
            .ToList();
        return new OracleResult(keys, Totals(_ => ""), Totals(k => k.Market), Totals(k => k.Category), files, rejects);
    }

    private static bool WithinTolerance(decimal difference, decimal expected, Currency currency, ReconciliationOptions options)
    {
        var unit = Pow10(currency.MinorUnits);
        // Major units at the currency's precision (0.01 is nothing in JPY); a per-currency tolerance is in minor units.
        var absolute = options.TolerancePerCurrency.TryGetValue(currency, out var minor) ? minor / unit : decimal.Floor(options.Tolerance * unit) / unit;
        return Math.Abs(difference) <= absolute
            || (options.TolerancePercent > 0 && Math.Abs(difference) <= options.TolerancePercent / 100m * Math.Abs(expected));
    }

    private static ReconciliationFileStats Stats(string name, ReconciliationSide side, LineSpec[] lines) =>
        new(name, side, lines.Length, lines.Count(l => l.Defect == Defect.None), lines.Count(l => l.Defect != Defect.None));

    private static IEnumerable<OracleReject> Rejects(string name, LineSpec[] lines, FileShape shape, WrittenFile file) =>
        lines.Select((l, i) => (Line: l, Number: file.Lines[i]))
            .Where(x => x.Line.Defect != Defect.None)
            .Select(x =>
            {
                var (column, value, reason) = x.Line.Defect switch
                {
                    Defect.ColumnCount => ("", (string?)null, "wrong column count"),
                    Defect.UnknownCurrency => ("currency", x.Line.BadText, "unknown currency"),
                    Defect.BadAmount => ("amount", x.Line.BadText, "bad amount"),
                    Defect.TooManyDecimals => ("amount", x.Line.BadText, "too many decimals"),
                    Defect.EmptyOrderId => ("order_id", "", "empty order_id"),
                    Defect.EmptyComponent => ("component", "", "empty component"),
                    _ => ("date", x.Line.BadText, "bad date"),
                };
                return new OracleReject(name, x.Number, column.Length == 0 ? 0 : Array.IndexOf(shape.Columns, column) + 1, value, reason);
            });

    private static string Smallest(IEnumerable<string> labels) => labels.Where(l => l.Length > 0).Order(s_utf8).FirstOrDefault() ?? "";

    private static decimal ParseAmount(string text) => decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    private static string Format(decimal amount, Currency currency) => ReconciliationKit.FormatMinor((Int128)(amount * Pow10(currency.MinorUnits)), currency.MinorUnits);

    private static decimal Pow10(int digits)
    {
        var value = 1m;
        for (var i = 0; i < digits; i++)
        {
            value *= 10;
        }
        return value;
    }
}
