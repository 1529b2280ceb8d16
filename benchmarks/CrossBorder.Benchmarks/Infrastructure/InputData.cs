using System.Globalization;
using System.Text;

namespace CrossBorder.Benchmarks.Infrastructure;

/// <summary>
/// Deterministic, realistic inputs shared by the benchmarks: every generator takes a seed, so two runs (and the
/// baseline and our variant within one run) see exactly the same data.
/// </summary>
public static class InputData
{
    /// <summary>Items processed per benchmark invocation; every benchmark reports time per item.</summary>
    public const int ItemCount = 1_000;

    /// <summary>
    /// Amounts in minor units (cents) with the spread of a card-settlement or marketplace export: a few sub-euro
    /// items, mostly tens to thousands of euros, some large B2B lines, and about 15% refunds (negative).
    /// </summary>
    public static long[] MinorUnitAmounts(int count, int seed)
    {
        var random = new Random(seed);
        var amounts = new long[count];
        for (var i = 0; i < count; i++)
        {
            var bucket = random.Next(100);
            var magnitude = bucket switch
            {
                < 10 => random.NextInt64(1, 100),                       // 0.01 .. 0.99
                < 45 => random.NextInt64(100, 10_000),                  // 1.00 .. 99.99
                < 85 => random.NextInt64(10_000, 1_000_000),            // 100.00 .. 9,999.99
                < 97 => random.NextInt64(1_000_000, 100_000_000),       // 10,000.00 .. 999,999.99
                _ => random.NextInt64(100_000_000, 10_000_000_000),     // 1M .. 99.9M
            };
            amounts[i] = random.Next(100) < 15 ? -magnitude : magnitude;
        }
        return amounts;
    }

    /// <summary>Invariant text with two decimals, as exports write it: <c>-12.34</c>, <c>1234.50</c>, <c>0.99</c>.</summary>
    public static string FormatCents(long minorUnits) =>
        (minorUnits / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// The exact value of an amount in major units, for checking results against decimal. (Not
    /// <c>Money.ToDecimal()</c>: it throws OverflowException for 2^31 minor units or more, see RESULTS-money.md.)
    /// </summary>
    public static decimal ToDecimal(CrossBorder.Engine.Money amount)
    {
        var value = (decimal)amount.MinorUnits;
        for (var i = 0; i < amount.Currency.MinorUnits; i++)
        {
            value /= 10m;
        }
        return value;
    }

    /// <summary>The currency codes of a European cross-border seller's settlement file, most frequent first.</summary>
    public static string[] CurrencyCodes(int count, int seed)
    {
        // Weighted: EUR dominates, then USD/GBP, then the European neighbours and a long tail.
        (string Code, int Weight)[] mix =
        [
            ("EUR", 40), ("USD", 15), ("GBP", 10), ("CHF", 6), ("SEK", 4), ("NOK", 3), ("DKK", 3), ("PLN", 4),
            ("CZK", 2), ("HUF", 2), ("JPY", 2), ("CAD", 2), ("AUD", 2), ("CNY", 1), ("TRY", 1), ("RON", 1),
            ("AED", 1), ("KWD", 1),
        ];
        var total = mix.Sum(m => m.Weight);
        var random = new Random(seed);
        var codes = new string[count];
        for (var i = 0; i < count; i++)
        {
            var pick = random.Next(total);
            var k = 0;
            while (pick >= mix[k].Weight)
            {
                pick -= mix[k].Weight;
                k++;
            }
            // A few files write codes in lower case; lookups are case-insensitive on both sides.
            codes[i] = random.Next(100) < 5 ? mix[k].Code.ToLowerInvariant() : mix[k].Code;
        }
        return codes;
    }

    /// <summary>Business dates between 2020 and 2026.</summary>
    public static DateOnly[] Dates(int count, int seed)
    {
        var random = new Random(seed);
        var first = new DateOnly(2020, 1, 1).DayNumber;
        var last = new DateOnly(2026, 12, 31).DayNumber;
        var dates = new DateOnly[count];
        for (var i = 0; i < count; i++)
        {
            dates[i] = DateOnly.FromDayNumber(random.Next(first, last + 1));
        }
        return dates;
    }

    /// <summary>Timestamps with the offsets a payment provider's export carries (mostly UTC).</summary>
    public static DateTimeOffset[] Timestamps(int count, int seed)
    {
        var random = new Random(seed);
        TimeSpan[] offsets = [TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(-5)];
        var dates = Dates(count, seed);
        var values = new DateTimeOffset[count];
        for (var i = 0; i < count; i++)
        {
            var time = new TimeOnly(random.Next(24), random.Next(60), random.Next(60));
            values[i] = new DateTimeOffset(dates[i], time, offsets[random.Next(offsets.Length)]);
        }
        return values;
    }
}

/// <summary>
/// A column of text fields stored back to back, in UTF-8 and in UTF-16, with each field's start and length: the
/// parsers see a slice of a larger buffer, as they do when reading a file.
/// </summary>
public sealed class TextColumn
{
    private TextColumn(string[] values, byte[] utf8, char[] chars, int[] utf8Starts, int[] charStarts, int[] utf8Lengths, int[] charLengths)
    {
        Values = values;
        Utf8 = utf8;
        Chars = chars;
        Utf8Starts = utf8Starts;
        CharStarts = charStarts;
        Utf8Lengths = utf8Lengths;
        CharLengths = charLengths;
    }

    public string[] Values { get; }

    public byte[] Utf8 { get; }

    public char[] Chars { get; }

    public int[] Utf8Starts { get; }

    public int[] CharStarts { get; }

    public int[] Utf8Lengths { get; }

    public int[] CharLengths { get; }

    public int Count => Values.Length;

    public static TextColumn From(string[] values)
    {
        var utf8 = new List<byte>();
        var chars = new StringBuilder();
        var utf8Starts = new int[values.Length];
        var charStarts = new int[values.Length];
        var utf8Lengths = new int[values.Length];
        var charLengths = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(values[i]);
            utf8Starts[i] = utf8.Count;
            utf8Lengths[i] = bytes.Length;
            utf8.AddRange(bytes);
            utf8.Add((byte)';');
            charStarts[i] = chars.Length;
            charLengths[i] = values[i].Length;
            chars.Append(values[i]).Append(';');
        }
        return new TextColumn(values, [.. utf8], chars.ToString().ToCharArray(), utf8Starts, charStarts, utf8Lengths, charLengths);
    }
}
