namespace CrossBorder.Engine.Tariffs;

/// <summary>How a unit combines its two quantities.</summary>
internal enum SecondQuantityUse : byte
{
    /// <summary>One quantity only.</summary>
    None = 0,

    /// <summary>The product of both (100 kg × %sucrose, litres × %vol).</summary>
    Multiply,

    /// <summary>
    /// The first quantity times how far the second falls below the unit's threshold, never negative: kilograms ×
    /// degrees of polarization under 100 (HTS 1701: "for each degree under 100 degrees (and fractions of a degree in
    /// proportion)").
    /// </summary>
    DeficitBelowThreshold,
}

/// <summary>One row of the units table.</summary>
/// <param name="Code">TARIC measurement unit code plus qualifier where TARIC has one (DTN, ASVX, DTNZ); otherwise
/// a project code prefixed <c>US:</c> for HTS-only units, or <c>NAMED</c>/<c>POL</c> for the two parameterised units.</param>
/// <param name="Name">Display name.</param>
/// <param name="Quantity">The quantity of the line the unit is measured in.</param>
/// <param name="Second">The second quantity of a compound unit, or <see cref="QuantityKind.None"/>.</param>
/// <param name="Use">How the second quantity combines with the first.</param>
/// <param name="MultiplierNumerator">Numerator of the factor from the quantity to the unit (100 kg: 1).</param>
/// <param name="MultiplierDenominator">Denominator of that factor (100 kg: 100).</param>
/// <param name="TaricAliases">How UK/EU duty texts write the unit after <c>GBP /</c> or <c>EUR /</c>.</param>
/// <param name="UsAliases">How HTS rate texts write the unit after <c>¢/</c> or <c>$n/</c>.</param>
internal sealed record UnitDefinition(
    string Code,
    string Name,
    QuantityKind Quantity,
    QuantityKind Second,
    SecondQuantityUse Use,
    long MultiplierNumerator,
    long MultiplierDenominator,
    string[] TaricAliases,
    string[] UsAliases);

/// <summary>
/// The measurement units of duty rate texts, as data. One row per unit: the quantity it needs from the line, the
/// factor that turns that quantity into the unit, and the spellings the UK/EU (TARIC) and US (HTS) texts use.
/// </summary>
/// <remarks>
/// <para>Sources: TARIC units and multipliers as published by the UK Trade Tariff
/// (trade-tariff-backend <c>measurement_units.json</c>, vendored at <c>../shared/data/tariffs/uk/measurement-units.json</c>:
/// DTN multiplier 0.01, TNE 0.001, HLT 0.01, KLT 0.001, CEN 0.01, MIL 0.001, MPR 0.001; ASVX = ASV × HLT;
/// DTNZ = DTN × BRX); HTS units from the USITC HTS General Notes and the rate texts themselves.</para>
/// <para>Aliases are compared ignoring case, white space, hyphens and HTML tags, so <c>100 kg / net drained wt</c>,
/// <c>100kg/net drained wt</c> and <c>m&lt;sup&gt;2&lt;/sup&gt;</c> all match; the longest alias wins.</para>
/// <para>Quantities the HTS derives from other quantities: a proof litre is a litre at 100 US proof, and US proof is
/// twice the %vol (26 U.S.C. 5002(a)(10)-(11): "proof gallon ... or its alcoholic equivalent"), so proof litres =
/// litres × %vol / 50. A litre of pure alcohol (LPA) is litres × %vol / 100.</para>
/// </remarks>
internal static class MeasurementUnitTable
{
    /// <summary>Index of the named-quantity unit (its key is the unit name the caller supplies a quantity for).</summary>
    internal const int NamedIndex = 1;

    /// <summary>Index of the sugar polarization unit (kg × degrees under a threshold).</summary>
    internal const int PolarizationIndex = 2;

    private static readonly string[] None = [];

    internal static readonly UnitDefinition[] Entries =
    [
        // 0: no unit (ad valorem and component terms).
        new("", "", QuantityKind.None, QuantityKind.None, SecondQuantityUse.None, 1, 1, None, None),
        // 1, 2: parameterised units, never matched by alias; the parsers build them (see MeasurementUnit.Named and
        // MeasurementUnit.KilogramDegreesBelow).
        new("NAMED", "named quantity", QuantityKind.Named, QuantityKind.None, SecondQuantityUse.None, 1, 1, None, None),
        new("POL", "kg × degree of polarization under the threshold", QuantityKind.NetMass, QuantityKind.Polarization, SecondQuantityUse.DeficitBelowThreshold, 1, 1, None, None),

        // ---- mass, net
        new("KGM", "kg", QuantityKind.NetMass, QuantityKind.None, SecondQuantityUse.None, 1, 1, ["kg", "kg/net"], ["kg"]),
        new("DTN", "100 kg", QuantityKind.NetMass, QuantityKind.None, SecondQuantityUse.None, 1, 100, ["100 kg", "100 kg/net"], None),
        new("TNE", "1,000 kg", QuantityKind.NetMass, QuantityKind.None, SecondQuantityUse.None, 1, 1000, ["tonne", "1,000 kg", "1000 kg", "1,000 kg/net"], ["t"]),
        new("GRM", "g", QuantityKind.NetMass, QuantityKind.None, SecondQuantityUse.None, 1000, 1, ["g"], ["g"]),
        // HTS 2004/2005: "on entire contents of container" is the net weight of all the contents (liquid included),
        // as opposed to the drained weight of other lines.
        new("US:KGC", "kg on entire contents of container", QuantityKind.NetMass, QuantityKind.None, SecondQuantityUse.None, 1, 1, None, ["kg on entire contents of container"]),
        new("CTM", "carat", QuantityKind.Carats, QuantityKind.None, SecondQuantityUse.None, 1, 1, ["c/k", "carat"], ["carat"]),

        // ---- mass, other bases (TARIC qualifiers E, G, M, R, P, T, A; HTS variants)
        new("KGME", "kg/net eda", QuantityKind.DrainedNetMass, QuantityKind.None, SecondQuantityUse.None, 1, 1, ["kg/net eda", "kg eda"],
            // "weght" is a spelling in the HTS 2024 source (2003.10.01, column 2).
            ["kg on drained weight", "kg on drained weght"]),
        new("DTNE", "100 kg/net eda", QuantityKind.DrainedNetMass, QuantityKind.None, SecondQuantityUse.None, 1, 100, ["100 kg/net eda", "100 kg eda", "100 kg/net drained wt"], None),
        new("TNEE", "1,000 kg/net eda", QuantityKind.DrainedNetMass, QuantityKind.None, SecondQuantityUse.None, 1, 1000, ["1,000 kg/net eda", "1000 kg/net eda"], None),
        new("KGMG", "kg/br", QuantityKind.GrossMass, QuantityKind.None, SecondQuantityUse.None, 1, 1, ["kg/br", "kg/gross"], ["kg on contents and container", "kg, including weight of container"]),
        new("DTNG", "100 kg/br", QuantityKind.GrossMass, QuantityKind.None, SecondQuantityUse.None, 1, 100, ["100 kg/br", "100 kg/gross"], None),
        new("US:TNG", "t, including weight of container", QuantityKind.GrossMass, QuantityKind.None, SecondQuantityUse.None, 1, 1000, None, ["t, including weight of container"]),
        new("DTNM", "100 kg/net mas", QuantityKind.DryMatterMass, QuantityKind.None, SecondQuantityUse.None, 1, 100, ["100 kg/net mas", "100 kg mas", "100 kg/net dry"], None),
        new("TNEM", "1,000 kg/net mas", QuantityKind.DryMatterMass, QuantityKind.None, SecondQuantityUse.None, 1, 1000, ["1,000 kg/net mas", "1000 kg/net mas"], None),
        new("DTNR", "100 kg std qual", QuantityKind.StandardQualityMass, QuantityKind.None, SecondQuantityUse.None, 1, 100, ["100 kg std qual", "100 kg/std qual"], None),
        new("TNER", "1,000 kg std qual", QuantityKind.StandardQualityMass, QuantityKind.None, SecondQuantityUse.None, 1, 1000, ["1,000 kg std qual", "1000 kg std qual"], None),
        new("KGMP", "kg/lactic matter", QuantityKind.LacticMatterMass, QuantityKind.None, SecondQuantityUse.None, 1, 1, ["kg/lactic matter"], None),
        new("KGMT", "kg/dry lactic matter", QuantityKind.DryLacticMatterMass, QuantityKind.None, SecondQuantityUse.None, 1, 1, ["kg/dry lactic matter"], None),
        new("KGMA", "kg/tot/alc", QuantityKind.TotalAlcoholMass, QuantityKind.None, SecondQuantityUse.None, 1, 1, ["kg/tot/alc", "kg/tot alc"], None),
        new("US:TSG", "kg of total sugars", QuantityKind.TotalSugarsMass, QuantityKind.None, SecondQuantityUse.None, 1, 1, None, ["kg of total sugars"]),
        new("US:CKG", "clean kg", QuantityKind.CleanYieldMass, QuantityKind.None, SecondQuantityUse.None, 1, 1, None, ["clean kg"]),

        // ---- sugar: 100 kg net × % sucrose (DTNZ = DTN × BRX)
        new("DTNZ", "100 kg/net/%sacchar.", QuantityKind.NetMass, QuantityKind.Sucrose, SecondQuantityUse.Multiply, 1, 100, ["100 kg/net/%sacchar.", "100 kg/net/%sacchar", "100 kg/net/%saccha."], None),
        new("TNEZ", "1,000 kg/net/%sacchar.", QuantityKind.NetMass, QuantityKind.Sucrose, SecondQuantityUse.Multiply, 1, 1000, ["1,000 kg/net/%sacchar.", "1,000 kg/net/%sacchar", "1,000 kg/net/%saccha."], None),

        // ---- counts
        new("NAR", "item", QuantityKind.Items, QuantityKind.None, SecondQuantityUse.None, 1, 1, ["item", "items", "p/st"], ["No."]),
        new("US:EACH", "each", QuantityKind.Items, QuantityKind.None, SecondQuantityUse.None, 1, 1, None, None),
        new("US:HEAD", "head", QuantityKind.Items, QuantityKind.None, SecondQuantityUse.None, 1, 1, None, ["head"]),
        new("US:ART", "article", QuantityKind.Items, QuantityKind.None, SecondQuantityUse.None, 1, 1, None, ["article"]),
        new("US:PACK", "pack", QuantityKind.Items, QuantityKind.None, SecondQuantityUse.None, 1, 1, None, ["pack"]),
        new("CEN", "100 items", QuantityKind.Items, QuantityKind.None, SecondQuantityUse.None, 1, 100, ["100 items", "100 p/st"], None),
        new("MIL", "1,000 items", QuantityKind.Items, QuantityKind.None, SecondQuantityUse.None, 1, 1000, ["1,000 items", "1000 items", "1,000 p/st", "1000 p/st"], ["1,000", "1000", "thousand"]),
        new("US:MPN", "1,000 pins", QuantityKind.Items, QuantityKind.None, SecondQuantityUse.None, 1, 1000, None, ["1,000 pins"]),
        new("US:DOZ", "doz.", QuantityKind.Items, QuantityKind.None, SecondQuantityUse.None, 1, 12, None, ["doz."]),
        new("US:GRS", "gross", QuantityKind.Items, QuantityKind.None, SecondQuantityUse.None, 1, 144, None, ["gross"]),
        new("NPR", "pair", QuantityKind.Pairs, QuantityKind.None, SecondQuantityUse.None, 1, 1, ["pa", "pair"], ["pr."]),
        new("US:DPR", "doz. pr.", QuantityKind.Pairs, QuantityKind.None, SecondQuantityUse.None, 1, 12, None, ["doz. pr."]),
        new("MPR", "1,000 pa", QuantityKind.Pairs, QuantityKind.None, SecondQuantityUse.None, 1, 1000, ["1,000 pa", "1000 pa"], None),
        new("US:JWL", "jewel", QuantityKind.Jewels, QuantityKind.None, SecondQuantityUse.None, 1, 1, None, ["jewel"]),
        // HTS 9606.21/29 buttons: "¢/line/gross" is per ligne of button size per gross (144) of buttons.
        new("US:LNG", "line/gross", QuantityKind.Items, QuantityKind.Lignes, SecondQuantityUse.Multiply, 1, 144, None, ["line/gross"]),

        // ---- volume and alcohol
        new("LTR", "l", QuantityKind.Litres, QuantityKind.None, SecondQuantityUse.None, 1, 1, ["l", "litre"], ["liter"]),
        new("HLT", "hl", QuantityKind.Litres, QuantityKind.None, SecondQuantityUse.None, 1, 100, ["hl"], None),
        new("KLT", "1,000 l", QuantityKind.Litres, QuantityKind.None, SecondQuantityUse.None, 1, 1000, ["1,000 l", "1000 l"], None),
        // ASVX: amount × %vol × hectolitres, i.e. litres × %vol / 100 (trade-tariff-duty-calculator: 0.50 GBP × 40 × 45 hl).
        new("ASVX", "% vol/hl", QuantityKind.Litres, QuantityKind.AlcoholByVolume, SecondQuantityUse.Multiply, 1, 100, ["% vol/hl", "%vol/hl"], None),
        new("LPA", "l alc. 100%", QuantityKind.Litres, QuantityKind.AlcoholByVolume, SecondQuantityUse.Multiply, 1, 100, ["l alc. 100%", "l alc 100%"], None),
        new("US:PFL", "pf. liter", QuantityKind.Litres, QuantityKind.AlcoholByVolume, SecondQuantityUse.Multiply, 1, 50, None, ["pf. liter", "pf. liter on ethyl alcohol content"]),
        new("US:BBL", "bbl", QuantityKind.Barrels, QuantityKind.None, SecondQuantityUse.None, 1, 1, None, ["bbl"]),
        new("MTQ", "m³", QuantityKind.CubicMetres, QuantityKind.None, SecondQuantityUse.None, 1, 1, ["m3", "m³"], ["m3", "m³"]),
        new("MTQC", "1,000 m³", QuantityKind.CubicMetres, QuantityKind.None, SecondQuantityUse.None, 1, 1000, ["1,000 m3", "1000 m3", "1,000 m³"], None),

        // ---- area and length
        new("MTK", "m²", QuantityKind.SquareMetres, QuantityKind.None, SecondQuantityUse.None, 1, 1, ["m2", "m²"], ["m2", "m²"]),
        new("US:MTKR", "m² of recording surface", QuantityKind.SquareMetres, QuantityKind.None, SecondQuantityUse.None, 1, 1, None, ["m2 of recording surface", "m² of recording surface"]),
        new("MTR", "m", QuantityKind.Metres, QuantityKind.None, SecondQuantityUse.None, 1, 1, ["m"], ["m", "lin. m"]),
        new("HMT", "100 m", QuantityKind.Metres, QuantityKind.None, SecondQuantityUse.None, 1, 100, ["100 m"], None),
    ];

    /// <summary>The aliases of every unit, normalised for matching, longest first (so that "100 kg/net eda" wins over "100 kg").</summary>
    internal static readonly (string Alias, int Index)[] TaricAliases = BuildAliases(taric: true);

    /// <summary>As <see cref="TaricAliases"/>, for HTS texts.</summary>
    internal static readonly (string Alias, int Index)[] UsAliases = BuildAliases(taric: false);

    private static (string Alias, int Index)[] BuildAliases(bool taric)
    {
        var list = new List<(string Alias, int Index)>();
        for (var i = 0; i < Entries.Length; i++)
        {
            foreach (var alias in taric ? Entries[i].TaricAliases : Entries[i].UsAliases)
            {
                list.Add((PhraseText.Normalise(alias), i));
            }
        }
        list.Sort((a, b) => b.Alias.Length != a.Alias.Length ? b.Alias.Length.CompareTo(a.Alias.Length) : string.CompareOrdinal(a.Alias, b.Alias));
        return [.. list];
    }

    /// <summary>The index of the unit with <paramref name="code"/>, or −1.</summary>
    internal static int IndexOf(string code)
    {
        for (var i = 1; i < Entries.Length; i++)
        {
            if (string.Equals(Entries[i].Code, code, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }
}
