using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace CrossBorder.Engine.Internal;

/// <summary>Throw sites kept out of line so that the hot methods that call them stay small enough to inline.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    internal static void ThrowUnknownCurrency(ReadOnlySpan<byte> utf8Code) =>
        throw new UnknownCurrencyException(Encoding.UTF8.GetString(utf8Code));

    [DoesNotReturn]
    internal static void ThrowUnknownCurrency(ReadOnlySpan<char> code) =>
        throw new UnknownCurrencyException(code.ToString());

    [DoesNotReturn]
    internal static void ThrowNoMinorUnits(Currency currency) =>
        throw new InvalidOperationException($"Currency {currency.Code} has no minor units in ISO 4217 and cannot carry a money amount.");

    [DoesNotReturn]
    internal static void ThrowCurrencyMismatch(Currency left, Currency right) =>
        throw new CurrencyMismatchException(left, right);

    [DoesNotReturn]
    internal static void ThrowOverflow(string operation) =>
        throw new OverflowException($"Money overflow in {operation}: the result does not fit in 64-bit minor units.");

    [DoesNotReturn]
    internal static void ThrowInexact(string operation) =>
        throw new ArithmeticException($"{operation} is inexact and the rounding mode is {nameof(RoundingMode.Unnecessary)}: choose a rounding mode.");

    [DoesNotReturn]
    internal static void ThrowNoCurrency() =>
        throw new InvalidOperationException("default(Currency) is no currency and cannot carry a money amount.");

    [DoesNotReturn]
    internal static void ThrowArgument(string message, string paramName) => throw new ArgumentException(message, paramName);

    [DoesNotReturn]
    internal static void ThrowArgumentOutOfRange(string paramName, object? value, string message) =>
        throw new ArgumentOutOfRangeException(paramName, value, message);

    [DoesNotReturn]
    internal static void ThrowDivideByZero() => throw new DivideByZeroException();
}
