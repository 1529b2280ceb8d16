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
    public Money Apply(Money amount) => Increment == 1 ? amount : amount.RoundToIncrement(Increment, Mode);
}
