namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>
/// What <see cref="HtsCsvLoader"/> read from a USITC HTS CSV: every numbered line with its texts and units, what was
/// skipped and why, and the counts. The measures themselves went into the caller's <see cref="TariffScheduleBuilder"/>.
/// </summary>
public sealed class HtsTariff
{
    private readonly Dictionary<TariffCode, HtsLine> _byCode;
    private readonly TariffCode[] _sorted;

    internal HtsTariff(string source, List<HtsLine> lines, List<SkippedRow> skipped, List<SkippedProgram> skippedPrograms,
        int rowCount, int headingRowCount, int rateTextCount, int rateTextsParsed, int measureCount)
    {
        Source = source;
        Lines = lines;
        _byCode = lines.ToDictionary(l => l.Code);
        _sorted = [.. lines.Select(l => l.Code).Order()];
        Skipped = skipped;
        SkippedPrograms = skippedPrograms;
        RowCount = rowCount;
        HeadingRowCount = headingRowCount;
        RateTextCount = rateTextCount;
        RateTextsParsed = rateTextsParsed;
        MeasureCount = measureCount;
    }

    /// <summary>The file or stream name.</summary>
    public string Source { get; }

    /// <summary>Every numbered line, in file order; each code is listed in the schedule.</summary>
    public IReadOnlyList<HtsLine> Lines { get; }

    /// <summary>Number of codes listed (numbered lines loaded).</summary>
    public int CodeCount => Lines.Count;

    /// <summary>Number of data rows read (numbered, heading and unreadable rows).</summary>
    public int RowCount { get; }

    /// <summary>Rows without an HTS number: indented sub-headings (<c>Horses:</c>) that carry only a description.</summary>
    public int HeadingRowCount { get; }

    /// <summary>Non-empty rate texts read (General, Special, Column 2, Additional Duties).</summary>
    public int RateTextCount { get; }

    /// <summary>Rate texts that parsed; the others are in <see cref="Skipped"/>.</summary>
    public int RateTextsParsed { get; }

    /// <summary>Measures added to the builder.</summary>
    public int MeasureCount { get; }

    /// <summary>Rows and values not loaded, with the reason (unparsable rate texts, bad codes, bad units).</summary>
    public IReadOnlyList<SkippedRow> Skipped { get; }

    /// <summary>Special program indicators whose rate groups were not loaded, with the reason and count.</summary>
    public IReadOnlyList<SkippedProgram> SkippedPrograms { get; }

    /// <summary>The Chapter 99 lines (codes with their texts, no measures attached).</summary>
    public IEnumerable<HtsLine> Chapter99 => Lines.Where(l => l.IsChapter99);

    /// <summary>The line of a code.</summary>
    public bool TryGetLine(TariffCode code, out HtsLine line) => _byCode.TryGetValue(code, out line!);

    /// <summary>True when the code is a numbered line.</summary>
    public bool IsListed(TariffCode code) => _byCode.ContainsKey(code);

    /// <summary>The units of quantity of a code; empty when it has none or is not listed.</summary>
    public IReadOnlyList<string> UnitsOf(TariffCode code) => _byCode.TryGetValue(code, out var line) ? line.Units : [];

    /// <summary>True when some listed code is <paramref name="prefix"/> or starts with it (8-digit subheadings often exist only as 10-digit lines).</summary>
    public bool ContainsPrefix(TariffCode prefix)
    {
        var index = Array.BinarySearch(_sorted, prefix);
        if (index >= 0)
        {
            return true;
        }
        index = ~index;
        return index < _sorted.Length && prefix.IsPrefixOf(_sorted[index]);
    }
}
