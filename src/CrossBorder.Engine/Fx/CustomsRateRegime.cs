using System.Globalization;
namespace CrossBorder.Engine.Fx;

/// <summary>
/// How a customs authority chooses the exchange rate for a declaration date: a named policy on top of an
/// <see cref="ExchangeRateTable"/>.
/// </summary>
public abstract class CustomsRateRegime
{
    /// <summary>Creates the regime over <paramref name="rates"/>.</summary>
    protected CustomsRateRegime(ExchangeRateTable rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        Rates = rates;
    }

    /// <summary>The rate table the regime reads.</summary>
    public ExchangeRateTable Rates { get; }

    /// <summary>A short name for explanations, such as <c>EU monthly (UCC IA Art. 146)</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The date of the rate that applies to a declaration made on <paramref name="declarationDate"/>.</summary>
    public abstract DateOnly ReferenceDate(DateOnly declarationDate);

    /// <summary>Finds the rate that applies to a declaration on <paramref name="declarationDate"/>.</summary>
    public bool TryGetRate(Currency from, Currency to, DateOnly declarationDate, out ExchangeRate rate) =>
        Rates.TryGetRate(from, to, ReferenceDate(declarationDate), out rate);

    /// <summary>The rate that applies to a declaration on <paramref name="declarationDate"/>.</summary>
    /// <exception cref="MissingExchangeRateException">No rate for the pair on the reference date; the message names both dates.</exception>
    public ExchangeRate GetRate(Currency from, Currency to, DateOnly declarationDate)
    {
        var reference = ReferenceDate(declarationDate);
        if (!Rates.TryGetRate(from, to, reference, out var rate))
        {
            throw new MissingExchangeRateException(from, to, declarationDate,
                string.Create(CultureInfo.InvariantCulture, $"{Name} uses the rate of {reference:yyyy-MM-dd}, which the table does not have"));
        }
        return rate;
    }

    /// <summary>Converts <paramref name="amount"/> to <paramref name="to"/> at the regime's rate, rounding once with <paramref name="mode"/>.</summary>
    public Money Convert(Money amount, Currency to, DateOnly declarationDate, RoundingMode mode) =>
        amount.Currency == to ? amount : GetRate(amount.Currency, to, declarationDate).Convert(amount, mode);

    /// <summary>"Rate of the given date": the rate in force on the declaration date itself.</summary>
    public static CustomsRateRegime RateOfTheDay(ExchangeRateTable rates) => new RateOfTheDayRegime(rates);

    /// <summary>
    /// The EU customs rule: for a whole month, the ECB reference rate published on the penultimate Wednesday of the
    /// previous month (Commission Implementing Regulation (EU) 2015/2447, Art. 146(1)); when no rate was published
    /// that day, the last rate published before it.
    /// </summary>
    public static CustomsRateRegime EuMonthly(ExchangeRateTable rates) => new EuMonthlyRegime(rates);

    private sealed class RateOfTheDayRegime(ExchangeRateTable rates) : CustomsRateRegime(rates)
    {
        public override string Name => "rate of the day";

        public override DateOnly ReferenceDate(DateOnly declarationDate) => declarationDate;
    }

    private sealed class EuMonthlyRegime(ExchangeRateTable rates) : CustomsRateRegime(rates)
    {
        public override string Name => "EU monthly customs rate (Reg. 2015/2447 Art. 146)";

        public override DateOnly ReferenceDate(DateOnly declarationDate) => PenultimateWednesdayOfPreviousMonth(declarationDate);
    }

    /// <summary>The penultimate Wednesday of the month before <paramref name="date"/>'s month.</summary>
    public static DateOnly PenultimateWednesdayOfPreviousMonth(DateOnly date)
    {
        var firstOfMonth = new DateOnly(date.Year, date.Month, 1);
        var lastOfPrevious = firstOfMonth.AddDays(-1);
        var back = ((int)lastOfPrevious.DayOfWeek - (int)DayOfWeek.Wednesday + 7) % 7;
        return lastOfPrevious.AddDays(-back - 7);
    }
}
