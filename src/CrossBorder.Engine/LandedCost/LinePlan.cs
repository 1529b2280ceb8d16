using CrossBorder.Engine.Tariffs;

namespace CrossBorder.Engine.LandedCost;

/// <summary>
/// A resolved code reduced to plain rates, when every measure that prices a line is one ad-valorem term (or "Free")
/// in force all year: the line's duty is then its duty base times the MFN rate or, if lower, the lowest preferential
/// rate, and its VAT the tax base times the VAT rate — what evaluating the measures one by one computes, without
/// walking them. Built once per <see cref="ResolvedCodeCache"/> entry; <see cref="IsPlain"/> is false for anything
/// else (specific or compound rates, stacked duties, excise, seasonal rates), which takes the general path.
/// </summary>
/// <remarks>
/// The lowest rate gives the lowest amount because multiply-and-round is monotone in the rate for a base that is not
/// negative, in every <see cref="RoundingMode"/>; the calculator uses a plan only for such bases.
/// </remarks>
internal readonly record struct LinePlan
{
    /// <summary>True when the line can be priced from the rates below.</summary>
    public bool IsPlain { get; private init; }

    /// <summary>Whether an MFN (third-country) measure applies.</summary>
    public bool HasMfn { get; private init; }

    /// <summary>The first applicable MFN measure's rate.</summary>
    public readonly Rate MfnRate;

    /// <summary>Whether a preferential, suspension or quota measure applies.</summary>
    public bool HasPreference { get; private init; }

    /// <summary>The lowest rate among the applicable preferential, suspension and quota measures.</summary>
    public readonly Rate PreferenceRate;

    /// <summary>Whether the VAT/GST schedule has a VAT measure for the code.</summary>
    public bool HasVat { get; private init; }

    /// <summary>The VAT/GST rate.</summary>
    public readonly Rate VatRate;

    /// <summary>The flags the measures and the match set on every line (prohibited, licence, certificate, code fallback, not found).</summary>
    public LandedCostFlags Flags { get; private init; }

    /// <summary>The flag a non-duty measure sets on a line.</summary>
    // Fields, not properties: the calculator passes them by reference (a rate is 56 bytes).
    private LinePlan(Rate mfnRate, Rate preferenceRate, Rate vatRate)
    {
        MfnRate = mfnRate;
        PreferenceRate = preferenceRate;
        VatRate = vatRate;
    }

    public static LandedCostFlags FlagOf(MeasureKind kind) => kind switch
    {
        MeasureKind.Prohibited => LandedCostFlags.Prohibited,
        MeasureKind.Licence => LandedCostFlags.LicenceRequired,
        MeasureKind.Certificate => LandedCostFlags.CertificateRequired,
        _ => LandedCostFlags.None,
    };

    /// <summary>The plan of a resolved code, or a plan that is not plain.</summary>
    public static LinePlan Create(TariffMatch match, ReadOnlySpan<AppliedMeasure> measures, Measure? vat)
    {
        var flags = !match.Found ? LandedCostFlags.CodeNotFound : match.IsExact ? LandedCostFlags.None : LandedCostFlags.CodeFallback;
        var hasMfn = false;
        var mfnRate = Rate.Zero;
        var hasPreference = false;
        var preferenceRate = Rate.Zero;
        foreach (var applied in measures)
        {
            var measure = applied.Measure;
            switch (measure.Kind)
            {
                case MeasureKind.Prohibited or MeasureKind.Licence or MeasureKind.Certificate: flags |= FlagOf(measure.Kind); break;
                case MeasureKind.Mfn:
                case MeasureKind.Preferential:
                case MeasureKind.Suspension:
                case MeasureKind.Quota:
                    if (measure.Rate is null || !measure.Rate.TryGetPlainAdValorem(out var rate) || rate < Rate.Zero)
                    {
                        return default;
                    }
                    if (measure.Kind == MeasureKind.Mfn)
                    {
                        // The general path takes the first MFN measure that evaluates; a plain rate always does.
                        if (!hasMfn)
                        {
                            hasMfn = true;
                            mfnRate = rate;
                        }
                    }
                    else if (!hasPreference || rate < preferenceRate)
                    {
                        hasPreference = true;
                        preferenceRate = rate;
                    }
                    break;
                default:
                    if (measure.Kind.IsStacked())
                    {
                        return default;
                    }
                    break;
            }
        }
        var vatRate = Rate.Zero;
        if (vat is not null && (vat.Rate is null || !vat.Rate.TryGetPlainAdValorem(out vatRate)))
        {
            return default;
        }
        return new LinePlan(mfnRate, preferenceRate, vatRate)
        {
            IsPlain = true,
            HasMfn = hasMfn,
            HasPreference = hasPreference,
            HasVat = vat is not null,
            Flags = flags,
        };
    }
}
