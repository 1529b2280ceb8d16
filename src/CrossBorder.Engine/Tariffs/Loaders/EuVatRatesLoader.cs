using System.Globalization;
using System.Text.Json;
using CrossBorder.Engine.Text;

namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>
/// Loads the ibericode/vat-rates JSON (<c>{"items": {"DE": [{"effective_from": "2021-01-01", "rates": {"standard":
/// 19, "reduced": 7}, "exceptions": [...]}, ...]}}</c>): per country, periods of standard and reduced rates.
/// </summary>
/// <remarks>
/// <para>Each period runs from its <c>effective_from</c> to the day before the next period's (the data's
/// <c>0000-01-01</c> means "since before the data": <see cref="DateOnly.MinValue"/>). Rates are JSON numbers read
/// exactly as decimals (25.5, never a binary fraction). The standard rate becomes a <see cref="MeasureKind.Vat"/>
/// measure on <c>*</c> (<see cref="EuVatRates.AddTo(TariffScheduleBuilder)"/>); reduced rates and postcode
/// exceptions are kept in <see cref="VatRatePeriod"/> but not mapped to goods codes, which would need a category
/// table the data does not have.</para>
/// <para>The data writes Greece as <c>GR</c> (ISO), not <c>EL</c>, and includes GB, which is not a member state.</para>
/// </remarks>
public static class EuVatRatesLoader
{
    /// <summary>The 27 member states since 2020-02-01 (Treaty on European Union Art. 52), Greece as GR.</summary>
    public static IReadOnlySet<string> MemberStates { get; } = new HashSet<string>(
        ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"],
        StringComparer.Ordinal);

    /// <summary>Loads a file.</summary>
    /// <exception cref="InputFormatException">Malformed JSON, no <c>items</c>, or (strict mode) a period that cannot be read.</exception>
    public static EuVatRates Load(string path, EuVatRatesOptions? options = null)
    {
        using var stream = File.OpenRead(path);
        return Load(stream, path, options);
    }

    /// <summary>Loads a stream; <paramref name="sourceName"/> names it in errors and measure sources.</summary>
    /// <exception cref="InputFormatException">Malformed JSON, no <c>items</c>, or (strict mode) a period that cannot be read.</exception>
    public static EuVatRates Load(Stream stream, string sourceName, EuVatRatesOptions? options = null)
    {
        options ??= EuVatRatesOptions.Default;
        var json = JsonSource.Read(stream, sourceName);
        var skipped = new SkippedRowList(options.Strict);
        var periods = new Dictionary<string, VatRatePeriod[]>(StringComparer.Ordinal);
        var reader = json.CreateReader();
        json.Expect(ref reader, JsonTokenType.StartObject, "an object with 'items'");
        var sawItems = false;
        while (json.Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            json.Read(ref reader);
            if (name != "items")
            {
                json.Skip(ref reader);
                continue;
            }
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw json.Error(reader.TokenStartIndex, reader.TokenType.ToString(), "'items' is not an object of countries");
            }
            sawItems = true;
            while (json.Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
            {
                var country = reader.GetString()!;
                var countryOffset = reader.TokenStartIndex;
                json.Read(ref reader);
                var offset = reader.TokenStartIndex;
                using var document = json.ParseValue(ref reader);
                var (line, column) = json.Position(countryOffset);
                if (!options.Countries.Contains(country))
                {
                    skipped.Skip(sourceName, line, column, country, country == "GB"
                        ? "GB is not an EU member state (it left on 2020-02-01 and the EU VAT area on 2020-12-31): add it to the options' countries to load UK VAT"
                        : "not in the countries to load (not an EU member state)");
                    continue;
                }
                if (document.RootElement.ValueKind != JsonValueKind.Array)
                {
                    skipped.Error(sourceName, line, column, country, "the country's value is not a list of periods");
                    continue;
                }
                var loaded = ReadCountry(json, country, document.RootElement, offset, skipped);
                if (loaded.Length > 0)
                {
                    periods[country] = loaded;
                }
            }
        }
        if (!sawItems)
        {
            throw new InputFormatException(sourceName, 1, 1, "", "no 'items' object: not the ibericode/vat-rates format");
        }
        return new EuVatRates(sourceName, periods, skipped.Rows);
    }

    private static VatRatePeriod[] ReadCountry(JsonSource json, string country, JsonElement list, long listOffset, SkippedRowList skipped)
    {
        // The element offsets are not kept by JsonDocument: find each period's line by scanning for its opening brace.
        var offsets = PeriodOffsets(json, listOffset, list.GetArrayLength());
        var read = new List<(DateOnly From, JsonElement Period, long Line, int Column)>();
        var index = 0;
        foreach (var period in list.EnumerateArray())
        {
            var (line, column) = json.Position(offsets[index++]);
            var fromText = period.TryGetProperty("effective_from", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : "";
            if (!TryEffectiveFrom(fromText, out var from))
            {
                skipped.Error(json.Name, line, column, fromText, $"{country}: effective_from is not a yyyy-MM-dd date");
                continue;
            }
            if (read.Exists(r => r.From == from))
            {
                skipped.Error(json.Name, line, column, fromText, $"{country}: two periods start on the same day; the first is kept");
                continue;
            }
            read.Add((from, period, line, column));
        }
        read.Sort((a, b) => a.From.CompareTo(b.From));

        var result = new List<VatRatePeriod>();
        for (var i = 0; i < read.Count; i++)
        {
            var (from, period, line, column) = read[i];
            var to = i + 1 < read.Count ? read[i + 1].From.AddDays(-1) : DateOnly.MaxValue;
            if (!period.TryGetProperty("rates", out var rates) || rates.ValueKind != JsonValueKind.Object)
            {
                skipped.Error(json.Name, line, column, LoaderCsv.Date(from), $"{country}: the period has no rates");
                continue;
            }
            decimal? standard = null;
            var reduced = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
            var bad = false;
            foreach (var rate in rates.EnumerateObject())
            {
                if (rate.Value.ValueKind != JsonValueKind.Number || !rate.Value.TryGetDecimal(out var value) || value < 0 || value >= 100)
                {
                    skipped.Error(json.Name, line, column, rate.Value.GetRawText(), $"{country} {LoaderCsv.Date(from)}: rate '{rate.Name}' is not a percentage from 0 to 100");
                    bad = true;
                    continue;
                }
                if (rate.Name == "standard")
                {
                    standard = value;
                }
                else
                {
                    reduced[rate.Name] = value;
                }
            }
            if (bad)
            {
                continue;
            }
            if (standard is not { } standardRate)
            {
                skipped.Error(json.Name, line, column, LoaderCsv.Date(from), $"{country}: the period has no standard rate");
                continue;
            }
            var text = standardRate.ToString(CultureInfo.InvariantCulture) + "%";
            if (!DutyExpressionParser.TryParseTaric(text, out var expression, out var error))
            {
                skipped.Error(json.Name, line, column, text, $"{country}: the standard rate does not parse: {error.Message}");
                continue;
            }
            var territories = new List<VatTerritoryRate>();
            if (period.TryGetProperty("exceptions", out var exceptions) && exceptions.ValueKind == JsonValueKind.Array)
            {
                foreach (var exception in exceptions.EnumerateArray())
                {
                    var name = exception.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
                    var postcode = exception.TryGetProperty("postcode", out var p) ? (p.ValueKind == JsonValueKind.String ? p.GetString() ?? "" : p.GetRawText()) : "";
                    decimal? territoryRate = exception.TryGetProperty("standard", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetDecimal(out var v) ? v : null;
                    territories.Add(new VatTerritoryRate(name, postcode, territoryRate));
                }
            }
            result.Add(new VatRatePeriod(country, from, to, standardRate, expression, reduced, territories, line));
        }
        return [.. result];
    }

    /// <summary>The offsets of the objects directly inside the array that starts at <paramref name="listOffset"/>.</summary>
    private static long[] PeriodOffsets(JsonSource json, long listOffset, int count)
    {
        var offsets = new long[count];
        var reader = new Utf8JsonReader(json.Utf8[(int)listOffset..]);
        reader.Read(); // [
        for (var i = 0; i < count && reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
        {
            offsets[i] = listOffset + reader.TokenStartIndex;
            reader.Skip();
        }
        return offsets;
    }

    private static bool TryEffectiveFrom(string text, out DateOnly date)
    {
        // "0000-01-01": the rate applied before the data's history starts.
        if (text.StartsWith("0000-", StringComparison.Ordinal))
        {
            date = DateOnly.MinValue;
            return text.Length == 10;
        }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
