namespace CrossBorder.Engine.Text;

/// <summary>
/// A bad value in an input file: names the file, the 1-based line and column, the value and the reason.
/// </summary>
public sealed class InputFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public InputFormatException(string source, long line, int column, string value, string reason, Exception? inner = null)
        : base($"{source}({line},{column}): {reason}: '{value}'.", inner)
    {
        Source = source;
        Line = line;
        Column = column;
        Value = value;
        Reason = reason;
    }

    /// <summary>The file or stream name.</summary>
    public new string Source { get; }

    /// <summary>The 1-based line number.</summary>
    public long Line { get; }

    /// <summary>The 1-based column (field) number.</summary>
    public int Column { get; }

    /// <summary>The offending value.</summary>
    public string Value { get; }

    /// <summary>Why the value was rejected.</summary>
    public string Reason { get; }
}
