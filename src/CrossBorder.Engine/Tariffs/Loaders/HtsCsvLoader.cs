using System.Globalization;
using System.Text;
using System.Text.Json;
using CrossBorder.Engine.Geography;
using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;

namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>
/// Loads the USITC HTS CSV export (<c>HTS Number,Indent,Description,Unit of Quantity,General Rate of Duty,Special
/// Rate of Duty,Column 2 Rate of Duty,Quota Quantity,Additional Duties</c>; UTF-8 with BOM) into a US
/// <see cref="TariffScheduleBuilder"/>.
/// </summary>
/// <remarks>
/// <para><b>Codes.</b> Every numbered line is listed, whatever its length (4, 6, 8 or 10 digits). A rate is
/// attached to the line that carries it (mostly 8-digit lines, sometimes 10-digit ones such as 0101.30.00.00); the
/// 10-digit statistical lines under it have no rate and inherit it through the schedule's longest-prefix lookup.
/// Rows without a number are indented sub-headings: counted, not loaded.</para>
/// <para><b>General</b> (column 1) → <see cref="MeasureKind.Mfn"/> for every origin except the Column 2 countries.
/// <b>Column 2</b> → <see cref="MeasureKind.Mfn"/> for Cuba and North Korea (General Note 3(b)) and, from
/// 2022-04-09, Russia and Belarus (Suspending Normal Trade Relations with Russia and Belarus Act, Pub.L. 117-110);
/// until 2022-04-08 Russia and Belarus had the General rate.</para>
/// <para><b>Special</b> → one <see cref="MeasureKind.Preferential"/> measure per rate group and validity window,
/// its origins the countries of the group's program indicators (<see cref="UsSpecialPrograms"/>). Indicators that
/// are not origins (C, K, L, B), whose beneficiaries depend on the subheading (A*, E*) or that expired before the
/// load window are left out and reported in <see cref="HtsTariff.SkippedPrograms"/>.</para>
/// <para><b>Chapter 99</b> lines are listed with their texts (parsed, and counted), but get no measure: their
/// duties apply only to the products linked to them (<see cref="Section301Loader"/>).</para>
/// <para>A rate text that does not parse is never read as zero: the row's other columns load and the text is listed
/// in <see cref="HtsTariff.Skipped"/> (or thrown in strict mode).</para>
/// </remarks>
public static class HtsCsvLoader
{
    /// <summary>The day normal trade relations with Russia and Belarus ended (Pub.L. 117-110, enacted 2022-04-08).</summary>
    public static readonly DateOnly RussiaBelarusColumn2From = new(2022, 4, 9);

    private const string NumberColumn = "HTS Number";
    private const string IndentColumn = "Indent";
    private const string DescriptionColumn = "Description";
    private const string UnitColumn = "Unit of Quantity";
    private const string GeneralColumn = "General Rate of Duty";
    private const string SpecialColumn = "Special Rate of Duty";
    private const string Column2Column = "Column 2 Rate of Duty";
    private const string QuotaColumn = "Quota Quantity";
    private const string AdditionalColumn = "Additional Duties";
    private const string NoAdditionalDuty = "No additional duty";

    /// <summary>Loads a file.</summary>
    /// <exception cref="InputFormatException">The header is wrong, or (strict mode) a row cannot be read.</exception>
    public static HtsTariff Load(string path, TariffScheduleBuilder builder, UsSpecialPrograms programs, HtsLoadOptions? options = null)
    {
        using var stream = File.OpenRead(path);
        return Load(stream, path, builder, programs, options);
    }

    /// <summary>Loads a stream; <paramref name="sourceName"/> names it in errors and measure sources.</summary>
    /// <exception cref="InputFormatException">The header is wrong, or (strict mode) a row cannot be read.</exception>
    public static HtsTariff Load(Stream stream, string sourceName, TariffScheduleBuilder builder, UsSpecialPrograms programs, HtsLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(programs);
        options ??= HtsLoadOptions.Default;
        if (options.ValidTo < options.ValidFrom)
        {
            throw new ArgumentException("The load window is empty.", nameof(options));
        }
        return new Run(sourceName, builder, programs, options).Read(stream);
    }

    private sealed class Run(string sourceName, TariffScheduleBuilder builder, UsSpecialPrograms programs, HtsLoadOptions options)
    {
        private static readonly OriginGroups NoGroups = new();
        private readonly string _fileName = Path.GetFileName(sourceName);
        private readonly SkippedRowList _skipped = new(options.Strict);
        private readonly Dictionary<string, SkippedProgram> _skippedPrograms = new(StringComparer.Ordinal);
        private readonly Dictionary<string, OriginSet> _origins = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
        private readonly Dictionary<string, IReadOnlyList<string>> _units = new(StringComparer.Ordinal);
        private readonly List<HtsLine> _lines = [];
        private readonly HashSet<TariffCode> _seen = [];
        private int _rows;
        private int _headings;
        private int _rateTexts;
        private int _parsed;
        private int _measures;

        public HtsTariff Read(Stream stream)
        {
            using var reader = new Utf8CsvReader(stream, leaveOpen: true);
            var csv = LoaderCsv.ReadHeader(reader, sourceName, NumberColumn, GeneralColumn, SpecialColumn, Column2Column);
            var number = csv.IndexOf(NumberColumn);
            var indent = csv.IndexOf(IndentColumn);
            var description = csv.IndexOf(DescriptionColumn);
            var unit = csv.IndexOf(UnitColumn);
            var general = csv.IndexOf(GeneralColumn);
            var special = csv.IndexOf(SpecialColumn);
            var column2 = csv.IndexOf(Column2Column);
            var quota = csv.IndexOf(QuotaColumn);
            var additional = csv.IndexOf(AdditionalColumn);

            while (reader.TryReadRow(out var row))
            {
                if (row.IsBlank)
                {
                    continue;
                }
                _rows++;
                var line = row.LineNumber;
                var numberText = LoaderCsv.Field(row, number);
                var generalText = Intern(LoaderCsv.Field(row, general));
                var specialText = Intern(LoaderCsv.Field(row, special));
                var column2Text = Intern(LoaderCsv.Field(row, column2));
                var additionalText = Intern(LoaderCsv.Field(row, additional));
                if (numberText.Length == 0)
                {
                    _headings++;
                    if (generalText.Length + specialText.Length + column2Text.Length + additionalText.Length > 0)
                    {
                        _skipped.Error(sourceName, line, general + 1, generalText + specialText + column2Text + additionalText,
                            "a rate on a row without an HTS number: there is no code to attach it to");
                    }
                    continue;
                }
                if (!TariffCode.TryParse(numberText, out var code, out var codeError) || code.Length < 4)
                {
                    _skipped.Error(sourceName, line, number + 1, numberText,
                        code.IsEmpty ? $"not an HTS number ({codeError.Reason})" : "an HTS number has at least 4 digits");
                    continue;
                }
                if (!_seen.Add(code))
                {
                    _skipped.Error(sourceName, line, number + 1, numberText, "the code is listed twice; the first line is kept");
                    continue;
                }
                var quotaText = LoaderCsv.Field(row, quota);
                if (quotaText.Length > 0)
                {
                    _skipped.Skip(sourceName, line, quota + 1, quotaText, "quota quantities are not modelled by the HTS loader");
                }
                var indentText = LoaderCsv.Field(row, indent);
                _ = int.TryParse(indentText, NumberStyles.None, CultureInfo.InvariantCulture, out var indentLevel);
                var unitsText = LoaderCsv.Field(row, unit);
                var units = Units(unitsText, line, unit + 1);
                var htsLine = new HtsLine(code, line, indentLevel, LoaderCsv.Field(row, description), units, Intern(unitsText),
                    generalText, specialText, column2Text, additionalText);
                builder.AddCode(code);
                _lines.Add(htsLine);

                var source = string.Create(CultureInfo.InvariantCulture, $"{_fileName}:{line}");
                htsLine.General = ParseUs(generalText, line, general + 1);
                htsLine.Column2 = ParseUs(column2Text, line, column2 + 1);
                // Subchapter IV of Chapter 99 writes "No additional duty" for the top price bracket: an explicit nil.
                htsLine.AdditionalDuties = additionalText.Equals(NoAdditionalDuty, StringComparison.OrdinalIgnoreCase)
                    ? Counted(DutyExpressionParser.ParseUs("Free"))
                    : ParseUs(additionalText, line, additional + 1);
                htsLine.Special = ParseSpecial(specialText, line, special + 1);
                if (htsLine.IsChapter99)
                {
                    continue;
                }
                if (htsLine.AdditionalDuties is not null)
                {
                    _skipped.Skip(sourceName, line, additional + 1, additionalText,
                        "an Additional Duties rate outside Chapter 99: the HTS says when it applies only in the line's notes, which are not in the data");
                }
                if (htsLine.General is { } mfn)
                {
                    Add(code, MeasureKind.Mfn, "* !CU !KP !RU !BY", mfn, options.ValidFrom, options.ValidTo, "HTS General (column 1)", source);
                    Add(code, MeasureKind.Mfn, "RU BY", mfn, options.ValidFrom, RussiaBelarusColumn2From.AddDays(-1),
                        "HTS General (column 1): Russia and Belarus until normal trade relations ended (Pub.L. 117-110)", source);
                }
                if (htsLine.Column2 is { } column2Rate)
                {
                    Add(code, MeasureKind.Mfn, "CU KP", column2Rate, options.ValidFrom, options.ValidTo, "HTS Column 2 (General Note 3(b))", source);
                    Add(code, MeasureKind.Mfn, "RU BY", column2Rate, RussiaBelarusColumn2From, options.ValidTo,
                        "HTS Column 2: Russia and Belarus from 2022-04-09 (Pub.L. 117-110)", source);
                }
                if (htsLine.Special is { } groups)
                {
                    foreach (var group in groups)
                    {
                        AddPreferential(code, group, line, special + 1, source);
                    }
                }
            }
            var skippedPrograms = _skippedPrograms.Values.OrderBy(p => p.Program, StringComparer.Ordinal).ToList();
            return new HtsTariff(sourceName, _lines, _skipped.Rows, skippedPrograms, _rows, _headings, _rateTexts, _parsed, _measures);
        }

        private void AddPreferential(TariffCode code, UsSpecialRate group, long line, int column, string source)
        {
            if (group.Programs.Count == 0)
            {
                SkipProgram("(none)", "a special rate without program indicators (it applies as its heading's notes say): no origin to attach it to", false, line, column);
                return;
            }
            // Programs of one group can have different windows (GSP ended 2020-12-31, JP began 2020-01-01): one
            // measure per distinct window, with the union of the countries in force in it.
            var buckets = new SortedDictionary<(DateOnly From, DateOnly To), (SortedSet<CountryCode> Countries, List<string> Programs)>();
            foreach (var program in group.Programs)
            {
                if (!programs.TryGet(program, out var rows))
                {
                    SkipProgram(program, "the indicator is not in the special program table", true, line, column);
                    continue;
                }
                string? reason = null;
                foreach (var entry in rows)
                {
                    if (!entry.IsOrigin)
                    {
                        reason = entry.Note ?? "not an origin";
                        continue;
                    }
                    var from = Max(entry.ValidFrom, options.ValidFrom);
                    var to = Min(entry.ValidTo, options.ValidTo);
                    if (to < from)
                    {
                        reason = string.Create(CultureInfo.InvariantCulture,
                            $"not in force in the load window {LoaderCsv.Date(options.ValidFrom)}..{LoaderCsv.Date(options.ValidTo)} ({entry.Note ?? entry.Source})");
                        continue;
                    }
                    if (!buckets.TryGetValue((from, to), out var bucket))
                    {
                        bucket = ([], []);
                        buckets.Add((from, to), bucket);
                    }
                    bucket.Countries.UnionWith(entry.Countries);
                    if (!bucket.Programs.Contains(program))
                    {
                        bucket.Programs.Add(program);
                    }
                }
                if (reason is not null && !buckets.Values.Any(b => b.Programs.Contains(program)))
                {
                    SkipProgram(program, reason, false, line, column);
                }
            }
            foreach (var ((from, to), bucket) in buckets)
            {
                var origins = string.Join(" ", bucket.Countries);
                Add(code, MeasureKind.Preferential, origins, group.Rate, from, to, Intern("HTS Special (" + string.Join(",", bucket.Programs) + ")"), source);
            }
        }

        private void Add(TariffCode code, MeasureKind kind, string originText, DutyExpression rate, DateOnly from, DateOnly to, string note, string source)
        {
            from = Max(from, options.ValidFrom);
            to = Min(to, options.ValidTo);
            if (to < from)
            {
                return;
            }
            if (!_origins.TryGetValue(originText, out var origins))
            {
                origins = OriginSet.Parse(originText, NoGroups);
                _origins.Add(originText, origins);
            }
            builder.AddMeasure(code, new Measure(kind, origins, rate, from, to, note, source));
            _measures++;
        }

        private DutyExpression Counted(DutyExpression expression)
        {
            _rateTexts++;
            _parsed++;
            return expression;
        }

        private DutyExpression? ParseUs(string text, long line, int column)
        {
            if (text.Length == 0)
            {
                return null;
            }
            _rateTexts++;
            if (DutyExpressionParser.TryParseUs(text, out var expression, out var error))
            {
                _parsed++;
                return expression;
            }
            _skipped.Error(sourceName, line, column, text, "rate text does not parse: " + error.Message);
            return null;
        }

        private IReadOnlyList<UsSpecialRate>? ParseSpecial(string text, long line, int column)
        {
            if (text.Length == 0)
            {
                return null;
            }
            _rateTexts++;
            if (DutyExpressionParser.TryParseUsSpecial(text, out var rates, out var error))
            {
                _parsed++;
                return rates;
            }
            _skipped.Error(sourceName, line, column, text, "special rate text does not parse: " + error.Message);
            return null;
        }

        /// <summary>Parses the unit column: a JSON list of strings (<c>["doz.","&lt;u&gt;kg&lt;/u&gt;"]</c>).</summary>
        private IReadOnlyList<string> Units(string text, long line, int column)
        {
            if (text.Length == 0)
            {
                return [];
            }
            if (_units.TryGetValue(text, out var cached))
            {
                return cached;
            }
            var units = new List<string>();
            try
            {
                var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text));
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new JsonException("expected a JSON list");
                }
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        throw new JsonException("expected a string");
                    }
                    var unit = LoaderCsv.StripTags(reader.GetString()!);
                    if (unit.Length > 0)
                    {
                        units.Add(Intern(unit));
                    }
                }
                if (reader.TokenType != JsonTokenType.EndArray || reader.Read())
                {
                    throw new JsonException("text after the list");
                }
            }
            catch (JsonException e)
            {
                _skipped.Error(sourceName, line, column, text, "the unit of quantity is not a JSON list of strings: " + e.Message);
                return [];
            }
            IReadOnlyList<string> result = [.. units];
            _units.Add(text, result);
            return result;
        }

        private void SkipProgram(string program, string reason, bool isError, long line, int column)
        {
            if (!_skippedPrograms.TryGetValue(program, out var entry))
            {
                if (isError && options.Strict)
                {
                    throw new InputFormatException(sourceName, line, column, program, reason);
                }
                entry = new SkippedProgram(program, reason, isError, line);
                _skippedPrograms.Add(program, entry);
            }
            entry.Occurrences++;
        }

        private string Intern(string text)
        {
            if (text.Length == 0)
            {
                return "";
            }
            if (_strings.TryGetValue(text, out var interned))
            {
                return interned;
            }
            _strings.Add(text, text);
            return text;
        }

        private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

        private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
    }
}
