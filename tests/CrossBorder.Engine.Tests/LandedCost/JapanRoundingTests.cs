using CrossBorder.Engine.LandedCost;
using Xunit.Abstractions;
using static CrossBorder.Engine.Tests.LandedCost.LandedCostKit;

namespace CrossBorder.Engine.Tests.LandedCost;

/// <summary>
/// Japan: duty and tax bases truncated to ¥1,000 (Act on General Rules for National Taxes Art. 118), amounts to ¥100
/// (Art. 119), consumption tax 7.8% national + local consumption tax of 22/78 of the national tax. Expectations are
/// computed by hand in the comments.
/// </summary>
public class JapanRoundingTests(ITestOutputHelper output)
{
    private const string Tariff = """
        JP,610910,*,mfn,10.9%,,,Customs Tariff 6109.10 (WTO rate)
        JP,420221,*,mfn,14%,,,rate of Customs Answer 1111 item A
        JP,210690,*,mfn,14%,,,rate of Customs Answer 1111 item B
        JP,392690,*,mfn,0.8%,,,low rate for the ¥100 truncation
        JP,*,*,vat,7.8%,2019-10-01,,Consumption Tax Act Art. 29 (standard national rate)
        JP,210690,*,vat,6.24%,2019-10-01,,Consumption Tax Act Art. 29 (reduced national rate, food)
        """;

    private static readonly LandedCostCalculator Calc = Calculator(Tariff);
    private static readonly DateOnly Date = new(2024, 6, 3);

    private LineCost[] Price(params ShipmentLine[] lines)
    {
        output.WriteLine(Calc.Explain(lines));
        return Calc.Price(lines);
    }

    [Fact]
    public void Bases_are_truncated_to_1000_yen_and_amounts_to_100_yen()
    {
        // CIF ¥123,456 (¥120,000 + freight ¥3,000 + insurance ¥456).
        // Duty: base ¥123,000 × 10.9% = ¥13,407 → ¥13,400.
        // Consumption tax: base ¥123,456 + ¥13,400 = ¥136,856 → ¥136,000 × 7.8% = ¥10,608 → ¥10,600.
        // Local consumption tax: ¥10,600 × 22/78 = ¥2,989.7 → ¥2,900.
        var cost = Price(Line("jp", "JP", "CN", "6109100000", Jpy(120_000m), Date, freight: Jpy(3_000m), insurance: Jpy(456m)))[0];
        Assert.Equal(Jpy(123_456m), cost.CustomsValue);
        Assert.Equal(Jpy(13_400m), cost.Duty);
        Assert.Equal(Jpy(10_600m + 2_900m), cost.Vat);
        Assert.Equal(Jpy(26_900m), cost.Total);
    }

    [Fact]
    public void A_duty_under_100_yen_is_not_collected()
    {
        // CIF ¥12,999: duty base ¥12,000 × 0.8% = ¥96 → ¥0. Tax base ¥12,999 → ¥12,000 × 7.8% = ¥936 → ¥900; local
        // ¥900 × 22/78 = ¥253.8 → ¥200.
        var cost = Price(Line("jp", "JP", "CN", "3926909000", Jpy(12_999m), Date))[0];
        Assert.Equal(Jpy(0m), cost.Duty);
        Assert.Equal(Jpy(1_100m), cost.Vat);
    }

    [Fact]
    public void Customs_answer_1111_item_a_alone()
    {
        // Japan Customs, Customs Answer 1111 "Calculation Method of Amount of Tariff Duty, Consumption Tax, etc",
        // item A: CIF ¥534,795, 14%: ¥534,000 × 0.14 = ¥74,760 → ¥74,700. Tax base ¥534,795 + ¥74,700 = ¥609,495 →
        // ¥609,000 × 7.8% = ¥47,502 → ¥47,500. Local ¥47,500 × 22/78 = ¥13,397 → ¥13,300 (alone on a declaration).
        var cost = Price(Line("a", "JP", "CN", "4202210000", Jpy(534_795m), Date))[0];
        Assert.Equal(Jpy(74_700m), cost.Duty);
        Assert.Equal(Jpy(47_500m + 13_300m), cost.Vat);
    }

    [Fact]
    public void Customs_answer_1111_item_b_alone_at_the_reduced_rate()
    {
        // Item B: CIF ¥126,258, 14%: ¥126,000 × 0.14 = ¥17,640 → ¥17,600. Tax base ¥126,258 + ¥17,600 = ¥143,858 →
        // ¥143,000 × 6.24% = ¥8,923 → ¥8,900. Local ¥8,900 × 22/78 = ¥2,510 → ¥2,500 (alone on a declaration).
        var cost = Price(Line("b", "JP", "CN", "2106909900", Jpy(126_258m), Date))[0];
        Assert.Equal(Jpy(17_600m), cost.Duty);
        Assert.Equal(Jpy(8_900m + 2_500m), cost.Vat);
    }

    [Fact]
    public void Customs_answer_1111_two_items_on_one_declaration_round_the_declaration_totals()
    {
        // Customs Answer 1111 (customs.go.jp/english/c-answer_e/imtsukan/1111_e.htm): the amounts of the items are
        // added before the ¥100 truncation of the declaration's amounts:
        //   duty ¥74,760 + ¥17,640 = ¥92,400 → ¥92,400 (not ¥74,700 + ¥17,600 = ¥92,300);
        //   consumption tax ¥47,502 + ¥8,923 = ¥56,425 → ¥56,400;
        //   local consumption tax ¥13,397 + ¥2,510 = ¥15,907 → ¥15,900 (not ¥13,300 + ¥2,500 = ¥15,800).
        var costs = Price(
            Line("ab", "JP", "CN", "4202210000", Jpy(534_795m), Date, line: 1),
            Line("ab", "JP", "CN", "2106909900", Jpy(126_258m), Date, line: 2));
        var total = LandedCostCalculator.Total(costs);
        Assert.Equal(LineCostStatus.Ok, total.Status);
        Assert.Equal(Jpy(92_400m), total.Duty);
        Assert.Equal(Jpy(56_400m + 15_900m), total.Vat);
        Assert.Equal(Jpy(92_400m + 72_300m), total.Total);
        // Each item keeps its own duty before the truncation (¥74,760 and ¥17,640), so the lines add up to the total.
        Assert.Equal(Jpy(74_760m), costs[0].Duty);
        Assert.Equal(Jpy(17_640m), costs[1].Duty);
        Assert.All(costs, c => Assert.Equal(c.Duty + c.Vat + c.Fees, c.Total));
    }
}
