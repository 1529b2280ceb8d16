namespace CrossBorder.Engine;

/// <summary>
/// The smallest amount that changes hands in cash, per currency, in minor units. Used for cash rounding of totals
/// (<see cref="Money.RoundToCash"/>); electronic payments are not cash-rounded.
/// </summary>
/// <remarks>
/// Sources: Swiss National Bank (smallest coin 5 rappen); Sveriges Riksbank (öre coins withdrawn 2010, amounts in
/// whole kronor); Norges Bank (50-øre coin withdrawn 2012); Danmarks Nationalbank (50 øre); Bank of Canada
/// (penny withdrawn 2013, rounding to 5 cents); Royal Australian Mint (1c and 2c withdrawn 1992, 5 cents);
/// Reserve Bank of New Zealand (10 cents since 2006).
/// </remarks>
public static class CashRounding
{
    /// <summary>The cash increment of <paramref name="currency"/> in minor units (1 when coins exist for the minor unit).</summary>
    public static long IncrementFor(Currency currency) => currency.Code switch
    {
        "CHF" => 5,
        "SEK" => 100,
        "NOK" => 100,
        "DKK" => 50,
        "CAD" => 5,
        "AUD" => 5,
        "NZD" => 10,
        _ => 1,
    };
}
