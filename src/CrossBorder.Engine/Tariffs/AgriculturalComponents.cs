namespace CrossBorder.Engine.Tariffs;

/// <summary>
/// The agricultural components of EU/UK duty expressions, as data: placeholders whose amount depends on the
/// product's composition (milk fat, milk protein, starch/glucose, sucrose/invert sugar) and is published in separate
/// tables. They are never zero: an evaluation without the caller's amount fails and names the component.
/// </summary>
/// <remarks>
/// Source: Combined Nomenclature (Council Regulation (EEC) No 2658/87, Annex I), Part One, Section I, B "Special
/// provisions" and the meursing tables of Annex 1 to Regulation (EU) No 510/2014; the entry price system of
/// Commission Delegated Regulation (EU) 2017/891 and the CN's Annex 2 for fruit and vegetables ("Entry Price").
/// </remarks>
internal static class AgriculturalComponents
{
    /// <summary>(spelling, canonical name); spellings are compared ignoring case and white space, longest first.</summary>
    internal static readonly (string Spelling, string Name)[] Spellings =
    [
        ("ADSZR", "ADSZR"),       // additional duty on sugar, reduced (preferential)
        ("AD S/Z R", "ADSZR"),
        ("ADFMR", "ADFMR"),       // additional duty on flour, reduced (preferential)
        ("AD F/M R", "ADFMR"),
        ("ADSZ", "ADSZ"),         // additional duty on sugar ("AD S/Z")
        ("AD S/Z", "ADSZ"),
        ("ADFM", "ADFM"),         // additional duty on flour ("AD F/M")
        ("AD F/M", "ADFM"),
        ("EAR", "EAR"),           // agricultural component, reduced (preferential)
        ("EA", "EA"),             // agricultural component (meursing code)
        ("Entry Price", "Entry Price"), // duty from the entry price system (fruit and vegetables)
    ];

    internal static readonly (string Normalised, string Name)[] Normalised =
        [.. Spellings.Select(s => (PhraseText.Normalise(s.Spelling), s.Name)).OrderByDescending(s => s.Item1.Length)];
}
