using System.Globalization;

namespace CrossBorder.Engine.Tariffs;

/// <summary>Where and why a rate text could not be parsed.</summary>
public readonly struct DutyParseError : IEquatable<DutyParseError>
{
    internal DutyParseError(string text, int position, string reason)
    {
        Text = text;
        Position = position;
        Reason = reason;
    }

    /// <summary>The whole text that was parsed.</summary>
    public string Text { get; }

    /// <summary>The 0-based character position of the problem in <see cref="Text"/>.</summary>
    public int Position { get; }

    /// <summary>Why the text was rejected.</summary>
    public string Reason { get; }

    /// <summary>True for <c>default</c> (no error).</summary>
    public bool IsNone => Reason is null;

    /// <summary><c>Cannot parse '…' at position 7: reason.</c></summary>
    public string Message => IsNone ? "No error." : string.Create(CultureInfo.InvariantCulture, $"Cannot parse duty rate '{Text}' at position {Position}: {Reason}.");

    /// <summary>The exception for this error.</summary>
    public DutyExpressionFormatException ToException() => new(this);

    /// <inheritdoc />
    public bool Equals(DutyParseError other) =>
        Position == other.Position && string.Equals(Text, other.Text, StringComparison.Ordinal) && string.Equals(Reason, other.Reason, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DutyParseError other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Text, Position, Reason);

    /// <inheritdoc />
    public override string ToString() => Message;

#pragma warning disable CS1591
    public static bool operator ==(DutyParseError left, DutyParseError right) => left.Equals(right);
    public static bool operator !=(DutyParseError left, DutyParseError right) => !left.Equals(right);
#pragma warning restore CS1591
}
