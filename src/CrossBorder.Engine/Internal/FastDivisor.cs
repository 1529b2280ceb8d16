using System.Numerics;
using System.Runtime.CompilerServices;

namespace CrossBorder.Engine.Internal;

/// <summary>
/// Division of 64-bit unsigned values by a fixed divisor with one high multiply and two shifts instead of a hardware
/// division (Granlund and Montgomery, "Division by invariant integers using multiplication", 1994, the round-up
/// method with a 65-bit multiplier). Exact for every dividend below 2^64; the divisor is at most 2^63.
/// </summary>
internal readonly struct FastDivisor
{
    private readonly ulong _magic;  // the multiplier minus 2^64
    private readonly byte _shift;   // ceil(log2 d); 0 means the divisor is 1

    public FastDivisor(ulong divisor)
    {
        if (divisor == 0 || divisor > 1UL << 63)
        {
            throw new ArgumentOutOfRangeException(nameof(divisor), divisor, "The divisor must be between 1 and 2^63.");
        }
        if (divisor == 1)
        {
            _magic = 0;
            _shift = 0;
            return;
        }
        var l = 64 - BitOperations.LeadingZeroCount(divisor - 1);
        // m = floor(2^(64+l) / d) + 1, which lies in [2^64, 2^65): keep m − 2^64.
        var m = (UInt128.One << (64 + l)) / divisor + 1;
        _magic = (ulong)(m - (UInt128.One << 64));
        _shift = (byte)l;
    }

    /// <summary>The high 64 bits of a 128-bit product (one instruction where the processor has it, nothing spilled).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong MultiplyHigh(ulong a, ulong b)
    {
        if (System.Runtime.Intrinsics.X86.Bmi2.X64.IsSupported)
        {
            return System.Runtime.Intrinsics.X86.Bmi2.X64.MultiplyNoFlags(a, b);
        }
        if (System.Runtime.Intrinsics.Arm.ArmBase.Arm64.IsSupported)
        {
            return System.Runtime.Intrinsics.Arm.ArmBase.Arm64.MultiplyHigh(a, b);
        }
        return Math.BigMul(a, b, out _);
    }

    /// <summary>floor(<paramref name="dividend"/> / d).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Divide(ulong dividend)
    {
        if (_shift == 0)
        {
            return dividend;
        }
        // floor(n × m / 2^(64+l)) = floor((n + t) / 2^l) with t = high64(n × (m − 2^64)); the halving avoids the
        // 65-bit sum (t ≤ n). Unchecked: every step is within 64 bits by construction.
        unchecked
        {
            var t = MultiplyHigh(_magic, dividend);
            return (t + ((dividend - t) >> 1)) >> (_shift - 1);
        }
    }
}
