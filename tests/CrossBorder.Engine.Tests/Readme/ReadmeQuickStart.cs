using System.Text;
using CrossBorder.Engine.Fx;
using CrossBorder.Engine.Geography;
using CrossBorder.Engine.LandedCost;
using CrossBorder.Engine.Tariffs;

namespace CrossBorder.Engine.Tests.Readme;

/// <summary>
/// The README's "Quick start" example. The body of <see cref="Run"/> is the README's code block line for line (after
/// its <c>using</c> lines); <see cref="ReadmeQuickStartTests"/> fails when the two differ or when the output is not
/// the one the README states.
/// </summary>
internal static class ReadmeQuickStart
{
    public static void Run()
    {
        // A canonical tariff: UK duty on cotton T-shirts (heading 6109) 12%, UK import VAT 20%.
        var tariff = """
            destination,code,origin,measure,rate,valid_from,valid_to,note
            GB,6109,*,mfn,12%,,,
            GB,*,*,vat,20%,,,
            """;
        var schedules = new TariffSchedules();
        CanonicalTariffLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(tariff)), "tariff.csv", new OriginGroups(), schedules);
        var calculator = new LandedCostCalculator(schedules, DestinationRuleBook.CreateDefault(), new ExchangeRateTable());

        // T-shirts from China into the UK: 1,000.00 GBP of goods plus 50.00 GBP freight.
        ShipmentLine[] lines =
        [
            new()
            {
                ShipmentId = "S-1", Destination = "GB", Origin = CountryCode.Parse("CN"), Code = TariffCode.Parse("6109.10.00.10"),
                Value = new Money(100000, Currency.GBP), Freight = new Money(5000, Currency.GBP), Date = new DateOnly(2025, 5, 9),
            },
        ];
        var costs = new LineCost[lines.Length];
        calculator.Calculate(lines, costs);
        Console.WriteLine($"customs value {costs[0].CustomsValue}, duty {costs[0].Duty}, VAT {costs[0].Vat}, total {costs[0].Total}");
        // prints: customs value 1050.00 GBP, duty 126.00 GBP, VAT 235.20 GBP, total 361.20 GBP
    }
}
