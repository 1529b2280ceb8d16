namespace CrossBorder.Engine.LandedCost;

/// <summary>Which regimes and reliefs applied to a line (several may).</summary>
[Flags]
public enum LandedCostRegime
{
    /// <summary>Duty and import VAT/GST at the border, as the tariff says.</summary>
    Standard = 0,
    /// <summary>Consignment at or below the duty de minimis: no duty.</summary>
    BelowDutyDeMinimis = 1 << 0,
    /// <summary>Consignment at or below the tax de minimis: no import VAT/GST.</summary>
    BelowTaxDeMinimis = 1 << 1,
    /// <summary>VAT/GST charged at the sale under a point-of-sale scheme (IOSS, UK ≤ £135, AU LVG, VOEC).</summary>
    PointOfSaleVat = 1 << 2,
    /// <summary>A point-of-sale scheme was claimed but the consignment is above its ceiling: import VAT at the border.</summary>
    SchemeNotApplicable = 1 << 3,
    /// <summary>The EU flat duty per tariff subheading for low-value consignments (from 2026-07-01).</summary>
    FlatLowValueDuty = 1 << 4,
    /// <summary>The computed VAT was at or below the amount the authority does not collect (CH: CHF 5).</summary>
    TaxNotCollected = 1 << 5,
    /// <summary>A preferential, suspended or quota rate replaced the MFN rate.</summary>
    Preference = 1 << 6,
    /// <summary>Additional duties (Section 301, safeguard, anti-dumping, countervailing, excise) were stacked.</summary>
    AdditionalDuties = 1 << 7,
    /// <summary>A formal entry (US: value over $2,500).</summary>
    FormalEntry = 1 << 8,
}

/// <summary>Warnings and requirements for a line.</summary>
[Flags]
public enum LandedCostFlags
{
    /// <summary>None.</summary>
    None = 0,
    /// <summary>Import prohibited.</summary>
    Prohibited = 1 << 0,
    /// <summary>An import licence is required.</summary>
    LicenceRequired = 1 << 1,
    /// <summary>A certificate is required.</summary>
    CertificateRequired = 1 << 2,
    /// <summary>The code is not listed; its nearest listed ancestor was used.</summary>
    CodeFallback = 1 << 3,
    /// <summary>Neither the code nor any ancestor is listed: no duty measure was found.</summary>
    CodeNotFound = 1 << 4,
}

/// <summary>Whether a line could be priced.</summary>
public enum LineCostStatus : byte
{
    /// <summary>Priced.</summary>
    Ok = 0,
    /// <summary>No destination rules or schedule for the destination.</summary>
    UnknownDestination,
    /// <summary>No exchange rate for a currency on the date under the destination's regime.</summary>
    MissingExchangeRate,
    /// <summary>A duty needs an input the line does not have (a quantity, an agricultural component, ...).</summary>
    MissingDutyInput,
    /// <summary>The line's currency has no minor units or another invalid input.</summary>
    InvalidInput,
}
