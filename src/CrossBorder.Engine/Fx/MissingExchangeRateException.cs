using System.Globalization;

namespace CrossBorder.Engine.Fx;

/// <summary>No rate is known for a currency pair on a date. Never replaced by a silent 1.0 or 0.</summary>
public sealed class MissingExchangeRateException : InvalidOperationException
{
    /// <summary>Creates the exception for the pair and date.</summary>
    public MissingExchangeRateException(Currency baseCurrency, Currency quoteCurrency, DateOnly date, string? detail = null)
        : base(string.Create(CultureInfo.InvariantCulture, $"No exchange rate {baseCurrency.Code}/{quoteCurrency.Code} for {date:yyyy-MM-dd}{(detail is null ? "" : ": " + detail)}."))
    {
        Base = baseCurrency;
        Quote = quoteCurrency;
        Date = date;
    }

    /// <summary>The currency converted from.</summary>
    public Currency Base { get; }

    /// <summary>The currency converted to.</summary>
    public Currency Quote { get; }

    /// <summary>The date for which a rate was wanted.</summary>
    public DateOnly Date { get; }
}
