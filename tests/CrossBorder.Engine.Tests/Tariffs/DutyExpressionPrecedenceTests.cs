using CrossBorder.Engine.Tariffs;
using static CrossBorder.Engine.Tests.Tariffs.TariffTestData;

namespace CrossBorder.Engine.Tests.Tariffs;

/// <summary>
/// Precedence: terms, then + and - (left to right), then MIN and MAX (left to right) whose right operand is a whole
/// sum. X MIN Y = max(X, Y) ("never below Y"); X MAX Y = min(X, Y) ("never above Y").
/// </summary>
public class DutyExpressionPrecedenceTests
{
    private static DutyNodeKind[] Kinds(DutyExpression e) => [.. e.Nodes.ToArray().Select(n => n.Kind)];

    [Fact]
    public void Sum_then_min_then_max_is_a_clamp_of_the_sum()
    {
        // A + B MIN C MAX D = ((A + B) MIN C) MAX D.
        var expression = DutyExpressionParser.ParseTaric("1.00% + 2.00 EUR / 100 kg MIN 5.00 EUR / 100 kg MAX 8.00 EUR / 100 kg");
        Assert.Equal(
            [DutyNodeKind.AdValorem, DutyNodeKind.Specific, DutyNodeKind.Add, DutyNodeKind.Specific, DutyNodeKind.Minimum, DutyNodeKind.Specific, DutyNodeKind.Maximum],
            Kinds(expression));
        var line = Quantities((QuantityKind.NetMass, 1_000m)); // bounds: €50 and €80; B = €20
        Assert.Equal(Eur(50m), expression.Duty(Eur(1_000m), line));  // 10 + 20 = 30 → 50
        Assert.Equal(Eur(60m), expression.Duty(Eur(4_000m), line));  // 40 + 20 = 60
        Assert.Equal(Eur(80m), expression.Duty(Eur(9_000m), line));  // 90 + 20 = 110 → 80
    }

    [Fact]
    public void The_operand_of_max_is_a_whole_sum()
    {
        // 9.10% + 45.10 EUR / 100 kg MAX 18.90% + 16.50 EUR / 100 kg = min(9.10% + 45.10/100 kg, 18.90% + 16.50/100 kg).
        var expression = DutyExpressionParser.ParseTaric("9.10% + 45.10 EUR / 100 kg MAX 18.90% + 16.50 EUR / 100 kg");
        Assert.Equal(
            [DutyNodeKind.AdValorem, DutyNodeKind.Specific, DutyNodeKind.Add, DutyNodeKind.AdValorem, DutyNodeKind.Specific, DutyNodeKind.Add, DutyNodeKind.Maximum],
            Kinds(expression));
        // 1,000 kg, €1,000: 91 + 451 = 542 against 189 + 165 = 354 → the maximum.
        Assert.Equal(Eur(354.00m), expression.Duty(Eur(1_000m), Quantities((QuantityKind.NetMass, 1_000m))));
        // 100 kg: 91 + 45.10 = 136.10 against 189 + 16.50 = 205.50 → the first sum.
        Assert.Equal(Eur(136.10m), expression.Duty(Eur(1_000m), Quantities((QuantityKind.NetMass, 100m))));
        // Had MAX bound tighter than +, the result would be 91 + min(45.10, 189) + 16.50: it is not.
        Assert.NotEqual(Eur(152.60m), expression.Duty(Eur(1_000m), Quantities((QuantityKind.NetMass, 100m))));
    }

    [Fact]
    public void Min_then_max_with_bounds_that_depend_on_the_value()
    {
        // 0.50 EUR / item MIN 2.70% MAX 4.60%.
        var expression = DutyExpressionParser.ParseTaric("0.50 EUR / item MIN 2.70% MAX 4.60%");
        var tenItems = Quantities((QuantityKind.Items, 10m)); // €5
        Assert.Equal(Eur(27.00m), expression.Duty(Eur(1_000m), tenItems)); // 5 < 27 → 27
        Assert.Equal(Eur(5.00m), expression.Duty(Eur(150m), tenItems));    // 4.05 ≤ 5 ≤ 6.90
        Assert.Equal(Eur(4.60m), expression.Duty(Eur(100m), tenItems));    // 5 > 4.60 → 4.60
    }

    [Fact]
    public void Subtraction_is_left_associative()
    {
        var expression = DutyExpressionParser.ParseTaric("10.00% - 2.00% - 1.00%");
        Assert.Equal(Eur(70m), expression.Duty(Eur(1_000m))); // (10 − 2) − 1, not 10 − (2 − 1)
    }

    [Fact]
    public void The_later_bound_wins_when_bounds_conflict()
    {
        // ((A MIN 80) MAX 50): a floor above the ceiling; evaluated left to right, the ceiling applies last.
        var expression = DutyExpressionParser.ParseTaric("1.00% MIN 8.00 EUR / 100 kg MAX 5.00 EUR / 100 kg");
        Assert.Equal(Eur(50m), expression.Duty(Eur(1_000m), Quantities((QuantityKind.NetMass, 1_000m))));
    }

    [Fact]
    public void Rendering_keeps_the_precedence()
    {
        Assert.Equal("9.1% + 45.1 EUR/100 kg MAX 18.9% + 16.5 EUR/100 kg",
            DutyExpressionParser.ParseTaric("9.10% + 45.10 EUR / 100 kg MAX 18.90% + 16.50 EUR / 100 kg").ToString());
        Assert.Equal("9% + EA MAX 18.7% + ADSZ", DutyExpressionParser.ParseTaric("9.00% +  EA MAX 18.70%  + ADSZ").ToString());
    }

    [Fact]
    public void Us_plus_and_minus_share_the_additive_level()
    {
        var expression = DutyExpressionParser.ParseUs("The duty provided in the applicable subheading plus 25%");
        Assert.Equal([DutyNodeKind.ReferencedDuty, DutyNodeKind.AdValorem, DutyNodeKind.Add], Kinds(expression));
    }
}
