using System.Globalization;
using System.Text;
using System.Text.Json;
using CrossBorder.Engine.Fx;
using CrossBorder.Engine.Geography;
using CrossBorder.Engine.Text;

namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>
/// Loads UK Trade Tariff API v2 documents: a commodity's import measures (<c>/api/v2/commodities/{id}</c>) into a
/// <see cref="TariffScheduleBuilder"/>, and the geographical areas, monthly EUR→GBP rates and measurement units
/// that go with them. Reads with <see cref="Utf8JsonReader"/> and <see cref="JsonDocument"/> (no reflection, so
/// the library stays trimmable and AOT-compatible).
/// </summary>
/// <remarks>
/// <para><b>Measures.</b> Each import measure is mapped by its measure type (<see cref="UkMeasureTypes"/>); a type
/// not in the map is listed as skipped with its id and description. The rate is <c>duty_expression.base</c>
/// (<c>10.20 % + 93.10 EUR / 100 kg</c>), parsed with <see cref="DutyExpressionParser.TryParseTaric"/>: the
/// <c>formatted_base</c> is the same text with HTML markup. Non-duty measures (prohibitions, certificates, licences)
/// have no rate. Dates are the measure's effective start and end (inclusive; no end = open).</para>
/// <para><b>Origins.</b> <c>1011</c> (ERGA OMNES) is <c>*</c>; a country is its code; a group is named by its id
/// (<c>1013</c>) with the members the document lists (or <see cref="UkTradeTariffApiOptions.Groups"/> /
/// <see cref="UkTradeTariffApiOptions.Areas"/> give), kept in <see cref="UkCommodity.Groups"/>; excluded countries
/// become exclusions: <c>1008 !AD !CH</c>. A group whose members are not known is not guessed: the measure is listed.</para>
/// <para>The additional code, quota order number, conditions (document codes), legal acts and footnote ids go into the
/// measure's note: a measure with an additional code (an anti-dumping rate for one company, a VAT rate for one
/// use) applies only when the declaration gives that code.</para>
/// </remarks>
public static class UkTradeTariffApiLoader
{
    private const string ErgaOmnes = "1011";

    /// <summary>Loads a commodity document from a file.</summary>
    /// <exception cref="InputFormatException">Malformed JSON, no commodity code, or (strict mode) a measure that cannot be read.</exception>
    public static UkCommodity LoadCommodity(string path, TariffScheduleBuilder builder, UkTradeTariffApiOptions? options = null)
    {
        using var stream = File.OpenRead(path);
        return LoadCommodity(stream, path, builder, options);
    }

    /// <summary>Loads a commodity document from a stream; <paramref name="sourceName"/> names it in errors and measure sources.</summary>
    /// <exception cref="InputFormatException">Malformed JSON, no commodity code, or (strict mode) a measure that cannot be read.</exception>
    public static UkCommodity LoadCommodity(Stream stream, string sourceName, TariffScheduleBuilder builder, UkTradeTariffApiOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= UkTradeTariffApiOptions.Default;
        var json = JsonSource.Read(stream, sourceName);
        var reader = json.CreateReader();
        json.Expect(ref reader, JsonTokenType.StartObject, "a commodity object");
        string? codeText = null;
        var description = "";
        var imports = new List<(long Offset, JsonElement Measure)>();
        var exports = new List<(long Offset, JsonElement Measure)>();
        while (json.Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            json.Read(ref reader);
            switch (name)
            {
                case "goods_nomenclature_item_id" when reader.TokenType == JsonTokenType.String:
                    codeText = reader.GetString();
                    break;
                case "description" when reader.TokenType == JsonTokenType.String:
                    description = reader.GetString() ?? "";
                    break;
                case "import_measures":
                    ReadArray(json, ref reader, imports, name);
                    break;
                case "export_measures":
                    ReadArray(json, ref reader, exports, name);
                    break;
                default:
                    json.Skip(ref reader);
                    break;
            }
        }
        if (codeText is null || !TariffCode.TryParse(codeText, out var code))
        {
            throw new InputFormatException(sourceName, 1, 1, codeText ?? "", "no commodity code: expected goods_nomenclature_item_id with 10 digits");
        }

        var run = new CommodityRun(json, code, builder, options);
        builder.AddCode(code);
        foreach (var (offset, measure) in imports)
        {
            run.Import(offset, measure);
        }
        foreach (var (offset, measure) in exports)
        {
            var (line, column) = json.Position(offset);
            run.Skipped.Skip(sourceName, line, column, $"{Str(measure, "id")} {Str(measure.Prop("measure_type"), "id")} {Str(measure.Prop("measure_type"), "description")}".Trim(),
                "an export measure: not part of the import tariff");
        }
        return new UkCommodity(sourceName, code, description, imports.Count, exports.Count, run.Measures, run.Groups, run.Skipped.Rows);
    }

    private static void ReadArray(JsonSource json, ref Utf8JsonReader reader, List<(long, JsonElement)> items, string name)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw json.Error(reader.TokenStartIndex, reader.TokenType.ToString(), $"{name} is not a list");
        }
        while (json.Read(ref reader) && reader.TokenType != JsonTokenType.EndArray)
        {
            var offset = reader.TokenStartIndex;
            using var document = json.ParseValue(ref reader);
            items.Add((offset, document.RootElement.Clone()));
        }
    }

    private sealed class CommodityRun(JsonSource json, TariffCode code, TariffScheduleBuilder builder, UkTradeTariffApiOptions options)
    {
        private readonly string _fileName = Path.GetFileName(json.Name);
        private readonly Dictionary<string, OriginSet> _origins = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _groupNames = new(StringComparer.Ordinal); // member list -> group name

        public SkippedRowList Skipped { get; } = new(options.Strict);

        public OriginGroups Groups { get; } = new();

        public int Measures { get; private set; }

        public void Import(long offset, JsonElement measure)
        {
            var (line, column) = json.Position(offset);
            var id = Str(measure, "id");
            var type = measure.Prop("measure_type");
            var typeId = Str(type, "id");
            var typeDescription = Str(type, "description");
            var label = $"measure {id} (type {typeId} {typeDescription})";
            if (!options.MeasureTypes.TryGetValue(typeId, out var kind))
            {
                Skipped.Skip(json.Name, line, column, label, $"measure type {typeId} ({typeDescription}) is not mapped to a measure kind");
                return;
            }

            var baseText = Str(measure.Prop("duty_expression"), "base").Trim();
            DutyExpression? rate = null;
            if (baseText.Length > 0 && !DutyExpressionParser.TryParseTaric(baseText, out rate, out var error))
            {
                Skipped.Error(json.Name, line, column, baseText, $"{label}: duty_expression.base does not parse: {error.Message}");
                return;
            }
            if (rate is null && !kind.IsFlag())
            {
                Skipped.Error(json.Name, line, column, label, $"a {kind.Name()} measure without a duty expression");
                return;
            }

            if (!TryDate(Str(measure, "effective_start_date"), DateOnly.MinValue, out var from) || Str(measure, "effective_start_date").Length == 0)
            {
                Skipped.Error(json.Name, line, column, Str(measure, "effective_start_date"), $"{label}: effective_start_date is not an ISO date");
                return;
            }
            if (!TryDate(Str(measure, "effective_end_date"), DateOnly.MaxValue, out var to) || to < from)
            {
                Skipped.Error(json.Name, line, column, Str(measure, "effective_end_date"), $"{label}: effective_end_date is not an ISO date on or after the start");
                return;
            }

            if (!TryOrigins(measure, out var origins, out var originError))
            {
                Skipped.Error(json.Name, line, column, label, originError);
                return;
            }

            var source = string.Create(CultureInfo.InvariantCulture, $"{_fileName}:{line} (measure {id})");
            builder.AddMeasure(code, new Measure(kind, origins, rate, from, to, Note(measure, typeId, typeDescription), source));
            Measures++;
        }

        private bool TryOrigins(JsonElement measure, out OriginSet origins, out string error)
        {
            origins = OriginSet.All;
            var area = measure.Prop("geographical_area");
            var areaId = Str(area, "id");
            if (areaId.Length == 0)
            {
                areaId = Str(area, "geographical_area_id");
            }
            if (!TryTerm(areaId, area, out var term, out error))
            {
                return false;
            }
            var text = new StringBuilder(term);
            if (measure.Prop("excluded_countries") is { ValueKind: JsonValueKind.Array } excluded)
            {
                foreach (var exclusion in excluded.EnumerateArray())
                {
                    var excludedId = Str(exclusion, "geographical_area_id");
                    if (excludedId.Length == 0)
                    {
                        excludedId = Str(exclusion, "id");
                    }
                    if (!TryTerm(excludedId, exclusion, out var excludedTerm, out error) || excludedTerm == "*")
                    {
                        error = $"excluded area '{excludedId}' cannot be resolved: {error}";
                        return false;
                    }
                    text.Append(" !").Append(excludedTerm);
                }
            }
            var originText = text.ToString();
            if (!_origins.TryGetValue(originText, out var cached))
            {
                cached = OriginSet.Parse(originText, Groups);
                _origins.Add(originText, cached);
            }
            origins = cached;
            error = "";
            return true;
        }

        /// <summary>The origin term of an area: <c>*</c>, a country, or a group defined in <see cref="Groups"/>.</summary>
        private bool TryTerm(string id, JsonElement area, out string term, out string error)
        {
            term = id;
            error = "";
            if (id == ErgaOmnes)
            {
                term = "*";
                return true;
            }
            var members = new List<string>();
            if (area.Prop("children_geographical_areas") is { ValueKind: JsonValueKind.Array } children)
            {
                foreach (var child in children.EnumerateArray())
                {
                    var childId = Str(child, "geographical_area_id");
                    members.Add(childId.Length == 0 ? Str(child, "id") : childId);
                }
            }
            if (members.Count == 0 && options.Groups is { } groups && groups.TryGet(id, out var defined))
            {
                members.AddRange(defined.Select(c => c.ToString()));
            }
            if (members.Count == 0 && options.Areas is { } areas)
            {
                members.AddRange(areas.MembersOf(id));
            }
            if (members.Count == 0)
            {
                if (id.Length == 2 && char.IsAsciiLetterUpper(id[0]) && char.IsAsciiLetterUpper(id[1]))
                {
                    return true;
                }
                var description = Str(area, "description");
                error = $"geographical area {id} ({(description.Length > 0 ? description : options.Areas?.DescriptionOf(id) ?? "unknown")}) is a group whose members are neither in the document nor in the areas or groups given";
                return false;
            }
            var countries = new List<CountryCode>();
            foreach (var member in members)
            {
                if (member.Length != 2 || !CountryCode.TryParse(member, out var country))
                {
                    error = $"geographical area {id} has member '{member}', which is not a two-letter country code";
                    return false;
                }
                countries.Add(country);
            }
            // The same id may come with different member lists (the documents list members as of each measure):
            // name each distinct list.
            var key = id + ":" + string.Join(" ", countries.Distinct().Order());
            if (!_groupNames.TryGetValue(key, out var name))
            {
                name = Groups.Contains(id)
                    ? string.Create(CultureInfo.InvariantCulture, $"{id}#{_groupNames.Count(k => k.Key.StartsWith(id + ":", StringComparison.Ordinal)) + 1}")
                    : id;
                Groups.Define(name, countries);
                _groupNames.Add(key, name);
            }
            term = name;
            return true;
        }

        private static string Note(JsonElement measure, string typeId, string typeDescription)
        {
            var note = new StringBuilder().Append(typeId).Append(' ').Append(typeDescription);
            if (measure.Prop("additional_code") is { ValueKind: JsonValueKind.Object } additional)
            {
                note.Append("; additional code ").Append(Str(additional, "code")).Append(' ').Append(Str(additional, "description"));
            }
            if (measure.Prop("order_number") is { ValueKind: JsonValueKind.Object } order)
            {
                note.Append("; quota order number ").Append(Str(order, "number"));
            }
            if (measure.Prop("measure_conditions") is { ValueKind: JsonValueKind.Array } conditions && conditions.GetArrayLength() > 0)
            {
                var documents = conditions.EnumerateArray()
                    .Select(c => (Code: Str(c, "document_code"), Requirement: Str(c, "requirement"), Condition: Str(c, "condition_code")))
                    .Where(c => c.Code.Length > 0 || c.Requirement.Length > 0)
                    .Select(c => $"{c.Condition} {c.Code} {LoaderCsv.StripTags(c.Requirement)}".Trim());
                note.Append("; conditions: ").AppendJoin(" | ", documents);
            }
            if (measure.Prop("legal_acts") is { ValueKind: JsonValueKind.Array } acts && acts.GetArrayLength() > 0)
            {
                note.Append("; legal acts ").AppendJoin(", ", acts.EnumerateArray().Select(a => Str(a, "regulation_code")));
            }
            if (measure.Prop("footnotes") is { ValueKind: JsonValueKind.Array } footnotes && footnotes.GetArrayLength() > 0)
            {
                note.Append("; footnotes ").AppendJoin(", ", footnotes.EnumerateArray().Select(f => Str(f, "code")));
            }
            var origin = Str(measure, "origin");
            if (origin.Length > 0)
            {
                note.Append("; from the ").Append(origin).Append(" tariff data");
            }
            return note.ToString();
        }
    }

    /// <summary>Loads the geographical areas list (a JSON array of areas, each with optional <c>children_geographical_areas</c>).</summary>
    /// <exception cref="InputFormatException">Malformed JSON or an area without an id.</exception>
    public static UkGeographicalAreas LoadGeographicalAreas(string path)
    {
        using var stream = File.OpenRead(path);
        return LoadGeographicalAreas(stream, path);
    }

    /// <summary>Loads the geographical areas list from a stream.</summary>
    /// <exception cref="InputFormatException">Malformed JSON or an area without an id.</exception>
    public static UkGeographicalAreas LoadGeographicalAreas(Stream stream, string sourceName)
    {
        var json = JsonSource.Read(stream, sourceName);
        var reader = json.CreateReader();
        json.Expect(ref reader, JsonTokenType.StartArray, "a list of geographical areas");
        var areas = new Dictionary<string, (string, string[])>(StringComparer.Ordinal);
        while (json.Read(ref reader) && reader.TokenType != JsonTokenType.EndArray)
        {
            var offset = reader.TokenStartIndex;
            using var document = json.ParseValue(ref reader);
            var area = document.RootElement;
            var id = Str(area, "id");
            if (id.Length == 0)
            {
                id = Str(area, "geographical_area_id");
            }
            if (id.Length == 0)
            {
                throw json.Error(offset, area.ToString(), "a geographical area without an id");
            }
            var members = area.Prop("children_geographical_areas") is { ValueKind: JsonValueKind.Array } children
                ? children.EnumerateArray().Select(c => Str(c, "id").Length > 0 ? Str(c, "id") : Str(c, "geographical_area_id")).ToArray()
                : [];
            if (!areas.TryAdd(id, (Str(area, "description"), members)))
            {
                throw json.Error(offset, id, "the geographical area is listed twice");
            }
        }
        return new UkGeographicalAreas(areas);
    }

    /// <summary>
    /// Loads the monthly customs exchange rates (<c>/api/v2/exchange_rates</c> style: a list of
    /// <c>{"attributes": {"child_monetary_unit_code": "GBP", "exchange_rate": "0.7298", "validity_start_date": ...}}</c>,
    /// units of the child currency per EUR) into <paramref name="table"/>: each rate from its start date to the day
    /// before the next one's, the last to the end of its month.
    /// </summary>
    /// <returns>The number of rates added.</returns>
    /// <exception cref="InputFormatException">Malformed JSON, a rate that is not a positive decimal, a bad date or a repeated month.</exception>
    public static int LoadMonthlyExchangeRates(string path, ExchangeRateTable table)
    {
        using var stream = File.OpenRead(path);
        return LoadMonthlyExchangeRates(stream, path, table);
    }

    /// <summary>Loads the monthly customs exchange rates from a stream (see <see cref="LoadMonthlyExchangeRates(string, ExchangeRateTable)"/>).</summary>
    /// <exception cref="InputFormatException">Malformed JSON, a rate that is not a positive decimal, a bad date or a repeated month.</exception>
    public static int LoadMonthlyExchangeRates(Stream stream, string sourceName, ExchangeRateTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var json = JsonSource.Read(stream, sourceName);
        var reader = json.CreateReader();
        json.Expect(ref reader, JsonTokenType.StartArray, "a list of exchange rates");
        var rates = new List<(DateOnly From, ExchangeRate Rate, long Offset)>();
        while (json.Read(ref reader) && reader.TokenType != JsonTokenType.EndArray)
        {
            var offset = reader.TokenStartIndex;
            using var document = json.ParseValue(ref reader);
            var item = document.RootElement.Prop("attributes") is { ValueKind: JsonValueKind.Object } attributes ? attributes : document.RootElement;
            var currencyText = Str(item, "child_monetary_unit_code");
            if (!Currency.TryFromCode(currencyText, out var currency))
            {
                throw json.Error(offset, currencyText, "child_monetary_unit_code is not an ISO 4217 currency");
            }
            var rateText = Str(item, "exchange_rate");
            if (!decimal.TryParse(rateText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                throw json.Error(offset, rateText, "exchange_rate is not a positive decimal");
            }
            var startText = Str(item, "validity_start_date");
            if (!TryDate(startText, DateOnly.MinValue, out var start) || startText.Length == 0)
            {
                throw json.Error(offset, startText, "validity_start_date is not an ISO date");
            }
            rates.Add((start, ExchangeRate.FromDecimal(Currency.EUR, currency, value), offset));
        }
        var ordered = rates.OrderBy(r => r.Rate.Quote.ToString(), StringComparer.Ordinal).ThenBy(r => r.From).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var (from, rate, offset) = ordered[i];
            var sameNext = i + 1 < ordered.Count && ordered[i + 1].Rate.Quote == rate.Quote;
            if (sameNext && ordered[i + 1].From == from)
            {
                throw json.Error(ordered[i + 1].Offset, LoaderCsv.Date(from), "two rates start on the same day");
            }
            var to = sameNext ? ordered[i + 1].From.AddDays(-1) : new DateOnly(from.Year, from.Month, DateTime.DaysInMonth(from.Year, from.Month));
            try
            {
                table.Add(rate, from, to);
            }
            catch (ArgumentException e)
            {
                throw json.Error(offset, LoaderCsv.Date(from), e.Message);
            }
        }
        return ordered.Count;
    }

    /// <summary>Loads the measurement unit table (an object keyed by code plus qualifier).</summary>
    /// <exception cref="InputFormatException">Malformed JSON or a multiplier that is not a decimal.</exception>
    public static IReadOnlyDictionary<string, UkMeasurementUnit> LoadMeasurementUnits(string path)
    {
        using var stream = File.OpenRead(path);
        return LoadMeasurementUnits(stream, path);
    }

    /// <summary>Loads the measurement unit table from a stream.</summary>
    /// <exception cref="InputFormatException">Malformed JSON or a multiplier that is not a decimal.</exception>
    public static IReadOnlyDictionary<string, UkMeasurementUnit> LoadMeasurementUnits(Stream stream, string sourceName)
    {
        var json = JsonSource.Read(stream, sourceName);
        var reader = json.CreateReader();
        json.Expect(ref reader, JsonTokenType.StartObject, "an object of measurement units");
        var units = new Dictionary<string, UkMeasurementUnit>(StringComparer.Ordinal);
        while (json.Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            json.Read(ref reader);
            var offset = reader.TokenStartIndex;
            using var document = json.ParseValue(ref reader);
            var unit = document.RootElement;
            decimal? multiplier = null;
            if (unit.Prop("multiplier") is { ValueKind: JsonValueKind.String or JsonValueKind.Number } m)
            {
                var text = m.ValueKind == JsonValueKind.String ? m.GetString()! : m.GetRawText();
                if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
                {
                    throw json.Error(offset, text, $"unit {key}: the multiplier is not a positive decimal");
                }
                multiplier = value;
            }
            var compound = unit.Prop("compound_units") is { ValueKind: JsonValueKind.Array } parts
                ? parts.EnumerateArray().Select(p => p.GetString() ?? "").ToArray()
                : [];
            units[key] = new UkMeasurementUnit(key, Str(unit, "measurement_unit_code"), Str(unit, "measurement_unit_qualifier_code"),
                Str(unit, "abbreviation"), Str(unit, "unit"), multiplier, compound);
        }
        return units;
    }

    /// <summary>A property, or default when absent (or when the element is not an object).</summary>
    private static JsonElement Prop(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    /// <summary>A string or number property as text; empty when absent or null.</summary>
    private static string Str(JsonElement element, string name)
    {
        var value = element.Prop(name);
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() ?? "",
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => "",
        };
    }

    /// <summary>The date part of an ISO date or date-time (<c>2021-01-01T00:00:00.000Z</c>); empty gives <paramref name="empty"/>.</summary>
    private static bool TryDate(string text, DateOnly empty, out DateOnly date)
    {
        if (text.Length == 0)
        {
            date = empty;
            return true;
        }
        return DateOnly.TryParseExact(text.Length > 10 && text[10] == 'T' ? text[..10] : text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
