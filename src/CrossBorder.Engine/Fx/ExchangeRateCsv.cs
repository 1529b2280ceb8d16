using System.Text;
using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;

namespace CrossBorder.Engine.Fx;

/// <summary>
/// Loads the canonical rates CSV <c>date,base,quote,rate</c> (one unit of base is worth <c>rate</c> units of quote),
/// or, when the header starts with <c>Date,USD,…</c>, the ECB history layout (see <see cref="EcbReferenceRates"/>).
/// A canonical rate is in force from its date until the day before the pair's next date, at most
/// <see cref="EcbReferenceRates.MaxDaysInForce"/> days; the newest on its own day only.
/// </summary>
public static class ExchangeRateCsv
{
    /// <summary>Loads a file into a new EUR-pivot table.</summary>
    public static ExchangeRateTable Load(string path)
    {
        var table = new ExchangeRateTable(Currency.EUR);
        using var stream = File.OpenRead(path);
        LoadInto(table, stream, path);
        return table;
    }

    /// <summary>Adds the rates of a canonical or ECB CSV to <paramref name="table"/>.</summary>
    /// <exception cref="InputFormatException">A bad row: names the file, line, column, value and reason.</exception>
    public static void LoadInto(ExchangeRateTable table, Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(stream);
        // Sniff the header: the ECB layout has currency codes as columns.
        var buffered = stream.CanSeek ? stream : Copy(stream);
        var start = buffered.Position;
        string? firstLine;
        using (var sniff = new StreamReader(buffered, Encoding.UTF8, true, 1024, leaveOpen: true))
        {
            firstLine = sniff.ReadLine();
        }
        buffered.Position = start;
        if (firstLine is not null && firstLine.TrimStart('\uFEFF').StartsWith("Date,", StringComparison.OrdinalIgnoreCase)
            && !firstLine.Contains("base", StringComparison.OrdinalIgnoreCase))
        {
            EcbReferenceRates.LoadInto(table, buffered, sourceName);
            return;
        }

        using var reader = new Utf8CsvReader(buffered, leaveOpen: true);
        if (!reader.TryReadRow(out var header))
        {
            throw new InputFormatException(sourceName, 1, 1, "", "empty file: expected the header date,base,quote,rate");
        }
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.FieldCount; i++)
        {
            columns.TryAdd(Encoding.UTF8.GetString(header[i]).Trim(), i);
        }
        foreach (var name in new[] { "date", "base", "quote", "rate" })
        {
            if (!columns.ContainsKey(name))
            {
                throw new InputFormatException(sourceName, 1, 1, string.Join(",", columns.Keys), $"the required column '{name}' is missing (expected date,base,quote,rate)");
            }
        }
        var rows = new List<(Currency Base, Currency Quote, DateOnly Date, long Scaled, long Line)>();
        while (reader.TryReadRow(out var row))
        {
            if (row.IsBlank)
            {
                continue;
            }
            var dateField = Field(row, columns, "date");
            if (!Utf8DateParser.TryParseIsoDate(dateField, out var date, out var used, out _) || used != dateField.Length)
            {
                throw new InputFormatException(sourceName, row.LineNumber, columns["date"] + 1, Encoding.UTF8.GetString(dateField), "not a yyyy-MM-dd date");
            }
            if (!Currency.TryFromCode(Field(row, columns, "base"), out var baseCurrency))
            {
                throw new InputFormatException(sourceName, row.LineNumber, columns["base"] + 1, Encoding.UTF8.GetString(Field(row, columns, "base")), "not an ISO 4217 currency code");
            }
            if (!Currency.TryFromCode(Field(row, columns, "quote"), out var quoteCurrency))
            {
                throw new InputFormatException(sourceName, row.LineNumber, columns["quote"] + 1, Encoding.UTF8.GetString(Field(row, columns, "quote")), "not an ISO 4217 currency code");
            }
            var rateField = Field(row, columns, "rate");
            if (!Utf8AmountParser.TryParse(rateField, 10, AmountFormat.Invariant, out var scaled, out var rateUsed, out var error) || rateUsed != rateField.Length || scaled <= 0)
            {
                throw new InputFormatException(sourceName, row.LineNumber, columns["rate"] + 1, Encoding.UTF8.GetString(rateField),
                    $"not a positive rate with at most 10 decimals ({(error.Kind == ParseErrorKind.None ? "unexpected character" : error.Reason)})");
            }
            rows.Add((baseCurrency, quoteCurrency, date, scaled, row.LineNumber));
        }
        foreach (var pair in rows.GroupBy(r => (r.Base, r.Quote)))
        {
            var ordered = pair.OrderBy(r => r.Date).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var r = ordered[i];
                if (i + 1 < ordered.Count && ordered[i + 1].Date == r.Date)
                {
                    throw new InputFormatException(sourceName, ordered[i + 1].Line, columns["date"] + 1, r.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                        $"a second {r.Base}/{r.Quote} rate for the same date");
                }
                var validTo = i + 1 < ordered.Count ? ordered[i + 1].Date.AddDays(-1) : r.Date;
                if (validTo > r.Date.AddDays(EcbReferenceRates.MaxDaysInForce - 1))
                {
                    validTo = r.Date.AddDays(EcbReferenceRates.MaxDaysInForce - 1);
                }
                table.Add(ExchangeRate.FromRatio(r.Base, r.Quote, r.Scaled, 10_000_000_000), r.Date, validTo);
            }
        }
    }

    private static ReadOnlySpan<byte> Field(CsvRow row, Dictionary<string, int> columns, string name) =>
        columns[name] < row.FieldCount ? row[columns[name]] : [];

    private static MemoryStream Copy(Stream stream)
    {
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }
}
