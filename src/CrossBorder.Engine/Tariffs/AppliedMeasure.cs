namespace CrossBorder.Engine.Tariffs;

/// <summary>A measure found by a lookup, with the code prefix it is attached to (empty for a destination-wide measure).</summary>
/// <param name="Measure">The measure.</param>
/// <param name="AttachedTo">The code prefix in the schedule that carries it, or the empty code for <c>*</c>.</param>
public readonly record struct AppliedMeasure(Measure Measure, TariffCode AttachedTo);
