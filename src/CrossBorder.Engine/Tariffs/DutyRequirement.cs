namespace CrossBorder.Engine.Tariffs;

/// <summary>One thing a <see cref="DutyExpression"/> needs from its <see cref="DutyContext"/> (listed before evaluating, e.g. to ask a user).</summary>
public readonly struct DutyRequirement : IEquatable<DutyRequirement>
{
    internal DutyRequirement(DutyRequirementKind kind, QuantityKind quantity = QuantityKind.None, string? name = null, Currency currency = default)
    {
        Kind = kind;
        Quantity = quantity;
        Name = name;
        Currency = currency;
    }

    /// <summary>What is needed.</summary>
    public DutyRequirementKind Kind { get; }

    /// <summary>For <see cref="DutyRequirementKind.Quantity"/>, which quantity.</summary>
    public QuantityKind Quantity { get; }

    /// <summary>For named requirements, the name.</summary>
    public string? Name { get; }

    /// <summary>For <see cref="DutyRequirementKind.ExchangeRate"/>, the currency of the specific rate.</summary>
    public Currency Currency { get; }

    /// <inheritdoc />
    public bool Equals(DutyRequirement other) =>
        Kind == other.Kind && Quantity == other.Quantity && Currency == other.Currency && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DutyRequirement other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Quantity, Currency, Name is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Name));

    /// <summary><c>Quantity NetMass</c>, <c>AgriculturalComponent 'EA'</c>.</summary>
    public override string ToString() => Kind switch
    {
        DutyRequirementKind.Quantity => $"{Kind} {Quantity}",
        DutyRequirementKind.ExchangeRate => $"{Kind} {Currency.Code}",
        DutyRequirementKind.CustomsValue or DutyRequirementKind.Date => Kind.ToString(),
        _ => $"{Kind} '{Name}'",
    };

#pragma warning disable CS1591
    public static bool operator ==(DutyRequirement left, DutyRequirement right) => left.Equals(right);
    public static bool operator !=(DutyRequirement left, DutyRequirement right) => !left.Equals(right);
#pragma warning restore CS1591
}
