using System.Globalization;
using CrossBorder.Engine.Fx;
using CrossBorder.Engine.LandedCost;
using static CrossBorder.Engine.Tests.LandedCost.LandedCostKit;
using static CrossBorder.Engine.Tests.LandedCost.LandedCostProperties;

namespace CrossBorder.Engine.Tests.LandedCost;

/// <summary>
/// <see cref="LandedCostCalculator.Calculate"/> allocates nothing per line once warm: a batch of a few thousand lines
/// to every destination (currency conversions, schemes, de minimis, fees, flat duty, a shipment of more than 128 lines
/// on the pooled path) is priced twice into a preallocated span, and the second call is measured.
/// </summary>
public class LandedCostAllocationTests
{
    private const int Attempts = 3;

    /// <summary>A deterministic batch: shipments of 1 to 7 lines cycling through destinations, modes and schemes.</summary>
    private static ShipmentLine[] Batch()
    {
        var lines = new List<ShipmentLine>();
        var random = new Random(20_240_601);
        var modes = new[] { TransportMode.Air, TransportMode.Sea, TransportMode.Courier, TransportMode.Post };
        for (var s = 0; s < 1_000; s++)
        {
            var (destination, currency, scheme, _) = Destinations[s % Destinations.Length];
            var date = new DateOnly(2024, 10, 1).AddDays(random.Next(0, 820));
            var origin = Origins[random.Next(Origins.Length)];
            var count = 1 + random.Next(7);
            var id = "S" + s.ToString(CultureInfo.InvariantCulture);
            for (var l = 0; l < count; l++)
            {
                // A third of the EU lines are invoiced in USD, converted at the EU monthly rate.
                var valueCurrency = destination is "DE" or "FR" && random.Next(3) == 0 ? Currency.USD : currency;
                var value = new Money(random.Next(2) == 0 ? random.Next(1, 30_000) : random.Next(1, 5_000_000), valueCurrency);
                lines.Add(Line(id, destination, origin, Codes[random.Next(Codes.Length)], value, date,
                    freight: random.Next(3) == 0 ? new Money(random.Next(0, 20_000), currency) : null,
                    insurance: random.Next(4) == 0 ? new Money(random.Next(0, 2_000), currency) : null,
                    transport: modes[random.Next(modes.Length)],
                    scheme: random.Next(2) == 0 ? scheme : PointOfSaleScheme.None,
                    line: l + 1));
            }
        }
        // One large shipment (the scratch space comes from the array pool above 128 lines).
        for (var l = 0; l < 200; l++)
        {
            lines.Add(Line("BIG", "GB", "CN", Codes[l % Codes.Length], new Money(1_000 + l, Currency.GBP), new DateOnly(2025, 3, 3), freight: new Money(50, Currency.GBP), line: l + 1));
        }
        return [.. lines];
    }

    private static ExchangeRateTable RatesWithUsd()
    {
        var rates = Rates();
        rates.Add(ExchangeRate.FromDecimal(Currency.EUR, Currency.USD, 1.0830m), new DateOnly(2024, 9, 1), new DateOnly(2027, 1, 31));
        return rates;
    }

    [Fact]
    public void Calculate_allocates_nothing_per_line_after_warm_up()
    {
        var calculator = new LandedCostCalculator(Schedules(Tariff), DestinationRuleBook.CreateDefault(), RatesWithUsd());
        var lines = Batch();
        Assert.True(lines.Length > 3_000, lines.Length.ToString(CultureInfo.InvariantCulture));
        var results = new LineCost[lines.Length];
        calculator.Calculate(lines, results); // warm-up: JIT, static state, thread-static scratch, pools
        Assert.All(results, r => Assert.Equal(LineCostStatus.Ok, r.Status));
        var expected = LandedCostCalculator.Total(results.AsSpan(lines.Length - 200));

        var measured = new List<long>();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            Array.Clear(results);
            var before = GC.GetAllocatedBytesForCurrentThread();
            calculator.Calculate(lines, results);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            // The work was done (and done the same way).
            Assert.Equal(expected, LandedCostCalculator.Total(results.AsSpan(lines.Length - 200)));
            if (allocated == 0)
            {
                return;
            }
            measured.Add(allocated);
        }
        Assert.Fail(string.Create(CultureInfo.InvariantCulture,
            $"pricing {lines.Length:N0} lines allocated {string.Join(", then ", measured.Select(b => b.ToString("N0", CultureInfo.InvariantCulture)))} bytes"));
    }

    [Theory]
    [InlineData("US")]
    [InlineData("DE")]
    [InlineData("SE")]
    [InlineData("GB")]
    [InlineData("CA")]
    [InlineData("AU")]
    [InlineData("JP")]
    [InlineData("CH")]
    [InlineData("NO")]
    public void One_shipment_per_destination_allocates_nothing(string destination)
    {
        // Pricing one shipment of each destination 1,000 times pins an allocation down to a destination's rules.
        var calculator = new LandedCostCalculator(Schedules(Tariff), DestinationRuleBook.CreateDefault(), RatesWithUsd());
        var (_, currency, scheme, _) = Destinations.Single(d => d.Destination == destination);
        ShipmentLine[] shipment =
        [
            Line("one", destination, "CN", Codes[0], new Money(12_345, currency), new DateOnly(2025, 3, 3), freight: new Money(500, currency), transport: TransportMode.Sea, scheme: scheme, line: 1),
            Line("one", destination, "CN", Codes[1], new Money(5_000_000, currency), new DateOnly(2025, 3, 3), transport: TransportMode.Sea, scheme: scheme, line: 2),
        ];
        var results = new LineCost[shipment.Length];
        calculator.Calculate(shipment, results);
        Assert.All(results, r => Assert.Equal(LineCostStatus.Ok, r.Status));
        var measured = new List<long>();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 1_000; i++)
            {
                calculator.Calculate(shipment, results);
            }
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated == 0)
            {
                return;
            }
            measured.Add(allocated);
        }
        Assert.Fail(string.Create(CultureInfo.InvariantCulture,
            $"1,000 shipments to {destination} allocated {string.Join(", then ", measured.Select(b => b.ToString("N0", CultureInfo.InvariantCulture)))} bytes"));
    }
}
