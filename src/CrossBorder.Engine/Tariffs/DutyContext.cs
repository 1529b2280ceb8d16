using CrossBorder.Engine.Fx;

namespace CrossBorder.Engine.Tariffs;

/// <summary>
/// Everything a duty expression is evaluated against: the customs value (whose currency is the currency of the
/// result), the line's quantities, pre-resolved exchange rates for specific rates in other currencies, named amounts
/// and, for seasonal rates, the date.
/// </summary>
/// <remarks>
/// A <c>ref struct</c> over the caller's spans, so that evaluation allocates nothing. Exchange rates are the ones
/// the destination's customs regime gives for the declaration (see <see cref="CustomsRateRegime"/>); the evaluator
/// uses a rate from the term's currency to the customs value's currency, or the exact inverse of the opposite rate.
/// </remarks>
public readonly ref struct DutyContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="customsValue">The customs value, in the destination's currency; the duty is in this currency. For a
    /// purely specific rate the value is not read, but its currency still is: <c>Money.Zero(currency)</c> will do.</param>
    /// <param name="quantities">The line's quantities.</param>
    public DutyContext(Money customsValue, in DutyQuantities quantities)
    {
        CustomsValue = customsValue;
        _quantities = ref quantities;
    }

    // A reference, not a copy: the quantities are ~128 bytes and a line is evaluated against several measures.
    private readonly ref readonly DutyQuantities _quantities;

    /// <summary>The customs value; its currency is the currency of the duty.</summary>
    public Money CustomsValue { get; }

    /// <summary>The currency of the duty (the customs value's currency).</summary>
    public Currency Currency => CustomsValue.Currency;

    /// <summary>The line's quantities.</summary>
    public ref readonly DutyQuantities Quantities =>
        ref System.Runtime.CompilerServices.Unsafe.IsNullRef(in _quantities) ? ref s_none : ref _quantities; // default(DutyContext) has none

    private static readonly DutyQuantities s_none;

    /// <summary>Exchange rates to convert specific rates and inputs in other currencies (e.g. EUR → GBP).</summary>
    public ReadOnlySpan<ExchangeRate> Rates { get; init; }

    /// <summary>Named amounts: agricultural components, referenced duties and value bases.</summary>
    public ReadOnlySpan<DutyInput> Inputs { get; init; }

    /// <summary>The date of the declaration, needed by seasonal rates (TARIC "15.00% (01 JAN-14 FEB, ...)").</summary>
    public DateOnly? Date { get; init; }
}
