namespace CrossBorder.Engine.Tariffs;

/// <summary>
/// One rate group of an HTS Special column: a rate and the special programs it applies to. <c>Free (A,AU,BH)
/// 3.5% (JP)</c> has two groups.
/// </summary>
public readonly struct UsSpecialRate : IEquatable<UsSpecialRate>
{
    /// <summary>Creates the group.</summary>
    public UsSpecialRate(DutyExpression rate, IReadOnlyList<string> programs)
    {
        ArgumentNullException.ThrowIfNull(rate);
        ArgumentNullException.ThrowIfNull(programs);
        Rate = rate;
        Programs = programs;
    }

    /// <summary>The rate.</summary>
    public DutyExpression Rate { get; }

    /// <summary>
    /// The special program indicators in the order written (<c>A+</c>, <c>AU</c>, <c>JO</c>...). Empty when the text
    /// names none (a Chapter 98/99 special rate that applies as its heading says).
    /// </summary>
    public IReadOnlyList<string> Programs { get; }

    /// <inheritdoc />
    public bool Equals(UsSpecialRate other) => ReferenceEquals(Rate, other.Rate) && ReferenceEquals(Programs, other.Programs);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is UsSpecialRate other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Rate, Programs);

    /// <summary><c>Free (A+,AU)</c>.</summary>
    public override string ToString() => Programs is null ? "" : Programs.Count == 0 ? Rate.ToString() : $"{Rate} ({string.Join(",", Programs)})";

#pragma warning disable CS1591
    public static bool operator ==(UsSpecialRate left, UsSpecialRate right) => left.Equals(right);
    public static bool operator !=(UsSpecialRate left, UsSpecialRate right) => !left.Equals(right);
#pragma warning restore CS1591
}
