using CrossBorder.Engine.Geography;

namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>
/// One row of the special program table (<c>data/tariffs/us-special-programs.csv</c>): an HTS special program
/// indicator (General Note 3(c)(i)), the origins that may claim it and when. A program may have several rows.
/// </summary>
public sealed class UsSpecialProgram
{
    /// <summary>Creates the row.</summary>
    public UsSpecialProgram(string program, IReadOnlyList<CountryCode> countries, string source, DateOnly validFrom, DateOnly validTo, string? note)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(program);
        ArgumentNullException.ThrowIfNull(countries);
        ArgumentNullException.ThrowIfNull(source);
        if (validTo < validFrom)
        {
            throw new ArgumentException($"The window of program {program} is empty.", nameof(validTo));
        }
        Program = program;
        Countries = countries;
        Source = source;
        ValidFrom = validFrom;
        ValidTo = validTo;
        Note = note;
    }

    /// <summary>The indicator as the HTS writes it (<c>A+</c>, <c>AU</c>, <c>P</c>).</summary>
    public string Program { get; }

    /// <summary>The origins; empty when the indicator is not an origin (see <see cref="Note"/>).</summary>
    public IReadOnlyList<CountryCode> Countries { get; }

    /// <summary>True when the indicator names origins.</summary>
    public bool IsOrigin => Countries.Count > 0;

    /// <summary>The legal source.</summary>
    public string Source { get; }

    /// <summary>First day the program applies to these origins.</summary>
    public DateOnly ValidFrom { get; }

    /// <summary>Last day (inclusive).</summary>
    public DateOnly ValidTo { get; }

    /// <summary>A caveat (expiry, a derived list), or why the indicator is not an origin.</summary>
    public string? Note { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Program}: {string.Join(" ", Countries)}";
}
