namespace CrossBorder.Engine.Internal;

/// <summary>Powers of ten as longs.</summary>
internal static class Pow10
{
    /// <summary>10^<paramref name="exponent"/> for 0..18.</summary>
    public static long Of(int exponent) => CurrencyTable.Pow10[exponent];
}
