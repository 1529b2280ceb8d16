namespace CrossBorder.Engine.Tariffs;

/// <summary>What a node of a compiled <see cref="DutyExpression"/> is.</summary>
public enum DutyNodeKind : byte
{
    /// <summary>Unset.</summary>
    None = 0,

    /// <summary>Duty free ("Free"): exactly zero, stated by the tariff.</summary>
    Free,

    /// <summary>A rate of a value: of the customs value, or of the named value basis ("on the case").</summary>
    AdValorem,

    /// <summary>An amount per unit, in a currency (US cents are USD minor units): "2.4¢/kg", "147.00 GBP / 100 kg".</summary>
    Specific,

    /// <summary>A named agricultural component the caller supplies (EA, ADSZ, ...; "Entry Price").</summary>
    AgriculturalComponent,

    /// <summary>A named duty the text refers to and the caller supplies ("the duty provided in the applicable subheading").</summary>
    ReferencedDuty,

    /// <summary>Sum of the two operands before it (<c>+</c>, "plus").</summary>
    Add,

    /// <summary>The first operand less the second (<c>-</c>, "minus", "less").</summary>
    Subtract,

    /// <summary>TARIC <c>MIN</c>: a minimum duty — the greater of the two operands, so the result is never below the second.</summary>
    Minimum,

    /// <summary>TARIC <c>MAX</c>: a maximum duty — the lesser of the two operands, so the result is never above the second.</summary>
    Maximum,
}
