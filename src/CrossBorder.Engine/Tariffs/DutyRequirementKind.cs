namespace CrossBorder.Engine.Tariffs;

/// <summary>What a <see cref="DutyExpression"/> needs from its context.</summary>
public enum DutyRequirementKind : byte
{
    /// <summary>Unset.</summary>
    None = 0,

    /// <summary>The customs value (an ad valorem rate of it).</summary>
    CustomsValue,

    /// <summary>A fixed quantity of the line (<see cref="DutyRequirement.Quantity"/>).</summary>
    Quantity,

    /// <summary>A quantity supplied by name (<see cref="DutyRequirement.Name"/>).</summary>
    NamedQuantity,

    /// <summary>An agricultural component amount (<see cref="DutyRequirement.Name"/>).</summary>
    AgriculturalComponent,

    /// <summary>A referenced duty amount (<see cref="DutyRequirement.Name"/>).</summary>
    ReferencedDuty,

    /// <summary>A value basis amount (<see cref="DutyRequirement.Name"/>).</summary>
    ValueBasis,

    /// <summary>An exchange rate from <see cref="DutyRequirement.Currency"/> when it is not the customs value's currency.</summary>
    ExchangeRate,

    /// <summary>The declaration date (a seasonal rate).</summary>
    Date,
}
