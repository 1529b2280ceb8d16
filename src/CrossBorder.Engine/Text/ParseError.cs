using System.Text;

namespace CrossBorder.Engine.Text;

/// <summary>Where and why a UTF-8 parse failed: a kind and a byte offset into the parsed span. No allocation.</summary>
/// <param name="Kind">Why it failed.</param>
/// <param name="Offset">The byte offset of the offending text within the span that was parsed.</param>
public readonly record struct ParseError(ParseErrorKind Kind, int Offset)
{
    /// <summary>A message naming the offset, the offending text and the reason (allocates: off the hot path).</summary>
    public string Describe(ReadOnlySpan<byte> source, string what)
    {
        var text = Encoding.UTF8.GetString(source);
        return $"Cannot parse '{text}' as {what}: {Reason} at byte offset {Offset}.";
    }

    /// <summary>A short English reason.</summary>
    public string Reason => Kind switch
    {
        ParseErrorKind.Empty => "empty value",
        ParseErrorKind.UnexpectedCharacter => "unexpected character",
        ParseErrorKind.TooManyDecimals => "more decimals than the currency allows",
        ParseErrorKind.Overflow => "value too large",
        ParseErrorKind.BadGrouping => "thousands group is not three digits",
        ParseErrorKind.OutOfRange => "field out of range",
        ParseErrorKind.Truncated => "text ends too early",
        ParseErrorKind.UnknownCurrency => "unknown currency code",
        _ => "no error",
    };

    /// <summary>Throws a <see cref="Utf8ParseException"/> for this error.</summary>
    public Utf8ParseException ToException(ReadOnlySpan<byte> source, string what) =>
        new(Describe(source, what), Kind, Offset, Encoding.UTF8.GetString(source));
}
