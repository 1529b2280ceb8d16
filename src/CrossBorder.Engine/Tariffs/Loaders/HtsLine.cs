namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>
/// One numbered line of the HTS CSV as read: its code, texts, units and parsed rates. Lines without a rate of their
/// own (10-digit statistical lines) inherit their parent's through the schedule's longest-prefix lookup.
/// </summary>
public sealed class HtsLine
{
    internal HtsLine(TariffCode code, long lineNumber, int indent, string description, IReadOnlyList<string> units, string unitsText,
        string generalText, string specialText, string column2Text, string additionalDutiesText)
    {
        Code = code;
        LineNumber = lineNumber;
        Indent = indent;
        Description = description;
        Units = units;
        UnitsText = unitsText;
        GeneralText = generalText;
        SpecialText = specialText;
        Column2Text = column2Text;
        AdditionalDutiesText = additionalDutiesText;
    }

    /// <summary>The code (4, 6, 8 or 10 digits).</summary>
    public TariffCode Code { get; }

    /// <summary>The 1-based line of the file.</summary>
    public long LineNumber { get; }

    /// <summary>The indent level (0 for a heading).</summary>
    public int Indent { get; }

    /// <summary>The description, as written (it may hold HTML markup).</summary>
    public string Description { get; }

    /// <summary>
    /// The units of quantity (<c>No.</c>, <c>kg</c>, <c>doz.</c>, <c>m²</c>), with the HTML markup of the source
    /// removed; empty when the line has none. <see cref="UnitsText"/> keeps the markup (an underlined unit).
    /// </summary>
    public IReadOnlyList<string> Units { get; }

    /// <summary>The unit column as written (a JSON list).</summary>
    public string UnitsText { get; }

    /// <summary>The General (column 1) rate text, or empty.</summary>
    public string GeneralText { get; }

    /// <summary>The Special rate text, or empty.</summary>
    public string SpecialText { get; }

    /// <summary>The Column 2 rate text, or empty.</summary>
    public string Column2Text { get; }

    /// <summary>The Additional Duties text (Chapter 99 subchapter IV), or empty.</summary>
    public string AdditionalDutiesText { get; }

    /// <summary>The parsed General rate; null when empty or unparsable (then listed as skipped).</summary>
    public DutyExpression? General { get; internal set; }

    /// <summary>The parsed Special rate groups; null when empty or unparsable.</summary>
    public IReadOnlyList<UsSpecialRate>? Special { get; internal set; }

    /// <summary>The parsed Column 2 rate; null when empty or unparsable.</summary>
    public DutyExpression? Column2 { get; internal set; }

    /// <summary>The parsed Additional Duties rate; null when empty or unparsable.</summary>
    public DutyExpression? AdditionalDuties { get; internal set; }

    /// <summary>
    /// True for a Chapter 99 line (9903.88.01, 9904.02.01): a temporary modification or additional duty that applies
    /// only to the products linked to it (see <see cref="Section301Loader"/>), so the HTS loader lists it with its
    /// texts but attaches no measure to it.
    /// </summary>
    public bool IsChapter99 => Code.Length >= 2 && Code.DigitAt(0) == 9 && Code.DigitAt(1) == 9;

    /// <inheritdoc />
    public override string ToString() => $"{Code} {Description}";
}
