namespace CrossBorder.Engine.Tariffs;

/// <summary>
/// A quantity of a customs line that a specific duty can be measured in. A <see cref="MeasurementUnit"/> says which
/// one (or which two, for compound units such as %vol/hl) it needs, and how to scale it.
/// </summary>
public enum QuantityKind : byte
{
    /// <summary>No quantity (the unit of an ad valorem or a component term).</summary>
    None = 0,

    /// <summary>Net mass in kilograms (TARIC KGM; HTS "kg").</summary>
    NetMass,

    /// <summary>Gross mass in kilograms, including the immediate container (TARIC qualifier "br"/"gross"; HTS "including weight of container").</summary>
    GrossMass,

    /// <summary>Net drained weight in kilograms (TARIC qualifier E, "eda"; HTS "on drained weight").</summary>
    DrainedNetMass,

    /// <summary>Net mass of dry matter in kilograms (TARIC qualifier M, "mas"/"net dry").</summary>
    DryMatterMass,

    /// <summary>Mass expressed as sugar of the standard quality, in kilograms (TARIC qualifier R, "std qual").</summary>
    StandardQualityMass,

    /// <summary>Mass of lactic matter in kilograms (TARIC KGMP).</summary>
    LacticMatterMass,

    /// <summary>Mass of dry lactic matter in kilograms (TARIC KGMT).</summary>
    DryLacticMatterMass,

    /// <summary>Mass of total alcohol in kilograms (TARIC KGMA, "kg/tot/alc").</summary>
    TotalAlcoholMass,

    /// <summary>Mass of total sugars in kilograms (HTS "kg of total sugars").</summary>
    TotalSugarsMass,

    /// <summary>Clean yield of wool in kilograms (HTS "clean kg").</summary>
    CleanYieldMass,

    /// <summary>Number of items (TARIC NAR "p/st"; HTS "No.", "each", "head", "pack", "article").</summary>
    Items,

    /// <summary>Number of pairs (TARIC NPR; HTS "pr.").</summary>
    Pairs,

    /// <summary>Volume in litres (TARIC LTR; HTS "liter").</summary>
    Litres,

    /// <summary>Alcoholic strength by volume in %vol: 40 for 40 %vol (TARIC ASV).</summary>
    AlcoholByVolume,

    /// <summary>Sucrose content in % by weight, other sugars expressed as sucrose (TARIC BRX, "%sacchar.").</summary>
    Sucrose,

    /// <summary>Polarization of sugar in degrees (HTS 1701 "for each degree under 100 degrees").</summary>
    Polarization,

    /// <summary>Area in square metres (TARIC MTK; HTS "m²").</summary>
    SquareMetres,

    /// <summary>Volume in cubic metres (TARIC MTQ; HTS "m³").</summary>
    CubicMetres,

    /// <summary>Length in metres (TARIC MTR; HTS "m", "lin. m").</summary>
    Metres,

    /// <summary>Mass in metric carats of 200 mg (TARIC CTM).</summary>
    Carats,

    /// <summary>Volume in US barrels of 42 US gallons, the HTS unit of quantity for petroleum (HTS "bbl").</summary>
    Barrels,

    /// <summary>Number of jewels of watch and clock movements (HTS "jewel").</summary>
    Jewels,

    /// <summary>Button size in lignes (1/40 inch), for the HTS "line/gross" rates: lignes × items / 144.</summary>
    Lignes,

    /// <summary>A quantity the caller supplies by name (the unit's key), for units no fixed kind covers:
    /// "kg on copper content", "jewel over 7", "gross of immediate containers".</summary>
    Named,
}
