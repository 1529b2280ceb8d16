namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>
/// An HTS special program indicator whose rate groups were not turned into preferential measures, with why and how
/// often (the rest of each row, and the other programs of the group, are loaded).
/// </summary>
public sealed class SkippedProgram
{
    internal SkippedProgram(string program, string reason, bool isError, long firstLine)
    {
        Program = program;
        Reason = reason;
        IsError = isError;
        FirstLine = firstLine;
    }

    /// <summary>The indicator (<c>C</c>, <c>A*</c>), or <c>(none)</c> for a rate group without indicators.</summary>
    public string Program { get; }

    /// <summary>Why its groups were not loaded.</summary>
    public string Reason { get; }

    /// <summary>True when the indicator is missing from the program table (an unknown indicator); false when left out by rule.</summary>
    public bool IsError { get; }

    /// <summary>The first line where it occurs.</summary>
    public long FirstLine { get; }

    /// <summary>How many rate groups named it.</summary>
    public int Occurrences { get; internal set; }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Program} ({Occurrences}x, first on line {FirstLine}): {Reason}");
}
