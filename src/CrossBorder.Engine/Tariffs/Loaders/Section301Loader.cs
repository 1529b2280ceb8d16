using System.Globalization;
using CrossBorder.Engine.Geography;
using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;

namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>
/// Loads Section 301 product lists (<c>hts8,list,ch99_code</c>, one row per 8-digit subheading and list) as
/// <see cref="MeasureKind.Additional"/> measures for goods of China, dated by the actions of each Chapter 99
/// heading (<see cref="Section301Action"/>), into the US <see cref="TariffScheduleBuilder"/> the HTS was loaded into.
/// </summary>
/// <remarks>
/// <para>The HTS lists 9903.88.xx as codes with their texts; its duties become measures only here, where a product
/// is linked to them. Each measure is attached to the 8-digit code, so every 10-digit line under it inherits it.</para>
/// <para><b>A code in several lists.</b> USTR listed full and partial 8-digit subheadings, so one code can be in two
/// lists, each covering different products under it. Where all the lists covering a code are in force with the
/// same rate the measure is loaded once; in periods where they differ (list 1 at 25% while list 3 was at 10%, or
/// before one of them began) the rate depends on the product and is not guessed: the period is listed in
/// <see cref="Section301Result.Skipped"/>.</para>
/// </remarks>
public static class Section301Loader
{
    /// <summary>Headings whose rows are skipped by default: list 4B never took effect.</summary>
    public static IReadOnlyDictionary<string, string> DefaultNotInForce { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["9903.88.16"] = "list 4B (9903.88.16, 15%) was suspended before its 2019-12-15 start (USTR notice of 2019-12-18, 84 FR 69447) and never took effect",
    };

    /// <summary>Loads a file.</summary>
    /// <exception cref="InputFormatException">The header is wrong, or (strict mode) a row cannot be read.</exception>
    public static Section301Result Load(string path, TariffScheduleBuilder builder, Section301Options? options = null)
    {
        using var stream = File.OpenRead(path);
        return Load(stream, path, builder, options);
    }

    /// <summary>Loads a stream; <paramref name="sourceName"/> names it in errors and measure sources.</summary>
    /// <exception cref="InputFormatException">The header is wrong, or (strict mode) a row cannot be read.</exception>
    public static Section301Result Load(Stream stream, string sourceName, TariffScheduleBuilder builder, Section301Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(builder);
        options ??= Section301Options.Default;
        var origins = OriginSet.Parse(options.Origin, new OriginGroups());
        var actions = options.Actions.GroupBy(a => a.Chapter99Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(a => a.ValidFrom).ToArray(), StringComparer.Ordinal);
        var fileName = Path.GetFileName(sourceName);
        var skipped = new SkippedRowList(options.Strict);

        using var reader = new Utf8CsvReader(stream, leaveOpen: true);
        var csv = LoaderCsv.ReadHeader(reader, sourceName, "hts8", "list", "ch99_code");
        var codeColumn = csv.IndexOf("hts8");
        var listColumn = csv.IndexOf("list");
        var headingColumn = csv.IndexOf("ch99_code");
        var byCode = new Dictionary<TariffCode, List<Entry>>();
        var order = new List<TariffCode>();
        var rows = 0;
        while (reader.TryReadRow(out var row))
        {
            if (LoaderCsv.IsCommentOrBlank(row))
            {
                continue;
            }
            rows++;
            var line = row.LineNumber;
            var codeText = LoaderCsv.Field(row, codeColumn);
            var list = LoaderCsv.Field(row, listColumn);
            var heading = LoaderCsv.Field(row, headingColumn);
            if (!TariffCode.TryParse(codeText, out var code, out var codeError) || code.Length != 8)
            {
                skipped.Error(sourceName, line, codeColumn + 1, codeText,
                    code.IsEmpty ? $"not an 8-digit HTS subheading ({codeError.Reason})" : "not an 8-digit HTS subheading");
                continue;
            }
            if (options.NotInForce.TryGetValue(heading, out var notInForce))
            {
                skipped.Skip(sourceName, line, headingColumn + 1, $"{codeText} {heading}", notInForce);
                continue;
            }
            if (!actions.TryGetValue(heading, out var headingActions))
            {
                skipped.Error(sourceName, line, headingColumn + 1, $"{codeText} {heading}",
                    $"no rate and dates for Chapter 99 heading {heading} (list {list}) in the action table");
                continue;
            }
            if (options.IsKnownCode is { } known && !known(code))
            {
                skipped.Skip(sourceName, line, codeColumn + 1, codeText, "the subheading is not in the tariff loaded (renumbered or deleted since the list was published)");
                continue;
            }
            if (!byCode.TryGetValue(code, out var entries))
            {
                entries = [];
                byCode.Add(code, entries);
                order.Add(code);
            }
            if (entries.Exists(e => e.Heading == heading))
            {
                skipped.Skip(sourceName, line, headingColumn + 1, $"{codeText} {heading}", "the same subheading and heading are listed twice; the first row is kept");
                continue;
            }
            entries.Add(new Entry(line, list, heading, headingActions));
        }

        var measures = 0;
        var loadedRows = new HashSet<long>();
        var codes = 0;
        foreach (var code in order)
        {
            var entries = byCode[code];
            var added = AddCode(code, entries, origins, builder, fileName, sourceName, skipped, loadedRows);
            measures += added;
            codes += added > 0 ? 1 : 0;
        }
        return new Section301Result(sourceName, rows, loadedRows.Count, codes, measures, skipped.Rows);
    }

    private sealed record Entry(long Line, string List, string Heading, Section301Action[] Actions)
    {
        public Section301Action? At(int day)
        {
            foreach (var action in Actions)
            {
                if (action.ValidFrom.DayNumber <= day && day <= action.ValidTo.DayNumber)
                {
                    return action;
                }
            }
            return null;
        }
    }

    /// <summary>
    /// Splits time at every start and end of the code's actions; in each piece the rate is certain when every list
    /// covering the code is in force with the same rate, absent when none is, and product-dependent otherwise.
    /// </summary>
    private static int AddCode(TariffCode code, List<Entry> entries, OriginSet origins, TariffScheduleBuilder builder, string fileName,
        string sourceName, SkippedRowList skipped, HashSet<long> loadedRows)
    {
        var points = new SortedSet<int>();
        foreach (var entry in entries)
        {
            foreach (var action in entry.Actions)
            {
                points.Add(action.ValidFrom.DayNumber);
                if (action.ValidTo < DateOnly.MaxValue)
                {
                    points.Add(action.ValidTo.DayNumber + 1);
                }
            }
        }
        var starts = points.ToArray();
        var pieces = new List<(int From, int To, Section301Action[]? Rates, string? Ambiguity)>();
        for (var i = 0; i < starts.Length; i++)
        {
            var from = starts[i];
            var to = i + 1 < starts.Length ? starts[i + 1] - 1 : DateOnly.MaxValue.DayNumber;
            var inForce = entries.Select(e => e.At(from)).ToArray();
            if (inForce.All(a => a is null))
            {
                continue;
            }
            var rates = inForce.All(a => a is not null) && inForce.Select(a => a!.RateText).Distinct(StringComparer.Ordinal).Count() == 1
                ? inForce.Select(a => a!).ToArray()
                : null;
            var ambiguity = rates is null
                ? string.Join(", ", entries.Select((e, k) => $"list {e.List} ({e.Heading}) {inForce[k]?.RateText ?? "not yet or no longer in force"}"))
                : null;
            // Merge with the previous piece when it says the same.
            if (pieces.Count > 0 && pieces[^1].To == from - 1 && Same(pieces[^1].Rates, rates) && pieces[^1].Ambiguity == ambiguity)
            {
                pieces[^1] = (pieces[^1].From, to, pieces[^1].Rates, ambiguity);
            }
            else
            {
                pieces.Add((from, to, rates, ambiguity));
            }
        }

        var added = 0;
        var source = string.Create(CultureInfo.InvariantCulture, $"{fileName}:{entries[0].Line}");
        foreach (var (from, to, rates, ambiguity) in pieces)
        {
            var fromDate = DateOnly.FromDayNumber(from);
            var toDate = DateOnly.FromDayNumber(to);
            if (rates is null)
            {
                skipped.Skip(sourceName, entries[0].Line, 1, code.ToString(), string.Create(CultureInfo.InvariantCulture,
                    $"from {LoaderCsv.Date(fromDate)} to {LoaderCsv.Date(toDate)} the subheading is covered by {ambiguity}: the additional duty depends on which list's products the goods are, which an 8-digit list cannot say; not loaded for that period"));
                continue;
            }
            var lists = string.Join(", ", entries.Select(e => $"{e.List} ({e.Heading})"));
            var caveats = rates.Select(a => a.Note).Where(n => n is not null).Distinct(StringComparer.Ordinal).ToArray();
            var note = $"Section 301 list {lists}; {string.Join("; ", rates.Select(a => a.Source).Distinct(StringComparer.Ordinal))}"
                + (caveats.Length > 0 ? "; " + string.Join("; ", caveats) : "");
            builder.AddMeasure(code, new Measure(MeasureKind.Additional, origins, rates[0].Rate, fromDate, toDate, note, source));
            added++;
            foreach (var entry in entries)
            {
                loadedRows.Add(entry.Line);
            }
        }
        return added;
    }

    private static bool Same(Section301Action[]? a, Section301Action[]? b) =>
        a is null ? b is null : b is not null && a.Length == b.Length && a.Zip(b).All(p => ReferenceEquals(p.First, p.Second));
}
