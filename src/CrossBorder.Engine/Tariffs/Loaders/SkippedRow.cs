using System.Globalization;
using CrossBorder.Engine.Text;

namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>
/// An input row (a CSV line, a JSON item, or one value of a row) that a loader did not turn into a measure, with
/// where it is and why. Loaders list every such row, so nothing read is lost without a reason.
/// </summary>
/// <remarks>
/// <see cref="IsError"/> separates rows the loader could not read (a rate text that does not parse, a code that is
/// not a code: the data is wrong or the loader lacks a rule) from rows left out by rule (a suspended Section 301
/// list, a measure type that is not a tariff measure). In strict mode a loader throws on the first error.
/// </remarks>
public sealed class SkippedRow
{
    /// <summary>Creates the entry.</summary>
    public SkippedRow(string source, long line, int column, string value, string reason, bool isError)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Source = source;
        Line = line;
        Column = column;
        Value = value;
        Reason = reason;
        IsError = isError;
    }

    /// <summary>The file or stream name.</summary>
    public string Source { get; }

    /// <summary>The 1-based line on which the row starts.</summary>
    public long Line { get; }

    /// <summary>The 1-based column (CSV field number, or byte column in a JSON file).</summary>
    public int Column { get; }

    /// <summary>The value that was not loaded (a rate text, a code, a measure id).</summary>
    public string Value { get; }

    /// <summary>Why it was not loaded.</summary>
    public string Reason { get; }

    /// <summary>True when the input could not be read; false when it was left out by rule.</summary>
    public bool IsError { get; }

    /// <summary>The entry as the exception strict mode throws.</summary>
    public InputFormatException ToException() => new(Source, Line, Column, Value, Reason);

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Source}({Line},{Column}): {(IsError ? "error" : "skipped")}: {Reason}: '{Value}'");
}
