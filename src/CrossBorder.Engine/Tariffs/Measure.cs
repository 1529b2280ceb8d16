using CrossBorder.Engine.Geography;

namespace CrossBorder.Engine.Tariffs;

/// <summary>
/// One tariff measure attached to a code prefix of a destination's schedule: what it is, which origins and dates it
/// covers, and its rate (null for flags such as a licence requirement). Immutable; built once with the schedule.
/// </summary>
public sealed class Measure
{
    /// <summary>Creates a measure.</summary>
    public Measure(MeasureKind kind, OriginSet origins, DutyExpression? rate, DateOnly validFrom, DateOnly validTo, string? note = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(origins);
        if (rate is null && !kind.IsFlag())
        {
            throw new ArgumentException($"A {kind.Name()} measure needs a rate.", nameof(rate));
        }
        if (validTo < validFrom)
        {
            throw new ArgumentException($"The measure's window {validFrom:yyyy-MM-dd}..{validTo:yyyy-MM-dd} is empty.", nameof(validTo));
        }
        Kind = kind;
        Origins = origins;
        Rate = rate;
        ValidFrom = validFrom;
        ValidTo = validTo;
        Note = note;
        Source = source;
    }

    /// <summary>What the measure is.</summary>
    public MeasureKind Kind { get; }

    /// <summary>The origins covered.</summary>
    public OriginSet Origins { get; }

    /// <summary>The compiled rate, or null for a flag.</summary>
    public DutyExpression? Rate { get; }

    /// <summary>First day in force.</summary>
    public DateOnly ValidFrom { get; }

    /// <summary>Last day in force (inclusive).</summary>
    public DateOnly ValidTo { get; }

    /// <summary>A note from the data (legal act, programme, condition), or null.</summary>
    public string? Note { get; }

    /// <summary>Where the measure came from (file and line), for explanations.</summary>
    public string? Source { get; }

    /// <summary>True when the measure covers goods from <paramref name="origin"/> on <paramref name="date"/>.</summary>
    public bool AppliesTo(CountryCode origin, DateOnly date) => date >= ValidFrom && date <= ValidTo && Origins.Contains(origin);

    /// <inheritdoc />
    public override string ToString() => $"{Kind.Name()} {Rate?.Text ?? ""} origin {Origins.Text}".TrimEnd();
}
