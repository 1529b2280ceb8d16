using System.Globalization;
using System.Text;
using CrossBorder.Engine.Geography;
using CrossBorder.Engine.Tariffs;

namespace CrossBorder.Engine.LandedCost.Generation;

/// <summary>
/// A deterministic batch of shipment lines of any size, and its CSV in the <c>xborder landed-cost</c> input format:
/// shipments of 1 to 5 lines to the US, Germany, the UK, Canada, Australia and Japan, from Vietnam, India, Bangladesh,
/// Thailand and Indonesia, with declared 10-digit codes for apparel, footwear, bags, phones, laptops, headphones,
/// toys, cosmetics and books, values of 20.00 to 1,500.00 "USD-like" units in the destination's currency (so that a
/// share of shipments is below each de minimis), dated 2025-05-09, by air, without freight or insurance.
/// </summary>
/// <remarks>
/// The same size and seed give the same lines and byte-identical CSV on every machine. These are the lines of the
/// landed-cost benchmarks (seed <see cref="BenchmarkSeed"/>, 100,000 lines), and what <c>xborder generate</c> writes
/// as <c>shipments.csv</c>.
/// </remarks>
public static class ShipmentDatasetGenerator
{
    /// <summary>The seed the landed-cost benchmarks use.</summary>
    public const int BenchmarkSeed = 2025_05_09;

    /// <summary>The date of every generated line.</summary>
    public static readonly DateOnly Date = new(2025, 5, 9);

    // Destination, its currency and a scale from "USD-like" amounts.
    private static readonly (string Destination, Currency Currency, long Scale)[] s_destinations =
    [
        ("US", Currency.USD, 1), ("DE", Currency.EUR, 1), ("GB", Currency.GBP, 1),
        ("CA", Currency.CAD, 1), ("AU", Currency.AUD, 1), ("JP", Currency.JPY, 150),
    ];

    private static readonly string[] s_codes =
    [
        "6109100010", "6403999390", "6404110000", "6404119020", "4202221090", "8517130000", "8471300000",
        "8471300100", "8518302000", "9503007500", "9503009990", "3304990000", "3304995000", "4901990000",
    ];

    private static readonly string[] s_origins = ["VN", "IN", "BD", "TH", "ID"];

    /// <summary>Generates <paramref name="lines"/> lines (the last shipment may be cut short to fit).</summary>
    /// <param name="lines">Number of lines.</param>
    /// <param name="seed">Seed of the pseudo-random sequence.</param>
    public static ShipmentLine[] Generate(int lines, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lines);
        var random = new Random(seed);
        var result = new ShipmentLine[lines];
        var shipment = 0;
        for (var i = 0; i < lines;)
        {
            shipment++;
            var id = string.Create(CultureInfo.InvariantCulture, $"SHP-{shipment:D7}");
            var (destination, currency, scale) = s_destinations[random.Next(s_destinations.Length)];
            var origin = s_origins[random.Next(s_origins.Length)];
            var count = Math.Min(random.Next(1, 6), lines - i);
            for (var k = 0; k < count; k++, i++)
            {
                var code = s_codes[random.Next(s_codes.Length)];
                var cents = random.NextInt64(2_000, 150_000);
                var minor = currency.MinorUnits == 0 ? cents * scale / 100 : cents * scale;
                result[i] = new ShipmentLine
                {
                    ShipmentId = id,
                    Line = k + 1,
                    Destination = destination,
                    Origin = CountryCode.Parse(origin),
                    Code = TariffCode.Parse(code),
                    Value = new Money(minor, currency),
                    Date = Date,
                    Transport = TransportMode.Air,
                };
            }
        }
        return result;
    }

    /// <summary>
    /// The lines as a <see cref="ShipmentCsv"/> input (header <see cref="ShipmentCsv.Header"/>, UTF-8 without BOM, LF),
    /// with the columns the generated lines use: id, line, destination, origin, code, value, currency, date, transport.
    /// </summary>
    public static byte[] ToCsv(ReadOnlySpan<ShipmentLine> lines)
    {
        var text = new StringBuilder(ShipmentCsv.Header).Append('\n');
        foreach (var line in lines)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{line.ShipmentId},{line.Line},{line.Destination},{line.Origin},{line.Code},{line.Value.ToString("N", CultureInfo.InvariantCulture)},{line.Value.Currency.Code},,,,,,,,{line.Date:yyyy-MM-dd},air,\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
