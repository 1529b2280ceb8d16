using CrossBorder.Engine.Tariffs;

namespace CrossBorder.Engine.LandedCost;

/// <summary>
/// The landed cost of one line, in the destination currency: customs value, duty (every duty measure, additional
/// duties and excise included), import VAT/GST (or, under a point-of-sale scheme, the VAT due at sale), fees and
/// their total.
/// </summary>
public readonly record struct LineCost
{
    /// <summary>Whether the line could be priced; when not, the amounts are zero and <see cref="LandedCostCalculator.Explain"/> says why.</summary>
    public LineCostStatus Status { get; init; }

    /// <summary>The customs value.</summary>
    public Money CustomsValue { get; init; }

    /// <summary>All duties.</summary>
    public Money Duty { get; init; }

    /// <summary>Import VAT/GST, or VAT due at sale under a point-of-sale scheme.</summary>
    public Money Vat { get; init; }

    /// <summary>Fees allocated to the line.</summary>
    public Money Fees { get; init; }

    /// <summary>Duty + VAT + fees.</summary>
    public Money Total { get; init; }

    /// <summary>The regimes and reliefs that applied.</summary>
    public LandedCostRegime Regime { get; init; }

    /// <summary>Requirements and warnings.</summary>
    public LandedCostFlags Flags { get; init; }

    /// <summary>The tariff code the duty came from (the line's code or its nearest listed ancestor).</summary>
    public TariffCode MatchedCode { get; init; }
}
