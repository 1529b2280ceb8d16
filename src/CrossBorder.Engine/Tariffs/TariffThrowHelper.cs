using System.Diagnostics.CodeAnalysis;

namespace CrossBorder.Engine.Tariffs;

/// <summary>Throw sites of the tariff types, kept out of line so that the methods that call them stay small.</summary>
internal static class TariffThrowHelper
{
    [DoesNotReturn]
    internal static void ThrowEvaluation(DutyEvaluationError error) => throw error.ToException();

    [DoesNotReturn]
    internal static void ThrowParse(DutyParseError error) => throw error.ToException();
}
