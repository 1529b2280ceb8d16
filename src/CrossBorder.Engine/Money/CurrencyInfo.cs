namespace CrossBorder.Engine;

/// <summary>One row of the ISO 4217 table.</summary>
internal readonly record struct CurrencyInfo(string Code, int Numeric, byte MinorUnits, string Name, DateOnly? WithdrawnFrom)
{
    /// <summary>Minor units value that ISO 4217 writes as "N.A.".</summary>
    public const byte NotApplicable = 255;
}
