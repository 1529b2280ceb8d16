namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>One period of a country's VAT rates, as read from the ibericode/vat-rates data.</summary>
public sealed class VatRatePeriod
{
    internal VatRatePeriod(string country, DateOnly validFrom, DateOnly validTo, decimal standardRate, DutyExpression standard,
        IReadOnlyDictionary<string, decimal> reducedRates, IReadOnlyList<VatTerritoryRate> territories, long line)
    {
        Country = country;
        ValidFrom = validFrom;
        ValidTo = validTo;
        StandardRate = standardRate;
        Standard = standard;
        ReducedRates = reducedRates;
        Territories = territories;
        Line = line;
    }

    /// <summary>The country (<c>DE</c>; Greece is <c>GR</c>).</summary>
    public string Country { get; }

    /// <summary>First day (<see cref="DateOnly.MinValue"/> for the data's <c>0000-01-01</c>: "since before the data").</summary>
    public DateOnly ValidFrom { get; }

    /// <summary>Last day (inclusive): the day before the next period starts, or open.</summary>
    public DateOnly ValidTo { get; }

    /// <summary>The standard rate in percent (25.5 for 25.5%), exactly as written.</summary>
    public decimal StandardRate { get; }

    /// <summary>The standard rate as a duty expression.</summary>
    public DutyExpression Standard { get; }

    /// <summary>
    /// The other rates by the data's name (<c>reduced</c>, <c>reduced1</c>, <c>reduced2</c>, <c>super_reduced</c>,
    /// <c>parking</c>), in percent. Not turned into measures: which goods they cover is a category table per
    /// country that the data does not give.
    /// </summary>
    public IReadOnlyDictionary<string, decimal> ReducedRates { get; }

    /// <summary>Territories with their own rate.</summary>
    public IReadOnlyList<VatTerritoryRate> Territories { get; }

    /// <summary>The 1-based line where the period starts in the file.</summary>
    public long Line { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Country} {LoaderCsv.Date(ValidFrom)}..{LoaderCsv.Date(ValidTo)} {Standard.Text}";
}
