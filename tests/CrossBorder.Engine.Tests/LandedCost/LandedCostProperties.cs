using System.Globalization;
using CrossBorder.Engine.Fx;
using CrossBorder.Engine.LandedCost;
using CrossBorder.Engine.Tariffs;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static CrossBorder.Engine.Tests.LandedCost.LandedCostKit;

namespace CrossBorder.Engine.Tests.LandedCost;

/// <summary>
/// Properties of the calculator over random shipments to every destination with rules: duty is monotone in value;
/// lines add up to the shipment, and freight, insurance and fees are allocated without creating or losing a cent;
/// the parallel batch equals the sequential one; compound and stacked duties equal the sum of their parts.
/// </summary>
public class LandedCostProperties
{
    internal const string Tariff = """
        US,6109,*,mfn,16.5%,,,HTS 6109.10.00
        US,6109,CN,additional,7.5%,2020-02-14,,Section 301 list 4A
        US,6403,*,mfn,10%,,,HTS 6403.99.90
        US,8471,*,mfn,Free,,,HTS 8471.30.01
        EU,6109,*,mfn,12.00 %,,,CN 6109
        EU,6403,*,mfn,8.00 %,,,CN 6403
        EU,8471,*,mfn,0.00 %,,,CN 8471
        DE,*,*,vat,19%,,,UStG s. 12(1)
        FR,*,*,vat,20%,,,CGI art. 278
        SE,*,*,vat,25%,,,ML 9 kap.
        GB,6109,*,mfn,12.00 %,,,UKGT
        GB,6403,*,mfn,8.00 %,,,UKGT
        GB,8471,*,mfn,0.00 %,,,UKGT
        GB,*,*,vat,20%,,,VATA 1994 s. 2
        CA,6109,*,mfn,18%,,,Customs Tariff
        CA,6109,US MX,preferential,Free,2020-07-01,,CUSMA
        CA,6403,*,mfn,18%,,,Customs Tariff
        CA,8471,*,mfn,Free,,,Customs Tariff
        CA,*,*,vat,5%,,,Excise Tax Act s. 165
        AU,6109,*,mfn,5%,,,Customs Tariff Act 1995
        AU,6403,*,mfn,5%,,,Customs Tariff Act 1995
        AU,8471,*,mfn,Free,,,Customs Tariff Act 1995
        AU,*,*,vat,10%,,,GST Act 1999
        JP,6109,*,mfn,10.9%,,,Customs Tariff
        JP,6403,*,mfn,30%,,,Customs Tariff
        JP,8471,*,mfn,Free,,,Customs Tariff
        JP,*,*,vat,7.8%,,,Consumption Tax Act Art. 29
        CH,61,*,mfn,0%,,,industrial goods duty-free
        CH,64,*,mfn,0%,,,idem
        CH,84,*,mfn,0%,,,idem
        CH,*,*,vat,8.1%,,,MWSTG Art. 25(1)
        NO,61,*,mfn,10.7%,,,Norwegian Customs Tariff ch. 61
        NO,64,*,mfn,0%,,,idem
        NO,84,*,mfn,0%,,,idem
        NO,*,*,vat,25%,,,Merverdiavgiftsloven § 5-1
        """;

    /// <summary>Destination, currency, its point-of-sale scheme and whether the customs value is CIF.</summary>
    internal static readonly (string Destination, Currency Currency, PointOfSaleScheme Scheme, bool Cif)[] Destinations =
    [
        ("US", Currency.USD, PointOfSaleScheme.None, false),
        ("DE", Currency.EUR, PointOfSaleScheme.Ioss, true),
        ("FR", Currency.EUR, PointOfSaleScheme.Ioss, true),
        ("SE", Currency.SEK, PointOfSaleScheme.Ioss, true),
        ("GB", Currency.GBP, PointOfSaleScheme.UkPos, true),
        ("CA", Currency.CAD, PointOfSaleScheme.None, false),
        ("AU", Currency.AUD, PointOfSaleScheme.AuLvg, false),
        ("JP", Currency.JPY, PointOfSaleScheme.None, true),
        ("CH", Currency.CHF, PointOfSaleScheme.None, true),
        ("NO", Currency.NOK, PointOfSaleScheme.Voec, true),
    ];

    internal static readonly string[] Codes = ["6109100010", "6403999300", "8471300100"];
    internal static readonly string[] Origins = ["CN", "US", "MX", "DE", "VN"];
    private static readonly DateOnly FirstDay = new(2024, 10, 1);
    private const int Days = 820; // to 2026-12-29: FY2025 and FY2026 MPF, the 2025 US de minimis changes, the EU €3

    /// <summary>Every EU monthly rate the SE lines need (SEK per EUR), so that the €150 threshold and €3 convert.</summary>
    internal static ExchangeRateTable Rates()
    {
        var rates = new ExchangeRateTable();
        rates.Add(ExchangeRate.FromDecimal(Currency.EUR, Currency.SEK, 11.2345m), new DateOnly(2024, 9, 1), new DateOnly(2027, 1, 31));
        return rates;
    }

    internal static readonly LandedCostCalculator Calc = new(Schedules(Tariff), DestinationRuleBook.CreateDefault(), Rates());

    internal sealed record LineSpec(string Code, long Value, long? Freight, long? Insurance);

    internal sealed record ShipmentSpec(int Destination, string Origin, int Day, TransportMode Mode, bool Scheme, LineSpec[] Lines)
    {
        public Currency Currency => Destinations[Destination].Currency;

        public DateOnly Date => FirstDay.AddDays(Day);

        public ShipmentLine[] ToLines(string id) =>
        [
            .. Lines.Select((l, i) => Line(id, Destinations[Destination].Destination, Origin, l.Code, new Money(l.Value, Currency), Date,
                l.Freight is { } f ? new Money(f, Currency) : null, l.Insurance is { } ins ? new Money(ins, Currency) : null,
                Mode, Scheme ? Destinations[Destination].Scheme : PointOfSaleScheme.None, line: i + 1)),
        ];
    }

    /// <summary>Amounts in minor units: mostly around the de minimis thresholds, sometimes large.</summary>
    internal static Gen<long> MinorUnits => Gen.Frequency<long>(
    [
        (3, Gen.Choose(1, 30_000).Select(v => (long)v)),
        (3, Gen.Choose(1, 2_000_000).Select(v => (long)v)),
        (1, Gen.Choose(1, int.MaxValue).Select(v => (long)v)),
    ]);

    internal static Gen<LineSpec> LineGen =>
        from code in Gen.Elements(Codes)
        from value in MinorUnits
        from hasFreight in Gen.Elements(false, false, true)
        from freight in Gen.Choose(0, 50_000)
        from hasInsurance in Gen.Elements(false, false, true)
        from insurance in Gen.Choose(0, 5_000)
        select new LineSpec(code, value, hasFreight ? freight : null, hasInsurance ? insurance : null);

    internal static Gen<ShipmentSpec> ShipmentGen(int maxLines) =>
        from destination in Gen.Choose(0, Destinations.Length - 1)
        from origin in Gen.Elements(Origins)
        from day in Gen.Choose(0, Days)
        from mode in Gen.Elements(TransportMode.Unknown, TransportMode.Air, TransportMode.Sea, TransportMode.Courier, TransportMode.Post)
        from scheme in Gen.Elements(false, true)
        from count in Gen.Choose(1, maxLines)
        from lines in Gen.ArrayOf(LineGen, count)
        select new ShipmentSpec(destination, origin, day, mode, scheme, lines);

    private static long HalfUp(long numerator, long denominator) => (numerator + denominator / 2) / denominator;

    /// <summary>The US fees by hand: MPF (19 CFR 24.23, FY2024–FY2026 floors, caps and informal fees; none before FY2024) and HMF (ocean).</summary>
    private static long ExpectedUsFees(long value, DateOnly date, TransportMode mode)
    {
        long fees = 0;
        var mpf = (long)((Int128)value * 3464 / 1_000_000 + ((Int128)value * 3464 % 1_000_000 >= 500_000 ? 1 : 0));
        if (date >= new DateOnly(2025, 10, 1))
        {
            fees += value > 250_000 ? Math.Clamp(mpf, 3358, 65150) : 269;
        }
        else if (date >= new DateOnly(2024, 10, 1))
        {
            fees += value > 250_000 ? Math.Clamp(mpf, 3271, 63462) : 262;
        }
        else if (date >= new DateOnly(2023, 10, 1))
        {
            fees += value > 250_000 ? Math.Clamp(mpf, 3167, 61435) : 253;
        }
        if (mode == TransportMode.Sea)
        {
            fees += (long)(((Int128)value * 125 + 50_000) / 100_000);
        }
        return fees;
    }

    [Property(MaxTest = 300)]
    public Property Lines_add_up_to_the_shipment_and_allocations_are_exact() =>
        Prop.ForAll(ShipmentGen(8).ToArbitrary(), spec =>
        {
            var lines = spec.ToLines("S");
            var results = Calc.Price(lines);
            var total = LandedCostCalculator.Total(results);
            var currency = spec.Currency;
            Assert.All(results, r => Assert.Equal(LineCostStatus.Ok, r.Status));
            Assert.All(results, r => Assert.Equal(r.Duty + r.Vat + r.Fees, r.Total));

            // The shipment row is the sum of the lines.
            Money Sum(Func<LineCost, Money> field) => results.Aggregate(Money.Zero(currency), (s, r) => s + field(r));
            Assert.Equal(Sum(r => r.CustomsValue), total.CustomsValue);
            Assert.Equal(Sum(r => r.Duty), total.Duty);
            Assert.Equal(Sum(r => r.Vat), total.Vat);
            Assert.Equal(Sum(r => r.Fees), total.Fees);
            Assert.Equal(Sum(r => r.Total), total.Total);

            // Freight and insurance are allocated to the lines' customs values without losing or creating a cent.
            var goods = spec.Lines.Sum(l => l.Value);
            var transport = spec.Lines.Sum(l => (l.Freight ?? 0) + (l.Insurance ?? 0));
            var cif = Destinations[spec.Destination].Cif;
            Assert.Equal(new Money(goods + (cif ? transport : 0), currency), total.CustomsValue);
            for (var i = 0; i < lines.Length; i++)
            {
                // Each line's share of the transport is within one minor unit of its value-weighted share.
                var share = results[i].CustomsValue.MinorUnits - spec.Lines[i].Value;
                var exact = cif ? (decimal)transport * spec.Lines[i].Value / goods : 0m;
                Assert.True(Math.Abs(share - exact) < 1m, string.Create(CultureInfo.InvariantCulture, $"line {i}: transport share {share}, exact {exact}"));
            }

            // The consignment's fees, computed by hand, are allocated to the lines exactly.
            var fees = Destinations[spec.Destination].Destination == "US" ? ExpectedUsFees(goods, spec.Date, spec.Mode) : 0;
            Assert.Equal(new Money(fees, currency), total.Fees);
        });

    [Property(MaxTest = 300)]
    public Property Duty_and_tax_are_monotone_in_the_value() =>
        Prop.ForAll((from shipment in ShipmentGen(1) from more in MinorUnits select (shipment, more)).ToArbitrary(), input =>
        {
            var (spec, more) = input;
            spec = spec with { Scheme = false }; // a point-of-sale scheme moves VAT to the sale and duty to a flat €3
            var low = Calc.Price(spec.ToLines("low"))[0];
            var higher = spec with { Lines = [spec.Lines[0] with { Value = spec.Lines[0].Value + more }] };
            var high = Calc.Price(higher.ToLines("high"))[0];
            return (low.Duty <= high.Duty && low.Vat <= high.Vat)
                .Label(string.Create(CultureInfo.InvariantCulture, $"{Destinations[spec.Destination].Destination} {spec.Date:yyyy-MM-dd}: {low.Duty}/{low.Vat} at {spec.Lines[0].Value}, {high.Duty}/{high.Vat} at {spec.Lines[0].Value + more}"));
        });

    [Property(MaxTest = 10)]
    public Property The_parallel_batch_equals_the_sequential_batch() =>
        Prop.ForAll(Gen.ArrayOf(ShipmentGen(6), 5_000).ToArbitrary(), specs =>
        {
            // Some shipments cannot be priced (no rules for the destination, no rate for the currency): their
            // statuses must come out the same too.
            var lines = specs.SelectMany((s, i) => i % 997 == 5
                    ? s.ToLines("S" + i.ToString(CultureInfo.InvariantCulture)).Select(l => l with { Destination = "ZZ" })
                    : i % 991 == 7
                        ? s.ToLines("S" + i.ToString(CultureInfo.InvariantCulture)).Select(l => l with { Value = new Money(l.Value.MinorUnits, Currency.KWD) })
                        : s.ToLines("S" + i.ToString(CultureInfo.InvariantCulture)))
                .ToArray();
            var sequential = new LineCost[lines.Length];
            var parallel = new LineCost[lines.Length];
            Calc.Calculate(lines, sequential);
            Calc.CalculateParallel(lines, parallel, maxDegreeOfParallelism: 4);
            var firstDifference = Enumerable.Range(0, lines.Length).FirstOrDefault(i => sequential[i] != parallel[i], -1);
            return (firstDifference < 0 && lines.Length > 4 * 4096)
                .Label(string.Create(CultureInfo.InvariantCulture, $"{lines.Length} lines; first difference at {firstDifference}"));
        });

    [Property(MaxTest = 20)]
    public Property A_batch_equals_each_shipment_priced_alone() =>
        Prop.ForAll(Gen.ArrayOf(ShipmentGen(6), 300).ToArbitrary(), specs =>
        {
            // The batch shares per-destination exchange rates and per-shipment de minimis decisions between lines;
            // pricing every shipment on its own shares nothing.
            var shipments = specs.Select((s, i) => s.ToLines("S" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
            var lines = shipments.SelectMany(s => s).ToArray();
            var batch = new LineCost[lines.Length];
            Calc.Calculate(lines, batch);
            var alone = shipments.SelectMany(s => Calc.Price(s)).ToArray();
            var firstDifference = Enumerable.Range(0, lines.Length).FirstOrDefault(i => batch[i] != alone[i], -1);
            return (firstDifference < 0).Label(string.Create(CultureInfo.InvariantCulture, $"{lines.Length} lines; first difference at {firstDifference}"));
        });

    [Fact]
    public void A_batch_converts_specific_rates_at_each_shipments_own_date()
    {
        // EUR specific duty into the UK: the batch looks the EUR/GBP rate up once per destination and date; shipments
        // of two dates, interleaved, must each get their own date's rate.
        var rates = new ExchangeRateTable();
        rates.Add(ExchangeRate.FromDecimal(Currency.EUR, Currency.GBP, 0.85m), new DateOnly(2025, 1, 1), new DateOnly(2025, 6, 30));
        rates.Add(ExchangeRate.FromDecimal(Currency.EUR, Currency.GBP, 0.87m), new DateOnly(2025, 7, 1), new DateOnly(2025, 12, 31));
        var calculator = Calculator("GB,1704,*,mfn,10.00 EUR / 100 kg,,,specific\nGB,*,*,vat,20%,,,VATA 1994 s. 2\n", rates);
        var spring = new DateOnly(2025, 3, 12);
        var autumn = new DateOnly(2025, 9, 10);
        var lines = Enumerable.Range(0, 6).Select(i => Line("S" + i.ToString(CultureInfo.InvariantCulture), "GB", "CN", "1704909900", Gbp(1_000m),
            i % 2 == 0 ? spring : autumn, quantities: NetMass(1_000m))).ToArray();
        var batch = calculator.Price(lines);
        // 1,000 kg at €10 / 100 kg = €100.00: £85.00 in spring, £87.00 in autumn.
        Assert.Equal([Gbp(85m), Gbp(87m), Gbp(85m), Gbp(87m), Gbp(85m), Gbp(87m)], batch.Select(c => c.Duty));
        Assert.Equal(batch, lines.Select(l => calculator.Price(l)[0]));
    }

    [Property(MaxTest = 200)]
    public Property A_compound_duty_is_its_ad_valorem_part_plus_its_specific_part_rounded_once(
        NonNegativeInt basisPoints, NonNegativeInt value, NonNegativeInt centsPer100Kg, NonNegativeInt grams)
    {
        var bp = basisPoints.Get % 10_000;                 // 0.00% .. 99.99%
        var v = 15_001L + value.Get % 100_000_000;        // above the €150 relief
        var s = centsPer100Kg.Get % 1_000_000;            // €0.00 .. €9,999.99 per 100 kg
        var g = (long)(grams.Get % 10_000_000);           // up to 10 t
        var rate = string.Create(CultureInfo.InvariantCulture, $"{bp / 100m:0.00} % + {s / 100m:0.00} EUR / 100 kg");
        var calculator = Calculator($"EU,1704,*,mfn,{rate},,,compound\nDE,*,*,vat,19%,,,UStG\n");
        var line = Line("c", "DE", "CN", "1704909900", new Money(v, Currency.EUR), new DateOnly(2024, 6, 10),
            quantities: DutyQuantities.None.With(QuantityKind.NetMass, Quantity.FromThousandths(g)));
        var duty = calculator.Price(line)[0].Duty;
        // v × bp / 10,000 + s × (g / 1,000) / 100 cents = (10·v·bp + s·g) / 100,000 cents, rounded half-up once.
        var expected = HalfUp(10 * v * bp + s * g, 100_000);
        return (duty == new Money(expected, Currency.EUR)).Label($"{rate} on {v} cents and {g} g: {duty}, expected {expected} cents");
    }

    [Property(MaxTest = 200)]
    public Property Stacked_duties_are_the_sum_of_the_measures(NonNegativeInt mfnBasisPoints, NonNegativeInt extraBasisPoints, NonNegativeInt value)
    {
        var mfn = string.Create(CultureInfo.InvariantCulture, $"{mfnBasisPoints.Get % 5_000 / 100m:0.##}%");
        var extra = string.Create(CultureInfo.InvariantCulture, $"{extraBasisPoints.Get % 15_000 / 100m:0.##}%");
        var v = 1L + value.Get;
        var date = new DateOnly(2025, 9, 2); // no US de minimis for any origin
        LineCost Priced(string rows) => Calculator(rows).Price(Line("s", "US", "CN", "3926909985", new Money(v, Currency.USD), date))[0];
        var both = Priced($"US,3926,*,mfn,{mfn},,,\nUS,3926,CN,additional,{extra},,,\n");
        var mfnOnly = Priced($"US,3926,*,mfn,{mfn},,,\n");
        var extraOnly = Priced($"US,3926,CN,additional,{extra},,,\n");
        // Each measure is rounded half-up to the cent on its own.
        var byHand = HalfUp(v * (mfnBasisPoints.Get % 5_000), 10_000) + HalfUp(v * (extraBasisPoints.Get % 15_000), 10_000);
        return (both.Duty == mfnOnly.Duty + extraOnly.Duty && both.Duty.MinorUnits == byHand)
            .Label($"{mfn} + {extra} on {v} cents: {both.Duty} vs {mfnOnly.Duty} + {extraOnly.Duty}, by hand {byHand}");
    }
}
