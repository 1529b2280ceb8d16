using CrossBorder.Engine.Fx;
using CrossBorder.Engine.LandedCost;
using CrossBorder.Engine.Tariffs;
using Xunit.Abstractions;
using static CrossBorder.Engine.Tests.LandedCost.LandedCostKit;

namespace CrossBorder.Engine.Tests.LandedCost;

/// <summary>
/// The published landed-cost examples of ../shared/examples/worked-duty-examples.md, priced end to end by
/// <see cref="LandedCostCalculator"/> over a small inline tariff with the example's rates, the built-in destination
/// rules and an exchange-rate table with the example's rate. Every figure is the published one, to the cent.
/// </summary>
public class WorkedLandedCostExampleTests(ITestOutputHelper output)
{
    private LineCost[] Priced(LandedCostCalculator calculator, params ShipmentLine[] lines)
    {
        output.WriteLine(calculator.Explain(lines));
        return calculator.Price(lines);
    }

    // ------------------------------------------------------------------ United Kingdom (CIF; VAT on CV + duty)

    private const string UkTariff = """
        GB,640399,*,mfn,8.00 %,,,UKGT 6403 99
        GB,*,*,vat,20%,2011-01-04,,VATA 1994 s. 2
        """;

    /// <summary>The fixtures of trade-tariff-duty-calculator have no £135 relief; the same rules without it.</summary>
    private static DestinationRuleBook UkRulesWithoutLowValueRelief() =>
        DefaultRulesWith("GB", rules => rules with { DeMinimis = [] });

    [Fact]
    public void W2_uk_ad_valorem_duty_on_the_cif_value()
    {
        // W2 [GOV-TEST] trade-tariff-duty-calculator spec/services/expression_evaluators/ad_valorem_spec.rb:
        // goods £10 + shipping £10 + insurance £10 = CV £30; 8.00% → £2.40 ("8.00% * £30.00").
        var line = Line("W2", "GB", "CN", "6403999300", Gbp(10m), new DateOnly(2024, 6, 3), freight: Gbp(10m), insurance: Gbp(10m));
        var fixture = Priced(Calculator(UkTariff, rules: UkRulesWithoutLowValueRelief()), line)[0];
        Assert.Equal(LineCostStatus.Ok, fixture.Status);
        Assert.Equal(Gbp(30.00m), fixture.CustomsValue);
        Assert.Equal(Gbp(2.40m), fixture.Duty);

        // With the real rules a £10 consignment is within the £135 relief: no duty, and no import VAT (VAT is the
        // seller's, at the sale). The CIF value is the same.
        var real = Priced(Calculator(UkTariff), line)[0];
        Assert.Equal(Gbp(30.00m), real.CustomsValue);
        Assert.Equal(Gbp(0m), real.Duty);
        Assert.Equal(Gbp(0m), real.Vat);
        Assert.Equal(LandedCostRegime.BelowDutyDeMinimis | LandedCostRegime.BelowTaxDeMinimis, real.Regime);
    }

    [Fact]
    public void W8_uk_excise_on_the_retail_price_enters_the_duty_and_the_vat_base()
    {
        // W8 [GOV-TEST] retail_price_spec.rb: excise 16.50% of the recommended retail price £1,000 (unit RET) →
        // £165.00. Here on a £400 customs value (no duty of its own): duty £165.00 (the excise), import VAT 20% of
        // £400 + £165 = £113.00. The tariff rows are a fixture for the example, not the full tobacco rate.
        var calculator = Calculator("""
            GB,240220,*,mfn,0.00 %,,,fixture
            GB,240220,*,excise,16.50 % RET,,,fixture: the ad valorem element of UK tobacco duty
            GB,*,*,vat,20%,2011-01-04,,VATA 1994 s. 2
            """, rules: UkRulesWithoutLowValueRelief());
        var line = Line("W8", "GB", "CN", "2402209000", Gbp(400m), new DateOnly(2024, 6, 3)) with { RetailPrice = Gbp(1_000m) };
        var cost = Priced(calculator, line)[0];
        Assert.Equal((LineCostStatus.Ok, Gbp(165.00m), Gbp(113.00m)), (cost.Status, cost.Duty, cost.Vat));

        // From the shipments CSV the retail price is a quantity in the Trade Tariff's unit RET.
        var csv = ShipmentCsv.Header + "\nW8,1,GB,CN,2402209000,400.00,GBP,,,1000.00,RET,,,,2024-06-03,air,\n";
        var rejects = new List<ShipmentReject>();
        var lines = ShipmentCsv.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "w8.csv", rejects, out _);
        Assert.Empty(rejects);
        Assert.Equal(Gbp(1_000m), lines[0].RetailPrice);
        Assert.Equal(cost, Priced(calculator, [.. lines])[0]);

        // Without the retail price the line is not priced, and the explanation says what is missing.
        var missing = Priced(calculator, line with { RetailPrice = null })[0];
        Assert.Equal(LineCostStatus.MissingDutyInput, missing.Status);
        Assert.Contains("retail price", calculator.Explain(line with { RetailPrice = null }), StringComparison.Ordinal);
    }

    [Fact]
    public void W3_uk_vat_is_charged_on_the_customs_value_plus_duty()
    {
        // W3 [GOV-TEST] vat_spec.rb: CV £30 (10 + 10 + 10), duty total £1,000.00, VAT 8.00% (synthetic rate)
        // → base £1,030.00 → VAT £82.40. The £1,000 duty is written as a specific duty of £1,000 per 100 kg on 100 kg.
        var calculator = Calculator("""
            GB,220300,*,mfn,1000.00 GBP / 100 kg,,,synthetic
            GB,*,*,vat,8.00 %,,,synthetic VAT rate of the fixture
            """, rules: UkRulesWithoutLowValueRelief());
        var line = Line("W3", "GB", "US", "2203000100", Gbp(10m), new DateOnly(2024, 6, 3), freight: Gbp(10m), insurance: Gbp(10m), quantities: NetMass(100m));
        var cost = Priced(calculator, line)[0];
        Assert.Equal(Gbp(30.00m), cost.CustomsValue);
        Assert.Equal(Gbp(1_000.00m), cost.Duty);
        Assert.Equal(Gbp(82.40m), cost.Vat);
        Assert.Equal(Gbp(1_082.40m), cost.Total);
    }

    [Fact]
    public void W5_and_W9_uk_specific_duties_take_the_lines_quantities()
    {
        // W5 [GOV-TEST] measure_unit_spec.rb: 35.10 GBP / 100 kg on 10,000 kg → £3,510.00.
        // W9 [GOV-TEST] alcohol_volume_measure_unit_spec.rb: 0.50 GBP / %vol/hl, ABV 40, 45 hl → £900.00.
        // The goods values are above £135 so that no relief applies; the duties do not depend on them.
        var calculator = Calculator("""
            GB,170199,*,mfn,35.10 GBP / 100 kg,,,fixture W5
            GB,220830,*,mfn,0.50 GBP / % vol/hl,,,fixture W9
            GB,*,*,vat,20%,2011-01-04,,VATA 1994 s. 2
            """);
        var date = new DateOnly(2024, 6, 3);
        var sugar = Priced(calculator, Line("W5", "GB", "BR", "1701991000", Gbp(5_000m), date, quantities: NetMass(10_000m)))[0];
        Assert.Equal(Gbp(3_510.00m), sugar.Duty);
        var whisky = Priced(calculator, Line("W9", "GB", "US", "2208301100", Gbp(20_000m), date,
            quantities: DutyQuantities.None.With(QuantityKind.Litres, 4_500m).With(QuantityKind.AlcoholByVolume, 40m)))[0];
        Assert.Equal(Gbp(900.00m), whisky.Duty);
    }

    [Fact]
    public void W10_uk_duty_on_cif_and_vat_on_cv_plus_duty()
    {
        // W10 [3RD] Langdon Systems, "Calculating customs duty and VAT – how is it done?": invoice £10,000.00 +
        // freight £100.00 + insurance £50.00 → CV £10,150.00 (CIF); duty 10% → £1,015.00.
        var calculator = Calculator("""
            GB,8501,*,mfn,10.00 %,,,rate of the example
            GB,*,*,vat,20%,2011-01-04,,VATA 1994 s. 2
            """);
        var cost = Priced(calculator, Line("W10", "GB", "CN", "8501101000", Gbp(10_000m), new DateOnly(2024, 6, 3), freight: Gbp(100m), insurance: Gbp(50m)))[0];
        Assert.Equal(Gbp(10_150.00m), cost.CustomsValue);
        Assert.Equal(Gbp(1_015.00m), cost.Duty);
        // The published VAT £2,333.00 is 20% of £11,665.00, which adds a £500.00 VAT value adjustment (costs after
        // arrival) that a shipment line cannot carry. Without it the base is CV + duty = £11,165.00 → £2,233.00.
        Assert.Equal(Gbp(2_233.00m), cost.Vat);
        Assert.Equal(Gbp(3_248.00m), cost.Total);
    }

    [Fact]
    public void W11_uk_consignment_up_to_135_pounds_vat_at_the_point_of_sale_and_no_duty()
    {
        // W11 [DERIVED] HMRC (VAT Notice 143; quoted at gjassociates.co.uk): ≤ £135 the marketplace charges VAT at
        // the sale on the sale price: £100 + £10 delivery → 20% × £110 = £22.00; border duty £0.
        var calculator = Calculator(UkTariff);
        var date = new DateOnly(2024, 6, 3);
        var cost = Priced(calculator, Line("W11", "GB", "CN", "6403999300", Gbp(100m), date, freight: Gbp(10m), scheme: PointOfSaleScheme.UkPos))[0];
        Assert.Equal(Gbp(22.00m), cost.Vat);
        Assert.Equal(Gbp(0m), cost.Duty);
        Assert.Equal(Gbp(22.00m), cost.Total);
        Assert.True(cost.Regime.HasFlag(LandedCostRegime.PointOfSaleVat), cost.Regime.ToString());
        Assert.True(cost.Regime.HasFlag(LandedCostRegime.BelowDutyDeMinimis), cost.Regime.ToString());

        // At £135.01 the border rules apply: CV £145.01 (CIF), duty 8% = £11.6008 → £11.60, import VAT 20% of
        // £156.61 = £31.322 → £31.32.
        var above = Priced(calculator, Line("W11b", "GB", "CN", "6403999300", Gbp(135.01m), date, freight: Gbp(10m), scheme: PointOfSaleScheme.UkPos))[0];
        Assert.Equal(Gbp(145.01m), above.CustomsValue);
        Assert.Equal(Gbp(11.60m), above.Duty);
        Assert.Equal(Gbp(31.32m), above.Vat);
        Assert.Equal(LandedCostRegime.SchemeNotApplicable, above.Regime);
    }

    // ------------------------------------------------------------------ European Union

    private const string EuTariff = """
        EU,640399,*,mfn,8.00 %,,,CN 6403 99 (footwear, leather uppers)
        EU,610910,*,mfn,12.00 %,,,CN 6109 10 00
        DE,*,*,vat,19%,2021-01-01,,UStG s. 12(1)
        """;

    [Fact]
    public void W12_germany_duty_then_import_vat_on_cv_plus_duty()
    {
        // W12 [3RD] zolltarifnummer-service.de, "Calculating Import Duties": shoes from VN into DE, CV €10,000 (CIF,
        // freight included), duty 8% → €800, VAT base €10,800, import VAT 19% → €2,052, total €2,852.
        var line = Line("W12", "DE", "VN", "6403999300", Eur(9_400m), new DateOnly(2024, 6, 10), freight: Eur(500m), insurance: Eur(100m));
        var cost = Priced(Calculator(EuTariff), line)[0];
        Assert.Equal(LineCostStatus.Ok, cost.Status);
        Assert.Equal(Eur(10_000.00m), cost.CustomsValue);
        Assert.Equal(Eur(800.00m), cost.Duty);
        Assert.Equal(Eur(2_052.00m), cost.Vat);
        Assert.Equal(Eur(2_852.00m), cost.Total);
        Assert.Equal(LandedCostRegime.Standard, cost.Regime);
    }

    [Theory]
    [InlineData(2024, 6, 1)]
    [InlineData(2024, 6, 14)]
    [InlineData(2024, 6, 30)]
    public void W15_eu_customs_value_at_the_monthly_rate(int year, int month, int day)
    {
        // W15 [DERIVED from UCC IA Art. 146 + ECB data]: for June 2024 the rate of the penultimate Wednesday of May,
        // 2024-05-22: USD 1.0830 per EUR. US$1,083.00 → CV €1,000.00 on every day of June.
        var rates = new ExchangeRateTable();
        rates.Add(ExchangeRate.FromDecimal(Currency.EUR, Currency.USD, 1.0830m), new DateOnly(2024, 5, 22));
        // A different rate on the declaration day itself must not be used.
        rates.Add(ExchangeRate.FromDecimal(Currency.EUR, Currency.USD, 1.0700m), new DateOnly(2024, 6, 1), new DateOnly(2024, 6, 30));
        var cost = Priced(Calculator(EuTariff, rates), Line("W15", "DE", "CN", "6109100010", Usd(1_083.00m), new DateOnly(year, month, day)))[0];
        Assert.Equal(LineCostStatus.Ok, cost.Status);
        Assert.Equal(Eur(1_000.00m), cost.CustomsValue);
        // Derived from the example's CV: duty 12% = €120.00; VAT 19% × €1,120.00 = €212.80.
        Assert.Equal(Eur(120.00m), cost.Duty);
        Assert.Equal(Eur(212.80m), cost.Vat);
    }

    [Fact]
    public void W15_without_the_rate_of_the_reference_wednesday_the_line_is_not_priced()
    {
        // July 2024 needs the rate of 2024-06-19, which this table lacks: no silent fallback to another day's rate.
        var rates = new ExchangeRateTable();
        rates.Add(ExchangeRate.FromDecimal(Currency.EUR, Currency.USD, 1.0830m), new DateOnly(2024, 5, 22));
        var cost = Priced(Calculator(EuTariff, rates), Line("W15x", "DE", "CN", "6109100010", Usd(1_083.00m), new DateOnly(2024, 7, 1)))[0];
        Assert.Equal(LineCostStatus.MissingExchangeRate, cost.Status);
    }

    [Theory]
    [InlineData(2024, 6, 12, "1083.00")]   // June 2024 → 2024-05-22: USD 1.0830
    [InlineData(2025, 1, 20, "1049.60")]   // January 2025 → 2024-12-18: USD 1.0496
    [InlineData(2025, 4, 2, "1089.70")]    // April 2025 → 2025-03-19: USD 1.0897
    [InlineData(2025, 5, 6, "1141.50")]    // May 2025 → 2025-04-23: USD 1.1415
    public void W15_with_the_real_ecb_history(int year, int month, int day, string dollars)
    {
        // W15: the rates of ../shared/data/fx/ecb-eurofxref-hist.csv; each invoice is €1,000.00 at that month's rate.
        if (!SharedData.TryGetPath(Fx.RealEcbHistory.RelativePath, output, out var path))
        {
            return;
        }
        var rates = Fx.RealEcbHistory.Load(path);
        var amount = decimal.Parse(dollars, System.Globalization.CultureInfo.InvariantCulture);
        var cost = Priced(Calculator(EuTariff, rates), Line("W15r", "DE", "CN", "6109100010", Usd(amount), new DateOnly(year, month, day)))[0];
        Assert.Equal(LineCostStatus.Ok, cost.Status);
        Assert.Equal(Eur(1_000.00m), cost.CustomsValue);
    }

    // ------------------------------------------------------------------ United States (FOB; MPF and HMF)

    private const string UsTariff = """
        US,3926,*,mfn,3%,,,rate of the W17 example
        US,3926,CN,additional,25%,2018-07-06,,Section 301 (rate of the W17 example)
        US,8471,*,mfn,Free,,,HTS 84.71
        """;

    [Theory]
    [InlineData(2025, 3, 3)]    // FY2025: MPF floor $32.71 < $34.64
    [InlineData(2025, 11, 3)]   // FY2026: MPF floor $33.58 < $34.64
    public void W17_us_mfn_plus_section_301_plus_mpf_and_hmf(int year, int month, int day)
    {
        // W17 [3RD] dutywise.app, "How to calculate import duty from China to the US": entered value $10,000 (freight
        // and insurance excluded), MFN 3% + Section 301 25%, ocean → duty $300 + $2,500 = $2,800.00; MPF 0.3464% =
        // $34.64; HMF 0.125% = $12.50; total $2,847.14.
        var date = new DateOnly(year, month, day);
        var ocean = Priced(Calculator(UsTariff), Line("W17", "US", "CN", "3926909985", Usd(10_000m), date, freight: Usd(900m), insurance: Usd(40m), transport: TransportMode.Sea))[0];
        Assert.Equal(Usd(10_000.00m), ocean.CustomsValue);
        Assert.Equal(Usd(2_800.00m), ocean.Duty);
        Assert.Equal(Usd(34.64m + 12.50m), ocean.Fees);
        Assert.Equal(Usd(2_847.14m), ocean.Total);
        Assert.Equal(LandedCostRegime.AdditionalDuties | LandedCostRegime.FormalEntry, ocean.Regime);

        // By air there is no harbor maintenance fee: MPF alone.
        var air = Priced(Calculator(UsTariff), Line("W17a", "US", "CN", "3926909985", Usd(10_000m), date, transport: TransportMode.Air))[0];
        Assert.Equal(Usd(34.64m), air.Fees);
        Assert.Equal(Usd(2_834.64m), air.Total);
    }

    [Theory]
    // W18 [DERIVED from 90 FR 34665 / CBP Dec. 25-10]: FY2026 (from 2025-10-01), MPF = clamp(0.3464% × value, $33.58, $651.50).
    [InlineData(2025, 10, 1, "5000.00", "33.58")]
    [InlineData(2025, 10, 1, "100000.00", "346.40")]
    [InlineData(2026, 9, 30, "250000.00", "651.50")]
    [InlineData(2025, 12, 1, "9693.99", "33.58")]      // just below the floor's break-even $9,693.9954 (33.5799...)
    [InlineData(2025, 12, 1, "10000.00", "34.64")]
    [InlineData(2025, 12, 1, "188000.00", "651.23")]   // below the cap's break-even $188,077.37
    [InlineData(2025, 12, 1, "188077.37", "651.50")]
    [InlineData(2025, 12, 1, "2500.01", "33.58")]      // formal entry: over $2,500
    [InlineData(2025, 12, 1, "2500.00", "2.69")]       // informal entry (class 311a), FY2026: $2.69
    // FY2025 (2024-10-01 to 2025-09-30, efreso.com): floor $32.71, cap $634.62.
    [InlineData(2024, 10, 1, "5000.00", "32.71")]
    [InlineData(2025, 9, 30, "100000.00", "346.40")]
    [InlineData(2025, 9, 30, "250000.00", "634.62")]
    // FY2025 informal entry (89 FR 59126, CBP Dec. 24-12, class 311a): $2.62.
    [InlineData(2025, 9, 30, "2500.00", "2.62")]
    // FY2024 (2023-10-01 to 2024-09-30, 88 FR 48900): floor $31.67, cap $614.35, informal $2.53.
    [InlineData(2023, 10, 1, "5000.00", "31.67")]
    [InlineData(2024, 9, 30, "250000.00", "614.35")]
    [InlineData(2024, 9, 30, "100000.00", "346.40")]
    [InlineData(2024, 6, 1, "800.01", "2.53")]
    // Before FY2024 no MPF rule is built in: no fee rather than a wrong one (documented in the README).
    [InlineData(2023, 9, 30, "5000.00", "0.00")]
    public void W18_us_merchandise_processing_fee_floor_and_cap(int year, int month, int day, string value, string fee)
    {
        var entered = Usd(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
        var cost = Priced(Calculator(UsTariff), Line("W18", "US", "DE", "8471300100", entered, new DateOnly(year, month, day), transport: TransportMode.Air))[0];
        Assert.Equal(LineCostStatus.Ok, cost.Status);
        Assert.Equal(Usd(0m), cost.Duty);
        Assert.Equal(Usd(decimal.Parse(fee, System.Globalization.CultureInfo.InvariantCulture)), cost.Fees);
        Assert.Equal(cost.Fees, cost.Total);
    }

    // ------------------------------------------------------------------ Canada (FOB; GST on VFD + duty)

    [Fact]
    public void W20_canada_exchange_duty_on_vfd_and_gst_on_vfd_plus_duty()
    {
        // W20 [OFFICIAL, as quoted] CBSA guidance quoted at smallformfactor.net: US$100 at US$1 = C$1.15 → VFD
        // C$115.00; duty 4% → C$4.60; VFT C$119.60; GST 5% → C$5.98; total C$10.58.
        var date = new DateOnly(2024, 6, 3);
        var rates = new ExchangeRateTable();
        rates.Add(ExchangeRate.FromDecimal(Currency.USD, Currency.CAD, 1.15m), date);
        var calculator = Calculator("""
            CA,9405,*,mfn,4%,,,rate of the example
            CA,*,*,vat,5%,2008-01-01,,Excise Tax Act s. 165 (GST)
            """, rates);
        // Freight to Canada is not part of the value for duty (FOB).
        var cost = Priced(calculator, Line("W20", "CA", "CN", "9405110000", Usd(100m), date, freight: Usd(25m), transport: TransportMode.Air))[0];
        Assert.Equal(LineCostStatus.Ok, cost.Status);
        Assert.Equal(Cad(115.00m), cost.CustomsValue);
        Assert.Equal(Cad(4.60m), cost.Duty);
        Assert.Equal(Cad(5.98m), cost.Vat);
        Assert.Equal(Cad(10.58m), cost.Total);
    }

    // ------------------------------------------------------------------ Australia (FOB; GST on VoTI incl. T&I)

    [Fact]
    public void W23_australia_several_packages_one_consignment()
    {
        // W23 [OFFICIAL, as quoted] Australian Customs, "Calculating duty and taxes", Example 1: 6 × A$200 → customs
        // value A$1,200.00; duty 5% A$60.00; T&I A$150.00; VoTI A$1,410.00; GST 10% A$141.00; total A$201.00.
        var calculator = Calculator("""
            AU,6109,*,mfn,5%,,,Customs Tariff Act 1995 Sch. 3 6109
            AU,*,*,vat,10%,2000-07-01,,GST Act 1999 s. 9-70
            """);
        var date = new DateOnly(2024, 6, 3);
        var lines = Enumerable.Range(1, 6)
            .Select(i => Line("W23", "AU", "CN", "6109100010", Aud(200m), date, freight: i == 1 ? Aud(120m) : null, insurance: i == 6 ? Aud(30m) : null, line: i))
            .ToArray();
        var costs = Priced(calculator, lines);
        var total = LandedCostCalculator.Total(costs);
        Assert.Equal(LineCostStatus.Ok, total.Status);
        Assert.Equal(Aud(1_200.00m), total.CustomsValue);
        Assert.Equal(Aud(60.00m), total.Duty);
        Assert.Equal(Aud(141.00m), total.Vat);
        Assert.Equal(Aud(201.00m), total.Total);
        // Each package: A$200 + duty A$10 + its sixth of the T&I (A$25) = VoTI A$235 → GST A$23.50.
        Assert.All(costs, c =>
        {
            Assert.Equal(Aud(10.00m), c.Duty);
            Assert.Equal(Aud(23.50m), c.Vat);
        });
    }
}
