using System.Text;
using CrossBorder.Engine.Text;

namespace CrossBorder.Engine.Fx;

/// <summary>
/// Loads the ECB euro foreign exchange reference rates history CSV (<c>eurofxref-hist.csv</c>): a header
/// <c>Date,USD,JPY,…,</c>, one row per publication day (newest first), units of currency per 1 EUR, <c>N/A</c>
/// where a currency was not quoted, and a trailing comma.
/// </summary>
/// <remarks>
/// A reference rate stays in force from its publication day until the day before the next publication (weekends
/// and TARGET holidays use the last published rate), but never more than <see cref="MaxDaysInForce"/> days: the ECB
/// publishes on every TARGET working day, so a longer gap means the file lacks data, and a date in it is a missing
/// rate rather than a stale one. The newest row is in force on its own day only.
/// </remarks>
public static class EcbReferenceRates
{
    /// <summary>Loads the file at <paramref name="path"/> into a new EUR-pivot table.</summary>
    public static ExchangeRateTable Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    /// <summary>Loads the CSV from <paramref name="stream"/>; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="InputFormatException">A bad date, rate or currency; names the line, column and value.</exception>
    public static ExchangeRateTable Load(Stream stream, string sourceName)
    {
        var table = new ExchangeRateTable(Currency.EUR);
        LoadInto(table, stream, sourceName);
        return table;
    }

    /// <summary>Adds the CSV's rates to an existing table.</summary>
    public static void LoadInto(ExchangeRateTable table, Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var header = reader.ReadLine() ?? throw new InputFormatException(sourceName, 1, 1, "", "empty file: expected the header Date,USD,JPY,...");
        var columns = header.Split(',');
        if (!columns[0].Trim().Equals("Date", StringComparison.OrdinalIgnoreCase))
        {
            throw new InputFormatException(sourceName, 1, 1, columns[0], "the first column must be Date");
        }
        var currencies = new Currency?[columns.Length];
        for (var c = 1; c < columns.Length; c++)
        {
            var code = columns[c].Trim();
            if (code.Length == 0)
            {
                continue; // the trailing comma
            }
            if (!Currency.TryFromCode(code, out var currency))
            {
                throw new InputFormatException(sourceName, 1, c + 1, code, "not an ISO 4217 currency code");
            }
            currencies[c] = currency;
        }

        var rows = new List<(DateOnly Date, long Line, string[] Cells)>();
        string? line;
        long lineNumber = 1;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            var cells = line.Split(',');
            var dateText = Encoding.UTF8.GetBytes(cells[0].Trim());
            if (!Utf8DateParser.TryParseIsoDate(dateText, out var date, out var consumed, out _) || consumed != dateText.Length)
            {
                throw new InputFormatException(sourceName, lineNumber, 1, cells[0], "not a yyyy-MM-dd date");
            }
            rows.Add((date, lineNumber, cells));
        }
        rows.Sort((a, b) => a.Date.CompareTo(b.Date));

        for (var r = 0; r < rows.Count; r++)
        {
            var (date, number, cells) = rows[r];
            if (r + 1 < rows.Count && rows[r + 1].Date == date)
            {
                throw new InputFormatException(sourceName, rows[r + 1].Line, 1, date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "the date appears twice");
            }
            var validTo = r + 1 < rows.Count ? rows[r + 1].Date.AddDays(-1) : date;
            if (validTo > date.AddDays(MaxDaysInForce - 1))
            {
                validTo = date.AddDays(MaxDaysInForce - 1);
            }
            for (var c = 1; c < cells.Length && c < currencies.Length; c++)
            {
                var cell = cells[c].Trim();
                if (currencies[c] is not { } quote || cell.Length == 0 || cell == "N/A")
                {
                    continue;
                }
                var utf8 = Encoding.UTF8.GetBytes(cell);
                // Rates are exact decimals; the ECB publishes at most 5 or 6 significant decimals, we accept up to 8.
                if (!Utf8AmountParser.TryParse(utf8, ScaleDigits, AmountFormat.Invariant, out var scaled, out var used, out var error)
                    || used != utf8.Length)
                {
                    var reason = used != utf8.Length && error.Kind == ParseErrorKind.None ? "unexpected character" : error.Reason;
                    throw new InputFormatException(sourceName, number, c + 1, cell, $"not a rate for {quote.Code} ({reason})");
                }
                if (scaled <= 0)
                {
                    throw new InputFormatException(sourceName, number, c + 1, cell, $"a rate for {quote.Code} must be positive");
                }
                table.Add(ExchangeRate.FromRatio(Currency.EUR, quote, scaled, Scale), date, validTo);
            }
        }
    }

    /// <summary>The longest a reference rate stays in force (the Easter break is the longest gap: 5 days).</summary>
    public const int MaxDaysInForce = 7;

    private const int ScaleDigits = 8;
    private const long Scale = 100_000_000;
}
