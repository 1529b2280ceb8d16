using System.Runtime.CompilerServices;

namespace CrossBorder.Engine;

internal static class CurrencyTable
{
    // 26^3 slots, one per possible upper-case three-letter code: the index of the currency or 0.
    // A flat array makes lookup a few arithmetic operations and one load, with no hashing and no allocation.
    // The facts live in CurrencyTableData (a separate class, so that they are initialised before the indexes below).
    internal static readonly CurrencyInfo[] Entries = CurrencyTableData.Entries;

    private static readonly ushort[] s_byLetters = BuildLetterIndex();

    internal static readonly byte[] MinorUnits = BuildMinorUnits();

    internal static readonly long[] Pow10 =
    [
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
        1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L,
    ];

    private static ushort[] BuildLetterIndex()
    {
        var index = new ushort[26 * 26 * 26];
        for (var i = 1; i < Entries.Length; i++)
        {
            var code = Entries[i].Code;
            var slot = ((code[0] - 'A') * 26 + (code[1] - 'A')) * 26 + (code[2] - 'A');
            index[slot] = (ushort)i;
        }
        return index;
    }

    private static byte[] BuildMinorUnits()
    {
        var units = new byte[Entries.Length];
        for (var i = 0; i < Entries.Length; i++)
        {
            units[i] = Entries[i].MinorUnits;
        }
        units[0] = CurrencyInfo.NotApplicable;
        return units;
    }

    /// <summary>Index of a three-letter code given as three code units (any case), or 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ushort Find(uint c0, uint c1, uint c2)
    {
        // ASCII letters fold to upper case by clearing bit 0x20; anything that is not then 'A'..'Z' wraps to a large
        // unsigned value and is rejected (unchecked: the wrap is the point).
        unchecked
        {
            var a = (c0 & ~0x20u) - 'A';
            var b = (c1 & ~0x20u) - 'A';
            var c = (c2 & ~0x20u) - 'A';
            if (a > 25 || b > 25 || c > 25)
            {
                return 0;
            }
            return s_byLetters[(a * 26 + b) * 26 + c];
        }
    }

    internal static ushort FindNumeric(int numeric)
    {
        ushort withdrawn = 0;
        for (var i = 1; i < Entries.Length; i++)
        {
            if (Entries[i].Numeric == numeric)
            {
                if (Entries[i].WithdrawnFrom is null)
                {
                    return (ushort)i;
                }
                withdrawn = (ushort)i;
            }
        }
        return withdrawn;
    }
}
