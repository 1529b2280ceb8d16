using CrossBorder.Engine.Tariffs;
using static CrossBorder.Engine.Tests.Tariffs.TariffTestData;

namespace CrossBorder.Engine.Tests.Tariffs;

/// <summary>
/// UK worked examples of trade-tariff/trade-tariff-duty-calculator (MIT), as quoted in
/// ../shared/examples/worked-duty-examples.md (W2, W5, W7, W8, W9).
/// </summary>
public class UkWorkedExampleTests
{
    [Fact]
    public void W2_ad_valorem_on_the_cif_value()
    {
        // spec/services/expression_evaluators/ad_valorem_spec.rb: CV £30 (10 + 10 + 10), 8.00% → £2.40.
        var duty = DutyExpressionParser.ParseTaric("8.00%").Duty(Gbp(30.00m));
        Assert.Equal(Gbp(2.40m), duty);
    }

    [Fact]
    public void W5_specific_duty_per_100_kg()
    {
        // measure_unit_spec.rb: 35.10 GBP / 100 kg on 100 units of "x 100 kg" (10,000 kg) → £3,510.00.
        var expression = DutyExpressionParser.ParseTaric("35.10 GBP / 100 kg");
        Assert.Equal(Gbp(3_510.00m), expression.Duty(Gbp(1m), Quantities((QuantityKind.NetMass, 10_000m))));
        // ... and entered as 100 kg (1 × 100 kg) → £35.10.
        Assert.Equal(Gbp(35.10m), expression.Duty(Gbp(1m), Quantities((QuantityKind.NetMass, 100m))));
    }

    [Fact]
    public void W7_sugar_per_100_kg_per_percent_sucrose()
    {
        // sucrose_measure_unit_spec.rb: 0.30 GBP / 100 kg/net/%sacchar.; 16,320 kg (163.2 × 100 kg); Brix 80
        // → 0.30 × 163.2 × 80 = £3,916.80.
        var expression = DutyExpressionParser.ParseTaric("0.30 GBP / 100 kg/net/%sacchar.");
        var line = Quantities((QuantityKind.NetMass, 16_320m), (QuantityKind.Sucrose, 80m));
        Assert.Equal(Gbp(3_916.80m), expression.Duty(Gbp(1m), line, RoundingMode.Unnecessary));
    }

    [Fact]
    public void W8_excise_ad_valorem_on_the_retail_price()
    {
        // retail_price_spec.rb: excise 16.50% of the recommended retail price £1,000 (unit RET) → £165.00, whatever
        // the customs value.
        var expression = DutyExpressionParser.ParseTaric("16.50 % RET");
        DutyInput[] inputs = [DutyInput.ValueBasis(DutyInput.RetailPrice, Gbp(1_000m))];
        var context = new DutyContext(Gbp(400m), DutyQuantities.None) { Inputs = inputs };
        Assert.Equal(Gbp(165.00m), expression.Evaluate(context, RoundingMode.HalfUp));
        Assert.Equal([new DutyRequirement(DutyRequirementKind.ValueBasis, name: DutyInput.RetailPrice)], expression.Requirements);
        // With the specific part of the tobacco rate, and spelled out.
        var cigarettes = DutyExpressionParser.ParseTaric("16.50 % retail price + 294.72 GBP / 1000 p/st");
        var withSticks = new DutyContext(Gbp(400m), Quantities((QuantityKind.Items, 1_000m))) { Inputs = inputs };
        Assert.Equal(Gbp(459.72m), cigarettes.Evaluate(withSticks, RoundingMode.HalfUp));
    }

    [Fact]
    public void W8_without_a_retail_price_is_an_error_naming_it_never_zero()
    {
        var expression = DutyExpressionParser.ParseTaric("16.50 % RET");
        Assert.False(expression.TryEvaluate(new DutyContext(Gbp(400m), DutyQuantities.None), RoundingMode.HalfUp, out _, out var error));
        Assert.Equal(DutyEvaluationErrorKind.MissingValueBasis, error.Kind);
        Assert.Contains("retail price", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void W9_alcohol_per_percent_vol_per_hectolitre()
    {
        // alcohol_volume_measure_unit_spec.rb: 0.50 GBP / %vol/hl; ABV 40; 45 hl → 0.50 × 40 × 45 = £900.00.
        var expression = DutyExpressionParser.ParseTaric("0.50 GBP / % vol/hl");
        var line = Quantities((QuantityKind.Litres, 4_500m), (QuantityKind.AlcoholByVolume, 40m));
        Assert.Equal(Gbp(900.00m), expression.Duty(Gbp(1m), line, RoundingMode.Unnecessary));
        // Entered as 45 litres → £9.00.
        Assert.Equal(Gbp(9.00m), expression.Duty(Gbp(1m), Quantities((QuantityKind.Litres, 45m), (QuantityKind.AlcoholByVolume, 40m))));
    }

    [Fact]
    public void W9_the_alcohol_evaluator_floors_to_pennies()
    {
        // formatted_value(2.789) → £2.78: the same exact amount rounds once, with the caller's mode.
        var expression = DutyExpressionParser.ParseTaric("0.50 GBP / % vol/hl");
        // 13.945 litres at 40 %vol: 0.50 × 13.945 × 40 / 100 = £2.789 exactly.
        var line = Quantities((QuantityKind.Litres, 13.945m), (QuantityKind.AlcoholByVolume, 40m));
        var exact = expression.Exact(Gbp(1m), line);
        Assert.Equal("2.789 GBP", exact.ToString());
        Assert.Equal(Gbp(2.78m), exact.Round(RoundingMode.Floor));
        Assert.Equal(Gbp(2.79m), exact.Round(RoundingMode.HalfEven));
    }
}
