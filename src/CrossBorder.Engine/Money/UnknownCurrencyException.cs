namespace CrossBorder.Engine;

/// <summary>A currency code that is not in ISO 4217.</summary>
public sealed class UnknownCurrencyException : FormatException
{
    /// <summary>Creates the exception for <paramref name="code"/>.</summary>
    public UnknownCurrencyException(string code)
        : base($"Unknown currency code '{code}': not an ISO 4217 alphabetic code.") => Code = code;

    /// <summary>The code that was not found, as given.</summary>
    public string Code { get; }
}
