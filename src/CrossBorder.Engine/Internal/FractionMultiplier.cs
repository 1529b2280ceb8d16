using System.Runtime.CompilerServices;

namespace CrossBorder.Engine.Internal;

/// <summary>
/// Multiplication of a 64-bit magnitude by a proper fraction |n|/d (|n| &lt; d) with one 64×64→128 multiply and
/// no division, giving the exact truncated quotient and an exact verdict on the discarded fraction (zero, below,
/// at or above one half), which is all a rounding mode needs.
/// </summary>
/// <remarks>
/// <para>
/// Let f = |n|/d and F = ⌈f·2^64⌉ = f·2^64 + e with 0 ≤ e &lt; 1. For a magnitude a with a·f = k + j/d
/// (0 ≤ j &lt; d), a·F = k·2^64 + (j·2^64/d + a·e). When a ≤ ⌊2^64/d⌋ the bracket lies in [j·2^64/d, (j+1)·2^64/d),
/// below 2^64, so the high word of a·F is exactly k and the low word L falls in the interval of j and no other.
/// Hence j ≥ m exactly when L ≥ ⌈m·2^64/d⌉: three precomputed thresholds (m = 1, ⌈d/2⌉, ⌊d/2⌋+1) tell whether
/// the remainder is non-zero, at least half, or above half. This is the idea of Lemire, Kaser and Kurz,
/// "Faster remainder by direct computation" (2019), applied to rounding.
/// </para>
/// <para>
/// Magnitudes above the limit, and fractions of magnitude one or more, are not handled here (the caller takes the
/// exact 128-bit route). <c>default</c> is the zero fraction, valid for every magnitude.
/// </para>
/// </remarks>
internal readonly struct FractionMultiplier
{
    private readonly ulong _multiplier;      // F = ⌈|n|·2^64/d⌉
    private readonly ulong _limitComplement; // ~(largest magnitude handled); default: every magnitude (the zero fraction)
    private readonly ulong _nonZeroBelow;    // L > this ⇔ j ≥ 1
    private readonly ulong _halfBelow;       // L > this ⇔ j ≥ ⌈d/2⌉ (the fraction is at least one half)
    private readonly ulong _aboveHalfBelow;  // L > this ⇔ j ≥ ⌊d/2⌋ + 1 (the fraction is above one half)

    /// <summary>Prepares |<paramref name="numerator"/>| / <paramref name="denominator"/>; the denominator is positive.</summary>
    public FractionMultiplier(long numerator, long denominator)
    {
        var magnitude = (ulong)(numerator < 0 ? -(Int128)numerator : numerator);
        var d = (ulong)denominator;
        if (magnitude == 0)
        {
            this = default;
            return;
        }
        if (magnitude >= d)
        {
            _limitComplement = ulong.MaxValue; // handles the magnitude 0 only
            return;
        }
        var two64 = UInt128.One << 64;
        _multiplier = (ulong)(((UInt128)magnitude * two64 + d - 1) / d);
        // a ≤ ⌊2^64/d⌋ keeps a·e below 2^64/d; below 2^63 also keeps the rounded magnitude ≤ long.MaxValue.
        var limit = (ulong)UInt128.Min(two64 / d, (UInt128)long.MaxValue);
        _limitComplement = ~limit;
        _nonZeroBelow = Threshold(1, d);
        _halfBelow = Threshold((d + 1) / 2, d);
        _aboveHalfBelow = Threshold(d / 2 + 1, d);
    }

    // ⌈m·2^64/d⌉ − 1 = ⌊(m·2^64 − 1)/d⌋; m = d can only happen for d ≤ 2 (above half of a half): never reached.
    private static ulong Threshold(ulong m, ulong d) =>
        m >= d ? ulong.MaxValue : (ulong)(((UInt128)m * (UInt128.One << 64) - 1) / d);

    /// <summary>Whether <paramref name="magnitude"/> is small enough for <see cref="Multiply"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Handles(ulong magnitude) => magnitude <= ~_limitComplement;

    /// <summary>
    /// ⌊magnitude·|n|/d⌋, and the low word that <see cref="IsNonZero"/>, <see cref="IsAtLeastHalf"/> and
    /// <see cref="IsAboveHalf"/> read. Only for a magnitude that <see cref="Handles"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Multiply(ulong magnitude, out ulong low)
    {
        // Two multiplies rather than Math.BigMul: its out parameter goes through memory in RyuJIT (.NET 10), and
        // the low product is an independent one-cycle-throughput imul.
        low = unchecked(magnitude * _multiplier);
        if (System.Runtime.Intrinsics.X86.Bmi2.X64.IsSupported)
        {
            return System.Runtime.Intrinsics.X86.Bmi2.X64.MultiplyNoFlags(magnitude, _multiplier);
        }
        if (System.Runtime.Intrinsics.Arm.ArmBase.Arm64.IsSupported)
        {
            return System.Runtime.Intrinsics.Arm.ArmBase.Arm64.MultiplyHigh(magnitude, _multiplier);
        }
        return Math.BigMul(magnitude, _multiplier, out _);
    }

    /// <summary>The discarded fraction is not zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsNonZero(ulong low) => low > _nonZeroBelow;

    /// <summary>The discarded fraction is at least one half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsAtLeastHalf(ulong low) => low > _halfBelow;

    /// <summary>
    /// Half-even rounds the magnitude up: the fraction is above one half, or exactly one half and the truncated
    /// quotient is odd (one compare against the threshold the quotient's parity selects).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool RoundsUpHalfEven(ulong low, ulong quotient) => low > ((quotient & 1) != 0 ? _halfBelow : _aboveHalfBelow);

    /// <summary>The discarded fraction is above one half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsAboveHalf(ulong low) => low > _aboveHalfBelow;
}
