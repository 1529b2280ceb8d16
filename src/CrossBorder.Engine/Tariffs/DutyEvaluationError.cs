using System.Globalization;

namespace CrossBorder.Engine.Tariffs;

/// <summary>
/// Why an evaluation failed and what was missing, without allocating; <see cref="Message"/> (which allocates) names
/// the expression text and the missing input.
/// </summary>
public readonly struct DutyEvaluationError : IEquatable<DutyEvaluationError>
{
    internal DutyEvaluationError(DutyEvaluationErrorKind kind, string expressionText, QuantityKind quantity = QuantityKind.None, string? name = null, Currency currency = default, DateOnly date = default)
    {
        Kind = kind;
        ExpressionText = expressionText;
        Quantity = quantity;
        Name = name;
        Currency = currency;
        Date = date;
    }

    /// <summary>Why the evaluation failed.</summary>
    public DutyEvaluationErrorKind Kind { get; }

    /// <summary>The text of the expression.</summary>
    public string? ExpressionText { get; }

    /// <summary>For <see cref="DutyEvaluationErrorKind.MissingQuantity"/>, the quantity.</summary>
    public QuantityKind Quantity { get; }

    /// <summary>For the named inputs, the name (EA, applicable subheading, kg on copper content...).</summary>
    public string? Name { get; }

    /// <summary>For <see cref="DutyEvaluationErrorKind.MissingExchangeRate"/>, the currency without a rate.</summary>
    public Currency Currency { get; }

    /// <summary>For <see cref="DutyEvaluationErrorKind.NoRateForDate"/>, the date.</summary>
    public DateOnly Date { get; }

    /// <summary>An English message naming the expression and what is missing.</summary>
    public string Message => Kind switch
    {
        DutyEvaluationErrorKind.None => "No error.",
        DutyEvaluationErrorKind.MissingCustomsValue => $"'{ExpressionText}' needs a customs value.",
        DutyEvaluationErrorKind.MissingQuantity => $"'{ExpressionText}' needs the quantity {Quantity} of the line.",
        DutyEvaluationErrorKind.MissingNamedQuantity => $"'{ExpressionText}' needs the quantity '{Name}'.",
        DutyEvaluationErrorKind.MissingAgriculturalComponent => $"'{ExpressionText}' needs the amount of the agricultural component {Name}; it depends on the product's composition and is published in separate tables.",
        DutyEvaluationErrorKind.MissingReferencedDuty => $"'{ExpressionText}' refers to another duty, '{Name}': supply its amount.",
        DutyEvaluationErrorKind.MissingValueBasis => $"'{ExpressionText}' is charged on a value other than the customs value: supply the value '{Name}'.",
        DutyEvaluationErrorKind.MissingExchangeRate => $"'{ExpressionText}' needs an exchange rate from {Currency.Code}{(Name is null ? "" : " to " + Name)}.",
        DutyEvaluationErrorKind.MissingDate => $"'{ExpressionText}' is seasonal: give the date of the declaration.",
        DutyEvaluationErrorKind.NoRateForDate => string.Create(CultureInfo.InvariantCulture, $"'{ExpressionText}' has no rate for {Date:dd MMM}."),
        _ => Kind.ToString(),
    };

    /// <summary>The exception for this error.</summary>
    public DutyEvaluationException ToException() => new(this);

    /// <inheritdoc />
    public bool Equals(DutyEvaluationError other) =>
        Kind == other.Kind && Quantity == other.Quantity && Currency == other.Currency && Date == other.Date
        && string.Equals(Name, other.Name, StringComparison.Ordinal) && string.Equals(ExpressionText, other.ExpressionText, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DutyEvaluationError other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Quantity, Currency, Date, Name, ExpressionText);

    /// <inheritdoc />
    public override string ToString() => Message;

#pragma warning disable CS1591
    public static bool operator ==(DutyEvaluationError left, DutyEvaluationError right) => left.Equals(right);
    public static bool operator !=(DutyEvaluationError left, DutyEvaluationError right) => !left.Equals(right);
#pragma warning restore CS1591
}
