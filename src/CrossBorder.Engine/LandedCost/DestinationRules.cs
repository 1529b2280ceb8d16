using CrossBorder.Engine.Fx;

namespace CrossBorder.Engine.LandedCost;

/// <summary>
/// How one destination's customs authority computes duty, import VAT/GST and fees: valuation basis, de minimis
/// thresholds, point-of-sale schemes, fees and rounding. Every rule carries its legal source; dated rules apply
/// only in their window, so a shipment before a rule's start date gets the old rule.
/// </summary>
public sealed record DestinationRules
{
    /// <summary>The destination country, e.g. <c>US</c>, <c>DE</c>, <c>GB</c>.</summary>
    public required string Destination { get; init; }

    /// <summary>The tariff schedule that applies (<c>EU</c> for every member state, else the destination).</summary>
    public required string TariffDestination { get; init; }

    /// <summary>The currency duties and taxes are assessed in.</summary>
    public required Currency Currency { get; init; }

    /// <summary>Which costs enter the customs value.</summary>
    public required ValuationBasis Valuation { get; init; }

    /// <summary>
    /// True when international transport and insurance enter the VAT/GST base although not the customs value
    /// (Australia's value of the taxable importation).
    /// </summary>
    public bool TransportInTaxBase { get; init; }

    /// <summary>De minimis thresholds, first match per relief kind wins.</summary>
    public IReadOnlyList<DeMinimisRule> DeMinimis { get; init; } = [];

    /// <summary>The point-of-sale scheme of this destination, if any, and its ceiling (goods value).</summary>
    public PointOfSaleScheme PointOfSale { get; init; }

    /// <summary>The scheme's value ceiling (inclusive unless <see cref="PointOfSalePerItemBelow"/>).</summary>
    public Money? PointOfSaleCeiling { get; init; }

    /// <summary>Norway's VOEC: the ceiling applies per item and strictly below.</summary>
    public bool PointOfSalePerItemBelow { get; init; }

    /// <summary>The legal source of the point-of-sale scheme.</summary>
    public string PointOfSaleSource { get; init; } = "";

    /// <summary>
    /// A flat customs duty per distinct tariff subheading in a low-value consignment under the point-of-sale scheme
    /// (the EU's €3 from 2026-07-01), with its window.
    /// </summary>
    public Money? FlatDutyPerSubheading { get; init; }

    /// <summary>First day of <see cref="FlatDutyPerSubheading"/>.</summary>
    public DateOnly FlatDutyFrom { get; init; } = DateOnly.MaxValue;

    /// <summary>Fees charged at import.</summary>
    public IReadOnlyList<FeeRule> Fees { get; init; } = [];

    /// <summary>A computed VAT/GST amount at or below this is not collected (Switzerland: CHF 5).</summary>
    public Money? TaxNotCollectedAtOrBelow { get; init; }

    /// <summary>How the duty base is rounded before rates apply (Japan: truncated to ¥1,000).</summary>
    public AmountRounding DutyBaseRounding { get; init; } = new(RoundingMode.HalfUp, 1);

    /// <summary>How each duty amount is rounded (Japan: truncated to ¥100).</summary>
    public AmountRounding DutyRounding { get; init; } = AmountRounding.HalfUpToMinorUnit;

    /// <summary>How the VAT/GST base is rounded (Japan: truncated to ¥1,000).</summary>
    public AmountRounding TaxBaseRounding { get; init; } = new(RoundingMode.HalfUp, 1);

    /// <summary>How the VAT/GST amount is rounded (Japan: truncated to ¥100).</summary>
    public AmountRounding TaxRounding { get; init; } = AmountRounding.HalfUpToMinorUnit;

    /// <summary>
    /// A local consumption tax charged as a share of the national tax amount (Japan: 22/78 of the 7.8% national
    /// consumption tax, Local Tax Act Art. 72-83), or null.
    /// </summary>
    public Rate? LocalTaxShareOfNational { get; init; }

    /// <summary>
    /// True when the declaration's duty and taxes are the sums of the lines' unrounded amounts, rounded once with
    /// <see cref="DutyRounding"/> and <see cref="TaxRounding"/> and allocated back to the lines, rather than each line's
    /// amounts rounded (Japan: Customs Answer 1111).
    /// </summary>
    public bool RoundPerDeclaration { get; init; }

    /// <summary>The customs exchange-rate regime's name (for explanations); see <see cref="CreateRateRegime"/>.</summary>
    public ExchangeRateRegimeKind RateRegime { get; init; } = ExchangeRateRegimeKind.RateOfTheDay;

    /// <summary>Legal sources of the valuation and rounding rules.</summary>
    public string Source { get; init; } = "";

    /// <summary>The rate regime over a table.</summary>
    public CustomsRateRegime CreateRateRegime(ExchangeRateTable rates) => RateRegime switch
    {
        ExchangeRateRegimeKind.EuMonthly => CustomsRateRegime.EuMonthly(rates),
        _ => CustomsRateRegime.RateOfTheDay(rates),
    };
}

/// <summary>The customs exchange-rate regimes the engine knows.</summary>
public enum ExchangeRateRegimeKind : byte
{
    /// <summary>The rate in force on the declaration date.</summary>
    RateOfTheDay = 0,

    /// <summary>The EU rule: the ECB rate of the penultimate Wednesday of the previous month.</summary>
    EuMonthly = 1,
}
