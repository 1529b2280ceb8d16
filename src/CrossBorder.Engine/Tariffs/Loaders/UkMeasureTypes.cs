namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>
/// How UK Trade Tariff (TARIC-style) measure types map to <see cref="MeasureKind"/>s. Types not in the map are
/// listed as skipped by <see cref="UkTradeTariffApiLoader"/>, never dropped silently.
/// </summary>
/// <remarks>
/// Type ids and descriptions as published in the UK Trade Tariff reference data (measure types API,
/// <c>/api/v2/measure_types</c>). Left unmapped on purpose: 105 and 106 (an authorised-use or customs-union duty
/// that replaces the MFN only under conditions), 109/110 (supplementary units: a quantity to declare, not a duty),
/// 482 and the other declaration controls of series B/N (a check on the declared figures), 555–570 (anti-dumping
/// notices, registrations, pending collection and statistics, which do not say whether they are anti-dumping or
/// countervailing and are not duties to collect), and the agricultural and price measures of series E, F, M and S.
/// </remarks>
public static class UkMeasureTypes
{
    /// <summary>The default map.</summary>
    public static IReadOnlyDictionary<string, MeasureKind> Default { get; } = new Dictionary<string, MeasureKind>(StringComparer.Ordinal)
    {
        // Series C: applicable duty.
        ["103"] = MeasureKind.Mfn,            // Third country duty
        ["112"] = MeasureKind.Suspension,     // Autonomous tariff suspension
        ["115"] = MeasureKind.Suspension,     // Autonomous suspension under authorised use
        ["117"] = MeasureKind.Suspension,     // Suspension - goods for certain categories of ships, boats and other vessels
        ["119"] = MeasureKind.Suspension,     // Airworthiness tariff suspension
        ["122"] = MeasureKind.Quota,          // Non preferential tariff quota
        ["123"] = MeasureKind.Quota,          // Non preferential tariff quota under authorised use
        ["141"] = MeasureKind.Preferential,   // Preferential suspension
        ["142"] = MeasureKind.Preferential,   // Tariff preference
        ["143"] = MeasureKind.Quota,          // Preferential tariff quota
        ["145"] = MeasureKind.Preferential,   // Preference under authorised use
        ["146"] = MeasureKind.Quota,          // Preferential tariff quota under authorised use
        // Series D: anti-dumping and countervailing duties.
        ["551"] = MeasureKind.AntiDumping,    // Provisional anti-dumping duty
        ["552"] = MeasureKind.AntiDumping,    // Definitive anti-dumping duty
        ["553"] = MeasureKind.Countervailing, // Provisional countervailing duty
        ["554"] = MeasureKind.Countervailing, // Definitive countervailing duty
        // Series J: countervailing charges.
        ["695"] = MeasureKind.Additional,     // Additional duties
        ["696"] = MeasureKind.Safeguard,      // Additional duties (safeguard)
        // Series P and Q: VAT and excise. VTS/VTZ are the UK service's own VAT types (standard, zero).
        ["305"] = MeasureKind.Vat,            // Value added tax
        ["VTS"] = MeasureKind.Vat,            // VAT standard rate
        ["VTZ"] = MeasureKind.Vat,            // VAT zero rate
        ["306"] = MeasureKind.Excise,         // Excises
        // Series A: prohibitions.
        ["277"] = MeasureKind.Prohibited,     // Import prohibition
        ["705"] = MeasureKind.Prohibited,     // Import prohibition on goods for torture and repression
        // Series B: certificates and licences needed to import.
        ["350"] = MeasureKind.Certificate,    // Animal Health Certificate
        ["351"] = MeasureKind.Licence,        // Health and Safety Executive Import Licensing Firearms and Ammunition
        ["352"] = MeasureKind.Certificate,    // Attestation Document (horticulture and potatoes)
        ["355"] = MeasureKind.Certificate,    // HMI Conformity Certificate (fruit and veg) issued in UK
        ["356"] = MeasureKind.Certificate,    // Common Veterinary Entry Document (CVED)
        ["358"] = MeasureKind.Licence,        // Home Office pre-cursor chemical authorisation
        ["359"] = MeasureKind.Licence,        // Health and Safety Executive (imports)
        ["360"] = MeasureKind.Certificate,    // Phytosanitary Certificate (import)
        ["362"] = MeasureKind.Licence,        // Home Office Controlled Drugs (import)
        ["363"] = MeasureKind.Certificate,    // Quarantine Release Certificate
        ["410"] = MeasureKind.Certificate,    // Veterinary control (a health entry document, CHED-A)
        ["710"] = MeasureKind.Licence,        // Import control - CITES (an import permit)
        ["750"] = MeasureKind.Certificate,    // Import control of organic products (certificate of inspection C644)
    };
}
