namespace CrossBorder.Engine.Text;

/// <summary>Why a text could not be parsed.</summary>
public enum ParseErrorKind : byte
{
    /// <summary>No error.</summary>
    None = 0,
    /// <summary>The text is empty or blank.</summary>
    Empty,
    /// <summary>A character that cannot stand at that position.</summary>
    UnexpectedCharacter,
    /// <summary>More decimals than the currency's minor units, with the reject policy.</summary>
    TooManyDecimals,
    /// <summary>The value does not fit in 64-bit minor units.</summary>
    Overflow,
    /// <summary>A thousands group that is not three digits.</summary>
    BadGrouping,
    /// <summary>A date or time field out of range (month 13, 31 April, hour 24).</summary>
    OutOfRange,
    /// <summary>The text ends before the value is complete.</summary>
    Truncated,
    /// <summary>Not an ISO 4217 currency code.</summary>
    UnknownCurrency,
}
