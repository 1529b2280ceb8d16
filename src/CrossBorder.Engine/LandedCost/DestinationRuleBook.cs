using CrossBorder.Engine.Geography;

namespace CrossBorder.Engine.LandedCost;

/// <summary>
/// The destination rules the engine knows, built in with their legal sources (US, the 27 EU member states, GB, CA,
/// AU, JP, CH, NO). Replace or add destinations with <see cref="Set"/>.
/// </summary>
public sealed class DestinationRuleBook
{
    private readonly Dictionary<string, DestinationRules> _rules = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The destinations known.</summary>
    public IEnumerable<string> Destinations => _rules.Keys;

    /// <summary>The rules of a destination.</summary>
    public bool TryGet(string destination, out DestinationRules rules) => _rules.TryGetValue(destination, out rules!);

    /// <summary>The rules of a destination.</summary>
    /// <exception cref="KeyNotFoundException">The destination has no rules; the message names it.</exception>
    public DestinationRules Get(string destination) =>
        _rules.TryGetValue(destination, out var rules)
            ? rules
            : throw new KeyNotFoundException($"No destination rules for '{destination}'. Known: {string.Join(", ", _rules.Keys.Order(StringComparer.Ordinal))}.");

    /// <summary>Adds or replaces a destination's rules.</summary>
    public void Set(DestinationRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules[rules.Destination] = rules;
    }

    private static readonly DateOnly Always = DateOnly.MinValue;
    private static readonly DateOnly Forever = DateOnly.MaxValue;

    /// <summary>The built-in rules.</summary>
    public static DestinationRuleBook CreateDefault()
    {
        var book = new DestinationRuleBook();
        var groups = new OriginGroups();
        var all = OriginSet.All;

        // ---------------- United States
        var usd = Currency.USD;
        book.Set(new DestinationRules
        {
            Destination = "US",
            TariffDestination = "US",
            Currency = usd,
            // 19 U.S.C. 1401a: transaction value, excluding international freight and insurance.
            Valuation = ValuationBasis.Fob,
            Source = "19 U.S.C. 1401a (transaction value); 19 CFR 159.3 (rounding to the cent)",
            DeMinimis =
            [
                // 19 U.S.C. 1321(a)(2)(C) as amended by TFTEA s. 901 (from 2016-03-10): $800 per person per day.
                // EO 14256 suspended it for goods from CN and HK from 2025-05-02; EO 14324 for all origins from 2025-08-29.
                new(ReliefKind.Duty | ReliefKind.Tax, new Money(80000, usd), true, all, [], new DateOnly(2016, 3, 10), new DateOnly(2025, 5, 1),
                    "19 U.S.C. 1321(a)(2)(C) (TFTEA s. 901)"),
                new(ReliefKind.Duty | ReliefKind.Tax, new Money(80000, usd), true, OriginSet.Parse("* !CN !HK", groups), [], new DateOnly(2025, 5, 2), new DateOnly(2025, 8, 28),
                    "19 U.S.C. 1321; EO 14256 (suspension for CN and HK from 2025-05-02)"),
            ],
            Fees =
            [
                // Merchandise processing fee, 19 CFR 24.23(b)(1): 0.3464% of value for formal entries (over $2,500),
                // with a floor and a cap adjusted for inflation every fiscal year (19 CFR 24.22(k), FAST Act s. 32201).
                new("MPF", Rate.Percent(0.3464m), null, new Money(3167, usd), new Money(61435, usd), new Money(250000, usd), null, TransportMode.Unknown,
                    new DateOnly(2023, 10, 1), new DateOnly(2024, 9, 30), "19 CFR 24.23(b)(1); 88 FR 48900 (FY2024: min $31.67, max $614.35)"),
                new("MPF", Rate.Percent(0.3464m), null, new Money(3271, usd), new Money(63462, usd), new Money(250000, usd), null, TransportMode.Unknown,
                    new DateOnly(2024, 10, 1), new DateOnly(2025, 9, 30), "19 CFR 24.23(b)(1); 89 FR 59126, CBP Dec. 24-12 (FY2025: min $32.71, max $634.62)"),
                new("MPF", Rate.Percent(0.3464m), null, new Money(3358, usd), new Money(65150, usd), new Money(250000, usd), null, TransportMode.Unknown,
                    new DateOnly(2025, 10, 1), Forever, "19 CFR 24.23(b)(1); 90 FR 34665, CBP Dec. 25-10 (FY2026: min $33.58, max $651.50)"),
                // Informal entries (value $2,500 or less), 19 CFR 24.23(b)(1)(ii): flat surcharge.
                new("MPF", Rate.Zero, new Money(253, usd), null, null, null, new Money(250000, usd), TransportMode.Unknown,
                    new DateOnly(2023, 10, 1), new DateOnly(2024, 9, 30), "19 CFR 24.23(b)(1)(ii); 88 FR 48900 (FY2024 informal, class 311a, $2.53)"),
                new("MPF", Rate.Zero, new Money(262, usd), null, null, null, new Money(250000, usd), TransportMode.Unknown,
                    new DateOnly(2024, 10, 1), new DateOnly(2025, 9, 30), "19 CFR 24.23(b)(1)(ii); 89 FR 59126, CBP Dec. 24-12 (FY2025 informal, class 311a, $2.62)"),
                new("MPF", Rate.Zero, new Money(269, usd), null, null, null, new Money(250000, usd), TransportMode.Unknown,
                    new DateOnly(2025, 10, 1), Forever, "19 CFR 24.23(b)(1)(ii); CBP Dec. 25-10 (FY2026 informal $2.69)"),
                // Harbor maintenance fee, 19 CFR 24.24: 0.125% of value of commercial cargo loaded or unloaded at a US port.
                new("HMF", Rate.Percent(0.125m), null, null, null, null, null, TransportMode.Sea,
                    Always, Forever, "26 U.S.C. 4461; 19 CFR 24.24 (0.125%)"),
            ],
        });

        // ---------------- European Union: one tariff (destination EU), each member state's VAT and currency.
        // Customs value CIF to the EU border: Reg. (EU) 952/2013 (UCC) Art. 70-71. VAT base: Directive 2006/112/EC
        // Art. 85-86 (customs value + duties, levies and charges, + incidental costs to the first destination).
        // Duty relief for consignments of negligible value up to €150: Council Reg. (EC) 1186/2009 Art. 23.
        // No VAT de minimis since 2021-07-01 (Directive (EU) 2017/2455); IOSS for consignments up to €150.
        // From 2026-07-01 a flat €3 customs duty per tariff subheading in low-value parcels (Council agreement of
        // 12 December 2025 on the interim duty for consignments below €150).
        string[] euro = ["AT", "BE", "CY", "DE", "EE", "ES", "FI", "FR", "GR", "HR", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PT", "SI", "SK"];
        var others = new (string Country, string Currency)[] { ("CZ", "CZK"), ("DK", "DKK"), ("HU", "HUF"), ("PL", "PLN"), ("RO", "RON"), ("SE", "SEK") };
        foreach (var country in euro)
        {
            book.Set(EuMember(country, Currency.EUR));
        }
        foreach (var (country, code) in others)
        {
            book.Set(EuMember(country, Currency.FromCode(code)));
        }
        // Bulgaria adopted the euro on 2026-01-01 (Council Decision (EU) 2025/1407); before, BGN. The rule book keys
        // by destination, so BG carries EUR; declarations before 2026 in BGN are converted by the rate regime.
        book.Set(EuMember("BG", Currency.EUR));

        // ---------------- United Kingdom
        var gbp = Currency.GBP;
        book.Set(new DestinationRules
        {
            Destination = "GB",
            TariffDestination = "GB",
            Currency = gbp,
            Valuation = ValuationBasis.Cif,
            Source = "Taxation (Cross-border Trade) Act 2018 Sch. 4 (CIF valuation); VATA 1994 s. 21 (import VAT base = value + duty)",
            DeMinimis =
            [
                // Consignments not exceeding £135: no customs duty (except excise goods); VAT is charged at the point of
                // sale instead of at import (The Taxation (Cross-border Trade) (Miscellaneous Provisions) (EU Exit)
                // Regulations 2020; VAT Notice 143). Relief for duty <= £135 from 2021-01-01.
                new(ReliefKind.Duty | ReliefKind.Tax, new Money(13500, gbp), true, all, [], new DateOnly(2021, 1, 1), Forever,
                    "HMRC VAT Notice 143 / Customs (Import Duty) (EU Exit) Regs 2018 reg. 47: consignments not exceeding £135"),
            ],
            PointOfSale = PointOfSaleScheme.UkPos,
            PointOfSaleCeiling = new Money(13500, gbp),
            PointOfSaleSource = "VATA 1994 s. 5A and Sch. 9A (seller or online marketplace accounts for VAT on consignments ≤ £135)",
        });

        // ---------------- Canada
        var cad = Currency.CAD;
        var usmca = OriginSet.Parse("US MX", groups);
        book.Set(new DestinationRules
        {
            Destination = "CA",
            TariffDestination = "CA",
            Currency = cad,
            // Customs Act s. 48: transaction value, FOB the place of direct shipment (freight to Canada excluded).
            Valuation = ValuationBasis.Fob,
            Source = "Customs Act s. 48 (transaction value); Excise Tax Act s. 215 (GST base = value for duty + duties)",
            DeMinimis =
            [
                // CUSMA courier low-value shipments: duty relieved up to C$150, GST up to C$40 for goods from US/MX
                // (Courier Imports Remission Order, from 2020-07-01; CBSA D8-2-16). Otherwise C$20 (Postal Imports
                // Remission Order / Courier LVS).
                new(ReliefKind.Duty, new Money(15000, cad), true, usmca, [TransportMode.Courier], new DateOnly(2020, 7, 1), Forever,
                    "Courier Imports Remission Order s. 3 (CUSMA, C$150 duty)"),
                new(ReliefKind.Tax, new Money(4000, cad), true, usmca, [TransportMode.Courier], new DateOnly(2020, 7, 1), Forever,
                    "Courier Imports Remission Order s. 3 (CUSMA, C$40 GST/HST)"),
                new(ReliefKind.Duty | ReliefKind.Tax, new Money(2000, cad), true, all, [], Always, Forever,
                    "Postal Imports Remission Order; Courier Imports Remission Order (C$20)"),
            ],
        });

        // ---------------- Australia
        var aud = Currency.AUD;
        book.Set(new DestinationRules
        {
            Destination = "AU",
            TariffDestination = "AU",
            Currency = aud,
            // Customs Act 1901 s. 159-161: FOB customs value; GST Act s. 13-20: value of the taxable importation =
            // customs value + duty + international transport and insurance (T&I).
            Valuation = ValuationBasis.Fob,
            TransportInTaxBase = true,
            Source = "Customs Act 1901 s. 159 (FOB); A New Tax System (Goods and Services Tax) Act 1999 s. 13-20 (VoTI incl. T&I)",
            DeMinimis =
            [
                // Low-value threshold A$1,000: no duty or GST at the border (Customs Act 1901 s. 68, Customs By-law 1300).
                new(ReliefKind.Duty | ReliefKind.Tax, new Money(100000, aud), true, all, [], Always, Forever,
                    "Customs Act 1901 s. 68; Customs (International Obligations) Regulation 2015 (A$1,000 low-value threshold)"),
            ],
            PointOfSale = PointOfSaleScheme.AuLvg,
            PointOfSaleCeiling = new Money(100000, aud),
            PointOfSaleSource = "GST Act 1999 Div. 84 (low value imported goods, from 2018-07-01)",
        });

        // ---------------- Japan
        var jpy = Currency.JPY;
        book.Set(new DestinationRules
        {
            Destination = "JP",
            TariffDestination = "JP",
            Currency = jpy,
            Valuation = ValuationBasis.Cif,
            Source = "Customs Tariff Act Art. 4 (CIF); Act on General Rules for National Taxes Art. 118 (bases truncated to ¥1,000) and Art. 119 (amounts truncated to ¥100)",
            DeMinimis =
            [
                // Customs Tariff Act Art. 14(18): goods of total taxable value ¥10,000 or less are duty and tax free.
                // The taxable value (課税価格) is the CIF customs value, freight and insurance included.
                new(ReliefKind.Duty | ReliefKind.Tax, new Money(10000, jpy), true, all, [], Always, Forever,
                    "Customs Tariff Act Art. 14(18) (¥10,000 of total taxable value, CIF)") { OnCustomsValue = true },
            ],
            DutyBaseRounding = new(RoundingMode.TowardZero, 1000),
            DutyRounding = new(RoundingMode.TowardZero, 100),
            TaxBaseRounding = new(RoundingMode.TowardZero, 1000),
            TaxRounding = new(RoundingMode.TowardZero, 100),
            RoundPerDeclaration = true,
            // Consumption tax 10% = national 7.8% (Consumption Tax Act Art. 29) + local 22/78 of the national amount.
            LocalTaxShareOfNational = Rate.FromRatio(22, 78),
        });

        // ---------------- Switzerland
        var chf = Currency.CHF;
        book.Set(new DestinationRules
        {
            Destination = "CH",
            TariffDestination = "CH",
            Currency = chf,
            Valuation = ValuationBasis.Cif,
            Source = "MWSTG Art. 54 (import VAT base: consideration + costs to the destination + duties)",
            // Import VAT amounts of CHF 5 or less are not collected (MWSTV Art. 1 / FOCBS; equivalent to goods of
            // about CHF 62 at 8.1%).
            TaxNotCollectedAtOrBelow = new Money(500, chf),
        });

        // ---------------- Norway
        var nok = Currency.NOK;
        book.Set(new DestinationRules
        {
            Destination = "NO",
            TariffDestination = "NO",
            Currency = nok,
            Valuation = ValuationBasis.Cif,
            Source = "Tolloven § 7-1 (customs value incl. transport to the border); Merverdiavgiftsloven § 4-11 (import VAT base)",
            PointOfSale = PointOfSaleScheme.Voec,
            PointOfSaleCeiling = new Money(300000, nok),
            PointOfSalePerItemBelow = true,
            PointOfSaleSource = "Merverdiavgiftsloven § 3-30 (VOEC: goods under NOK 3,000 per item, from 2020-04-01)",
        });

        return book;
    }

    private static DestinationRules EuMember(string country, Currency currency)
    {
        var eur = Currency.EUR;
        return new DestinationRules
        {
            Destination = country,
            TariffDestination = "EU",
            Currency = currency,
            Valuation = ValuationBasis.Cif,
            RateRegime = ExchangeRateRegimeKind.EuMonthly,
            Source = "Reg. (EU) 952/2013 Art. 70-71 (CIF customs value); Directive 2006/112/EC Art. 85-86 (VAT base)",
            DeMinimis =
            [
                new(ReliefKind.Duty, new Money(15000, eur), true, OriginSet.All, [], Always, Forever,
                    "Council Reg. (EC) 1186/2009 Art. 23 (consignments of negligible value up to €150)"),
                // VAT relief for small consignments up to €22 was abolished on 2021-07-01 (Directive (EU) 2017/2455).
                new(ReliefKind.Tax, new Money(2200, eur), true, OriginSet.All, [], Always, new DateOnly(2021, 6, 30),
                    "Directive 2009/132/EC Art. 23 (€22 small consignments; abolished 2021-07-01)"),
            ],
            PointOfSale = PointOfSaleScheme.Ioss,
            PointOfSaleCeiling = new Money(15000, eur),
            PointOfSaleSource = "Directive 2006/112/EC Art. 369l-369x (IOSS, consignments up to €150, from 2021-07-01)",
            FlatDutyPerSubheading = new Money(300, eur),
            FlatDutyFrom = new DateOnly(2026, 7, 1),
        };
    }
}
