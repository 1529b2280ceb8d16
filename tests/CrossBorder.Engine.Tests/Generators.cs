using FsCheck;
using FsCheck.Fluent;

namespace CrossBorder.Engine.Tests;

/// <summary>FsCheck generators shared by the property tests.</summary>
internal static class Generators
{
    private static readonly long[] s_edges = [long.MinValue, long.MinValue + 1, long.MaxValue, long.MaxValue - 1, 0, 1, -1];

    /// <summary>Every currency that can carry an amount.</summary>
    public static Currency[] CurrenciesWithMinorUnits { get; } = Currency.All.Where(c => c.HasMinorUnits).ToArray();

    public static Gen<Currency> CurrencyWithMinorUnits => Gen.Elements(CurrenciesWithMinorUnits);

    public static Gen<RoundingMode> RoundingMode => Gen.Elements(Enum.GetValues<RoundingMode>());

    /// <summary>Round-to-nearest modes.</summary>
    public static Gen<RoundingMode> NearestMode => Gen.Elements(Engine.RoundingMode.HalfEven, Engine.RoundingMode.HalfUp, Engine.RoundingMode.HalfDown);

    /// <summary>64 uniformly random bits (FsCheck's own integer generators grow with the test size).</summary>
    public static Gen<ulong> Bits64 =>
        from a in Gen.Choose(0, 0xFFFF)
        from b in Gen.Choose(0, 0xFFFF)
        from c in Gen.Choose(0, 0xFFFF)
        from d in Gen.Choose(0, 0xFFFF)
        select ((ulong)(uint)a << 48) | ((ulong)(uint)b << 32) | ((ulong)(uint)c << 16) | (uint)d;

    /// <summary>Any long: uniform bits, values of every length from 0 to 18 digits, and the edges.</summary>
    public static Gen<long> AnyInt64 => Gen.Frequency<long>(
    [
        (3, Bits64.Select(bits => unchecked((long)bits))),
        (6, from digits in Gen.Choose(0, 18)
            from bits in Bits64
            from negative in Gen.Elements(false, true)
            let magnitude = (long)(bits % (ulong)Pow10(digits))
            select negative ? -magnitude : magnitude),
        (1, Gen.Elements(s_edges)),
    ]);

    /// <summary>A long in [<paramref name="min"/>, <paramref name="max"/>] (inclusive), of every length, near either end.</summary>
    public static Gen<long> Int64Between(long min, long max)
    {
        var span = (UInt128)((Int128)max - min + 1);
        return Gen.Frequency<long>(
        [
            (1, Bits64.Select(bits => (long)(min + (Int128)(bits % span)))),
            (1, from digits in Gen.Choose(0, 18)
                from bits in Bits64
                select (long)(min + (Int128)(bits % UInt128.Min(span, (UInt128)Pow10(digits))))),
            (1, from digits in Gen.Choose(0, 18)
                from bits in Bits64
                select (long)(max - (Int128)(bits % UInt128.Min(span, (UInt128)Pow10(digits))))),
            (1, Gen.Elements(min, max, Math.Clamp(0L, min, max))),
        ]);
    }

    public static Gen<Money> AnyMoney =>
        from currency in CurrencyWithMinorUnits
        from amount in AnyInt64
        select new Money(amount, currency);

    public static long Pow10(int exponent)
    {
        var value = 1L;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10;
        }
        return value;
    }
}
