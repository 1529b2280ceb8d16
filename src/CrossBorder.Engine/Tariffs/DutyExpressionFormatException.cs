namespace CrossBorder.Engine.Tariffs;

/// <summary>A duty rate text could not be parsed; names the text, the position and the reason.</summary>
public sealed class DutyExpressionFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    public DutyExpressionFormatException(DutyParseError error)
        : base(error.Message) => Error = error;

    /// <summary>The text, position and reason.</summary>
    public DutyParseError Error { get; }
}
