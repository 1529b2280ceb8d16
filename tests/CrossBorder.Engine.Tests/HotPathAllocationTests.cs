using System.Globalization;
using CrossBorder.Engine.Fx;
using CrossBorder.Engine.Text;

namespace CrossBorder.Engine.Tests;

/// <summary>
/// The hot paths allocate nothing: each operation is warmed up (static constructors, pools, the JIT's loop
/// compilation), then run 10,000 times between two readings of <see cref="GC.GetAllocatedBytesForCurrentThread"/>.
/// Each loop also checks its results, so that the measured work cannot be skipped.
/// </summary>
/// <remarks>
/// The runtime may, rarely, allocate once on the test thread for its own purposes (a type or a method being
/// prepared). So a measurement that is not zero is repeated, up to three times: an operation that allocates on
/// every call allocates at least 10,000 objects in each run and still fails, while a one-off allocation does not.
/// </remarks>
public class HotPathAllocationTests
{
    private const int Iterations = 10_000;
    private const int Attempts = 3;

    private static readonly ExchangeRate EurUsd = ExchangeRate.FromDecimal(Currency.EUR, Currency.USD, 1.0830m);

    /// <summary>Warms <paramref name="loop"/> up, then returns the fewest bytes one run of 10,000 iterations allocated.</summary>
    internal static long AllocatedBy(Func<int, long> loop, long expectedPerIteration)
    {
        Assert.Equal(expectedPerIteration * Iterations, loop(Iterations));
        var measured = new List<long>();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var result = loop(Iterations);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(expectedPerIteration * Iterations, result);
            if (allocated == 0)
            {
                return 0;
            }
            measured.Add(allocated);
        }
        Assert.Fail(string.Create(CultureInfo.InvariantCulture, $"{Iterations:N0} iterations allocated {string.Join(", then ", measured.Select(b => b.ToString("N0", CultureInfo.InvariantCulture)))} bytes"));
        return measured.Min();
    }

    [Fact]
    public void Utf8AmountParser_TryParse_allocates_nothing()
    {
        static long Loop(int n)
        {
            long sum = 0;
            for (var i = 0; i < n; i++)
            {
                Utf8AmountParser.TryParse("-1,234,567.89"u8, Currency.EUR, AmountFormat.PointDecimalGrouped, out var minor, out _);
                sum += minor;
            }
            return sum;
        }

        Assert.Equal(0, AllocatedBy(Loop, -123_456_789));
    }

    [Fact]
    public void Utf8AmountParser_errors_allocate_nothing()
    {
        static long Loop(int n)
        {
            long sum = 0;
            for (var i = 0; i < n; i++)
            {
                Utf8AmountParser.TryParseExact("12.345"u8, Currency.EUR, AmountFormat.Invariant, out _, out var error);
                sum += error.Offset;
            }
            return sum;
        }

        Assert.Equal(0, AllocatedBy(Loop, 5));
    }

    [Fact]
    public void Utf8DateParser_TryParseIsoDate_allocates_nothing()
    {
        static long Loop(int n)
        {
            long sum = 0;
            for (var i = 0; i < n; i++)
            {
                Utf8DateParser.TryParseIsoDate("2024-06-15"u8, out var date, out _, out _);
                sum += date.Day;
            }
            return sum;
        }

        Assert.Equal(0, AllocatedBy(Loop, 15));
    }

    [Fact]
    public void Utf8DateParser_TryParseDateTime_allocates_nothing()
    {
        static long Loop(int n)
        {
            long sum = 0;
            for (var i = 0; i < n; i++)
            {
                Utf8DateParser.TryParseDateTime("2025-10-09T22:07:18+05:30"u8, out var value, out _, out _);
                Utf8DateParser.TryParseDateTime("31.01.2024 08:15:00 UTC"u8, out var report, out _, out _);
                sum += (long)value.Offset.TotalMinutes + report.Minute;
            }
            return sum;
        }

        Assert.Equal(0, AllocatedBy(Loop, 330 + 15));
    }

    [Fact]
    public void Currency_TryFromCode_allocates_nothing()
    {
        static long Loop(int n)
        {
            long sum = 0;
            for (var i = 0; i < n; i++)
            {
                Currency.TryFromCode("eur"u8, out var fromBytes);
                Currency.TryFromCode("JPY".AsSpan(), out var fromChars);
                sum += fromBytes.NumericCode + fromChars.NumericCode;
            }
            return sum;
        }

        Assert.Equal(0, AllocatedBy(Loop, 978 + 392));
    }

    [Fact]
    public void Money_Multiply_allocates_nothing_on_the_64_bit_and_the_128_bit_paths()
    {
        static long Loop(int n)
        {
            var vat = Rate.Percent(19m);
            var quarter = Rate.FromRatio(3, 4);
            long sum = 0;
            for (var i = 0; i < n; i++)
            {
                // €199.99 × 19% = 37.9981 → 38.00; 4e18 × 3/4 needs a 128-bit product
                sum += new Money(19_999, Currency.EUR).Multiply(vat, RoundingMode.HalfUp).MinorUnits;
                sum += new Money(4_000_000_000_000_000_001, Currency.EUR).Multiply(quarter, RoundingMode.HalfEven).MinorUnits - 3_000_000_000_000_000_000;
            }
            return sum;
        }

        Assert.Equal(0, AllocatedBy(Loop, 3800 + 1));
    }

    [Fact]
    public void Money_Allocate_by_10_weights_into_a_stack_span_allocates_nothing()
    {
        long[] weights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

        long Loop(int n)
        {
            long sum = 0;
            Span<Money> parts = stackalloc Money[10];
            for (var i = 0; i < n; i++)
            {
                // 100,003 over weights summing to 55 leaves remainders, so the largest-remainder pass runs
                new Money(100_003, Currency.EUR).Allocate(weights, parts);
                sum += parts[9].MinorUnits;
            }
            return sum;
        }

        // 100003 × 10/55 = 18182.33…: the tenth part's remainder (0.33) is not among the 5 largest
        Assert.Equal(0, AllocatedBy(Loop, 18_182));
    }

    [Fact]
    public void Money_Allocate_by_100_weights_into_an_array_allocates_nothing()
    {
        var weights = Enumerable.Range(1, 100).Select(w => (long)w).ToArray();
        var parts = new Money[100];

        long Loop(int n)
        {
            long sum = 0;
            for (var i = 0; i < n; i++)
            {
                // more than 64 parts: the remainder buffer comes from the array pool
                new Money(1_000_003, Currency.EUR).Allocate(weights, parts);
                sum += parts[99].MinorUnits;
            }
            return sum;
        }

        // 1,000,003 × 100/5050 = 19802.04…: remainder 0.04 is too small to get one of the 50 units left over
        Assert.Equal(0, AllocatedBy(Loop, 19_802));
    }

    [Fact]
    public void Money_Allocate_equally_allocates_nothing()
    {
        long Loop(int n)
        {
            long sum = 0;
            Span<Money> parts = stackalloc Money[3];
            for (var i = 0; i < n; i++)
            {
                new Money(-100, Currency.EUR).Allocate(parts);
                sum += parts[0].MinorUnits;
            }
            return sum;
        }

        Assert.Equal(0, AllocatedBy(Loop, -34));
    }

    [Fact]
    public void Money_TryFormat_to_UTF8_and_UTF16_allocates_nothing()
    {
        static long Loop(int n)
        {
            long sum = 0;
            Span<byte> utf8 = stackalloc byte[32];
            Span<char> utf16 = stackalloc char[32];
            var money = new Money(-123_456, Currency.EUR);
            for (var i = 0; i < n; i++)
            {
                money.TryFormat(utf8, out var bytes, default, CultureInfo.InvariantCulture);
                money.TryFormat(utf16, out var chars, "N", CultureInfo.InvariantCulture);
                sum += bytes + chars;
            }
            return sum;
        }

        Assert.Equal(0, AllocatedBy(Loop, "-1234.56 EUR".Length + "-1234.56".Length));
    }

    [Fact]
    public void ExchangeRate_Convert_allocates_nothing()
    {
        static long Loop(int n)
        {
            long sum = 0;
            var usdEur = EurUsd.Inverse();
            for (var i = 0; i < n; i++)
            {
                sum += EurUsd.Convert(new Money(100_000, Currency.EUR), RoundingMode.HalfUp).MinorUnits;
                sum += usdEur.Convert(new Money(108_300, Currency.USD), RoundingMode.HalfUp).MinorUnits;
            }
            return sum;
        }

        Assert.Equal(0, AllocatedBy(Loop, 108_300 + 100_000));
    }
}
