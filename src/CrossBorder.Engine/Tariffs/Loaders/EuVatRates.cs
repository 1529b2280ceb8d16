namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>
/// The VAT rates read by <see cref="EuVatRatesLoader"/>: periods per country, the standard rate of each turned into
/// destination-wide <see cref="MeasureKind.Vat"/> measures on request.
/// </summary>
public sealed class EuVatRates
{
    private readonly Dictionary<string, VatRatePeriod[]> _periods;

    internal EuVatRates(string source, Dictionary<string, VatRatePeriod[]> periods, List<SkippedRow> skipped)
    {
        Source = source;
        _periods = periods;
        Skipped = skipped;
    }

    /// <summary>The file or stream name.</summary>
    public string Source { get; }

    /// <summary>The countries loaded, in order.</summary>
    public IReadOnlyList<string> Countries => [.. _periods.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Number of periods loaded, all countries together.</summary>
    public int PeriodCount => _periods.Values.Sum(p => p.Length);

    /// <summary>Countries and periods not loaded, with the reason.</summary>
    public IReadOnlyList<SkippedRow> Skipped { get; }

    /// <summary>The periods of a country, oldest first; empty when not loaded.</summary>
    public IReadOnlyList<VatRatePeriod> PeriodsOf(string country) => _periods.TryGetValue(country, out var periods) ? periods : [];

    /// <summary>
    /// Adds one destination-wide (<c>*</c>) <see cref="MeasureKind.Vat"/> measure per period of the builder's
    /// destination, for every origin, dated to the period.
    /// </summary>
    /// <returns>The number of measures added (0 when the destination is not loaded).</returns>
    public int AddTo(TariffScheduleBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!_periods.TryGetValue(builder.Destination, out var periods))
        {
            return 0;
        }
        foreach (var period in periods)
        {
            builder.AddMeasure(default, new Measure(MeasureKind.Vat, Geography.OriginSet.All, period.Standard, period.ValidFrom, period.ValidTo,
                "standard VAT rate (ibericode/vat-rates)", $"{Path.GetFileName(Source)}:{period.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
        }
        return periods.Length;
    }

    /// <summary>Adds each country's measures to the builder of that destination, creating missing builders.</summary>
    /// <returns>The number of measures added.</returns>
    public int AddTo(IDictionary<string, TariffScheduleBuilder> builders)
    {
        ArgumentNullException.ThrowIfNull(builders);
        var added = 0;
        foreach (var country in Countries)
        {
            if (!builders.TryGetValue(country, out var builder))
            {
                builder = TariffSchedule.CreateBuilder(country);
                builders.Add(country, builder);
            }
            added += AddTo(builder);
        }
        return added;
    }

    /// <summary>One VAT-only schedule per country.</summary>
    public TariffSchedules BuildSchedules()
    {
        var builders = new Dictionary<string, TariffScheduleBuilder>(StringComparer.Ordinal);
        AddTo(builders);
        var schedules = new TariffSchedules();
        foreach (var builder in builders.Values)
        {
            schedules.Set(builder.Build());
        }
        return schedules;
    }
}
