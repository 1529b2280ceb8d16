namespace CrossBorder.Engine.Tariffs;

/// <summary>
/// One node of a compiled <see cref="DutyExpression"/>, which is a flat array of these in postfix order: terms push
/// a value, operators combine the two values before them. No object graph, nothing to allocate when evaluating.
/// </summary>
public readonly struct DutyNode : IEquatable<DutyNode>
{
    internal DutyNode(DutyNodeKind kind, Rate rate = default, Currency currency = default, MeasurementUnit unit = default, string? name = null)
    {
        Kind = kind;
        Rate = rate;
        Currency = currency;
        Unit = unit;
        Name = name;
    }

    /// <summary>What the node is.</summary>
    public DutyNodeKind Kind { get; }

    /// <summary>
    /// For <see cref="DutyNodeKind.AdValorem"/>, the rate (14.9% is 149/1000). For <see cref="DutyNodeKind.Specific"/>,
    /// the amount per unit in minor units of <see cref="Currency"/>, exactly ($1.035 is 207/2 cents).
    /// </summary>
    public Rate Rate { get; }

    /// <summary>For a specific rate, its currency.</summary>
    public Currency Currency { get; }

    /// <summary>For a specific rate, the unit.</summary>
    public MeasurementUnit Unit { get; }

    /// <summary>
    /// The component (EA), referenced duty (applicable subheading) or value basis (case) name; null for an ad
    /// valorem rate of the customs value.
    /// </summary>
    public string? Name { get; }

    /// <summary>True for the operators (<c>+</c>, <c>-</c>, MIN, MAX).</summary>
    public bool IsOperator => Kind is DutyNodeKind.Add or DutyNodeKind.Subtract or DutyNodeKind.Minimum or DutyNodeKind.Maximum;

    /// <inheritdoc />
    public bool Equals(DutyNode other) =>
        Kind == other.Kind && Rate == other.Rate && Currency == other.Currency && Unit == other.Unit && string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DutyNode other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Rate, Currency, Unit, Name);

#pragma warning disable CS1591
    public static bool operator ==(DutyNode left, DutyNode right) => left.Equals(right);
    public static bool operator !=(DutyNode left, DutyNode right) => !left.Equals(right);
#pragma warning restore CS1591
}
