namespace CrossBorder.Engine.LandedCost;

/// <summary>Which costs enter the customs value.</summary>
public enum ValuationBasis : byte
{
    /// <summary>Cost, insurance and freight to the border of the destination: goods + freight + insurance (EU, GB, JP, CH, NO).</summary>
    Cif = 0,

    /// <summary>Free on board / transaction value: the goods alone, without international freight and insurance (US, CA, AU).</summary>
    Fob = 1,
}
