using System.Runtime.CompilerServices;

namespace CrossBorder.Engine.LandedCost;

/// <summary>How an authority rounds an amount: a mode and an increment in minor units (1 = to the cent).</summary>
/// <param name="Mode">The rounding mode.</param>
/// <param name="Increment">The increment in minor units: 1 for cents; 100 or 1,000 for Japan's truncation of yen.</param>
public readonly record struct AmountRounding(RoundingMode Mode, long Increment)
{
    /// <summary>Half-up to the minor unit: the default of most authorities.</summary>
    public static AmountRounding HalfUpToMinorUnit { get; } = new(RoundingMode.HalfUp, 1);

    /// <summary>Rounds <paramref name="amount"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Money Apply(Money amount) => Increment == 1 ? amount : RoundToIncrement(amount.MinorUnits, amount.Currency, Increment, Mode);

    // The amount's parts as scalars: calling an instance method on the caller's Money would take its address, and an
    // address-exposed Money lives in memory (every operation on it a store and a reload) in the hot pricing loop.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Money RoundToIncrement(long minorUnits, Currency currency, long increment, RoundingMode mode) =>
        new Money(minorUnits, currency).RoundToIncrement(increment, mode);
}
