namespace CrossBorder.Engine.Tariffs;

/// <summary>
/// An amount the caller supplies to a duty evaluation under a name: an agricultural component, a referenced duty or
/// a value basis. An amount in another currency than the customs value is converted exactly with the context's rates.
/// </summary>
public readonly struct DutyInput : IEquatable<DutyInput>
{
    /// <summary>Creates the input.</summary>
    public DutyInput(DutyInputKind kind, string name, Money amount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Kind = kind;
        Name = name;
        Amount = amount;
    }

    /// <summary>What the amount stands for.</summary>
    public DutyInputKind Kind { get; }

    /// <summary>The name the expression uses (compared ignoring case): <c>EA</c>, <c>applicable subheading</c>, <c>case</c>.</summary>
    public string Name { get; }

    /// <summary>The amount.</summary>
    public Money Amount { get; }

    /// <summary>An agricultural component (EA, ADSZ, ...) or the entry-price duty.</summary>
    public static DutyInput AgriculturalComponent(string name, Money amount) => new(DutyInputKind.AgriculturalComponent, name, amount);

    /// <summary>A referenced duty, already computed (e.g. the duty of the applicable subheading).</summary>
    public static DutyInput ReferencedDuty(string name, Money amount) => new(DutyInputKind.ReferencedDuty, name, amount);

    /// <summary>
    /// The name of the recommended retail price as a value basis: UK excise on tobacco is partly a percentage of it
    /// (Trade Tariff measurement unit <c>RET</c>, "retail price"; TARIC text <c>16.50 % RET</c>).
    /// </summary>
    public const string RetailPrice = "retail price";

    /// <summary>A value an ad valorem rate is charged on (e.g. the value of the watch case).</summary>
    public static DutyInput ValueBasis(string name, Money amount) => new(DutyInputKind.ValueBasis, name, amount);

    /// <inheritdoc />
    public bool Equals(DutyInput other) =>
        Kind == other.Kind && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase) && Amount == other.Amount;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DutyInput other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(Kind, Name is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Name), Amount);

#pragma warning disable CS1591
    public static bool operator ==(DutyInput left, DutyInput right) => left.Equals(right);
    public static bool operator !=(DutyInput left, DutyInput right) => !left.Equals(right);
#pragma warning restore CS1591
}
