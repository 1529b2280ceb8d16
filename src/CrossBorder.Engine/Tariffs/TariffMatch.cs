namespace CrossBorder.Engine.Tariffs;

/// <summary>The result of a schedule lookup.</summary>
/// <param name="Requested">The code looked up, normalised.</param>
/// <param name="Matched">The longest listed code that is a prefix of the requested one (the code itself, or its nearest listed ancestor); empty when none is listed.</param>
/// <param name="MeasureCount">How many applicable measures were written to the caller's span.</param>
/// <param name="Truncated">True when the caller's span was too small for every applicable measure.</param>
public readonly record struct TariffMatch(TariffCode Requested, TariffCode Matched, int MeasureCount, bool Truncated)
{
    /// <summary>True when a listed code matched.</summary>
    public bool Found => !Matched.IsEmpty;

    /// <summary>True when the requested code is listed itself (no fallback to an ancestor).</summary>
    public bool IsExact => Found && Matched == Requested;
}
