using System.Runtime.CompilerServices;

namespace CrossBorder.Engine.Text;

/// <summary>Writes minor-unit amounts as invariant decimal text (<c>-1234.56</c>) in UTF-8, without allocating.</summary>
public static class Utf8AmountFormatter
{
    /// <summary>Writes <paramref name="minorUnits"/> with <paramref name="minorDigits"/> decimals.</summary>
    [SkipLocalsInit]
    public static bool TryFormat(long minorUnits, int minorDigits, Span<byte> destination, out int bytesWritten)
    {
        // Digits are produced backwards into a small stack buffer; the magnitude of long.MinValue fits in a ulong.
        unchecked
        {
            var negative = minorUnits < 0;
            var magnitude = negative ? 0UL - (ulong)minorUnits : (ulong)minorUnits;
            Span<byte> buffer = stackalloc byte[24];
            var pos = buffer.Length;
            var written = 0;
            do
            {
                if (written == minorDigits && minorDigits > 0)
                {
                    buffer[--pos] = (byte)'.';
                }
                var quotient = magnitude / 10;
                buffer[--pos] = (byte)('0' + (magnitude - quotient * 10));
                magnitude = quotient;
                written++;
            }
            while (magnitude != 0 || written <= minorDigits);
            if (negative)
            {
                buffer[--pos] = (byte)'-';
            }
            var length = buffer.Length - pos;
            if (length > destination.Length)
            {
                bytesWritten = 0;
                return false;
            }
            buffer[pos..].CopyTo(destination);
            bytesWritten = length;
            return true;
        }
    }
}
