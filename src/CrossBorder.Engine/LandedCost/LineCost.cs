using System.Runtime.CompilerServices;
using CrossBorder.Engine.Tariffs;

namespace CrossBorder.Engine.LandedCost;

/// <summary>
/// The landed cost of one line, in the destination currency: customs value, duty (every duty measure, additional
/// duties and excise included), import VAT/GST (or, under a point-of-sale scheme, the VAT due at sale), fees and
/// their total.
/// </summary>
public readonly record struct LineCost
{
    // Explicit fields, in the order of the properties: the calculator writes a result where it lives, field by field
    // (see Write and the Mutable* accessors). Building a 112-byte struct in a temporary and copying it out reads back
    // eight-byte stores as 32-byte loads, which the CPU cannot forward: a stall of a dozen cycles per copy.
    private readonly LineCostStatus _status;
    private readonly Money _customsValue;
    private readonly Money _duty;
    private readonly Money _vat;
    private readonly Money _fees;
    private readonly Money _total;
    private readonly LandedCostRegime _regime;
    private readonly LandedCostFlags _flags;
    private readonly TariffCode _matchedCode;

    /// <summary>Whether the line could be priced; when not, the amounts are zero and <see cref="LandedCostCalculator.Explain"/> says why.</summary>
    public LineCostStatus Status { get => _status; init => _status = value; }

    /// <summary>The customs value.</summary>
    public Money CustomsValue { get => _customsValue; init => _customsValue = value; }

    /// <summary>All duties.</summary>
    public Money Duty { get => _duty; init => _duty = value; }

    /// <summary>Import VAT/GST, or VAT due at sale under a point-of-sale scheme.</summary>
    public Money Vat { get => _vat; init => _vat = value; }

    /// <summary>Fees allocated to the line.</summary>
    public Money Fees { get => _fees; init => _fees = value; }

    /// <summary>Duty + VAT + fees.</summary>
    public Money Total { get => _total; init => _total = value; }

    /// <summary>The regimes and reliefs that applied.</summary>
    public LandedCostRegime Regime { get => _regime; init => _regime = value; }

    /// <summary>Requirements and warnings.</summary>
    public LandedCostFlags Flags { get => _flags; init => _flags = value; }

    /// <summary>The tariff code the duty came from (the line's code or its nearest listed ancestor).</summary>
    public TariffCode MatchedCode { get => _matchedCode; init => _matchedCode = value; }

    /// <summary>Writes a priced line (status <see cref="LineCostStatus.Ok"/>, no fees yet) into <paramref name="target"/> in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void WritePriced(ref LineCost target, Money customsValue, Money duty, Money vat, LandedCostRegime regime, LandedCostFlags flags, TariffCode matched)
    {
        Unsafe.AsRef(in target._status) = LineCostStatus.Ok;
        Unsafe.AsRef(in target._customsValue) = customsValue;
        Unsafe.AsRef(in target._duty) = duty;
        Unsafe.AsRef(in target._vat) = vat;
        Unsafe.AsRef(in target._fees) = Money.Trusted(0, customsValue.Currency);
        Unsafe.AsRef(in target._total) = duty + vat;
        Unsafe.AsRef(in target._regime) = regime;
        Unsafe.AsRef(in target._flags) = flags;
        Unsafe.AsRef(in target._matchedCode) = matched;
    }

    /// <summary>The line's duty, to update in place.</summary>
    internal static ref Money MutableDuty(ref LineCost target) => ref Unsafe.AsRef(in target._duty);

    /// <summary>The line's VAT/GST, to update in place.</summary>
    internal static ref Money MutableVat(ref LineCost target) => ref Unsafe.AsRef(in target._vat);

    /// <summary>The line's fees, to update in place.</summary>
    internal static ref Money MutableFees(ref LineCost target) => ref Unsafe.AsRef(in target._fees);

    /// <summary>The line's total, to update in place.</summary>
    internal static ref Money MutableTotal(ref LineCost target) => ref Unsafe.AsRef(in target._total);

    /// <summary>The line's regimes, to update in place.</summary>
    internal static ref LandedCostRegime MutableRegime(ref LineCost target) => ref Unsafe.AsRef(in target._regime);
}
