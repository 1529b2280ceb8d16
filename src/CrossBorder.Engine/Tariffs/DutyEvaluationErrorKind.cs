namespace CrossBorder.Engine.Tariffs;

/// <summary>Why a duty expression could not be evaluated. Each is an error, never a zero duty.</summary>
public enum DutyEvaluationErrorKind : byte
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The customs value is <c>default</c> (no currency).</summary>
    MissingCustomsValue,

    /// <summary>A quantity the unit needs is absent.</summary>
    MissingQuantity,

    /// <summary>A named quantity is absent.</summary>
    MissingNamedQuantity,

    /// <summary>An agricultural component (EA, ADSZ, ...) was not supplied.</summary>
    MissingAgriculturalComponent,

    /// <summary>A referenced duty was not supplied.</summary>
    MissingReferencedDuty,

    /// <summary>A value basis was not supplied.</summary>
    MissingValueBasis,

    /// <summary>No exchange rate from a term's currency to the customs value's currency.</summary>
    MissingExchangeRate,

    /// <summary>A seasonal rate was evaluated without a date.</summary>
    MissingDate,

    /// <summary>A seasonal rate has no alternative for the date.</summary>
    NoRateForDate,
}
