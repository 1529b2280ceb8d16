namespace CrossBorder.Engine.LandedCost;

/// <summary>
/// A fee charged at import on the consignment: an ad valorem rate of the customs value clamped to a minimum and a
/// maximum, or a flat amount; optionally only above or at/below a value (formal or informal entry), or only for a
/// transport mode.
/// </summary>
/// <param name="Name">Short name, e.g. <c>MPF</c>.</param>
/// <param name="Rate">Ad valorem rate of the customs value (zero for a flat fee).</param>
/// <param name="Flat">Flat amount (used when <paramref name="Rate"/> is zero).</param>
/// <param name="Minimum">Floor of the ad valorem amount, or null.</param>
/// <param name="Maximum">Cap of the ad valorem amount, or null.</param>
/// <param name="ValueAbove">Applies only when the customs value is above this (formal entries), or null.</param>
/// <param name="ValueAtOrBelow">Applies only when the customs value is at or below this (informal entries), or null.</param>
/// <param name="Mode">Applies only for this transport mode, or <see cref="TransportMode.Unknown"/> for all.</param>
/// <param name="ValidFrom">First day in force.</param>
/// <param name="ValidTo">Last day in force.</param>
/// <param name="Source">The legal source.</param>
public sealed record FeeRule(
    string Name,
    Rate Rate,
    Money? Flat,
    Money? Minimum,
    Money? Maximum,
    Money? ValueAbove,
    Money? ValueAtOrBelow,
    TransportMode Mode,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    string Source)
{
    /// <summary>True when the fee is in force and its conditions hold for this consignment.</summary>
    public bool AppliesTo(Money customsValue, TransportMode mode, DateOnly date) =>
        date >= ValidFrom && date <= ValidTo
        && (Mode == TransportMode.Unknown || Mode == mode)
        && (ValueAbove is not { } above || customsValue > above)
        && (ValueAtOrBelow is not { } atOrBelow || customsValue <= atOrBelow);

    /// <summary>The fee for a consignment of <paramref name="customsValue"/>, rounded half-up to the minor unit.</summary>
    public Money Compute(Money customsValue)
    {
        if (Rate == Rate.Zero)
        {
            return Flat ?? Money.Zero(customsValue.Currency);
        }
        var fee = customsValue.Multiply(Rate, RoundingMode.HalfUp);
        if (Minimum is { } min && fee < min)
        {
            fee = min;
        }
        if (Maximum is { } max && fee > max)
        {
            fee = max;
        }
        return fee;
    }
}
