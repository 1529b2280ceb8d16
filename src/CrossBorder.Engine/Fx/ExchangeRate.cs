using System.Globalization;
using CrossBorder.Engine.Internal;

namespace CrossBorder.Engine.Fx;

/// <summary>
/// An exchange rate: one unit of <see cref="Base"/> is worth <see cref="Numerator"/>/<see cref="Denominator"/>
/// units of <see cref="Quote"/>. The rate is an exact fraction, so a published rate (USD 1.0830 per EUR), its
/// inverse and a cross rate through a pivot are all exact; converting an amount rounds once, with a named mode.
/// </summary>
/// <remarks>
/// A cross rate whose reduced fraction does not fit in 64-bit terms (only with unusually precise inputs) is scaled
/// down to fit, keeping at least 15 significant digits: far more than the 6 that customs and card schemes publish.
/// </remarks>
public readonly struct ExchangeRate : IEquatable<ExchangeRate>
{
    private ExchangeRate(Currency baseCurrency, Currency quoteCurrency, long numerator, long denominator)
    {
        Base = baseCurrency;
        Quote = quoteCurrency;
        Numerator = numerator;
        Denominator = denominator;
    }

    /// <summary>The currency converted from.</summary>
    public Currency Base { get; }

    /// <summary>The currency converted to.</summary>
    public Currency Quote { get; }

    /// <summary>Numerator of the rate (units of quote per unit of base), in lowest terms.</summary>
    public long Numerator { get; }

    /// <summary>Positive denominator of the rate, in lowest terms.</summary>
    public long Denominator { get; }

    /// <summary>The rate from a published decimal, exactly: 1.0830 USD per EUR is 1083/1000.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not positive.</exception>
    public static ExchangeRate FromDecimal(Currency baseCurrency, Currency quoteCurrency, decimal rate)
    {
        if (rate <= 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(rate), rate, "An exchange rate must be positive.");
        }
        var exact = Rate.FromDecimal(rate);
        return new ExchangeRate(baseCurrency, quoteCurrency, exact.Numerator, exact.Denominator);
    }

    /// <summary>The rate from an exact fraction of quote units per base unit.</summary>
    public static ExchangeRate FromRatio(Currency baseCurrency, Currency quoteCurrency, long numerator, long denominator)
    {
        if (numerator <= 0 || denominator <= 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(numerator), numerator, "An exchange rate must be positive.");
        }
        var (n, d) = FixedPoint.Reduce(numerator, denominator);
        return new ExchangeRate(baseCurrency, quoteCurrency, n, d);
    }

    /// <summary>The identity rate of a currency to itself.</summary>
    public static ExchangeRate Identity(Currency currency) => new(currency, currency, 1, 1);

    /// <summary>The inverse rate (quote to base), exact.</summary>
    public ExchangeRate Inverse() => new(Quote, Base, Denominator, Numerator);

    /// <summary>
    /// Chains this rate (A→B) with <paramref name="next"/> (B→C) into A→C, exactly (see the remarks on precision).
    /// </summary>
    /// <exception cref="CurrencyMismatchException">This rate's quote is not <paramref name="next"/>'s base.</exception>
    public ExchangeRate Then(ExchangeRate next)
    {
        if (Quote != next.Base)
        {
            ThrowHelper.ThrowCurrencyMismatch(Quote, next.Base);
        }
        var (n, d) = FixedPoint.Reduce((Int128)Numerator * next.Numerator, (Int128)Denominator * next.Denominator);
        return new ExchangeRate(Base, next.Quote, n, d);
    }

    /// <summary>
    /// Converts an amount in <see cref="Base"/> to <see cref="Quote"/>: the exact product in the quote's minor units,
    /// rounded once with <paramref name="mode"/>.
    /// </summary>
    /// <exception cref="CurrencyMismatchException">The amount is not in the base currency.</exception>
    public Money Convert(Money amount, RoundingMode mode)
    {
        if (amount.Currency != Base)
        {
            ThrowHelper.ThrowCurrencyMismatch(amount.Currency, Base);
        }
        // minor_q = minor_b × (n/d) × 10^(digits_q − digits_b)
        var shift = Quote.MinorUnits - Base.MinorUnits;

        // Fast path: when the rate's terms scaled by 10^|shift| fit in 64 bits (always, for published rates),
        // FixedPoint.MultiplyDivideRound computes the same exact quotient and rounds it the same way, with one
        // 64-bit division whenever amount × numerator fits in 64 bits (and the 128-bit route below otherwise).
        // The general path divides in Int128 on every call, which is slower than decimal.
        var scaledNumerator = Numerator;
        var scaledDenominator = Denominator;
        var fits = true;
        if (shift > 0)
        {
            fits = Math.BigMul(Numerator, CurrencyTable.Pow10[shift], out scaledNumerator) == scaledNumerator >> 63;
        }
        else if (shift < 0)
        {
            fits = Math.BigMul(Denominator, CurrencyTable.Pow10[-shift], out scaledDenominator) == scaledDenominator >> 63;
        }
        if (fits)
        {
            return new Money(FixedPoint.MultiplyDivideRound(amount.MinorUnits, scaledNumerator, scaledDenominator, mode), Quote);
        }

        Int128 numerator = (Int128)amount.MinorUnits * Numerator;
        Int128 denominator = Denominator;
        if (shift > 0)
        {
            numerator = checked(numerator * CurrencyTable.Pow10[shift]);
        }
        else if (shift < 0)
        {
            denominator *= CurrencyTable.Pow10[-shift];
        }
        return new Money(FixedPoint.DivideRound(numerator, denominator, mode), Quote);
    }

    /// <summary>The rate as a decimal (rounded to 28 digits), for display.</summary>
    public decimal ToDecimal() => (decimal)Numerator / Denominator;

    /// <inheritdoc />
    public bool Equals(ExchangeRate other) =>
        Base == other.Base && Quote == other.Quote && Numerator == other.Numerator && Denominator == other.Denominator;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ExchangeRate other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Base, Quote, Numerator, Denominator);

    /// <summary><c>EUR/USD 1.083</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Base}/{Quote} {ToDecimal():0.##########}");

#pragma warning disable CS1591
    public static bool operator ==(ExchangeRate left, ExchangeRate right) => left.Equals(right);
    public static bool operator !=(ExchangeRate left, ExchangeRate right) => !left.Equals(right);
#pragma warning restore CS1591
}
