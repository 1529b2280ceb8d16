namespace CrossBorder.Engine.Tariffs;

/// <summary>What an amount supplied to a duty evaluation stands for.</summary>
public enum DutyInputKind : byte
{
    /// <summary>Unset.</summary>
    None = 0,

    /// <summary>
    /// An EU/UK agricultural component published in separate tables and depending on the product's composition:
    /// EA, EAR, ADSZ, ADSZR, ADFM, ADFMR (Combined Nomenclature, Part One, Section I, B), or the duty from the entry
    /// price system ("Entry Price"). The caller supplies the computed amount.
    /// </summary>
    AgriculturalComponent,

    /// <summary>
    /// A duty that the text refers to rather than states: HTS Chapter 99 "the duty provided in the applicable
    /// subheading", "See 9822.04.01-9822.04.03", "the rate applicable to each garment in the ensemble...". The caller
    /// supplies the already-computed amount.
    /// </summary>
    ReferencedDuty,

    /// <summary>
    /// A value other than the customs value that an ad valorem rate is charged on: HTS watch rates "on the case",
    /// "on the battery", "percent of the fair retail value"...
    /// </summary>
    ValueBasis,
}
