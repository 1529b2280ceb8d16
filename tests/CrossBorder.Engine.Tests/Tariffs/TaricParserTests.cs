using CrossBorder.Engine.Fx;
using CrossBorder.Engine.Tariffs;
using static CrossBorder.Engine.Tests.Tariffs.TariffTestData;

namespace CrossBorder.Engine.Tests.Tariffs;

public class TaricParserTests
{
    [Theory]
    [InlineData("12.00 % + 147.00 GBP / 100 kg")]
    [InlineData("12.00% + 147.00 GBP/100kg")]
    [InlineData("12%+147 GBP/100 kg")]
    public void Ad_valorem_plus_specific_in_any_spacing(string text)
    {
        var expression = DutyExpressionParser.ParseTaric(text);
        // 12% of £5,000 = £600; 147 × 2,000 kg / 100 = £2,940.
        Assert.Equal(Gbp(3_540.00m), expression.Duty(Gbp(5_000m), Quantities((QuantityKind.NetMass, 2_000m))));
        Assert.Equal("12% + 147 GBP/100 kg", expression.ToString());
        Assert.Equal(DutyExpressionSyntax.Taric, expression.Syntax);
    }

    [Fact]
    public void Per_hectolitre()
    {
        // 26 × 45 hl = £1,170.
        var expression = DutyExpressionParser.ParseTaric("26.00 GBP / hl");
        Assert.Equal(Gbp(1_170.00m), expression.Duty(Gbp(1m), Quantities((QuantityKind.Litres, 4_500m))));
    }

    [Theory]
    [InlineData("43.00 GBP / 1000 items")]
    [InlineData("43.00 GBP/1000 items")]
    [InlineData("43.00 GBP / 1,000 items")]
    public void Per_thousand_items(string text)
    {
        // 43 × 2,500 / 1,000 = £107.50.
        Assert.Equal(Gbp(107.50m), DutyExpressionParser.ParseTaric(text).Duty(Gbp(1m), Quantities((QuantityKind.Items, 2_500m))));
    }

    [Fact]
    public void Zero_percent_is_an_explicit_zero()
    {
        var expression = DutyExpressionParser.ParseTaric("0.0%");
        Assert.Equal(Gbp(0m), expression.Duty(Gbp(1_234.56m)));
        Assert.False(expression.IsFree);
    }

    [Theory]
    [InlineData(100, 11.00)]   // 8.30 < 11.00: the minimum applies
    [InlineData(400, 33.20)]   // between the bounds
    [InlineData(1000, 50.00)]  // 83.00 > 50.00: the maximum applies
    public void Minimum_and_maximum_per_100_kg(int value, decimal expected)
    {
        var expression = DutyExpressionParser.ParseTaric("8.30 % MIN 1.10 EUR / 100 kg MAX 5.00 EUR / 100 kg");
        Assert.Equal(Eur(expected), expression.Duty(Eur(value), Quantities((QuantityKind.NetMass, 1_000m))));
    }

    [Fact]
    public void A_specific_rate_in_euros_converts_exactly_into_pounds_and_rounds_once()
    {
        // The EU CET in a GBP declaration, with the ECB rate of 22 May 2024 (GBP 0.85165 per EUR, worked example W15).
        var expression = DutyExpressionParser.ParseTaric("8.30 % MIN 1.10 EUR / 100 kg MAX 5.00 EUR / 100 kg");
        ExchangeRate[] rates = [ExchangeRate.FromDecimal(Currency.EUR, Currency.GBP, 0.85165m)];
        var context = new DutyContext(Gbp(100m), Quantities((QuantityKind.NetMass, 1_000m))) { Rates = rates };
        // 8.30% of £100 = £8.30 < 11 EUR × 0.85165 = £9.36815: the minimum, rounded once.
        Assert.Equal("9.36815 GBP", expression.EvaluateExact(context).ToString());
        Assert.Equal(Gbp(9.37m), expression.Evaluate(context, RoundingMode.HalfEven));
        // The inverse rate (EUR per GBP) works as well, exactly.
        ExchangeRate[] inverse = [rates[0].Inverse()];
        var viaInverse = new DutyContext(Gbp(100m), Quantities((QuantityKind.NetMass, 1_000m))) { Rates = inverse };
        Assert.Equal(expression.EvaluateExact(context), expression.EvaluateExact(viaInverse));
    }

    [Fact]
    public void A_missing_exchange_rate_is_an_error_naming_the_currency()
    {
        var expression = DutyExpressionParser.ParseTaric("1.10 EUR / 100 kg");
        var ok = expression.TryEvaluate(new DutyContext(Gbp(100m), Quantities((QuantityKind.NetMass, 1_000m))), RoundingMode.HalfEven, out _, out var error);
        Assert.False(ok);
        Assert.Equal(DutyEvaluationErrorKind.MissingExchangeRate, error.Kind);
        Assert.Equal(Currency.EUR, error.Currency);
        Assert.Contains("EUR", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(50, 140.00)]  // 9% × 1,000 + 50 = 140 < 18.7% × 1,000 + 20 = 207
    [InlineData(150, 207.00)] // 90 + 150 = 240 > 207: the maximum, itself a sum
    public void Agricultural_components_are_supplied_by_the_caller(int ea, decimal expected)
    {
        var expression = DutyExpressionParser.ParseTaric("9.00% +  EA MAX 18.70%  + ADSZ");
        DutyInput[] inputs = [DutyInput.AgriculturalComponent("EA", Eur(ea)), DutyInput.AgriculturalComponent("ADSZ", Eur(20m))];
        var context = new DutyContext(Eur(1_000m), DutyQuantities.None) { Inputs = inputs };
        Assert.Equal(Eur(expected), expression.Evaluate(context, RoundingMode.HalfEven));
        Assert.Contains(new DutyRequirement(DutyRequirementKind.AgriculturalComponent, name: "EA"), expression.Requirements);
        Assert.Contains(new DutyRequirement(DutyRequirementKind.AgriculturalComponent, name: "ADSZ"), expression.Requirements);
    }

    [Theory]
    [InlineData("EA")]
    [InlineData("ADSZ")]
    public void A_missing_agricultural_component_is_an_error_naming_it_never_zero(string missing)
    {
        var expression = DutyExpressionParser.ParseTaric("9.00% +  EA MAX 18.70%  + ADSZ");
        DutyInput[] inputs = missing == "EA"
            ? [DutyInput.AgriculturalComponent("ADSZ", Eur(20m))]
            : [DutyInput.AgriculturalComponent("EA", Eur(20m))];
        var context = new DutyContext(Eur(1_000m), DutyQuantities.None) { Inputs = inputs };
        Assert.False(expression.TryEvaluate(context, RoundingMode.HalfEven, out var duty, out var error));
        Assert.Equal(default, duty);
        Assert.Equal(DutyEvaluationErrorKind.MissingAgriculturalComponent, error.Kind);
        Assert.Equal(missing, error.Name);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        var thrown = Assert.Throws<DutyEvaluationException>(() => expression.Evaluate(new DutyContext(Eur(1_000m), DutyQuantities.None) { Inputs = inputs }, RoundingMode.HalfEven));
        Assert.Equal(missing, thrown.Error.Name);
    }

    [Theory]
    [InlineData("EAR")]
    [InlineData("ADSZR")]
    [InlineData("ADFM")]
    [InlineData("ADFMR")]
    public void Every_component_name_parses(string component)
    {
        var expression = DutyExpressionParser.ParseTaric($"9.00% + {component}");
        Assert.Equal(component, expression.Nodes[1].Name);
        Assert.Equal(DutyNodeKind.AgriculturalComponent, expression.Nodes[1].Kind);
    }

    [Fact]
    public void Entry_price_is_a_component_the_caller_supplies()
    {
        var expression = DutyExpressionParser.ParseTaric("Entry Price");
        Assert.False(expression.TryEvaluate(new DutyContext(Eur(1m), DutyQuantities.None), RoundingMode.HalfEven, out _, out var error));
        Assert.Equal("Entry Price", error.Name);
    }

    [Fact]
    public void Specific_units_with_qualifiers()
    {
        // 0.07 EUR / kg / dry lactic matter + 16.80 EUR / 100 kg: 0.07 × 300 + 16.80 × 10 = 21 + 168 = €189.
        var expression = DutyExpressionParser.ParseTaric("0.07 EUR / kg / dry lactic matter + 16.80 EUR / 100 kg");
        var line = Quantities((QuantityKind.DryLacticMatterMass, 300m), (QuantityKind.NetMass, 1_000m));
        Assert.Equal(Eur(189.00m), expression.Duty(Eur(1m), line));
        // 8.00% + 3.10 GBP/100kg eda: drained weight.
        var drained = DutyExpressionParser.ParseTaric("8.00% + 3.10 GBP/100kg eda");
        Assert.Equal(QuantityKind.DrainedNetMass, drained.Nodes[1].Unit.Quantity);
        // 3.80% MIN 0.60 EUR / 100 kg / gross: gross mass.
        Assert.Equal(QuantityKind.GrossMass, DutyExpressionParser.ParseTaric("3.80% MIN 0.60 EUR / 100 kg / gross").Nodes[1].Unit.Quantity);
        // 44.00 EUR / tonne: 44 × 2.5 t = €110.
        Assert.Equal(Eur(110m), DutyExpressionParser.ParseTaric("44.00 EUR / tonne").Duty(Eur(1m), Quantities((QuantityKind.NetMass, 2_500m))));
    }

    [Fact]
    public void A_bare_number_is_read_as_a_percentage_with_a_remark()
    {
        var expression = DutyExpressionParser.ParseTaric("6.4 + 24.6 EUR/100 kg");
        Assert.Equal(Rate.Percent(6.4m), expression.Nodes[0].Rate);
        Assert.Contains("6.4", expression.Remarks, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2021, 1, 10, 150.00)]  // 15% from 1 January to 14 February
    [InlineData(2021, 3, 1, 0.00)]     // 0% from 15 February to 15 June
    [InlineData(2021, 6, 15, 0.00)]
    [InlineData(2021, 6, 16, 150.00)]
    [InlineData(2024, 2, 29, 0.00)]    // a leap day falls inside 15 FEB - 15 JUN
    public void Seasonal_rates_pick_the_window_of_the_date(int year, int month, int day, decimal expected)
    {
        var expression = DutyExpressionParser.ParseTaric("15.00% (01 JAN-14 FEB, 16 JUN-31 DEC), 0.00% (15 FEB-15 JUN)");
        Assert.True(expression.IsSeasonal);
        var context = new DutyContext(Eur(1_000m), DutyQuantities.None) { Date = new DateOnly(year, month, day) };
        Assert.Equal(Eur(expected), expression.Evaluate(context, RoundingMode.HalfEven));
    }

    [Fact]
    public void Seasonal_rates_wrap_over_the_year_end_and_have_an_otherwise()
    {
        var wrap = DutyExpressionParser.ParseTaric("12.00% (16 JUL - 15 JUN), 6.00% (16 JUN - 15 JUL)");
        Assert.Equal(Eur(120m), wrap.Evaluate(new DutyContext(Eur(1_000m), DutyQuantities.None) { Date = new DateOnly(2021, 1, 1) }, RoundingMode.HalfEven));
        Assert.Equal(Eur(60m), wrap.Evaluate(new DutyContext(Eur(1_000m), DutyQuantities.None) { Date = new DateOnly(2021, 7, 1) }, RoundingMode.HalfEven));

        var otherwise = DutyExpressionParser.ParseTaric("9.60% MIN 1.1\u00a0€/100\u00a0kg/net (01 JAN-14 APR, 1 DEC-31 DEC), 13.60% MIN 1.6€/100kg/net");
        var line = Quantities((QuantityKind.NetMass, 100m));
        Assert.Equal(Eur(96.00m), otherwise.Evaluate(new DutyContext(Eur(1_000m), line) { Date = new DateOnly(2021, 12, 24) }, RoundingMode.HalfEven));
        Assert.Equal(Eur(136.00m), otherwise.Evaluate(new DutyContext(Eur(1_000m), line) { Date = new DateOnly(2021, 5, 1) }, RoundingMode.HalfEven));
    }

    [Fact]
    public void A_seasonal_rate_needs_a_date_and_a_gap_is_an_error()
    {
        var expression = DutyExpressionParser.ParseTaric("4.00% (01 JAN-31 MAR, 01-31 DEC), 5.10% (01 JUN-30 NOV)");
        Assert.False(expression.TryEvaluate(new DutyContext(Eur(1m), DutyQuantities.None), RoundingMode.HalfEven, out _, out var noDate));
        Assert.Equal(DutyEvaluationErrorKind.MissingDate, noDate.Kind);
        // April and May are in no window.
        var april = new DutyContext(Eur(1m), DutyQuantities.None) { Date = new DateOnly(2021, 4, 20) };
        Assert.False(expression.TryEvaluate(april, RoundingMode.HalfEven, out _, out var gap));
        Assert.Equal(DutyEvaluationErrorKind.NoRateForDate, gap.Kind);
        Assert.Equal(new DateOnly(2021, 4, 20), gap.Date);
    }

    [Theory]
    [InlineData("", 0, "empty")]
    [InlineData("12.00% + 147.00 GBP / 100 stones", 22, "unknown unit '100 stones'")]
    [InlineData("12.00% + 147.00 ABC / 100 kg", 16, "unknown currency 'ABC'")]
    [InlineData("12.00% +", 8, "expected a percentage")]
    [InlineData("12.00% ++ 3%", 8, "expected a percentage")]
    [InlineData("12.00% (01 JAN-31 XYZ)", 18, "unknown month 'XYZ'")]
    [InlineData("12.00% (32 JAN-31 DEC)", 8, "1 to 31")]
    [InlineData("12.00%, 3.00%", 0, "two alternatives without a season")]
    public void Errors_name_the_text_the_position_and_the_reason(string text, int position, string reason)
    {
        Assert.False(DutyExpressionParser.TryParseTaric(text, out var expression, out var error));
        Assert.Null(expression);
        Assert.Equal(text, error.Text);
        Assert.Equal(position, error.Position);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        var thrown = Assert.Throws<DutyExpressionFormatException>(() => DutyExpressionParser.ParseTaric(text));
        Assert.Contains($"position {position}", thrown.Message, StringComparison.Ordinal);
        Assert.Contains(text, thrown.Message, StringComparison.Ordinal);
    }
}
