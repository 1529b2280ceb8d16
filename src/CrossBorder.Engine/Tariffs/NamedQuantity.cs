namespace CrossBorder.Engine.Tariffs;

/// <summary>A quantity supplied under a unit's name, for <see cref="QuantityKind.Named"/> units ("kg on copper content": 1,250 kg).</summary>
public readonly struct NamedQuantity : IEquatable<NamedQuantity>
{
    /// <summary>Creates the pair.</summary>
    public NamedQuantity(string key, Quantity value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        Key = key;
        Value = value;
    }

    /// <summary>The unit name, compared ignoring case: <c>kg on copper content</c>.</summary>
    public string Key { get; }

    /// <summary>The quantity, in that unit.</summary>
    public Quantity Value { get; }

    /// <inheritdoc />
    public bool Equals(NamedQuantity other) => string.Equals(Key, other.Key, StringComparison.OrdinalIgnoreCase) && Value == other.Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is NamedQuantity other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Key is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Key), Value);

#pragma warning disable CS1591
    public static bool operator ==(NamedQuantity left, NamedQuantity right) => left.Equals(right);
    public static bool operator !=(NamedQuantity left, NamedQuantity right) => !left.Equals(right);
#pragma warning restore CS1591
}
