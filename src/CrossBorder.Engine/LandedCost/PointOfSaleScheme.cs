namespace CrossBorder.Engine.LandedCost;

/// <summary>A scheme under which VAT/GST is charged by the seller or marketplace at the sale instead of at import.</summary>
public enum PointOfSaleScheme : byte
{
    /// <summary>None: import VAT/GST at the border.</summary>
    None = 0,

    /// <summary>EU Import One-Stop Shop, consignments of intrinsic value up to €150 (Directive 2017/2455, from 2021-07-01).</summary>
    Ioss,

    /// <summary>UK: consignments up to £135, VAT charged by the seller or online marketplace (from 2021-01-01).</summary>
    UkPos,

    /// <summary>Australia: low-value goods up to A$1,000, GST collected by the vendor (from 2018-07-01).</summary>
    AuLvg,

    /// <summary>Norway: VAT on E-Commerce, goods under NOK 3,000 per item, VAT collected by the seller (from 2020-04-01).</summary>
    Voec,
}
