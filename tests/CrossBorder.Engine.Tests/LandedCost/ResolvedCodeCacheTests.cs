using System.Globalization;
using CrossBorder.Engine.LandedCost;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static CrossBorder.Engine.Tests.LandedCost.LandedCostKit;

namespace CrossBorder.Engine.Tests.LandedCost;

/// <summary>
/// The calculator memoises schedule look-ups per thread, keyed by destination, code, origin and date. Every answer must
/// be the one a plain look-up gives: measures that start or end on a date, origin-specific measures, codes that fall
/// back to an ancestor, and two calculators over different schedules used in turn on one thread. A cached entry also
/// carries the code's plain ad-valorem rates (<see cref="LinePlan"/>), so the property also compares pricing from those
/// rates with evaluating each measure (the uncached calculator has no plan).
/// </summary>
public sealed class ResolvedCodeCacheTests
{
    // Measures that change with the origin and the date, so that a key missing either gives wrong answers.
    private const string Tariff = """
        US,6109,*,mfn,16.5%,,,HTS 6109.10.00
        US,6109,CN,additional,7.5%,2020-02-14,2025-04-30,Section 301 list 4A (test: ends)
        US,6109,CN,additional,25%,2025-05-01,,Section 301 (test: raised)
        US,6403,*,mfn,10%,,,HTS 6403.99.90
        US,640399,VN,preferential,2%,2025-01-01,2025-12-31,test preference for one year
        US,6403,* !CN,suspension,9.9%,,,test: a second preference just below MFN (equal to it once rounded on small values)
        US,8471,VN,licence,,,,test: a flag on one origin
        US,8471,*,mfn,Free,,,HTS 8471.30.01
        EU,6109,*,mfn,12.00 %,,,CN 6109
        EU,6109,VN,preferential,0.00 %,2020-08-01,,EVFTA
        EU,6403,*,mfn,8.00 %,,,CN 6403
        EU,8471,*,mfn,0.00 %,,,CN 8471
        DE,*,*,vat,19%,,2025-06-30,UStG s. 12(1) (test: until June 2025)
        DE,*,*,vat,21%,2025-07-01,,test: a later rate
        DE,6109,*,vat,7%,2025-03-01,2025-03-31,test: one month at a reduced rate on chapter 61 headings
        FR,*,*,vat,20%,,,CGI art. 278
        GB,6109,*,mfn,12.00 %,,,UKGT
        GB,*,*,vat,20%,,,VATA 1994 s. 2
        CA,6109,*,mfn,18%,,,Customs Tariff
        CA,6109,US MX,preferential,Free,2020-07-01,,CUSMA
        CA,*,*,vat,5%,,,Excise Tax Act s. 165
        JP,6109,*,mfn,10.9%,,,Customs Tariff
        JP,*,*,vat,7.8%,,,Consumption Tax Act Art. 29
        """;

    private static readonly LandedCostCalculator Cached = Calculator(Tariff, LandedCostProperties.Rates());
    private static readonly LandedCostCalculator Plain =
        new(Schedules(Tariff), DestinationRuleBook.CreateDefault(), LandedCostProperties.Rates()) { UsesCodeCache = false };

    [Property(MaxTest = 40)]
    public Property A_batch_priced_with_the_cache_equals_plain_look_ups() =>
        Prop.ForAll(Gen.ArrayOf(LandedCostProperties.ShipmentGen(6), 400).ToArbitrary(), specs =>
        {
            var lines = specs.SelectMany((s, i) => s.ToLines("S" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
            var cached = new LineCost[lines.Length];
            var plain = new LineCost[lines.Length];
            Cached.Calculate(lines, cached);
            Plain.Calculate(lines, plain);
            var first = Enumerable.Range(0, lines.Length).FirstOrDefault(i => cached[i] != plain[i], -1);
            return (first < 0).Label(first < 0 ? "" : $"line {first} ({lines[first]}): cached {cached[first]}, plain {plain[first]}");
        });

    [Fact]
    public void The_same_code_and_origin_on_either_side_of_a_measures_start_get_each_dates_measures()
    {
        // Section 301 at 7.5% until 2025-04-30 and 25% from 2025-05-01; lines alternate between the two dates.
        var lines = Enumerable.Range(0, 8).Select(i => Line("S" + i.ToString(CultureInfo.InvariantCulture), "US", "CN", "6109100010", Usd(1_000m),
            i % 2 == 0 ? new DateOnly(2025, 4, 30) : new DateOnly(2025, 5, 1))).ToArray();
        var duties = Cached.Price(lines).Select(c => c.Duty).ToArray();
        // $1,000: MFN 16.5% = $165.00, plus $75.00 or $250.00.
        Assert.Equal(Enumerable.Range(0, 8).Select(i => Usd(i % 2 == 0 ? 240m : 415m)), duties);
    }

    [Fact]
    public void The_same_code_and_date_from_two_origins_get_each_origins_measures()
    {
        var date = new DateOnly(2025, 6, 2);
        var lines = Enumerable.Range(0, 6).Select(i => Line("S" + i.ToString(CultureInfo.InvariantCulture), "DE", i % 2 == 0 ? "VN" : "CN", "6109100010",
            Eur(1_000m), date, transport: TransportMode.Air)).ToArray();
        var duties = Cached.Price(lines).Select(c => c.Duty).ToArray();
        // EVFTA 0% from VN; 12% MFN from CN.
        Assert.Equal(Enumerable.Range(0, 6).Select(i => Eur(i % 2 == 0 ? 0m : 120m)), duties);
    }

    [Fact]
    public void Two_calculators_over_different_schedules_used_in_turn_each_give_their_own_rates()
    {
        var other = Calculator(Tariff.Replace("US,6109,*,mfn,16.5%", "US,6109,*,mfn,20%", StringComparison.Ordinal), LandedCostProperties.Rates());
        var line = Line("S", "US", "MX", "6109100010", Usd(1_000m), new DateOnly(2025, 9, 2));
        for (var round = 0; round < 3; round++)
        {
            Assert.Equal(Usd(165m), Cached.Price(line)[0].Duty);
            Assert.Equal(Usd(200m), other.Price(line)[0].Duty);
        }
    }

    [Fact]
    public void Repeated_codes_are_answered_from_the_cache()
    {
        // Guards the point of the cache: a batch repeating one code is looked up once per thread, not per line.
        var cache = new ResolvedCodeCache();
        var schedules = Schedules(Tariff);
        Assert.True(schedules.TryGet("US", out var us));
        var code = Engine.Tariffs.TariffCode.Parse("6109100010");
        var origin = Engine.Geography.CountryCode.Parse("CN");
        var date = new DateOnly(2025, 6, 2);
        for (var i = 0; i < 100; i++)
        {
            var resolved = cache.Resolve(us, 0, us, us, code, origin, date);
            Assert.Equal(2, resolved.Measures.Length);
        }
        Assert.Equal(99, cache.Hits);
    }

    [Fact]
    public void Destinations_are_found_by_name_whatever_the_case_and_string_instance_within_one_batch()
    {
        // The calculator remembers destinations by the name's string instance within a batch: names that collide
        // in that small table ("DE", "ED" and "GB"; "JP" and "QQ"), other cases and fresh instances must each find their own
        // destination, and an unknown name must fail only its own shipment.
        var date = new DateOnly(2025, 6, 2);
        string[] names = ["DE", new string("de".AsSpan()), "GB", "ED", "JP", "gb", new string("DE".AsSpan()), "QQ", "US", "CA", "DE"];
        var lines = names.Select((d, i) => Line("S" + i.ToString(CultureInfo.InvariantCulture), d, "CN", "6109100010",
            d.ToUpperInvariant() switch
            {
                "DE" => Eur(1_000m),
                "GB" => Gbp(1_000m),
                "JP" => new Money(200_000, Currency.JPY),
                "US" => Usd(1_000m),
                "CA" => new Money(100_000, Currency.CAD),
                _ => Eur(1_000m),
            }, date, transport: TransportMode.Air)).ToArray();
        var batch = Cached.Price(lines);
        for (var i = 0; i < lines.Length; i++)
        {
            var alone = Cached.Price(lines[i] with { Destination = lines[i].Destination.ToUpperInvariant() })[0];
            Assert.Equal(alone, batch[i]);
            Assert.Equal(names[i] is "ED" or "QQ" ? LineCostStatus.UnknownDestination : LineCostStatus.Ok, batch[i].Status);
        }
        Assert.Equal(Eur(120m), batch[0].Duty);
        Assert.Equal(Eur(120m), batch[1].Duty);
        Assert.Equal(Gbp(120m), batch[5].Duty);
    }
}
