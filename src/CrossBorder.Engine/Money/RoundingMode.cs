namespace CrossBorder.Engine;

/// <summary>How an exact quotient is brought to a whole number of units. Always chosen explicitly, never implied.</summary>
public enum RoundingMode : byte
{
    /// <summary>No rounding allowed: an inexact result is an error.</summary>
    Unnecessary = 0,

    /// <summary>To the nearest; a tie goes to the even neighbour (banker's rounding, IEEE 754 default).</summary>
    HalfEven,

    /// <summary>To the nearest; a tie goes away from zero (commercial rounding: 2.5 → 3, −2.5 → −3).</summary>
    HalfUp,

    /// <summary>To the nearest; a tie goes toward zero (2.5 → 2, −2.5 → −2).</summary>
    HalfDown,

    /// <summary>Toward zero (truncation).</summary>
    TowardZero,

    /// <summary>Away from zero.</summary>
    AwayFromZero,

    /// <summary>Toward negative infinity.</summary>
    Floor,

    /// <summary>Toward positive infinity.</summary>
    Ceiling,
}
