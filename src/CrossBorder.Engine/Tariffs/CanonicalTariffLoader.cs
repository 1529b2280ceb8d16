using System.Globalization;
using System.Text;
using CrossBorder.Engine.Geography;
using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;

namespace CrossBorder.Engine.Tariffs;

/// <summary>
/// Loads the canonical tariff CSV: one row per measure,
/// <c>destination,code,origin,measure,rate,valid_from,valid_to,note</c>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>destination</c>: <c>US</c>, <c>GB</c>, <c>EU</c> (the union's tariff), a member state for its VAT (<c>DE</c>), ...</item>
/// <item><c>code</c>: a code prefix of any length (dots and spaces allowed), or <c>*</c> for a destination-wide measure.</item>
/// <item><c>origin</c>: <c>*</c>, a country, a group, or a list with exclusions such as <c>* !CA !MX</c>.</item>
/// <item><c>measure</c>: <c>mfn, preferential, suspension, quota, additional, safeguard, anti_dumping, countervailing,
/// excise, vat, prohibited, licence, certificate</c>.</item>
/// <item><c>rate</c>: a TARIC (<c>12.00 % + 147.00 GBP / 100 kg</c>) or HTS (<c>37.5¢/kg + 14.9%</c>, <c>Free</c>) rate
/// text; empty for prohibited, licence and certificate.</item>
/// <item><c>valid_from</c>, <c>valid_to</c>: <c>yyyy-MM-dd</c>, inclusive, empty for open.</item>
/// </list>
/// Columns are found by header name; a row whose first field starts with <c>#</c> is a comment.
/// </remarks>
public static class CanonicalTariffLoader
{
    private static readonly string[] Required = ["destination", "code", "origin", "measure", "rate"];

    /// <summary>Loads a file into <paramref name="schedules"/>, replacing the schedules of the destinations it names.</summary>
    public static void Load(string path, OriginGroups groups, TariffSchedules schedules)
    {
        using var stream = File.OpenRead(path);
        Load(stream, path, groups, schedules);
    }

    /// <summary>
    /// Loads several files; the destinations they name are built from all of them together (a later file adds to,
    /// not replaces, an earlier one's destination).
    /// </summary>
    public static void Load(IEnumerable<(Stream Stream, string Name)> sources, OriginGroups groups, TariffSchedules schedules)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var builders = new Dictionary<string, TariffScheduleBuilder>(StringComparer.OrdinalIgnoreCase);
        foreach (var (stream, name) in sources)
        {
            Read(stream, name, groups, builders);
        }
        foreach (var builder in builders.Values)
        {
            schedules.Set(builder.Build());
        }
    }

    /// <summary>Loads one CSV stream; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="InputFormatException">A bad row: names the file, line, column, value and reason.</exception>
    public static void Load(Stream stream, string sourceName, OriginGroups groups, TariffSchedules schedules) =>
        Load([(stream, sourceName)], groups, schedules);

    private static void Read(Stream stream, string sourceName, OriginGroups groups, Dictionary<string, TariffScheduleBuilder> builders)
    {
        ArgumentNullException.ThrowIfNull(groups);
        using var reader = new Utf8CsvReader(stream, leaveOpen: true);
        if (!reader.TryReadRow(out var header))
        {
            throw new InputFormatException(sourceName, 1, 1, "", "empty file: expected the header destination,code,origin,measure,rate,valid_from,valid_to,note");
        }
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.FieldCount; i++)
        {
            columns.TryAdd(Encoding.UTF8.GetString(header[i]).Trim(), i);
        }
        foreach (var name in Required)
        {
            if (!columns.ContainsKey(name))
            {
                throw new InputFormatException(sourceName, 1, 1, string.Join(",", columns.Keys), $"the required column '{name}' is missing");
            }
        }
        int Column(string name) => columns.TryGetValue(name, out var index) ? index : -1;
        var destinationColumn = Column("destination");
        var codeColumn = Column("code");
        var originColumn = Column("origin");
        var measureColumn = Column("measure");
        var rateColumn = Column("rate");
        var fromColumn = Column("valid_from");
        var toColumn = Column("valid_to");
        var noteColumn = Column("note");
        var originCache = new Dictionary<string, OriginSet>(StringComparer.Ordinal);

        while (reader.TryReadRow(out var row))
        {
            if (row.IsBlank || (row[0].Length > 0 && row[0][0] == (byte)'#'))
            {
                continue;
            }
            var line = row.LineNumber;
            var destination = Field(row, destinationColumn);
            if (destination.Length == 0)
            {
                throw new InputFormatException(sourceName, line, destinationColumn + 1, destination, "empty destination");
            }
            var codeText = Field(row, codeColumn);
            TariffCode code = default;
            if (codeText != "*" && !TariffCode.TryParse(codeText, out code, out var codeError))
            {
                throw new InputFormatException(sourceName, line, codeColumn + 1, codeText, $"not a tariff code prefix or * ({codeError.Reason})");
            }
            var measureText = Field(row, measureColumn);
            if (!MeasureKinds.TryParse(measureText, out var kind))
            {
                throw new InputFormatException(sourceName, line, measureColumn + 1, measureText,
                    "unknown measure (mfn, preferential, suspension, quota, additional, safeguard, anti_dumping, countervailing, excise, vat, prohibited, licence, certificate)");
            }
            var originText = Field(row, originColumn);
            if (!originCache.TryGetValue(originText, out var origins))
            {
                try
                {
                    origins = OriginSet.Parse(originText.Length == 0 ? "*" : originText, groups);
                }
                catch (FormatException e)
                {
                    throw new InputFormatException(sourceName, line, originColumn + 1, originText, e.Message, e);
                }
                originCache.Add(originText, origins);
            }
            var rateText = Field(row, rateColumn);
            DutyExpression? rate = null;
            if (rateText.Length > 0 || !kind.IsFlag())
            {
                rate = ParseRate(rateText, destination, codeText, sourceName, line, rateColumn + 1);
            }
            var from = ParseDate(Field(row, fromColumn), DateOnly.MinValue, sourceName, line, fromColumn + 1);
            var to = ParseDate(Field(row, toColumn), DateOnly.MaxValue, sourceName, line, toColumn + 1);
            if (to < from)
            {
                throw new InputFormatException(sourceName, line, toColumn + 1, Field(row, toColumn), "valid_to is before valid_from");
            }
            var note = Field(row, noteColumn);
            if (!builders.TryGetValue(destination, out var builder))
            {
                builder = TariffSchedule.CreateBuilder(destination.ToUpperInvariant());
                builders.Add(destination, builder);
            }
            builder.AddMeasure(code, new Measure(kind, origins, rate, from, to, note.Length == 0 ? null : note,
                string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(sourceName)}:{line}")));
        }
    }

    /// <summary>
    /// Parses a rate text in either syntax: TARIC first (<c>12.00 %</c>, <c>GBP / 100 kg</c>), then HTS
    /// (<c>Free</c>, <c>¢/kg</c>, <c>$3/head</c>). An unparsable text is an error naming destination, code and text.
    /// </summary>
    public static DutyExpression ParseRate(string text, string destination, string code, string sourceName, long line, int column)
    {
        if (DutyExpressionParser.TryParseTaric(text, out var taric, out var taricError))
        {
            return taric;
        }
        if (DutyExpressionParser.TryParseUs(text, out var us, out _))
        {
            return us;
        }
        throw new InputFormatException(sourceName, line, column, text, $"destination {destination}, code {code}: not a rate expression ({taricError})");
    }

    private static string Field(CsvRow row, int column) =>
        column >= 0 && column < row.FieldCount ? Encoding.UTF8.GetString(row[column]).Trim() : "";

    private static DateOnly ParseDate(string text, DateOnly empty, string sourceName, long line, int column)
    {
        if (text.Length == 0)
        {
            return empty;
        }
        var bytes = Encoding.UTF8.GetBytes(text);
        if (!Utf8DateParser.TryParseIsoDate(bytes, out var date, out var consumed, out _) || consumed != bytes.Length)
        {
            throw new InputFormatException(sourceName, line, column, text, "not a yyyy-MM-dd date");
        }
        return date;
    }
}
