using CrossBorder.Engine.Tariffs;

namespace CrossBorder.Engine.Tests.Tariffs;

/// <summary>Shorthands for building test lines.</summary>
internal static class TariffTestData
{
    public static Money Usd(decimal amount) => Money.FromDecimal(amount, Currency.USD);

    public static Money Gbp(decimal amount) => Money.FromDecimal(amount, Currency.GBP);

    public static Money Eur(decimal amount) => Money.FromDecimal(amount, Currency.EUR);

    public static DutyQuantities Quantities(params (QuantityKind Kind, decimal Value)[] values)
    {
        var quantities = DutyQuantities.None;
        foreach (var (kind, value) in values)
        {
            quantities = quantities.With(kind, value);
        }
        return quantities;
    }

    /// <summary>Evaluates with the customs value and quantities only, rounding half-even.</summary>
    public static Money Duty(this DutyExpression expression, Money customsValue, DutyQuantities quantities, RoundingMode mode = RoundingMode.HalfEven) =>
        expression.Evaluate(new DutyContext(customsValue, quantities), mode);

    public static Money Duty(this DutyExpression expression, Money customsValue, RoundingMode mode = RoundingMode.HalfEven) =>
        expression.Evaluate(new DutyContext(customsValue, DutyQuantities.None), mode);

    public static ExactAmount Exact(this DutyExpression expression, Money customsValue, DutyQuantities quantities) =>
        expression.EvaluateExact(new DutyContext(customsValue, quantities));
}
