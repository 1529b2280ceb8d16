namespace CrossBorder.Engine.Tariffs;

/// <summary>A narrative HTS rate: the phrase, the referenced duty it stands for, and an optional cap.</summary>
/// <param name="Phrase">The phrase as printed (compared ignoring case, white space, hyphens and tags).</param>
/// <param name="Reference">The name of the referenced duty the caller supplies.</param>
/// <param name="CapFirst">For "but in no case in excess of the sum of (a) ... and (b) ...": the name of (a).</param>
/// <param name="CapSecond">The name of (b).</param>
internal sealed record HtsReferencePhrase(string Phrase, string Reference, string? CapFirst = null, string? CapSecond = null);

/// <summary>A value other than the customs value that an HTS ad valorem rate is charged on.</summary>
/// <param name="Phrase">The phrase after "on" or "of", without a leading "the".</param>
/// <param name="Basis">The name of the value the caller supplies, or null when the phrase means the customs value itself.</param>
internal sealed record HtsValueBasis(string Phrase, string? Basis);

/// <summary>
/// The narrative forms of the USITC HTS rate columns, as data. Each phrase maps to a referenced duty (or a value
/// basis) that the caller supplies; a narrative text that is not here is a parse error, listed by the coverage report.
/// </summary>
/// <remarks>Phrases as printed in the HTS 2024 Basic Edition; the comments name the headings that use them.</remarks>
internal static class HtsPhrases
{
    /// <summary>The referenced duty of HTS Chapter 99 "The duty provided in the applicable subheading".</summary>
    internal const string ApplicableSubheading = "applicable subheading";

    /// <summary>HTS 9902 and Chapter 99 Special columns: "No change" — the rate of the underlying subheading applies unchanged.</summary>
    internal const string NoChange = "no change";

    internal static readonly HtsReferencePhrase[] References =
    [
        // Chapter 99 (9903.80-9903.89, Sections 232/301): "The duty provided in the applicable subheading + 25%".
        new("The duty provided in the applicable subheading", ApplicableSubheading),
        new("The duty provided for in the applicable subheading", ApplicableSubheading),
        // 9822.05.30/60 ("such subheading" is the subheading the heading's text names, i.e. the applicable one).
        new("The duty rate provided in such subheading", ApplicableSubheading),
        // 9822.07.10, 9918.24.20: free-trade-agreement rates of the underlying subheading.
        new("The duty rate provided for originating goods of Korea in such subheading", "rate for originating goods of Korea in such subheading"),
        new("The duty rate provided for originating goods of Colombia in such subheading", "rate for originating goods of Colombia in such subheading"),
        // 9822.09.22.
        new("The rate provided for beneficiary countries in heading 9901.00.50", "rate for beneficiary countries in heading 9901.00.50"),
        // 6103, 6104, 6203, 6204 ensembles (one printing repeats "in the").
        new("The rate applicable to each garment in the ensemble if separately entered", "each garment in the ensemble if separately entered"),
        new("The rate applicable to each garment in the ensemble if entered separately", "each garment in the ensemble if separately entered"),
        new("The rate applicable to each garment in the in the ensemble if separately entered", "each garment in the ensemble if separately entered"),
        // 8205.90.60, 8211.10.00: sets.
        new("The rate of duty applicable to that article in the set subject to the highest rate of duty", "article in the set subject to the highest rate of duty"),
        // 2106.90.52, 2202.99.36/37.
        new("The rate applicable to the natural juice in heading 2009", "natural juice in heading 2009"),
        // 9005.90.40, 9620.00.15.
        new("The rate applicable to the article of which it is a part or accessory", "article of which it is a part or accessory"),
        new("The rate applicable to the article of which it is an accessory", "article of which it is an accessory"),
        // 9608.50.00 (one printing has a comma after "applicable").
        new("The rate applicable to each article in the absence of this subheading", "each article in the absence of this subheading"),
        new("The rate applicable, to each article in the absence of this subheading", "each article in the absence of this subheading"),
        // 9810.00.35/85, 9817.61.01, 9818.00.05.
        new("The rate applicable in the absence of this subheading on the cost of such parts", "in the absence of this subheading, on the cost of such parts"),
        new("The rate applicable in the absence of this subheading", "in the absence of this subheading"),
        new("The rate applicable in the absence of this heading", "in the absence of this heading"),
        // 9110.11.00: the column 2 printing stops after "assembled"; it is the same subheading's phrase.
        new("The rate applicable to the complete, assembled movement", "complete, assembled movement"),
        new("The rate applicable to the complete, assembled", "complete, assembled movement"),
        // 9802.00.40-80, 9822.05.10, 9822.09.61 (U.S. goods returned, repairs and processing abroad).
        new("A duty upon the value of the repairs or alterations", "duty upon the value of the repairs or alterations"),
        new("A duty upon the value of such processing outside the United States", "duty upon the value of such processing outside the United States"),
        new("A duty upon the full value of the imported article, less the cost or value of such products of the United States",
            "duty upon the full value less the cost or value of the products of the United States"),
        new("A duty upon the full value of the imported article less the value of fabrics, components or materials of the United States",
            "duty upon the full value less the value of fabrics, components or materials of the United States"),
        // 9801.00.70 and 9801.00.80: a duty capped by the sum of two amounts.
        new("A duty equal to the duty upon the importation of like articles not previously exported, but in no case in excess of the sum of "
            + "(a) any customs drawback proved to have been allowed upon such exportation, and (b) the duty which would have been payable on "
            + "any articles used in the manufacture or production of such aircraft had they not been entered and exported under heading 9813.00.05",
            "duty upon the importation of like articles not previously exported",
            "customs drawback allowed upon such exportation",
            "duty payable on the articles used in the manufacture or production of such aircraft"),
        new("A duty (in lieu of any other duty or tax) equal to the sum of any duty and internal- revenue tax imposed upon the importation of "
            + "like articles not previously exported, but in no case in excess of the sum of (a) any customs drawback proved to have been allowed "
            + "upon such exportation of the article, and (b) any internal- revenue tax imposed, at the time such article is entered, upon the "
            + "importation of like articles not previously exported",
            "duty and internal-revenue tax upon the importation of like articles not previously exported",
            "customs drawback allowed upon such exportation of the article",
            "internal-revenue tax upon the importation of like articles not previously exported"),
    ];

    /// <summary>Value bases after "N% on the ..." and "N percent of the ...".</summary>
    internal static readonly HtsValueBasis[] ValueBases =
    [
        // Chapter 91 watches and clocks.
        new("case", "case"),
        new("strap, band or bracelet", "strap, band or bracelet"),
        new("case and strap, band or bracelet", "case and strap, band or bracelet"),
        new("battery", "battery"),
        new("movement", "movement"),
        new("movement and case", "movement and case"),
        new("apparatus", "apparatus"),
        // 7801.10.00; 9301.90.30, 9303.30 (rifles with telescopic sights: supply zero when there is no sight).
        new("value of the lead content", "value of the lead content"),
        new("value of the rifle", "value of the rifle"),
        new("value of the telescopic sight, if any", "value of the telescopic sight"),
        // 9816.00.20/40; 9818.00.01-05.
        new("fair retail value", "fair retail value"),
        new("cost of such goods or repairs", "cost of such goods or repairs"),
        new("cost of such parts or materials", "cost of such parts or materials"),
        new("cost of such parts", "cost of such parts"),
        // 3213.10.00 "6.5% on the entire set" and 9915.50.01 "5% on the full value of the imported article": the value
        // of the goods entered, i.e. the customs value.
        new("entire set", null),
        new("full value of the imported article", null),
    ];

    /// <summary>The reference phrases, normalised and longest first.</summary>
    internal static readonly (string Normalised, HtsReferencePhrase Entry)[] NormalisedReferences =
        [.. References.Select(e => (PhraseText.Normalise(e.Phrase), e)).OrderByDescending(e => e.Item1.Length)];

    /// <summary>The value bases, normalised.</summary>
    internal static readonly (string Normalised, HtsValueBasis Entry)[] NormalisedValueBases =
        [.. ValueBases.Select(e => (PhraseText.Normalise(e.Phrase), e))];
}
