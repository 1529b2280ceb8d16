namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>
/// One rate of a Section 301 Chapter 99 heading and the days it was in force: list 3 (9903.88.03) is two actions,
/// 10% from 2018-09-24 and 25% from 2019-05-10.
/// </summary>
public sealed class Section301Action
{
    /// <summary>Creates the action; the rate is an HTS rate text (<c>25%</c>).</summary>
    /// <exception cref="DutyExpressionFormatException">The rate text does not parse.</exception>
    public Section301Action(string chapter99Code, string rateText, DateOnly validFrom, DateOnly validTo, string source, string? note = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chapter99Code);
        ArgumentException.ThrowIfNullOrWhiteSpace(rateText);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (validTo < validFrom)
        {
            throw new ArgumentException($"The window of {chapter99Code} {rateText} is empty.", nameof(validTo));
        }
        Chapter99Code = chapter99Code;
        RateText = rateText;
        Rate = DutyExpressionParser.ParseUs(rateText);
        ValidFrom = validFrom;
        ValidTo = validTo;
        Source = source;
        Note = note;
    }

    /// <summary>The Chapter 99 heading as the product lists write it (<c>9903.88.03</c>).</summary>
    public string Chapter99Code { get; }

    /// <summary>The additional rate as written (<c>25%</c>).</summary>
    public string RateText { get; }

    /// <summary>The parsed rate.</summary>
    public DutyExpression Rate { get; }

    /// <summary>First day (goods entered on or after).</summary>
    public DateOnly ValidFrom { get; }

    /// <summary>Last day (inclusive).</summary>
    public DateOnly ValidTo { get; }

    /// <summary>The Federal Register notices.</summary>
    public string Source { get; }

    /// <summary>A caveat carried into the measure's note, or null.</summary>
    public string? Note { get; }

    /// <summary>
    /// The actions of the four lists of the 2018–2019 China action (USTR, Section 301 investigation of China's
    /// acts, policies and practices related to technology transfer, intellectual property and innovation).
    /// </summary>
    /// <remarks>
    /// List 1 (9903.88.01): 25% from 2018-07-06 (83 FR 28710). List 2 (9903.88.02): 25% from 2018-08-23 (83 FR 40823).
    /// List 3 (9903.88.03) and the products of U.S. note 20(g) (9903.88.04): 10% from 2018-09-24 (83 FR 47974), 25%
    /// from 2019-05-10 (84 FR 20459). List 4A (9903.88.15): 15% from 2019-09-01 (84 FR 43304), 7.5% from 2020-02-14
    /// (85 FR 3741). List 4B (9903.88.16) never took effect: see <see cref="Section301Loader.DefaultNotInForce"/>.
    /// Product exclusions (9903.88.05 and following) are not modelled. The 2024 four-year-review increases
    /// (9903.91.xx) are not in this table: add their actions to load them.
    /// </remarks>
    public static IReadOnlyList<Section301Action> Defaults { get; } =
    [
        new("9903.88.01", "25%", new DateOnly(2018, 7, 6), DateOnly.MaxValue, "USTR Section 301 list 1: 83 FR 28710 (2018-06-20)"),
        new("9903.88.02", "25%", new DateOnly(2018, 8, 23), DateOnly.MaxValue, "USTR Section 301 list 2: 83 FR 40823 (2018-08-16)"),
        new("9903.88.03", "10%", new DateOnly(2018, 9, 24), new DateOnly(2019, 5, 9), "USTR Section 301 list 3: 83 FR 47974 (2018-09-21)"),
        new("9903.88.03", "25%", new DateOnly(2019, 5, 10), DateOnly.MaxValue, "USTR Section 301 list 3 increase: 84 FR 20459 (2019-05-09)"),
        new("9903.88.04", "10%", new DateOnly(2018, 9, 24), new DateOnly(2019, 5, 9), "USTR Section 301 list 3, U.S. note 20(g): 83 FR 47974 (2018-09-21)",
            "only the products U.S. note 20(g) describes within the subheading"),
        new("9903.88.04", "25%", new DateOnly(2019, 5, 10), DateOnly.MaxValue, "USTR Section 301 list 3 increase: 84 FR 20459 (2019-05-09)",
            "only the products U.S. note 20(g) describes within the subheading"),
        new("9903.88.15", "15%", new DateOnly(2019, 9, 1), new DateOnly(2020, 2, 13), "USTR Section 301 list 4A: 84 FR 43304 (2019-08-20)"),
        new("9903.88.15", "7.5%", new DateOnly(2020, 2, 14), DateOnly.MaxValue, "USTR Section 301 list 4A reduction: 85 FR 3741 (2020-01-22)"),
    ];

    /// <inheritdoc />
    public override string ToString() => $"{Chapter99Code} {RateText} {LoaderCsv.Date(ValidFrom)}..{LoaderCsv.Date(ValidTo)}";
}
