using System.Globalization;
using System.Text;
using CrossBorder.Engine.Reconciliation;
using FsCheck;
using FsCheck.Fluent;

namespace CrossBorder.Engine.Tests.Reconciliation;

/// <summary>What makes a generated line a reject (one defect at most).</summary>
public enum Defect
{
    None,
    ColumnCount,
    UnknownCurrency,
    BadAmount,
    TooManyDecimals,
    EmptyOrderId,
    EmptyComponent,
    BadDate,
}

/// <summary>One generated canonical line; <see cref="Defect"/> says whether (and why) the engine must reject it.</summary>
public sealed record LineSpec(string OrderId, string Component, Currency Currency, long Minor, int Variant, string Date, string Market, string Category, string Ref)
{
    public Defect Defect { get; init; }

    /// <summary>The text of the defective field (currency, amount or date), for those defects.</summary>
    public string BadText { get; init; } = "";

    /// <summary>An extra column's text, ignored by the engine.</summary>
    public string Note { get; init; } = "";

    /// <summary>A blank line is written before this line.</summary>
    public bool BlankLineBefore { get; init; }

    public string CurrencyText => Defect == Defect.UnknownCurrency ? BadText : Currency.Code;

    public string AmountText => Defect is Defect.BadAmount or Defect.TooManyDecimals ? BadText : ReconciliationData.FormatAmount(Minor, Currency.MinorUnits, Variant);

    public string DateText => Defect == Defect.BadDate ? BadText : Date;

    public string OrderIdText => Defect == Defect.EmptyOrderId ? "" : OrderId;

    public string ComponentText => Defect == Defect.EmptyComponent ? "" : Component;

    public string Field(string column) => column switch
    {
        "order_id" => OrderIdText,
        "component" => ComponentText,
        "currency" => CurrencyText,
        "amount" => AmountText,
        "date" => DateText,
        "market" => Market,
        "category" => Category,
        "ref" => Ref,
        _ => Note,
    };
}

/// <summary>How a file is written: column order (canonical names plus an ignored extra), header case, line ends, BOM, quoting.</summary>
public sealed record FileShape(string[] Columns, bool UpperCaseHeader, bool Crlf, bool Bom, bool QuoteAll, bool FinalLineBreak)
{
    public static FileShape Canonical { get; } = new(ReconciliationData.CanonicalColumns, false, false, false, false, true);
}

/// <summary>A written file and the physical line on which each of its lines starts.</summary>
public sealed record WrittenFile(byte[] Bytes, long[] Lines);

/// <summary>Generated reconciliation inputs and their canonical CSV text.</summary>
public static class ReconciliationData
{
    public static readonly string[] CanonicalColumns = ["order_id", "component", "currency", "amount", "date", "market", "category", "ref"];

    public static readonly Currency[] Currencies = [Currency.JPY, Currency.EUR, Currency.USD, Currency.KWD];

    // Order ids that sort differently by UTF-8 bytes and by UTF-16 code units (U+FF21 against U+1F600), prefixes of
    // one another, and ids that need quoting (comma, quote, line break).
    // With Amazon order ids, which the key table packs into its entries (KeyTable.TryPack), beside near misses it
    // stores as bytes: the sort, the output and the oracle must not tell them apart.
    private static readonly string[] s_orderIds = ["A", "A!", "B", "a", "a,b", "q\"t", "n\nl", "é", "\uFF21", "😀", "O-10", "O-9",
        "114-1234567-1234567", "114-1234567-1234568", "000-0000000-0000000", "114-1234567-123456", "114-1234567-12345670", "114-1234567-1234567a"];
    private static readonly string[] s_components = ["principal", "tax", "fee", "Fee", "z,\"x\""];
    private static readonly string[] s_markets = ["", "", "DE", "FR", "US"];
    private static readonly string[] s_categories = ["", "toys", "books", "Toys"];
    private static readonly string[] s_refs = ["", "", "", "r1", "r2", "ref, with \"quotes\"\nand a line break"];
    private static readonly string[] s_dates = ["", "2024-01-31", "2024-02-29", "2025-12-01"];
    private static readonly string[] s_notes = ["", "n", "a, b", "x\ny", "\"q\""];

    public static Gen<long> Minor => Gen.Frequency<long>(
    [
        (3, Gen.Choose(-500, 500).Select(i => (long)i)),
        (2, Gen.Choose(-10_000_000, 10_000_000).Select(i => (long)i)),
        (1, Gen.Elements(0L, 1L, -1L, 100L, 20_000L)),
    ]);

    public static Gen<LineSpec> ValidLine =>
        // Half the lines on a few orders and one component, so that keys collect many lines.
        from order in Gen.Frequency<string>([(1, Gen.Elements(s_orderIds)), (1, Gen.Elements(s_orderIds[..3]))])
        from component in Gen.Frequency<string>([(1, Gen.Elements(s_components)), (1, Gen.Constant(s_components[0]))])
        from currency in Gen.Elements(Currencies)
        from minor in Minor
        from variant in Gen.Choose(0, 3)
        from date in Gen.Elements(s_dates)
        from market in Gen.Elements(s_markets)
        from category in Gen.Elements(s_categories)
        from reference in Gen.Elements(s_refs)
        from note in Gen.Elements(s_notes)
        from blank in Gen.Frequency<bool>([(9, Gen.Constant(false)), (1, Gen.Constant(true))])
        select new LineSpec(order, component, currency, minor, variant, date, market, category, reference) { Note = note, BlankLineBefore = blank };

    public static Gen<LineSpec> DefectiveLine =>
        from line in ValidLine
        from defect in Gen.Elements(Defect.ColumnCount, Defect.UnknownCurrency, Defect.BadAmount, Defect.TooManyDecimals, Defect.EmptyOrderId, Defect.EmptyComponent, Defect.BadDate)
        from pick in Gen.Choose(0, 3)
        select line with
        {
            Defect = defect,
            BadText = defect switch
            {
                Defect.UnknownCurrency => new[] { "ABC", "XAU", "EURO", "" }[pick],
                Defect.BadAmount => new[] { "abc", "", "12a", "1e5" }[pick],
                // one more digit than the currency has, not a zero
                Defect.TooManyDecimals => FormatAmount(line.Minor, line.Currency.MinorUnits, 0) + (line.Currency.MinorUnits == 0 ? "." : "") + (pick + 1).ToString(CultureInfo.InvariantCulture),
                Defect.BadDate => new[] { "2024-02-30", "2024-13-01", "20240131", "31.01.2024" }[pick],
                _ => "",
            },
        };

    public static Gen<LineSpec> AnyLine(int defectWeight) =>
        Gen.Frequency<LineSpec>([(10, ValidLine), (defectWeight, DefectiveLine)]);

    /// <summary>Settlement lines related to an expected line: settled exactly, split, off by a little, in another currency, duplicated, or not at all.</summary>
    private static Gen<List<LineSpec>> Related(LineSpec e)
    {
        if (e.Defect != Defect.None)
        {
            return Gen.Constant(new List<LineSpec>());
        }
        var copy = from reference in Gen.Elements(s_refs)
                   from date in Gen.Elements(s_dates)
                   from variant in Gen.Choose(0, 3)
                   select e with { Ref = reference, Date = date, Variant = variant, BlankLineBefore = false };
        return Gen.Frequency<List<LineSpec>>(
        [
            (4, copy.Select(c => new List<LineSpec> { c })),
            (2, from c in copy
                from part in Minor
                select new List<LineSpec> { c with { Minor = part }, c with { Minor = c.Minor - part, Ref = "" } }),
            (2, from c in copy
                from delta in Gen.Elements(-100L, -11L, -10L, -2L, -1L, 1L, 2L, 10L, 11L, 100L)
                select new List<LineSpec> { c with { Minor = c.Minor + delta } }),
            (1, from c in copy
                from currency in Gen.Elements(Currencies.Where(x => x != e.Currency).ToArray())
                select new List<LineSpec> { c with { Currency = currency } }),
            (1, copy.Select(c => new List<LineSpec> { c, c })),
            // twice, the second time with another date or ref (a duplicate only when both refs are equal, or both
            // are empty and the dates are equal)
            (1, from c in copy
                from date in Gen.Elements(s_dates)
                from reference in Gen.Elements(s_refs)
                select new List<LineSpec> { c, c with { Date = date, Ref = reference } }),
            (2, Gen.Constant(new List<LineSpec>())),
        ]);
    }

    /// <summary>Expected lines and settlement lines, many of them related so that every status and tolerance edge occurs.</summary>
    public static Gen<(LineSpec[] Expected, LineSpec[] Settled)> Lines(int defectWeight) =>
        from expected in Gen.ListOf(AnyLine(defectWeight))
        from related in Gen.CollectToList(expected, Related)
        from extra in Gen.ListOf(AnyLine(defectWeight)).ScaleSize(s => s / 3)
        from settled in Gen.Shuffle(related.SelectMany(r => r).Concat(extra))
        select (expected.ToArray(), settled);

    public static Gen<FileShape> Shape =>
        from note in Gen.Elements(false, true)
        from columns in Gen.Shuffle(note ? [.. CanonicalColumns, "note"] : CanonicalColumns)
        from upper in Gen.Elements(false, true)
        from crlf in Gen.Elements(false, true)
        from bom in Gen.Elements(false, true)
        from quoteAll in Gen.Frequency<bool>([(4, Gen.Constant(false)), (1, Gen.Constant(true))])
        from finalLineBreak in Gen.Frequency<bool>([(4, Gen.Constant(true)), (1, Gen.Constant(false))])
        select new FileShape(columns, upper, crlf, bom, quoteAll, finalLineBreak);

    public static Gen<ReconciliationOptions> Options =>
        from tolerance in Gen.Elements(0m, 0m, 0.01m, 0.02m, 1m)
        from percent in Gen.Elements(0m, 0m, 0.5m, 1m, 0.125m)
        from perCurrency in Gen.Elements(0, 0, 1, 2)
        select new ReconciliationOptions
        {
            Threads = 1,
            Tolerance = tolerance,
            TolerancePercent = percent,
            TolerancePerCurrency = perCurrency switch
            {
                1 => new Dictionary<Currency, long> { [Currency.EUR] = 1 },
                2 => new Dictionary<Currency, long> { [Currency.USD] = 10, [Currency.JPY] = 2 },
                _ => new Dictionary<Currency, long>(),
            },
        };

    /// <summary>
    /// Minor units as invariant text: 0 exact digits; 1 one extra trailing zero; 2 two extra trailing zeros; 3 the
    /// fewest digits (trailing zeros of the fraction dropped, and the point with them).
    /// </summary>
    public static string FormatAmount(long minor, int digits, int variant)
    {
        var exact = ReconciliationKit.FormatMinor(minor, digits);
        return variant switch
        {
            1 => digits == 0 ? exact + ".0" : exact + "0",
            2 => digits == 0 ? exact + ".00" : exact + "00",
            3 when digits > 0 => exact.TrimEnd('0').TrimEnd('.'),
            _ => exact,
        };
    }

    /// <summary>Writes lines as a canonical CSV file and records the physical line each one starts on.</summary>
    public static WrittenFile Write(IReadOnlyList<LineSpec> lines, FileShape shape)
    {
        var newline = shape.Crlf ? "\r\n" : "\n";
        var text = new StringBuilder();
        text.Append(string.Join(',', shape.Columns.Select(c => shape.UpperCaseHeader ? c.ToUpperInvariant() : c))).Append(newline);
        var starts = new long[lines.Count];
        var line = 2L;
        for (var i = 0; i < lines.Count; i++)
        {
            var spec = lines[i];
            if (spec.BlankLineBefore)
            {
                text.Append(newline);
                line++;
            }
            starts[i] = line;
            var columns = spec.Defect == Defect.ColumnCount ? shape.Columns[..^1] : shape.Columns;
            var row = string.Join(',', columns.Select(c => ReconciliationKit.Quote(spec.Field(c), shape.QuoteAll)));
            text.Append(row);
            if (i < lines.Count - 1 || shape.FinalLineBreak)
            {
                text.Append(newline);
            }
            line += 1 + row.Count(c => c == '\n');
        }
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        return new WrittenFile(shape.Bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes, starts);
    }

    public static WrittenFile Write(IReadOnlyList<LineSpec> lines) => Write(lines, FileShape.Canonical);
}
