using CrossBorder.Engine.Tariffs;
using static CrossBorder.Engine.Tests.Tariffs.TariffTestData;

namespace CrossBorder.Engine.Tests.Tariffs;

/// <summary>HTS rate texts as printed in the USITC HTS 2024 Basic Edition, with hand-computed duties.</summary>
public class UsParserTests
{
    [Fact]
    public void Free_is_an_explicit_zero()
    {
        var expression = DutyExpressionParser.ParseUs("Free");
        Assert.True(expression.IsFree);
        Assert.Equal(Usd(0m), expression.Duty(Usd(12_345.67m)));
        Assert.Empty(expression.Requirements);
    }

    [Fact]
    public void Ad_valorem()
    {
        // 6.8% of $1,000 = $68.00.
        Assert.Equal(Usd(68.00m), DutyExpressionParser.ParseUs("6.8%").Duty(Usd(1_000m)));
    }

    [Fact]
    public void Cents_per_kilogram_are_us_minor_units()
    {
        // 2.4¢ × 1,250 kg = 3,000¢ = $30.00.
        var expression = DutyExpressionParser.ParseUs("2.4¢/kg");
        Assert.Equal(Usd(30.00m), expression.Duty(Usd(1m), Quantities((QuantityKind.NetMass, 1_250m))));
        Assert.Equal(Rate.FromRatio(12, 5), expression.Nodes[0].Rate); // 2.4 cents
        Assert.Equal(Currency.USD, expression.Nodes[0].Currency);
    }

    [Fact]
    public void Dollars_per_kilogram_keep_the_sub_cent_digit_until_the_end()
    {
        var expression = DutyExpressionParser.ParseUs("$1.035/kg");
        Assert.Equal(Rate.FromRatio(207, 2), expression.Nodes[0].Rate); // 103.5 cents
        Assert.Equal(Usd(10.35m), expression.Duty(Usd(1m), Quantities((QuantityKind.NetMass, 10m))));
        // 3 kg: 310.5¢ exactly, rounded once.
        var exact = expression.Exact(Usd(1m), Quantities((QuantityKind.NetMass, 3m)));
        Assert.Equal("3.105 USD", exact.ToString());
        Assert.Equal(Usd(3.10m), exact.Round(RoundingMode.HalfEven));
        Assert.Equal(Usd(3.11m), exact.Round(RoundingMode.HalfUp));
        Assert.Throws<ArithmeticException>(() => exact.Round(RoundingMode.Unnecessary));
    }

    [Fact]
    public void Compound_specific_plus_ad_valorem()
    {
        // 37.5¢ × 100 kg = $37.50; 14.9% × $500 = $74.50.
        var expression = DutyExpressionParser.ParseUs("37.5¢/kg + 14.9%");
        Assert.Equal(Usd(112.00m), expression.Duty(Usd(500m), Quantities((QuantityKind.NetMass, 100m))));
        Assert.Equal([DutyNodeKind.Specific, DutyNodeKind.AdValorem, DutyNodeKind.Add], expression.Nodes.ToArray().Select(n => n.Kind));
    }

    [Fact]
    public void Each_and_per_head()
    {
        // 0.9¢ × 1,000 chicks = $9.00; $3 × 12 head = $36.00.
        Assert.Equal(Usd(9.00m), DutyExpressionParser.ParseUs("0.9¢ each").Duty(Usd(1m), Quantities((QuantityKind.Items, 1_000m))));
        Assert.Equal(Usd(36.00m), DutyExpressionParser.ParseUs("$3/head").Duty(Usd(1m), Quantities((QuantityKind.Items, 12m))));
    }

    [Fact]
    public void Each_plus_ad_valorem_plus_per_jewel()
    {
        // 100 movements, 1,700 jewels, $2,000: 45¢ × 100 + 7% × 2,000 + 2.5¢ × 1,700 = 45 + 140 + 42.50 = $227.50.
        var expression = DutyExpressionParser.ParseUs("45¢ each + 7% + 2.5¢/jewel");
        var line = Quantities((QuantityKind.Items, 100m), (QuantityKind.Jewels, 1_700m));
        Assert.Equal(Usd(227.50m), expression.Duty(Usd(2_000m), line, RoundingMode.Unnecessary));
    }

    [Fact]
    public void Per_dozen()
    {
        // 240 items = 20 dozen: 15¢ × 20 = $3.00; 3.4% × $300 = $10.20.
        var expression = DutyExpressionParser.ParseUs("15¢/doz. + 3.4%");
        Assert.Equal(Usd(13.20m), expression.Duty(Usd(300m), Quantities((QuantityKind.Items, 240m))));
    }

    [Fact]
    public void Column_2_per_pair_plus_ad_valorem()
    {
        // 6402.19.50 column 2: $1.58 × 50 pairs + 66% × $400 = 79 + 264 = $343.00.
        var expression = DutyExpressionParser.ParseUs("$1.58/pr. + 66%");
        Assert.Equal(Usd(343.00m), expression.Duty(Usd(400m), Quantities((QuantityKind.Pairs, 50m))));
    }

    [Fact]
    public void Mixed_fraction_percentages_are_exact()
    {
        var expression = DutyExpressionParser.ParseUs("33 1/3%");
        Assert.Equal(Rate.FromRatio(1, 3), expression.Nodes[0].Rate);
        Assert.Equal(Usd(100.00m), expression.Duty(Usd(300m)));
        Assert.Equal(Usd(33.33m), expression.Duty(Usd(100m)));
        Assert.Equal("100/3%", expression.ToString());
    }

    [Fact]
    public void Proof_litres_are_litres_at_twice_the_percent_by_volume()
    {
        // 100 litres at 40 %vol = 80 proof litres: 4.4¢ × 100 + 31.4¢ × 80 = 440 + 2,512 = 2,952¢.
        var expression = DutyExpressionParser.ParseUs("4.4¢/liter + 31.4¢/pf. liter");
        var line = Quantities((QuantityKind.Litres, 100m), (QuantityKind.AlcoholByVolume, 40m));
        Assert.Equal(Usd(29.52m), expression.Duty(Usd(1m), line, RoundingMode.Unnecessary));
    }

    [Fact]
    public void Html_left_in_the_source_is_ignored()
    {
        // $1.13/m³ × 10 m³.
        Assert.Equal(Usd(11.30m), DutyExpressionParser.ParseUs("$1.13/m<sup>3</sup>").Duty(Usd(1m), Quantities((QuantityKind.CubicMetres, 10m))));
        Assert.Equal(Usd(2.50m), DutyExpressionParser.ParseUs("2.5% <u></u>").Duty(Usd(100m)));
    }

    [Theory]
    [InlineData(96, 35.78)]     // 3.6606 − 0.020668 × 4 = 3.577928¢/kg × 1,000 kg = 3,577.928¢
    [InlineData(96.5, 35.88)]   // fractions of a degree in proportion: 3.6606 − 0.020668 × 3.5 = 3.588262¢/kg
    [InlineData(75, 31.44)]     // 3.6606 − 0.5167 = 3.1439¢/kg, just above the minimum: 3,143.9¢
    [InlineData(70, 31.44)]     // 3.04056¢/kg is below the minimum 3.143854¢/kg: 3,143.854¢
    [InlineData(100.5, 36.61)]  // no deficit above 100 degrees: 3,660.6¢
    public void Raw_sugar_by_polarization(decimal degrees, decimal expected)
    {
        var expression = DutyExpressionParser.ParseUs(
            "3.6606¢/kg less 0.020668¢/kg for each degree under 100 degrees (and fractions of a degree in proportion) but not less than 3.143854¢/kg");
        var line = Quantities((QuantityKind.NetMass, 1_000m), (QuantityKind.Polarization, degrees));
        Assert.Equal(Usd(expected), expression.Duty(Usd(1m), line));
    }

    [Fact]
    public void Raw_sugar_exact_amounts()
    {
        var expression = DutyExpressionParser.ParseUs(
            "3.6606¢/kg less 0.020668¢/kg for each degree under 100 degrees (and fractions of a degree in proportion) but not less than 3.143854¢/kg");
        ExactAmount At(decimal degrees) =>
            expression.Exact(Usd(1m), Quantities((QuantityKind.NetMass, 1_000m), (QuantityKind.Polarization, degrees)));
        Assert.Equal("35.77928 USD", At(96m).ToString());
        Assert.Equal("31.439 USD", At(75m).ToString());
        Assert.Equal("31.43854 USD", At(70m).ToString());
        Assert.Equal(
            [DutyNodeKind.Specific, DutyNodeKind.Specific, DutyNodeKind.Subtract, DutyNodeKind.Specific, DutyNodeKind.Minimum],
            expression.Nodes.ToArray().Select(n => n.Kind));
    }

    [Fact]
    public void Value_bases_other_than_the_customs_value()
    {
        // 10 watches, cases worth $100, batteries $10: $2.25 × 10 + 45% × 100 + 35% × 10 = 22.50 + 45 + 3.50.
        var expression = DutyExpressionParser.ParseUs("$2.25 each + 45% on the case + 35% on the battery");
        DutyInput[] inputs = [DutyInput.ValueBasis("case", Usd(100m)), DutyInput.ValueBasis("battery", Usd(10m))];
        var context = new DutyContext(Usd(500m), Quantities((QuantityKind.Items, 10m))) { Inputs = inputs };
        Assert.Equal(Usd(71.00m), expression.Evaluate(context, RoundingMode.Unnecessary));

        DutyInput[] noBattery = [DutyInput.ValueBasis("case", Usd(100m))];
        var missing = new DutyContext(Usd(500m), Quantities((QuantityKind.Items, 10m))) { Inputs = noBattery };
        Assert.False(expression.TryEvaluate(missing, RoundingMode.HalfEven, out _, out var error));
        Assert.Equal(DutyEvaluationErrorKind.MissingValueBasis, error.Kind);
        Assert.Equal("battery", error.Name);
    }

    [Fact]
    public void Named_substance_quantities()
    {
        // 8.8¢ × 1,000 + 3.3¢ × 200 + 3.7¢ × 100 = 8,800 + 660 + 370 = 9,830¢.
        var expression = DutyExpressionParser.ParseUs("8.8¢/kg on copper content + 3.3¢/kg on lead content + 3.7¢/kg on zinc content");
        var line = DutyQuantities.None
            .WithNamed("kg on copper content", Quantity.FromWhole(1_000))
            .WithNamed("kg on lead content", Quantity.FromWhole(200))
            .WithNamed("KG ON ZINC CONTENT", Quantity.FromWhole(100));
        Assert.Equal(Usd(98.30m), expression.Duty(Usd(1m), line));
        var noZinc = DutyQuantities.None.WithNamed("kg on copper content", Quantity.FromWhole(1)).WithNamed("kg on lead content", Quantity.FromWhole(1));
        Assert.False(expression.TryEvaluate(new DutyContext(Usd(1m), noZinc), RoundingMode.HalfEven, out _, out var error));
        Assert.Equal(DutyEvaluationErrorKind.MissingNamedQuantity, error.Kind);
        Assert.Equal("kg on zinc content", error.Name);
    }

    [Fact]
    public void A_missing_quantity_is_an_error_naming_it()
    {
        var expression = DutyExpressionParser.ParseUs("37.5¢/kg + 14.9%");
        Assert.False(expression.TryEvaluate(new DutyContext(Usd(500m), DutyQuantities.None), RoundingMode.HalfEven, out _, out var error));
        Assert.Equal(DutyEvaluationErrorKind.MissingQuantity, error.Kind);
        Assert.Equal(QuantityKind.NetMass, error.Quantity);
        Assert.Contains("NetMass", error.Message, StringComparison.Ordinal);
        Assert.Contains("37.5¢/kg + 14.9%", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Chapter_99_stacks_on_the_duty_of_the_applicable_subheading()
    {
        // Worked example W17 (dutywise.app): $10,000 entered, MFN 3% = $300, Section 301 +25% → $2,800.00 in total.
        var expression = DutyExpressionParser.ParseUs("The duty provided in the applicable subheading + 25%");
        DutyInput[] inputs = [DutyInput.ReferencedDuty("applicable subheading", Usd(300m))];
        var context = new DutyContext(Usd(10_000m), DutyQuantities.None) { Inputs = inputs };
        Assert.Equal(Usd(2_800.00m), expression.Evaluate(context, RoundingMode.Unnecessary));
        Assert.Equal("{applicable subheading} + 25%", expression.ToString());
        // Spelling variants of the HTS.
        foreach (var variant in new[] { "The duty provided in the applicable subheading plus 25%", "The duty provided inthe applicable subheading+ 25%" })
        {
            Assert.Equal(Usd(2_800.00m), DutyExpressionParser.ParseUs(variant).Evaluate(context, RoundingMode.Unnecessary));
        }
    }

    [Fact]
    public void Chapter_99_without_the_referenced_duty_is_an_error_never_zero()
    {
        var expression = DutyExpressionParser.ParseUs("The duty provided in the applicable subheading + 25%");
        Assert.False(expression.TryEvaluate(new DutyContext(Usd(10_000m), DutyQuantities.None), RoundingMode.HalfEven, out _, out var error));
        Assert.Equal(DutyEvaluationErrorKind.MissingReferencedDuty, error.Kind);
        Assert.Equal(HtsReference, error.Name);
    }

    private const string HtsReference = "applicable subheading";

    [Fact]
    public void Minus_subtracts()
    {
        // 9822.05.30: the applicable subheading's $100 minus 0.5% of $1,000 = $95.
        var expression = DutyExpressionParser.ParseUs("The duty rate provided in such subheading minus 0.5%");
        DutyInput[] inputs = [DutyInput.ReferencedDuty("applicable subheading", Usd(100m))];
        Assert.Equal(Usd(95m), expression.Evaluate(new DutyContext(Usd(1_000m), DutyQuantities.None) { Inputs = inputs }, RoundingMode.Unnecessary));
    }

    [Fact]
    public void A_duty_capped_by_the_sum_of_two_amounts()
    {
        // 9801.00.70: the like-article duty, but never above drawback + materials duty.
        var expression = DutyExpressionParser.ParseUs(
            "A duty equal to the duty upon the importation of like articles not previously exported, but in no case in excess of the sum of "
            + "(a) any customs drawback proved to have been allowed upon such exportation, and (b) the duty which would have been payable on "
            + "any articles used in the manufacture or production of such aircraft had they not been entered and exported under heading 9813.00.05");
        DutyInput[] inputs =
        [
            DutyInput.ReferencedDuty("duty upon the importation of like articles not previously exported", Usd(500m)),
            DutyInput.ReferencedDuty("customs drawback allowed upon such exportation", Usd(120m)),
            DutyInput.ReferencedDuty("duty payable on the articles used in the manufacture or production of such aircraft", Usd(200m)),
        ];
        Assert.Equal(Usd(320m), expression.Evaluate(new DutyContext(Usd(1m), DutyQuantities.None) { Inputs = inputs }, RoundingMode.Unnecessary));
    }

    [Fact]
    public void Free_with_a_condition_keeps_the_condition()
    {
        var expression = DutyExpressionParser.ParseUs("Free, under bond, as prescribed in U.S. note 2 to this subchapter");
        Assert.True(expression.IsFree);
        Assert.Equal("under bond, as prescribed in U.S. note 2 to this subchapter", expression.Remarks);
    }

    [Theory]
    [InlineData("", 0, "empty rate text")]
    [InlineData(":", 0, "expected a rate")]
    [InlineData("37% /", 4, "unexpected '/'")]
    [InlineData("6.8", 3, "expected '%', '¢' or 'percent'")]
    [InlineData("2.4¢/furlong", 5, "unknown unit 'furlong'")]
    [InlineData("2.4¢", 4, "expected '/' and a unit, or 'each'")]
    [InlineData("5% on the hat", 6, "unknown value basis 'the hat'")]
    [InlineData("Free (A+,AU)", 5, "Special column")]
    [InlineData("See 99.19.04.14", 4, "expected an HTS number")]
    [InlineData("3.6606¢/kg less 0.020668¢/kg for each degree under 100 degrees but not less than 3.143854¢/kg", 63, "fractions of a degree")]
    public void Errors_name_the_text_the_position_and_the_reason(string text, int position, string reason)
    {
        Assert.False(DutyExpressionParser.TryParseUs(text, out var expression, out var error));
        Assert.Null(expression);
        Assert.Equal(text, error.Text);
        Assert.Equal(position, error.Position);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        var thrown = Assert.Throws<DutyExpressionFormatException>(() => DutyExpressionParser.ParseUs(text));
        Assert.Equal(error, thrown.Error);
    }

    [Fact]
    public void The_watch_movement_rate_with_a_conditional_cap_is_rejected_with_its_reason()
    {
        const string Text = "4.3% + 1.7¢/jewel + 0.2¢ for each other piece or part, but if consisting in part of a plate or a set of plates "
            + "the total duty shall not exceed the duty for the complete movement";
        Assert.False(DutyExpressionParser.TryParseUs(Text, out _, out var error));
        Assert.Equal(20, error.Position);
        Assert.Contains("if consisting in part of a plate", error.Reason, StringComparison.Ordinal);
    }
}
