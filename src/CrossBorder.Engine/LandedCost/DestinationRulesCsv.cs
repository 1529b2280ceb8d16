using System.Globalization;
using System.Text;
using CrossBorder.Engine.Geography;
using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;

namespace CrossBorder.Engine.LandedCost;

/// <summary>
/// Overrides destination rules from a CSV, applied row by row onto a rule book:
/// <c>destination,setting,value,origins,valid_from,valid_to,source</c> (columns by header name; <c>origins</c>,
/// dates and <c>source</c> optional).
/// </summary>
/// <remarks>
/// Settings: <c>based_on</c> (start a destination as a copy of another: <c>NZ,based_on,AU</c>), <c>tariff</c>,
/// <c>currency</c>, <c>valuation</c> (<c>CIF</c> or <c>FOB</c>), <c>transport_in_tax_base</c> (<c>true</c>/<c>false</c>),
/// <c>rate_regime</c> (<c>rate_of_the_day</c> or <c>eu_monthly</c>), <c>duty_de_minimis</c>, <c>tax_de_minimis</c>
/// and <c>de_minimis</c> (value <c>150.00 EUR</c>; a new rule placed first, for the row's origins and dates, replacing
/// the built-in thresholds of that kind), <c>point_of_sale_ceiling</c> and <c>tax_not_collected_at_or_below</c>
/// (value <c>135.00 GBP</c>).
/// </remarks>
public static class DestinationRulesCsv
{
    /// <summary>Applies the rows of <paramref name="stream"/> to <paramref name="book"/>.</summary>
    /// <exception cref="InputFormatException">A bad row: names the file, line, column, value and reason.</exception>
    public static void Apply(DestinationRuleBook book, Stream stream, string sourceName, OriginGroups groups)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(groups);
        using var reader = new Utf8CsvReader(stream, leaveOpen: true);
        if (!reader.TryReadRow(out var header))
        {
            return;
        }
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.FieldCount; i++)
        {
            columns.TryAdd(Encoding.UTF8.GetString(header[i]).Trim(), i);
        }
        foreach (var required in new[] { "destination", "setting", "value" })
        {
            if (!columns.ContainsKey(required))
            {
                throw new InputFormatException(sourceName, 1, 0, Encoding.UTF8.GetString(header.Raw), $"the required column '{required}' is missing (destination,setting,value,origins,valid_from,valid_to,source)");
            }
        }
        while (reader.TryReadRow(out var row))
        {
            if (row.IsBlank || (row[0].Length > 0 && row[0][0] == (byte)'#'))
            {
                continue;
            }
            var line = row.LineNumber;
            var destination = Field(row, columns, "destination").ToUpperInvariant();
            var setting = Field(row, columns, "setting").ToLowerInvariant();
            var value = Field(row, columns, "value");
            var valueColumn = columns["value"] + 1;
            InputFormatException Bad(string reason) => new(sourceName, line, valueColumn, value, $"{destination} {setting}: {reason}");

            if (setting == "based_on")
            {
                if (!book.TryGet(value, out var template))
                {
                    throw Bad("no such destination to copy");
                }
                book.Set(template with { Destination = destination, TariffDestination = template.TariffDestination == template.Destination ? destination : template.TariffDestination });
                continue;
            }
            if (!book.TryGet(destination, out var rules))
            {
                throw new InputFormatException(sourceName, line, columns["destination"] + 1, destination, "unknown destination: start it with a based_on row");
            }
            var from = Date(Field(row, columns, "valid_from"), DateOnly.MinValue, sourceName, line);
            var to = Date(Field(row, columns, "valid_to"), DateOnly.MaxValue, sourceName, line);
            var source = Field(row, columns, "source");
            source = source.Length == 0 ? string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(sourceName)}:{line}") : source;
            switch (setting)
            {
                case "tariff":
                    rules = rules with { TariffDestination = value.ToUpperInvariant() };
                    break;
                case "currency":
                    rules = rules with { Currency = Currency.TryFromCode(value, out var c) && c.HasMinorUnits ? c : throw Bad("not an ISO 4217 currency with minor units") };
                    break;
                case "valuation":
                    rules = rules with { Valuation = value.ToUpperInvariant() switch { "CIF" => ValuationBasis.Cif, "FOB" => ValuationBasis.Fob, _ => throw Bad("expected CIF or FOB") } };
                    break;
                case "transport_in_tax_base":
                    rules = rules with { TransportInTaxBase = bool.TryParse(value, out var b) ? b : throw Bad("expected true or false") };
                    break;
                case "rate_regime":
                    rules = rules with { RateRegime = value.ToLowerInvariant() switch { "rate_of_the_day" => ExchangeRateRegimeKind.RateOfTheDay, "eu_monthly" => ExchangeRateRegimeKind.EuMonthly, _ => throw Bad("expected rate_of_the_day or eu_monthly") } };
                    break;
                case "duty_de_minimis":
                case "tax_de_minimis":
                case "de_minimis":
                {
                    var relieves = setting switch { "duty_de_minimis" => ReliefKind.Duty, "tax_de_minimis" => ReliefKind.Tax, _ => ReliefKind.Duty | ReliefKind.Tax };
                    var originsText = Field(row, columns, "origins");
                    OriginSet origins;
                    try
                    {
                        origins = OriginSet.Parse(originsText.Length == 0 ? "*" : originsText, groups);
                    }
                    catch (FormatException e)
                    {
                        throw new InputFormatException(sourceName, line, columns.TryGetValue("origins", out var oc) ? oc + 1 : 0, originsText, e.Message, e);
                    }
                    var rule = new DeMinimisRule(relieves, Amount(value, Bad), true, origins, [], from, to, source);
                    // The new threshold replaces the built-in ones of the same kind in its window.
                    var kept = rules.DeMinimis.Where(r => (r.Relieves & relieves) == 0 || r.ValidTo < from || r.ValidFrom > to);
                    rules = rules with { DeMinimis = [rule, .. kept] };
                    break;
                }
                case "point_of_sale_ceiling":
                    rules = rules with { PointOfSaleCeiling = Amount(value, Bad) };
                    break;
                case "tax_not_collected_at_or_below":
                    rules = rules with { TaxNotCollectedAtOrBelow = Amount(value, Bad) };
                    break;
                default:
                    throw new InputFormatException(sourceName, line, columns["setting"] + 1, setting,
                        "unknown setting (based_on, tariff, currency, valuation, transport_in_tax_base, rate_regime, duty_de_minimis, tax_de_minimis, de_minimis, point_of_sale_ceiling, tax_not_collected_at_or_below)");
            }
            book.Set(rules);
        }
    }

    private static string Field(CsvRow row, Dictionary<string, int> columns, string name) =>
        columns.TryGetValue(name, out var i) && i < row.FieldCount ? Encoding.UTF8.GetString(row[i]).Trim() : "";

    private static Money Amount(string text, Func<string, InputFormatException> bad)
    {
        var space = text.LastIndexOf(' ');
        if (space > 0 && Currency.TryFromCode(text.AsSpan(space + 1), out var currency) && currency.HasMinorUnits)
        {
            var bytes = Encoding.UTF8.GetBytes(text[..space].Trim());
            if (Utf8AmountParser.TryParseExact(bytes, currency, AmountFormat.Invariant, out var minor, out _) && minor >= 0)
            {
                return new Money(minor, currency);
            }
        }
        throw bad("expected a non-negative amount and its currency, such as 150.00 EUR");
    }

    private static DateOnly Date(string text, DateOnly empty, string sourceName, long line)
    {
        if (text.Length == 0)
        {
            return empty;
        }
        var bytes = Encoding.UTF8.GetBytes(text);
        return Utf8DateParser.TryParseIsoDate(bytes, out var date, out var used, out _) && used == bytes.Length
            ? date
            : throw new InputFormatException(sourceName, line, 0, text, "not a yyyy-MM-dd date");
    }
}
