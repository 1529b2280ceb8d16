using CrossBorder.Engine.LandedCost;
using CrossBorder.Engine.Tariffs;
using Xunit.Abstractions;
using static CrossBorder.Engine.Tests.LandedCost.LandedCostKit;

namespace CrossBorder.Engine.Tests.LandedCost;

/// <summary>
/// De minimis thresholds at and one minor unit above each boundary, their windows and origins, and the point-of-sale
/// schemes (IOSS, UK ≤ £135, AU low-value goods, NO VOEC) with their ceilings, as the built-in rules encode them.
/// </summary>
public class DeMinimisAndSchemeTests(ITestOutputHelper output)
{
    private const string Tariff = """
        US,6403,*,mfn,10%,,,rate for the tests
        EU,610910,*,mfn,12.00 %,,,CN 6109 10 00
        EU,640399,*,mfn,8.00 %,,,CN 6403 99
        DE,*,*,vat,19%,2021-01-01,,UStG s. 12(1)
        GB,640399,*,mfn,8.00 %,,,UKGT 6403 99
        GB,*,*,vat,20%,2011-01-04,,VATA 1994 s. 2
        CA,6403,*,mfn,18%,,,Customs Tariff 6403.99 MFN
        CA,*,*,vat,5%,2008-01-01,,Excise Tax Act s. 165
        AU,6403,*,mfn,5%,,,Customs Tariff Act 1995 Sch. 3 6403
        AU,*,*,vat,10%,2000-07-01,,GST Act 1999
        JP,610910,*,mfn,10.9%,,,Customs Tariff 6109.10
        JP,*,*,vat,7.8%,2019-10-01,,Consumption Tax Act Art. 29
        CH,64,*,mfn,0%,2024-01-01,,industrial goods duty-free
        CH,*,*,vat,8.1%,2024-01-01,,MWSTG Art. 25(1)
        NO,64,*,mfn,0%,,,industrial goods duty-free
        NO,*,*,vat,25%,,,Merverdiavgiftsloven § 5-1
        """;

    private static readonly LandedCostCalculator Calc = Calculator(Tariff);

    private LineCost Price(ShipmentLine line)
    {
        output.WriteLine(Calc.Explain(line));
        return Calc.Price(line)[0];
    }

    private LineCost[] Price(params ShipmentLine[] lines)
    {
        output.WriteLine(Calc.Explain(lines));
        return Calc.Price(lines);
    }

    private static bool Relieved(LineCost cost) => cost.Regime.HasFlag(LandedCostRegime.BelowDutyDeMinimis);

    private static bool TaxRelieved(LineCost cost) => cost.Regime.HasFlag(LandedCostRegime.BelowTaxDeMinimis);

    // ------------------------------------------------------------------ United States: $800 (19 U.S.C. 1321)

    [Fact]
    public void Us_lines_of_one_consignment_from_different_origins_each_get_their_origins_de_minimis()
    {
        // After EO 14256 (2025-05-02) the $800 relief is suspended for CN and HK only: in one $300 consignment the
        // VN lines stay relieved and the CN line between them does not, whatever the order of the lines.
        var date = new DateOnly(2025, 6, 1);
        var costs = Price(
            Line("mix", "US", "VN", "6403990000", Usd(100m), date, line: 1),
            Line("mix", "US", "VN", "6403990000", Usd(100m), date, line: 2),
            Line("mix", "US", "CN", "6403990000", Usd(100m), date, line: 3),
            Line("mix", "US", "VN", "6403990000", Usd(100m), date, line: 4));
        Assert.Equal([true, true, false, true], costs.Select(Relieved));
        Assert.Equal([Usd(0m), Usd(0m), Usd(10m), Usd(0m)], costs.Select(c => c.Duty));
    }

    [Fact]
    public void Us_800_dollars_is_relieved_and_one_cent_more_is_not()
    {
        var date = new DateOnly(2025, 4, 1);
        var at = Price(Line("us1", "US", "CN", "6403990000", Usd(800.00m), date));
        Assert.True(Relieved(at));
        Assert.Equal(Usd(0m), at.Duty);
        var above = Price(Line("us2", "US", "CN", "6403990000", Usd(800.01m), date));
        Assert.False(Relieved(above));
        Assert.Equal(Usd(80.00m), above.Duty); // 10% × $800.01 = $80.001
    }

    [Theory]
    [InlineData("CN", 2025, 5, 1, true)]    // last day before EO 14256
    [InlineData("CN", 2025, 5, 2, false)]   // EO 14256: suspended for CN and HK
    [InlineData("HK", 2025, 5, 2, false)]
    [InlineData("VN", 2025, 5, 2, true)]
    [InlineData("DE", 2025, 8, 28, true)]
    [InlineData("DE", 2025, 8, 29, false)]  // EO 14324: suspended for every origin
    [InlineData("CA", 2025, 8, 29, false)]
    [InlineData("CN", 2025, 8, 29, false)]
    [InlineData("DE", 2016, 3, 10, true)]   // TFTEA s. 901: $800 from 2016-03-10
    public void Us_de_minimis_by_origin_and_date(string origin, int year, int month, int day, bool relieved)
    {
        var cost = Price(Line("us3", "US", origin, "6403990000", Usd(100.00m), new DateOnly(year, month, day)));
        Assert.Equal(relieved, Relieved(cost));
        Assert.Equal(Usd(relieved ? 0m : 10.00m), cost.Duty);
    }

    // ------------------------------------------------------------------ European Union: duty €150, no VAT relief

    [Fact]
    public void Eu_duty_relief_up_to_150_euros_of_goods_but_vat_is_always_due()
    {
        // Council Reg. (EC) 1186/2009 Art. 23: intrinsic value (goods, not transport) up to €150 → no duty. No VAT
        // relief since 2021-07-01: import VAT 19% on CV (CIF) + duty.
        var date = new DateOnly(2024, 6, 10);
        var at = Price(Line("eu1", "DE", "CN", "6109100010", Eur(150.00m), date, freight: Eur(20m)));
        Assert.True(Relieved(at));
        Assert.False(TaxRelieved(at));
        Assert.Equal(Eur(0m), at.Duty);
        Assert.Equal(Eur(32.30m), at.Vat); // 19% × €170.00
        var above = Price(Line("eu2", "DE", "CN", "6109100010", Eur(150.01m), date, freight: Eur(20m)));
        Assert.False(Relieved(above));
        Assert.Equal(Eur(20.40m), above.Duty); // 12% × €170.01 = €20.4012
        Assert.Equal(Eur(36.18m), above.Vat);  // 19% × €190.41 = €36.1779
    }

    [Fact]
    public void Eu_vat_relief_of_22_euros_ended_on_2021_06_30()
    {
        // Directive 2009/132/EC Art. 23 (€22) until 2021-06-30; abolished by Directive (EU) 2017/2455.
        var before = Price(Line("eu3", "DE", "CN", "6109100010", Eur(22.00m), new DateOnly(2021, 6, 30)));
        Assert.True(TaxRelieved(before));
        Assert.Equal(Eur(0m), before.Vat);
        var after = Price(Line("eu4", "DE", "CN", "6109100010", Eur(22.00m), new DateOnly(2021, 7, 1)));
        Assert.False(TaxRelieved(after));
        Assert.Equal(Eur(4.18m), after.Vat); // 19% × €22.00
    }

    [Fact]
    public void Ioss_claimed_above_150_euros_is_refused_and_vat_is_charged_at_import()
    {
        var date = new DateOnly(2024, 6, 10);
        var within = Price(Line("ioss1", "DE", "CN", "6109100010", Eur(150.00m), date, freight: Eur(5m), scheme: PointOfSaleScheme.Ioss));
        Assert.Equal(LandedCostRegime.PointOfSaleVat | LandedCostRegime.BelowDutyDeMinimis, within.Regime);
        Assert.Equal(Eur(29.45m), within.Vat); // VAT at sale, 19% × (€150.00 + €5.00)
        Assert.Equal(Eur(0m), within.Duty);

        var above = Price(Line("ioss2", "DE", "CN", "6109100010", Eur(150.01m), date, freight: Eur(5m), scheme: PointOfSaleScheme.Ioss));
        Assert.Equal(LandedCostRegime.SchemeNotApplicable, above.Regime);
        Assert.Equal(Eur(18.60m), above.Duty); // 12% × €155.01 = €18.6012
        Assert.Equal(Eur(32.99m), above.Vat);  // 19% × (€155.01 + €18.60) = €32.9859
    }

    [Fact]
    public void A_scheme_of_another_destination_is_refused()
    {
        var cost = Price(Line("ioss-gb", "GB", "CN", "6403999300", Gbp(200.00m), new DateOnly(2024, 6, 10), scheme: PointOfSaleScheme.Ioss));
        Assert.Equal(LandedCostRegime.SchemeNotApplicable, cost.Regime);
        Assert.Equal(Gbp(16.00m), cost.Duty);
        Assert.Equal(Gbp(43.20m), cost.Vat); // 20% × £216.00
    }

    [Fact]
    public void Eu_flat_3_euro_duty_per_distinct_six_digit_subheading_under_ioss_from_2026_07_01()
    {
        // Council agreement of 12 December 2025: €3 per tariff subheading in a low-value parcel, from 2026-07-01.
        // Two lines of subheading 6109.10 → one €3; a line of 6403.99 → another €3.
        ShipmentLine[] Parcel(DateOnly date) =>
        [
            Line("flat", "DE", "CN", "6109100010", Eur(20m), date, scheme: PointOfSaleScheme.Ioss, line: 1),
            Line("flat", "DE", "CN", "6109100090", Eur(30m), date, scheme: PointOfSaleScheme.Ioss, line: 2),
            Line("flat", "DE", "CN", "6403999300", Eur(40m), date, scheme: PointOfSaleScheme.Ioss, line: 3),
        ];
        var from = Price(Parcel(new DateOnly(2026, 7, 1)));
        Assert.Equal([Eur(3.00m), Eur(0m), Eur(3.00m)], from.Select(c => c.Duty));
        Assert.Equal([Eur(3.80m), Eur(5.70m), Eur(7.60m)], from.Select(c => c.Vat)); // VAT at sale, 19%
        Assert.All(from, c => Assert.Equal(LandedCostRegime.PointOfSaleVat | LandedCostRegime.FlatLowValueDuty, c.Regime));
        var total = LandedCostCalculator.Total(from);
        Assert.Equal(Eur(6.00m), total.Duty);
        Assert.Equal(Eur(23.10m), total.Total);

        // The day before: the €150 duty relief, no flat duty.
        var before = Price(Parcel(new DateOnly(2026, 6, 30)));
        Assert.All(before, c => Assert.Equal(Eur(0m), c.Duty));
        Assert.All(before, c => Assert.Equal(LandedCostRegime.PointOfSaleVat | LandedCostRegime.BelowDutyDeMinimis, c.Regime));

        // Without IOSS the flat duty does not apply: the duty relief does, and VAT is charged at import.
        var border = Price(Line("flat-b", "DE", "CN", "6109100010", Eur(20m), new DateOnly(2026, 7, 1)));
        Assert.Equal(Eur(0m), border.Duty);
        Assert.Equal(LandedCostRegime.BelowDutyDeMinimis, border.Regime);
    }

    // ------------------------------------------------------------------ United Kingdom: £135

    [Fact]
    public void Uk_135_pounds_is_relieved_and_one_penny_more_is_not()
    {
        var date = new DateOnly(2024, 6, 3);
        var at = Price(Line("gb1", "GB", "CN", "6403999300", Gbp(135.00m), date));
        Assert.Equal(LandedCostRegime.BelowDutyDeMinimis | LandedCostRegime.BelowTaxDeMinimis, at.Regime);
        Assert.Equal(Gbp(0m), at.Total);
        var above = Price(Line("gb2", "GB", "CN", "6403999300", Gbp(135.01m), date));
        Assert.Equal(LandedCostRegime.Standard, above.Regime);
        Assert.Equal(Gbp(10.80m), above.Duty); // 8% × £135.01 = £10.8008
        Assert.Equal(Gbp(29.16m), above.Vat);  // 20% × £145.81 = £29.162
    }

    [Fact]
    public void Uk_point_of_sale_ceiling_is_on_the_goods_not_the_delivery()
    {
        // £135.00 of goods + £15 delivery: within (the ceiling is the intrinsic value); VAT at sale on £150.00.
        var cost = Price(Line("gb3", "GB", "CN", "6403999300", Gbp(135.00m), new DateOnly(2024, 6, 3), freight: Gbp(15m), scheme: PointOfSaleScheme.UkPos));
        Assert.True(cost.Regime.HasFlag(LandedCostRegime.PointOfSaleVat));
        Assert.Equal(Gbp(30.00m), cost.Vat);
        Assert.Equal(Gbp(0m), cost.Duty);
    }

    // ------------------------------------------------------------------ Canada: CUSMA courier C$150 / C$40, else C$20

    [Theory]
    [InlineData("US", TransportMode.Courier, "40.00", true, true)]
    [InlineData("US", TransportMode.Courier, "40.01", true, false)]
    [InlineData("MX", TransportMode.Courier, "150.00", true, false)]
    [InlineData("US", TransportMode.Courier, "150.01", false, false)]
    [InlineData("US", TransportMode.Post, "20.00", true, true)]    // not by courier: C$20
    [InlineData("US", TransportMode.Post, "20.01", false, false)]
    [InlineData("CN", TransportMode.Courier, "20.00", true, true)] // not CUSMA: C$20
    [InlineData("CN", TransportMode.Courier, "20.01", false, false)]
    public void Canada_low_value_shipment_thresholds(string origin, TransportMode mode, string value, bool dutyRelieved, bool taxRelieved)
    {
        var amount = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        var cost = Price(Line("ca", "CA", origin, "6403990000", Cad(amount), new DateOnly(2024, 6, 3), transport: mode));
        Assert.Equal(dutyRelieved, Relieved(cost));
        Assert.Equal(taxRelieved, TaxRelieved(cost));
        var duty = dutyRelieved ? 0m : Math.Round(amount * 0.18m, 2, MidpointRounding.AwayFromZero);
        Assert.Equal(Cad(duty), cost.Duty);
        Assert.Equal(Cad(taxRelieved ? 0m : Math.Round((amount + duty) * 0.05m, 2, MidpointRounding.AwayFromZero)), cost.Vat);
    }

    [Fact]
    public void Canada_cusma_courier_hand_computed()
    {
        // C$150.00 from the US by courier: duty relieved; GST 5% × C$150.00 = C$7.50.
        var cost = Price(Line("ca2", "CA", "US", "6403990000", Cad(150.00m), new DateOnly(2024, 6, 3), transport: TransportMode.Courier));
        Assert.Equal(Cad(0m), cost.Duty);
        Assert.Equal(Cad(7.50m), cost.Vat);
    }

    // ------------------------------------------------------------------ Australia: A$1,000

    [Fact]
    public void Australia_1000_dollars_is_relieved_and_one_cent_more_is_not()
    {
        var date = new DateOnly(2024, 6, 3);
        var at = Price(Line("au1", "AU", "CN", "6403990000", Aud(1_000.00m), date, freight: Aud(50m)));
        Assert.Equal(LandedCostRegime.BelowDutyDeMinimis | LandedCostRegime.BelowTaxDeMinimis, at.Regime);
        Assert.Equal(Aud(0m), at.Total);
        var above = Price(Line("au2", "AU", "CN", "6403990000", Aud(1_000.01m), date, freight: Aud(50m)));
        Assert.Equal(LandedCostRegime.Standard, above.Regime);
        Assert.Equal(Aud(50.00m), above.Duty); // 5% × A$1,000.01 (FOB) = A$50.0005
        Assert.Equal(Aud(110.00m), above.Vat); // 10% × VoTI (1,000.01 + 50.00 + T&I 50.00) = A$110.001
    }

    [Fact]
    public void Australia_low_value_goods_gst_at_sale_and_refused_above_the_ceiling()
    {
        var date = new DateOnly(2024, 6, 3);
        var within = Price(Line("au3", "AU", "CN", "6403990000", Aud(1_000.00m), date, freight: Aud(20m), scheme: PointOfSaleScheme.AuLvg));
        Assert.True(within.Regime.HasFlag(LandedCostRegime.PointOfSaleVat));
        Assert.Equal(Aud(102.00m), within.Vat); // GST at sale on A$1,020.00
        Assert.Equal(Aud(0m), within.Duty);
        var above = Price(Line("au4", "AU", "CN", "6403990000", Aud(1_000.01m), date, freight: Aud(20m), scheme: PointOfSaleScheme.AuLvg));
        Assert.Equal(LandedCostRegime.SchemeNotApplicable, above.Regime);
        Assert.Equal(Aud(50.00m), above.Duty);
        Assert.Equal(Aud(107.00m), above.Vat); // 10% × (1,000.01 + 50.00 + 20.00) = A$107.001
    }

    // ------------------------------------------------------------------ Japan: ¥10,000 (Customs Tariff Act Art. 14(18))

    [Fact]
    public void Japan_10000_yen_is_relieved_and_one_yen_more_is_not()
    {
        var date = new DateOnly(2024, 6, 3);
        var at = Price(Line("jp1", "JP", "CN", "6109100000", Jpy(10_000m), date));
        Assert.Equal(LandedCostRegime.BelowDutyDeMinimis | LandedCostRegime.BelowTaxDeMinimis, at.Regime);
        Assert.Equal(Jpy(0m), at.Total);
        // ¥10,001: duty base ¥10,000 × 10.9% = ¥1,090 → ¥1,000; tax base ¥11,001 → ¥11,000 × 7.8% = ¥858 → ¥800;
        // local 22/78 × ¥800 = ¥225.6 → ¥200. Consumption tax ¥1,000.
        var above = Price(Line("jp2", "JP", "CN", "6109100000", Jpy(10_001m), date));
        Assert.Equal(LandedCostRegime.Standard, above.Regime);
        Assert.Equal(Jpy(1_000m), above.Duty);
        Assert.Equal(Jpy(1_000m), above.Vat);
    }

    [Fact]
    public void Japan_threshold_is_on_the_cif_taxable_value()
    {
        // Art. 14(18) relieves goods whose total taxable value (課税価格, the CIF customs value) is ¥10,000 or less:
        // ¥9,000 of goods + ¥2,000 freight is ¥11,000 CIF, not relieved. Duty base ¥11,000 × 10.9% = ¥1,199 → ¥1,100;
        // tax base ¥12,100 → ¥12,000 × 7.8% = ¥936 → ¥900; local 22/78 × ¥900 = ¥253.8 → ¥200.
        var cost = Price(Line("jp3", "JP", "CN", "6109100000", Jpy(9_000m), new DateOnly(2024, 6, 3), freight: Jpy(2_000m)));
        Assert.Equal(LandedCostRegime.Standard, cost.Regime);
        Assert.Equal(Jpy(11_000m), cost.CustomsValue);
        Assert.Equal(Jpy(1_100m), cost.Duty);
        Assert.Equal(Jpy(1_100m), cost.Vat);
        // ¥8,000 + ¥2,000 = ¥10,000 CIF: relieved.
        var at = Price(Line("jp4", "JP", "CN", "6109100000", Jpy(8_000m), new DateOnly(2024, 6, 3), freight: Jpy(2_000m)));
        Assert.Equal(LandedCostRegime.BelowDutyDeMinimis | LandedCostRegime.BelowTaxDeMinimis, at.Regime);
    }

    // ------------------------------------------------------------------ Switzerland: import VAT of CHF 5 or less

    [Fact]
    public void Switzerland_does_not_collect_import_vat_of_5_francs_or_less()
    {
        var date = new DateOnly(2024, 6, 3);
        // 8.1% × CHF 61.79 = CHF 5.00499 → CHF 5.00: not collected.
        var at = Price(Line("ch1", "CH", "CN", "6403990000", Chf(61.79m), date));
        Assert.Equal(LandedCostRegime.TaxNotCollected, at.Regime);
        Assert.Equal(Chf(0m), at.Vat);
        Assert.Equal(Chf(0m), at.Total);
        // 8.1% × CHF 61.80 = CHF 5.0058 → CHF 5.01: collected.
        var above = Price(Line("ch2", "CH", "CN", "6403990000", Chf(61.80m), date));
        Assert.Equal(LandedCostRegime.Standard, above.Regime);
        Assert.Equal(Chf(5.01m), above.Vat);
    }

    [Fact]
    public void Switzerland_waiver_is_on_the_consignment_total()
    {
        // Two lines of CHF 40: CHF 3.24 each, CHF 6.48 together: collected.
        var date = new DateOnly(2024, 6, 3);
        var costs = Price(
            Line("ch3", "CH", "CN", "6403990000", Chf(40m), date, line: 1),
            Line("ch3", "CH", "CN", "6403990000", Chf(40m), date, line: 2));
        Assert.All(costs, c => Assert.Equal(Chf(3.24m), c.Vat));
    }

    // ------------------------------------------------------------------ Norway: VOEC, below NOK 3,000 per item

    [Fact]
    public void Norway_voec_applies_below_3000_kroner_per_item()
    {
        var date = new DateOnly(2024, 6, 3);
        var below = Price(Line("no1", "NO", "CN", "6403990000", Nok(2_999.99m), date, scheme: PointOfSaleScheme.Voec));
        Assert.Equal(LandedCostRegime.PointOfSaleVat, below.Regime);
        Assert.Equal(Nok(750.00m), below.Vat); // VAT at sale, 25% × NOK 2,999.99 = NOK 749.9975

        // At NOK 3,000.00 the item is not below the ceiling: import VAT at the border.
        var at = Price(Line("no2", "NO", "CN", "6403990000", Nok(3_000.00m), date, freight: Nok(100m), scheme: PointOfSaleScheme.Voec));
        Assert.Equal(LandedCostRegime.SchemeNotApplicable, at.Regime);
        Assert.Equal(Nok(775.00m), at.Vat); // 25% × CV NOK 3,100.00

        // The ceiling is per item, not per consignment: two items of NOK 2,000 stay under VOEC.
        var two = Price(
            Line("no3", "NO", "CN", "6403990000", Nok(2_000m), date, scheme: PointOfSaleScheme.Voec, line: 1),
            Line("no3", "NO", "CN", "6403990000", Nok(2_000m), date, scheme: PointOfSaleScheme.Voec, line: 2));
        Assert.All(two, c => Assert.Equal(LandedCostRegime.PointOfSaleVat, c.Regime));
        Assert.All(two, c => Assert.Equal(Nok(500.00m), c.Vat));
    }

    [Theory]
    [InlineData(3, true)]   // three items of NOK 2,000
    [InlineData(2, false)]  // two items of NOK 3,000: not below
    [InlineData(1, false)]
    [InlineData(0, false)]  // no item count: the line is one item
    public void Norway_voec_ceiling_is_per_item_within_a_line(int items, bool voec)
    {
        // Merverdiavgiftsloven § 3-30: the NOK 3,000 limit is per item, not per line or consignment. A line of
        // NOK 6,000 for several identical items is several items of NOK 6,000 / count.
        var quantities = items == 0 ? DutyQuantities.None : DutyQuantities.None.With(QuantityKind.Items, items);
        var cost = Price(Line("no4", "NO", "CN", "6403990000", Nok(6_000m), new DateOnly(2024, 6, 3), scheme: PointOfSaleScheme.Voec, quantities: quantities));
        Assert.Equal(voec ? LandedCostRegime.PointOfSaleVat : LandedCostRegime.SchemeNotApplicable, cost.Regime);
        Assert.Equal(Nok(1_500.00m), cost.Vat); // 25% × NOK 6,000, at the sale or at import
    }
}
