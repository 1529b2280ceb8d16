namespace CrossBorder.Engine.Text;

/// <summary>A text that could not be parsed; carries the byte offset and the offending text.</summary>
public sealed class Utf8ParseException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public Utf8ParseException(string message, ParseErrorKind kind, int offset, string text)
        : base(message)
    {
        Kind = kind;
        Offset = offset;
        Text = text;
    }

    /// <summary>Why the parse failed.</summary>
    public ParseErrorKind Kind { get; }

    /// <summary>Byte offset of the offending character within <see cref="Text"/>.</summary>
    public int Offset { get; }

    /// <summary>The text that was parsed.</summary>
    public string Text { get; }
}
