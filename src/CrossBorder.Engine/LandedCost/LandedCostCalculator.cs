using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Text;
using CrossBorder.Engine.Fx;
using CrossBorder.Engine.Internal;
using CrossBorder.Engine.Tariffs;

namespace CrossBorder.Engine.LandedCost;

/// <summary>
/// Computes landed cost — customs value, every duty, import VAT/GST, fees — for batches of shipment lines, as each
/// destination's authority does (see <see cref="DestinationRules"/>), in the destination currency converted with the
/// destination's customs rate regime. Build once; then thread-safe. The batch methods allocate nothing per line.
/// </summary>
public sealed class LandedCostCalculator
{
    /// <summary>The name under which the base duty is given to expressions that refer to it (US Chapter 99).</summary>
    public const string ApplicableSubheading = "applicable subheading";

    // How far ahead of the shipment being priced its lines are loaded: about a dozen lines.
    private const int PrefetchDistance = 4096;
    private const int IdPrefetchLines = 12;    // lines ahead whose shipment id is fetched (a few shipments)

    private static readonly Currency[] SpecificRateCurrencies = [Currency.EUR, Currency.USD, Currency.GBP];

    private readonly FrozenDictionary<string, Destination> _destinations;

    [ThreadStatic]
    private static Scratch? t_scratch;

    /// <summary>Per-line working space of one thread, grown to the largest shipment priced on it.</summary>
    private sealed class Scratch
    {
        public long[] Value = new long[128];
        public long[] Customs = new long[128];
        public long[] NationalTax = new long[128];
        public long[] Declared = new long[128];
        public ulong[] CodeHash = new ulong[128];
        public Money[] TransportShare = new Money[128];
        public readonly ResolvedCodeCache Codes = new();

        public void EnsureCapacity(int n)
        {
            if (n > Value.Length)
            {
                var size = (int)Math.Min(Array.MaxLength, Math.Max(n, 2L * Value.Length));
                Value = new long[size];
                Customs = new long[size];
                NationalTax = new long[size];
                Declared = new long[size];
                CodeHash = new ulong[size];
                TransportShare = new Money[size];
            }
        }
    }

    /// <summary>Creates a calculator over schedules, destination rules and exchange rates.</summary>
    public LandedCostCalculator(TariffSchedules tariffs, DestinationRuleBook rules, ExchangeRateTable rates)
    {
        ArgumentNullException.ThrowIfNull(tariffs);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(rates);
        var destinations = new Dictionary<string, Destination>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in rules.Destinations)
        {
            var rule = rules.Get(name);
            if (!rule.Currency.HasMinorUnits)
            {
                // Checked once here: the pricing loops build amounts of this currency without checking it again.
                throw new ArgumentException($"Destination {name}: currency {rule.Currency} cannot carry an amount.", nameof(rules));
            }
            if (!tariffs.TryGet(rule.TariffDestination, out var duty))
            {
                continue;
            }
            tariffs.TryGet(rule.Destination, out var vat);
            destinations[name] = new Destination(destinations.Count, rule, duty, vat ?? duty, rule.CreateRateRegime(rates), [.. rule.DeMinimis]);
        }
        _destinations = destinations.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Whether schedule look-ups are memoised per thread (<see cref="ResolvedCodeCache"/>). Always on in use; tests
    /// turn it off to compare against plain look-ups.
    /// </summary>
    internal bool UsesCodeCache { get; init; } = true;

    /// <summary>The destinations that have both rules and a schedule.</summary>
    public IEnumerable<string> Destinations => _destinations.Keys;

    /// <summary>A destination as priced: its rules, schedules, rate regime, and its de minimis rules as an array (read
    /// once per shipment; through the rules' list interface each rule was an interface call).</summary>
    private sealed record Destination(int Slot, DestinationRules Rules, TariffSchedule Duty, TariffSchedule Vat, CustomsRateRegime Regime, DeMinimisRule[] DeMinimis);

    /// <summary>
    /// Prices <paramref name="lines"/> into <paramref name="results"/> (same length). Lines of one shipment must be
    /// contiguous. Allocates nothing per line.
    /// </summary>
    public void Calculate(ReadOnlySpan<ShipmentLine> lines, Span<LineCost> results)
    {
        if (results.Length < lines.Length)
        {
            throw new ArgumentException("The results span must be at least as long as the lines.", nameof(results));
        }
        var cache = default(ShipmentCache);
        // A line is several cache lines and its result nearly two: loaded ahead, their first touches do not stall.
        var linesAhead = new StreamPrefetcher(PrefetchDistance);
        var resultsAhead = new StreamPrefetcher(PrefetchDistance / 2);
        var start = 0;
        while (start < lines.Length)
        {
            linesAhead.Advance(lines, start);
            resultsAhead.Advance<LineCost>(results, start);
            var end = ShipmentEnd(lines, start);
            PrefetchShipmentId(lines, end + IdPrefetchLines);
            CalculateShipment(lines[start..end], results[start..end], null, ref cache);
            start = end;
        }
    }

    /// <summary>
    /// Prices <paramref name="lines"/> on every core: the batch is cut at shipment boundaries into chunks that are
    /// priced in parallel. The results are identical to <see cref="Calculate"/>.
    /// </summary>
    public void CalculateParallel(ReadOnlyMemory<ShipmentLine> lines, Memory<LineCost> results, int maxDegreeOfParallelism = -1)
    {
        if (results.Length < lines.Length)
        {
            throw new ArgumentException("The results must be at least as long as the lines.", nameof(results));
        }
        var workers = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        var chunkCount = Math.Max(1, Math.Min(workers * 4, lines.Length / 4096));
        var bounds = new int[chunkCount + 1];
        var span = lines.Span;
        for (var c = 1; c < chunkCount; c++)
        {
            // Cut after the shipment that contains the nominal cut point, so that no shipment is split.
            var cut = (int)((long)lines.Length * c / chunkCount);
            bounds[c] = cut <= bounds[c - 1] ? bounds[c - 1] : ShipmentEnd(span, cut - 1);
        }
        bounds[chunkCount] = lines.Length;
        Parallel.For(0, chunkCount, new ParallelOptions { MaxDegreeOfParallelism = workers }, c =>
        {
            var from = bounds[c];
            var to = bounds[c + 1];
            if (to > from)
            {
                Calculate(lines.Span[from..to], results.Span[from..to]);
            }
        });
    }

    /// <summary>Prices one shipment and explains every figure of every line (allocates: not for the hot path).</summary>
    public IReadOnlyList<string> Explain(ReadOnlySpan<ShipmentLine> shipment, Span<LineCost> results)
    {
        var traces = new StringBuilder[shipment.Length];
        for (var i = 0; i < traces.Length; i++)
        {
            traces[i] = new StringBuilder();
        }
        var cache = default(ShipmentCache);
        CalculateShipment(shipment, results, traces, ref cache);
        return [.. traces.Select(t => t.ToString().TrimEnd())];
    }

    /// <summary>
    /// What the shipments of one batch can share: per destination, the exchange rates for specific duties on a date;
    /// and the destinations already found by name, keyed by the name's string instance (a batch's lines usually share
    /// a few destination strings, so a reference comparison replaces a case-insensitive dictionary look-up).
    /// </summary>
    private struct ShipmentCache
    {
        public RateCache Rates;
        public NameCache Names;
    }

    [System.Runtime.CompilerServices.InlineArray(Length)]
    private struct RateCache
    {
        public const int Length = 16;
        private ShipmentCacheEntry _element;
    }

    [System.Runtime.CompilerServices.InlineArray(Length)]
    private struct NameCache
    {
        public const int Length = 8;
        private NameCacheEntry _element;
    }

    private struct NameCacheEntry
    {
        public string? Name;
        public Destination? Destination;
    }

    private struct ShipmentCacheEntry
    {
        public Destination? Destination;
        public DateOnly Date;
        public int Count;
        public SpecificRateArray Rates;
    }

    [System.Runtime.CompilerServices.InlineArray(3)]
    private struct SpecificRateArray
    {
        private ExchangeRate _element;
    }

    /// <summary>
    /// Loads the shipment id of the line at <paramref name="index"/> (if any) into the cache: each shipment's id is its
    /// own string, which <see cref="ShipmentEnd"/> compares when it reaches it; the line itself is already fetched.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchShipmentId(ReadOnlySpan<ShipmentLine> lines, int index)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported && (uint)index < (uint)lines.Length && lines[index].ShipmentId is { } id)
        {
            // A stale address after a GC move is harmless: a prefetch never faults.
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.AsRef(in id.GetPinnableReference())));
        }
    }

    // The cold parts of CalculateShipment, out of line: the batch loop that inlines it stays small.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Destination? FindDestination(string name) => _destinations.GetValueOrDefault(name);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FindSpecificRates(ref ShipmentCacheEntry cached, Destination destination, DateOnly date)
    {
        var currency = destination.Rules.Currency;
        cached.Count = 0;
        foreach (var c in SpecificRateCurrencies)
        {
            if (c != currency && destination.Regime.TryGetRate(c, currency, date, out var r))
            {
                cached.Rates[cached.Count++] = r;
            }
        }
        cached.Destination = destination;
        cached.Date = date;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Scratch CreateScratch() => t_scratch = new Scratch();

    private static int ShipmentEnd(ReadOnlySpan<ShipmentLine> lines, int start)
    {
        var id = lines[start].ShipmentId;
        var end = start + 1;
        while (end < lines.Length && string.Equals(lines[end].ShipmentId, id, StringComparison.Ordinal))
        {
            end++;
        }
        return end;
    }

    private void CalculateShipment(ReadOnlySpan<ShipmentLine> lines, Span<LineCost> results, StringBuilder[]? trace, ref ShipmentCache cache)
    {
        ref readonly var first = ref lines[0];
        var name = first.Destination;
        ref var known = ref cache.Names[(string.IsNullOrEmpty(name) ? 0 : name[0] + name[^1]) % NameCache.Length];
        Destination? destination;
        if (ReferenceEquals(known.Name, name))
        {
            destination = known.Destination!;
        }
        else if ((destination = FindDestination(name)) is not null)
        {
            known.Name = name;
            known.Destination = destination;
        }
        else
        {
            Fail(results, lines.Length, LineCostStatus.UnknownDestination, trace, ShipmentText.UnknownDestination(name, _destinations.Keys));
            return;
        }
        var rules = destination.Rules;
        var currency = rules.Currency;
        var date = first.Date;
        var regime = destination.Regime;
        var n = lines.Length;

        // Exchange rates for specific duties written in another currency (EUR rates in the UK, ...), looked up once
        // per destination and date: consecutive shipments usually share both.
        ref var cached = ref cache.Rates[destination.Slot % RateCache.Length];
        if (!ReferenceEquals(cached.Destination, destination) || cached.Date != date)
        {
            FindSpecificRates(ref cached, destination, date);
        }
        ReadOnlySpan<ExchangeRate> specificRates = ((ReadOnlySpan<ExchangeRate>)cached.Rates)[..cached.Count];

        // Per-line scratch, kept per thread and grown to the largest shipment seen (not stackalloc: a method with a
        // stackalloc is compiled once, fully optimised but without tiered PGO, and this is the hot loop).
        var scratch = t_scratch ?? CreateScratch();
        scratch.EnsureCapacity(n);
        var value = scratch.Value.AsSpan(0, n);
        var transportShare = scratch.TransportShare.AsSpan(0, n);

        // 1. Goods values, freight and insurance in the destination currency.
        if (!TryConvertValues(lines, results, value, rules, regime, date, trace, out var goods, out var freightAndInsurance))
        {
            return;
        }
        AllocateByWeight(freightAndInsurance, value, transportShare);

        // 2. Point-of-sale scheme and de minimis are decided on the consignment.
        var pointOfSale = false;
        var schemeRefused = false;
        if (first.Scheme != PointOfSaleScheme.None)
        {
            pointOfSale = DecidePointOfSale(rules, regime, lines, value, goods, date, trace);
            schemeRefused = !pointOfSale;
        }

        // 3. Lines: customs value, duty, VAT.
        if (!TryPriceLines(destination, scratch, lines, results, goods, freightAndInsurance, pointOfSale, schemeRefused, specificRates, trace, out var totalCustoms))
        {
            return;
        }

        // 4. Consignment-level amounts, allocated back to the lines so that lines always sum to the shipment.
        FinishShipment(rules, regime, scratch, lines, results, totalCustoms, pointOfSale, trace);
    }

    /// <summary>
    /// The lines' goods values in the destination currency (into <paramref name="value"/>), their sum, and the
    /// shipment's freight plus insurance; false after failing the shipment when a currency has no rate.
    /// </summary>
    private static bool TryConvertValues(ReadOnlySpan<ShipmentLine> lines, Span<LineCost> results, Span<long> value, DestinationRules rules, CustomsRateRegime regime, DateOnly date,
        StringBuilder[]? trace, out Money goods, out Money freightAndInsurance)
    {
        var n = lines.Length;
        var currency = rules.Currency;
        var freight = Money.Zero(currency);
        var insurance = Money.Zero(currency);
        goods = Money.Zero(currency);
        freightAndInsurance = goods;
        for (var k = 0; k < n; k++)
        {
            ref readonly var line = ref lines[k];
            // The value is usually in the destination currency already: no call then.
            var v = line.Value;
            if (v.Currency != currency && (line.Value.Currency.IsNone || !TryConvert(regime, line.Value, currency, date, out v, trace, k)))
            {
                Fail(results, n, line.Value.Currency.IsNone ? LineCostStatus.InvalidInput : LineCostStatus.MissingExchangeRate, trace,
                    ShipmentText.NoValueRate(line, currency, date, regime));
                return false;
            }
            value[k] = v.MinorUnits;
            goods += v;
            if (line.Freight is { } f)
            {
                if (!TryConvert(regime, f, currency, date, out var fc, trace, k))
                {
                    Fail(results, n, LineCostStatus.MissingExchangeRate, trace, ShipmentText.NoRate(f.Currency, currency, date));
                    return false;
                }
                freight += fc;
            }
            if (line.Insurance is { } ins)
            {
                if (!TryConvert(regime, ins, currency, date, out var ic, trace, k))
                {
                    Fail(results, n, LineCostStatus.MissingExchangeRate, trace, ShipmentText.NoRate(ins.Currency, currency, date));
                    return false;
                }
                insurance += ic;
            }
        }
        freightAndInsurance = freight + insurance;
        if (trace is not null)
        {
            Note(trace, -1, ShipmentText.Goods(lines[0].ShipmentId, rules.Destination, goods, freight, insurance));
        }
        return true;
    }

    /// <summary>Whether the point-of-sale scheme the shipment claims applies (its own scheme, within the ceiling).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool DecidePointOfSale(DestinationRules rules, CustomsRateRegime regime, ReadOnlySpan<ShipmentLine> lines, ReadOnlySpan<long> value, Money goods, DateOnly date, StringBuilder[]? trace)
    {
        var scheme = lines[0].Scheme;
        if (scheme == rules.PointOfSale && rules.PointOfSaleCeiling is { } ceiling
            && TryWithinCeiling(regime, goods, value, lines, rules.Currency, ceiling, rules.PointOfSalePerItemBelow, date, out var within))
        {
            if (trace is not null)
            {
                Note(trace, -1, ShipmentText.Ceiling(scheme, within, goods, ceiling, rules.PointOfSaleSource));
            }
            return within;
        }
        if (trace is not null)
        {
            Note(trace, -1, ShipmentText.SchemeRefused(scheme, rules));
        }
        return false;
    }

    /// <summary>
    /// Customs value, duty and VAT/GST of each line into <paramref name="results"/> (and the scratch's customs values and
    /// national taxes); false after failing the shipment.
    /// </summary>
    private bool TryPriceLines(Destination destination, Scratch scratch, ReadOnlySpan<ShipmentLine> lines, Span<LineCost> results, Money goods, Money freightAndInsurance,
        bool pointOfSale, bool schemeRefused, ReadOnlySpan<ExchangeRate> specificRates, StringBuilder[]? trace, out Money totalCustoms)
    {
        var rules = destination.Rules;
        var regime = destination.Regime;
        var currency = rules.Currency;
        var n = lines.Length;
        var date = lines[0].Date;
        var value = scratch.Value.AsSpan(0, n);
        var transportShare = scratch.TransportShare.AsSpan(0, n);
        var customs = scratch.Customs.AsSpan(0, n);
        var nationalTax = scratch.NationalTax.AsSpan(0, n);
        var codeHash = scratch.CodeHash.AsSpan(0, n);
        var cif = rules.Valuation == ValuationBasis.Cif;
        // The consignment's customs value, for thresholds on it: the lines' shares of freight and insurance add up
        // to the shipment's.
        var consignmentCustomsValue = cif ? goods + freightAndInsurance : goods;
        var dutyMode = rules.DutyRounding.Mode;
        // Rounded per declaration (Japan): each line keeps its amounts to the minor unit, and the declaration's
        // totals are rounded once after the lines (see RoundDeclaration).
        var lineDutyRounding = rules.RoundPerDeclaration ? new AmountRounding(dutyMode, 1) : rules.DutyRounding;
        var codes = scratch.Codes;
        var plainPath = UsesCodeCache && trace is null;
        var schemeFlags = pointOfSale ? LandedCostRegime.PointOfSaleVat : schemeRefused ? LandedCostRegime.SchemeNotApplicable : LandedCostRegime.Standard;
        totalCustoms = Money.Zero(currency);
        var dutyRelief = false;
        var taxRelief = false;
        if (plainPath)
        {
            // The lines' cache entries are loaded together rather than one miss after another.
            // Their hashes are kept for the look-ups.
            for (var k = 0; k < n; k++)
            {
                ref readonly var line = ref lines[k];
                codeHash[k] = codes.Prefetch(destination.Slot, line.Code, line.Origin, date);
            }
        }
        for (var k = 0; k < n; k++)
        {
            ref readonly var line = ref lines[k];
            var lineValue = Money.Trusted(value[k], currency);
            var cv = cif ? lineValue + transportShare[k] : lineValue;
            customs[k] = cv.MinorUnits;
            nationalTax[k] = 0;
            totalCustoms += cv;

            // De minimis is decided on the consignment; per line only the origin and transport can change it.
            if (k == 0 || trace is not null || line.Origin != lines[k - 1].Origin || line.Transport != lines[k - 1].Transport)
            {
                (dutyRelief, taxRelief) = DeMinimis(destination.DeMinimis, regime, goods, consignmentCustomsValue, line, date, trace, k);
            }
            var regimeFlags = schemeFlags
                | (dutyRelief ? LandedCostRegime.BelowDutyDeMinimis : 0)
                | (taxRelief ? LandedCostRegime.BelowTaxDeMinimis : 0);

            // A code whose measures reduce to plain rates (the common case) is priced here from its cached plan;
            // anything else, and every traced line, evaluates its measures one by one.
            if (plainPath && line.RetailPrice is null && cv.MinorUnits >= 0)
            {
                ref readonly var resolved = ref codes.Find(codeHash[k], destination, destination.Duty, destination.Vat, line.Code, line.Origin, date);
                if (!Unsafe.IsNullRef(in resolved) && resolved.Plan != 0)
                {
                    PricePlainLine(rules, in codes.PlanOf(in resolved), resolved.Matched, cv, lineValue, transportShare[k], regimeFlags, dutyRelief, taxRelief, pointOfSale,
                        dutyMode, lineDutyRounding, out nationalTax[k], ref results[k]);
                    continue;
                }
            }
            if (!TryPriceLine(destination, codes, UsesCodeCache, in line, k, date, cv, lineValue, transportShare[k], regimeFlags, dutyRelief, taxRelief, pointOfSale,
                dutyMode, lineDutyRounding, specificRates, trace, out results[k], out nationalTax[k], out var failure))
            {
                Fail(results, n, LineCostStatus.MissingExchangeRate, trace, failure!);
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The consignment-level amounts, allocated back to the lines so that lines always sum to the shipment: Japan's
    /// per-declaration rounding, the EU's flat low-value duty, fees, and a tax too small to collect.
    /// </summary>
    private static void FinishShipment(DestinationRules rules, CustomsRateRegime regime, Scratch scratch, ReadOnlySpan<ShipmentLine> lines, Span<LineCost> results,
        Money totalCustoms, bool pointOfSale, StringBuilder[]? trace)
    {
        var n = lines.Length;
        var currency = rules.Currency;
        var date = lines[0].Date;
        var transportShare = scratch.TransportShare.AsSpan(0, n);
        if (rules.RoundPerDeclaration)
        {
            // The goods values are no longer needed: their space holds the weights.
            RoundDeclaration(rules, results[..n], scratch.NationalTax.AsSpan(0, n), scratch.Value.AsSpan(0, n), scratch.Declared.AsSpan(0, n), transportShare, trace);
        }
        if (pointOfSale && rules.FlatDutyPerSubheading is { } flat && date >= rules.FlatDutyFrom)
        {
            ApplyFlatDuty(lines, results, regime, flat, currency, date, trace);
        }
        ApplyFees(rules, lines[0].Transport, date, totalCustoms, scratch.Customs.AsSpan(0, n), results, transportShare, trace);
        if (rules.TaxNotCollectedAtOrBelow is { } waiver)
        {
            WaiveSmallTax(results[..n], waiver, trace);
        }
    }

    /// <summary>Switzerland: an import tax at or below the waiver is not collected.</summary>
    private static void WaiveSmallTax(Span<LineCost> results, Money waiver, StringBuilder[]? trace)
    {
        var totalVat = Money.Zero(waiver.Currency);
        foreach (ref readonly var r in results)
        {
            totalVat += r.Vat;
        }
        if (!totalVat.IsZero && totalVat <= waiver)
        {
            foreach (ref var r in results)
            {
                r = r with { Vat = Money.Zero(waiver.Currency), Total = r.Total - r.Vat, Regime = r.Regime | LandedCostRegime.TaxNotCollected };
            }
            if (trace is not null)
            {
                Note(trace, -1, ShipmentText.NotCollected(totalVat, waiver));
            }
        }
    }

    /// <summary>
    /// A line whose code resolved to plain ad-valorem rates (<see cref="LinePlan"/>): the same figures as
    /// <see cref="TryPriceLine"/>, from the plan's rates instead of evaluating each measure.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PricePlainLine(DestinationRules rules, in LinePlan plan, TariffCode matched, Money cv, Money lineValue, Money transportShare,
        LandedCostRegime regimeFlags, bool dutyRelief, bool taxRelief, bool pointOfSale, RoundingMode dutyMode, AmountRounding lineDutyRounding, out long nationalTax, ref LineCost result)
    {
        var currency = rules.Currency;
        var dutyBase = rules.DutyBaseRounding.Apply(cv);
        var mfn = plan.HasMfn ? lineDutyRounding.Apply(dutyBase.Multiply(in plan.MfnRate, dutyMode, byReference: true)) : Money.Trusted(0, currency);
        var duty = mfn;
        if (plan.HasPreference)
        {
            var preference = lineDutyRounding.Apply(dutyBase.Multiply(in plan.PreferenceRate, dutyMode, byReference: true));
            if (!plan.HasMfn || preference < mfn)
            {
                duty = preference;
                regimeFlags |= LandedCostRegime.Preference;
            }
        }
        if (dutyRelief)
        {
            duty = Money.Trusted(0, currency);
        }
        var vat = Money.Trusted(0, currency);
        nationalTax = 0;
        if (plan.HasVat && !(taxRelief && !pointOfSale))
        {
            var vatBase = VatBase(rules, pointOfSale, cv, lineValue, transportShare, duty);
            vat = VatOfNational(rules, vatBase.Multiply(in plan.VatRate, rules.TaxRounding.Mode, byReference: true), ref nationalTax);
        }
        LineCost.WritePriced(ref result, cv, duty, vat, regimeFlags, plan.Flags, matched);
    }

    /// <summary>The VAT/GST base of a line, rounded as the destination rounds it.</summary>
    private static Money VatBase(DestinationRules rules, bool pointOfSale, Money cv, Money lineValue, Money transportShare, Money duty)
    {
        // Per declaration (Japan), the tax base takes the line's duty rounded as an amount (Customs Answer 1111:
        // ¥534,795 + ¥74,700).
        var vatBase = pointOfSale
            ? lineValue + transportShare
            : cv + (rules.RoundPerDeclaration ? rules.DutyRounding.Apply(duty) : duty) + (rules.TransportInTaxBase ? transportShare : Money.Trusted(0, cv.Currency));
        return rules.TaxBaseRounding.Apply(vatBase);
    }

    /// <summary>The line's VAT/GST from its national tax before rounding, with any local share on top.</summary>
    private static Money VatOfNational(DestinationRules rules, Money national, ref long nationalTax)
    {
        if (rules.RoundPerDeclaration)
        {
            // The line's national tax to the minor unit; its local tax on the national tax rounded as an amount
            // (Customs Answer 1111: ¥47,500 × 22/78 = ¥13,397). Rounded in RoundDeclaration.
            nationalTax = national.MinorUnits;
            return rules.LocalTaxShareOfNational is { } share
                ? national + rules.TaxRounding.Apply(national).Multiply(share, rules.TaxRounding.Mode)
                : national;
        }
        var vat = rules.TaxRounding.Apply(national);
        return rules.LocalTaxShareOfNational is { } localShare
            ? vat + rules.TaxRounding.Apply(vat.Multiply(localShare, rules.TaxRounding.Mode))
            : vat;
    }

    /// <summary>Duty and VAT/GST of one line by evaluating each applicable measure, with explanations when traced. False when
    /// the shipment cannot be priced (<paramref name="failure"/> says why). Out of line: its locals (measure spans, duty
    /// contexts, inputs) would otherwise be zeroed for every plain line of <see cref="CalculateShipment"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryPriceLine(Destination destination, ResolvedCodeCache codes, bool useCache, in ShipmentLine line, int k, DateOnly date, Money cv, Money lineValue, Money transportShare,
        LandedCostRegime regimeFlags, bool dutyRelief, bool taxRelief, bool pointOfSale, RoundingMode dutyMode, AmountRounding lineDutyRounding,
        ReadOnlySpan<ExchangeRate> specificRates, StringBuilder[]? trace, out LineCost result, out long nationalTax, out string? failure)
    {
        var rules = destination.Rules;
        var currency = rules.Currency;
        var regime = destination.Regime;
        var status = LineCostStatus.Ok;
        var flags = LandedCostFlags.None;
        nationalTax = 0;
        failure = null;
        result = default;
        var dutyBase = rules.DutyBaseRounding.Apply(cv);
        var resolved = useCache
            ? codes.Resolve(destination, destination.Slot, destination.Duty, destination.Vat, line.Code, line.Origin, date)
            : codes.ResolveUncached(destination.Duty, destination.Vat, line.Code, line.Origin, date);
        var match = resolved.Duty;
        if (!match.Found)
        {
            flags |= LandedCostFlags.CodeNotFound;
        }
        else if (!match.IsExact)
        {
            flags |= LandedCostFlags.CodeFallback;
        }
        if (trace is not null)
        {
            LineTrace.Match(trace, k, cv, rules, line.Code, match, destination.Duty);
        }

        // A retail price (for excise charged on it) is a named value basis, in the destination currency.
        var retail = default(DutyInput);
        var hasRetail = false;
        if (line.RetailPrice is { } retailPrice)
        {
            if (!TryConvert(regime, retailPrice, currency, date, out var retailLocal, trace, k))
            {
                failure = $"no {retailPrice.Currency}/{currency} rate for {date:yyyy-MM-dd} under {regime.Name}";
                return false;
            }
            retail = DutyInput.ValueBasis(DutyInput.RetailPrice, retailLocal);
            hasRetail = true;
        }
        var retailInputs = hasRetail ? new ReadOnlySpan<DutyInput>(in retail) : default;
        var context = new DutyContext(dutyBase, ShipmentLine.QuantitiesOf(in line)) { Rates = specificRates, Date = date, Inputs = retailInputs };
        Money? mfn = null;
        Money? preference = null;
        Measure? preferenceMeasure = null;
        var anyStacked = false;
        var measureSpan = resolved.Measures;
        foreach (var applied in measureSpan)
        {
            var measure = applied.Measure;
            switch (measure.Kind)
            {
                case MeasureKind.Prohibited or MeasureKind.Licence or MeasureKind.Certificate: flags |= LinePlan.FlagOf(measure.Kind); break;
                case MeasureKind.Mfn:
                    if (mfn is null && TryDuty(measure, context, dutyMode, lineDutyRounding, out var m, ref status, trace, k))
                    {
                        mfn = m;
                    }
                    break;
                case MeasureKind.Preferential:
                case MeasureKind.Suspension:
                case MeasureKind.Quota:
                    if (TryDuty(measure, context, dutyMode, lineDutyRounding, out var p, ref status, trace, k) && (preference is null || p < preference.Value))
                    {
                        preference = p;
                        preferenceMeasure = measure;
                    }
                    break;
                default:
                    anyStacked |= measure.Kind.IsStacked();
                    break;
            }
        }
        var baseDuty = mfn ?? Money.Zero(currency);
        if (preference is { } pref && (mfn is null || pref < mfn.Value))
        {
            baseDuty = pref;
            regimeFlags |= LandedCostRegime.Preference;
            if (trace is not null)
            {
                LineTrace.Preference(trace, k, preferenceMeasure!, line.Origin, pref, mfn);
            }
        }
        else if (mfn is { } mfnDuty)
        {
            if (trace is not null)
            {
                LineTrace.Mfn(trace, k, mfnDuty);
            }
        }

        var stacked = Money.Zero(currency);
        if (anyStacked)
        {
            Span<DutyInput> allInputs = [retail, DutyInput.ReferencedDuty(ApplicableSubheading, baseDuty)];
            var inputs = hasRetail ? allInputs : allInputs[1..];
            foreach (var applied in measureSpan)
            {
                var measure = applied.Measure;
                if (!measure.Kind.IsStacked())
                {
                    continue;
                }
                var stackedContext = new DutyContext(dutyBase, ShipmentLine.QuantitiesOf(in line)) { Rates = specificRates, Date = date, Inputs = inputs };
                if (TryDuty(measure, stackedContext, dutyMode, lineDutyRounding, out var extra, ref status, trace, k))
                {
                    stacked += extra;
                    regimeFlags |= LandedCostRegime.AdditionalDuties;
                    if (trace is not null)
                    {
                        LineTrace.Stacked(trace, k, measure, extra);
                    }
                }
            }
        }
        var duty = baseDuty + stacked;
        if (dutyRelief && !duty.IsZero)
        {
            if (trace is not null)
            {
                LineTrace.Relieved(trace, k, duty);
            }
            duty = Money.Zero(currency);
        }

        // VAT / GST.
        var vat = Money.Zero(currency);
        if (status == LineCostStatus.Ok && !(taxRelief && !pointOfSale))
        {
            var vatMeasure = resolved.Vat;
            if (vatMeasure is not null)
            {
                var vatBase = VatBase(rules, pointOfSale, cv, lineValue, transportShare, duty);
                var vatContext = new DutyContext(vatBase, ShipmentLine.QuantitiesOf(in line)) { Rates = specificRates, Date = date };
                if (vatMeasure.Rate!.TryEvaluate(vatContext, rules.TaxRounding.Mode, out var national, out var vatError))
                {
                    vat = VatOfNational(rules, national, ref nationalTax);
                    if (trace is not null)
                    {
                        LineTrace.Vat(trace, k, pointOfSale, vatMeasure, vatBase, rules.LocalTaxShareOfNational, vat);
                    }
                }
                else
                {
                    status = LineCostStatus.MissingDutyInput;
                    if (trace is not null)
                    {
                        Note(trace, k, vatError.ToString());
                    }
                }
            }
            else
            {
                if (trace is not null)
                {
                    LineTrace.NoVat(trace, k, destination.Vat);
                }
            }
        }
        else if (taxRelief)
        {
            Note(trace, k, "no import VAT/GST: consignment below the tax de minimis");
        }

        if (status != LineCostStatus.Ok)
        {
            result = new LineCost { Status = status, MatchedCode = match.Matched, Flags = flags, Regime = regimeFlags,
                CustomsValue = cv, Duty = Money.Zero(currency), Vat = Money.Zero(currency), Fees = Money.Zero(currency), Total = Money.Zero(currency) };
            return true;
        }
        result = default;
        LineCost.WritePriced(ref result, cv, duty, vat, regimeFlags, flags, match.Matched);
        return true;
    }

    /// <summary>
    /// The shipment-level explanations and failure reasons, out of line: interpolated strings in the shipment method
    /// would put their handlers (which hold references, so are zeroed on every call) in its frame.
    /// </summary>
    private static class ShipmentText
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static string UnknownDestination(string destination, IEnumerable<string> known) =>
            $"no destination rules and tariff schedule for '{destination}' (known: {string.Join(", ", known.Order(StringComparer.Ordinal))})";

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static string NoValueRate(in ShipmentLine line, Currency currency, DateOnly date, CustomsRateRegime regime) =>
            line.Value.Currency.IsNone ? $"line {line.Line}: no value currency" : $"no {line.Value.Currency}/{currency} rate for {date:yyyy-MM-dd} under {regime.Name}";

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static string NoRate(Currency from, Currency to, DateOnly date) => $"no {from}/{to} rate for {date:yyyy-MM-dd}";

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static string Goods(string shipment, string destination, Money goods, Money freight, Money insurance) =>
            $"shipment {shipment} to {destination}: goods {goods}, freight {freight}, insurance {insurance} (allocated to lines by value)";

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static string Ceiling(PointOfSaleScheme scheme, bool within, Money goods, Money ceiling, string? source) => within
            ? $"{SchemeName(scheme)}: goods {goods} within the ceiling {ceiling}: VAT is charged at sale ({source})"
            : $"{SchemeName(scheme)} claimed but goods {goods} exceed the ceiling {ceiling}: import VAT at the border";

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static string SchemeRefused(PointOfSaleScheme scheme, DestinationRules rules) =>
            $"{SchemeName(scheme)} claimed but {rules.Destination} has {(rules.PointOfSale == PointOfSaleScheme.None ? "no point-of-sale scheme" : SchemeName(rules.PointOfSale))}: import VAT at the border";

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static string NotCollected(Money totalVat, Money waiver) => $"import VAT {totalVat} is at or below {waiver}: not collected";
    }

    /// <summary>The per-line explanations, out of line: their string building would otherwise sit in the hot method's frame.</summary>
    private static class LineTrace
    {
        public static void Match(StringBuilder[] trace, int k, Money cv, DestinationRules rules, TariffCode code, TariffMatch match, TariffSchedule duty) =>
            Note(trace, k, $"customs value {cv} ({(rules.Valuation == ValuationBasis.Cif ? "CIF: goods + freight + insurance" : "FOB: goods only")}); code {code} matched {(match.Found ? match.Matched.ToString() : "nothing")} in the {duty.Destination} tariff");

        public static void Preference(StringBuilder[] trace, int k, Measure measure, Geography.CountryCode origin, Money preference, Money? mfn) =>
            Note(trace, k, $"preference: {measure.Kind.Name()} {measure.Rate!.Text} for origin {origin} = {preference} (instead of MFN {mfn?.ToString() ?? "none"})");

        public static void Mfn(StringBuilder[] trace, int k, Money duty) => Note(trace, k, $"MFN duty = {duty}");

        public static void Stacked(StringBuilder[] trace, int k, Measure measure, Money extra) =>
            Note(trace, k, $"{measure.Kind.Name()} {measure.Rate!.Text} (origin {measure.Origins.Text}{(measure.Note is null ? "" : "; " + measure.Note)}) = {extra}");

        public static void Relieved(StringBuilder[] trace, int k, Money duty) => Note(trace, k, $"duty {duty} relieved: consignment below the duty de minimis");

        public static void NoVat(StringBuilder[] trace, int k, TariffSchedule vat) => Note(trace, k, $"no VAT/GST measure in the {vat.Destination} schedule");

        public static void Vat(StringBuilder[] trace, int k, bool pointOfSale, Measure measure, Money vatBase, Rate? localShare, Money vat) =>
            Note(trace, k, $"{(pointOfSale ? "VAT at sale" : "import VAT/GST")} {measure.Rate!.Text} of {vatBase}{(localShare is { } s ? $" (+ local tax {s} of the national tax)" : "")} = {vat}");
    }

    private static bool TryConvert(CustomsRateRegime regime, Money amount, Currency to, DateOnly date, out Money converted, StringBuilder[]? trace, int line)
    {
        if (amount.Currency == to)
        {
            converted = amount;
            return true;
        }
        if (!regime.TryGetRate(amount.Currency, to, date, out var rate))
        {
            converted = default;
            return false;
        }
        converted = rate.Convert(amount, RoundingMode.HalfUp);
        if (trace is not null)
        {
            Note(trace, line, $"{amount} → {converted} at {rate} ({regime.Name}, reference date {regime.ReferenceDate(date):yyyy-MM-dd}, half-up)");
        }
        return true;
    }

    private static bool TryWithinCeiling(CustomsRateRegime regime, Money goods, ReadOnlySpan<long> values, ReadOnlySpan<ShipmentLine> lines, Currency currency, Money ceiling, bool perItemBelow, DateOnly date, out bool within)
    {
        within = false;
        if (perItemBelow)
        {
            for (var k = 0; k < values.Length; k++)
            {
                if (!TryConvert(regime, new Money(values[k], currency), ceiling.Currency, date, out var lineValue, null, 0))
                {
                    return false;
                }
                // A line of several items (its Items quantity) is several items of the line's value divided by their
                // number: each is below the ceiling when the line's value is below ceiling × items, compared exactly.
                var items = lines[k].Quantities.TryGet(QuantityKind.Items, out var count) && count.Thousandths > Quantity.Scale ? count.Thousandths : Quantity.Scale;
                if ((Int128)lineValue.MinorUnits * Quantity.Scale >= (Int128)ceiling.MinorUnits * items)
                {
                    return true;
                }
            }
            within = true;
            return true;
        }
        if (!TryConvert(regime, goods, ceiling.Currency, date, out var total, null, 0))
        {
            return false;
        }
        within = total <= ceiling;
        return true;
    }

    private static (bool Duty, bool Tax) DeMinimis(DeMinimisRule[] deMinimis, CustomsRateRegime regime, Money goods, Money customsValue, in ShipmentLine line, DateOnly date, StringBuilder[]? trace, int k)
    {
        bool? duty = null;
        bool? tax = null;
        foreach (var rule in deMinimis)
        {
            if (!rule.AppliesTo(line.Origin, line.Transport, date))
            {
                continue;
            }
            if (!TryConvert(regime, rule.OnCustomsValue ? customsValue : goods, rule.Threshold.Currency, date, out var inThresholdCurrency, null, 0))
            {
                continue;
            }
            var within = rule.IsWithin(inThresholdCurrency);
            if (duty is null && (rule.Relieves & ReliefKind.Duty) != 0)
            {
                duty = within;
                if (trace is not null)
                {
                    Note(trace, k, $"duty de minimis {rule.Threshold} ({rule.Source}): consignment {inThresholdCurrency} is {(within ? "within" : "above")}");
                }
            }
            if (tax is null && (rule.Relieves & ReliefKind.Tax) != 0)
            {
                tax = within;
                if (trace is not null)
                {
                    Note(trace, k, $"tax de minimis {rule.Threshold} ({rule.Source}): consignment {inThresholdCurrency} is {(within ? "within" : "above")}");
                }
            }
        }
        return (duty ?? false, tax ?? false);
    }

    private static bool TryDuty(Measure measure, in DutyContext context, RoundingMode mode, AmountRounding rounding, out Money duty, ref LineCostStatus status, StringBuilder[]? trace, int k)
    {
        if (measure.Rate!.TryEvaluate(context, mode, out var raw, out var error))
        {
            duty = rounding.Apply(raw);
            if (trace is not null)
            {
                Note(trace, k, $"{measure.Kind.Name()} {measure.Rate.Text} on {context.CustomsValue} = {duty}");
            }
            return true;
        }
        status = LineCostStatus.MissingDutyInput;
        if (trace is not null)
        {
            Note(trace, k, $"{measure.Kind.Name()} {measure.Rate.Text}: {error}");
        }
        duty = default;
        return false;
    }

    /// <summary>
    /// Japan: the declaration's duty, national consumption tax and local consumption tax are each the sum of the lines'
    /// amounts, truncated once (Act on General Rules for National Taxes Art. 119; Japan Customs, Customs Answer 1111:
    /// duties ¥74,760 + ¥17,640 = ¥92,400, not ¥74,700 + ¥17,600). Each total is allocated back to the lines in
    /// proportion to their own amounts, so that the lines add up to the declaration.
    /// </summary>
    private static void RoundDeclaration(DestinationRules rules, Span<LineCost> results, ReadOnlySpan<long> national, Span<long> weights, Span<long> duties, Span<Money> shares,
        StringBuilder[]? trace)
    {
        var currency = rules.Currency;
        var n = results.Length;
        var duty = Money.Zero(currency);
        var nationalTotal = Money.Zero(currency);
        var local = Money.Zero(currency);
        for (var k = 0; k < n; k++)
        {
            duty += results[k].Duty;
            nationalTotal += new Money(national[k], currency);
            local += results[k].Vat - new Money(national[k], currency);
        }
        var declaredDuty = rules.DutyRounding.Apply(duty);
        var declaredNational = rules.TaxRounding.Apply(nationalTotal);
        var declaredLocal = rules.TaxRounding.Apply(local);

        // The three allocations go to scratch (duties; weights then holds the local taxes), and each line is written
        // once at the end rather than once per allocation.
        for (var k = 0; k < n; k++)
        {
            weights[k] = results[k].Duty.MinorUnits;
        }
        AllocateByWeight(declaredDuty, weights, shares);
        for (var k = 0; k < n; k++)
        {
            duties[k] = shares[k].MinorUnits;
            weights[k] = results[k].Vat.MinorUnits - national[k];
        }
        AllocateByWeight(declaredLocal, weights, shares);
        for (var k = 0; k < n; k++)
        {
            weights[k] = shares[k].MinorUnits;
        }
        AllocateByWeight(declaredNational, national, shares);
        for (var k = 0; k < n; k++)
        {
            ref var r = ref results[k];
            var lineDuty = new Money(duties[k], currency);
            var vat = new Money(weights[k], currency) + shares[k];
            LineCost.MutableDuty(ref r) = lineDuty;
            LineCost.MutableVat(ref r) = vat;
            LineCost.MutableTotal(ref r) = lineDuty + vat + r.Fees;
        }
        if (trace is not null)
        {
            Note(trace, -1, $"declaration totals rounded once: duty {duty} → {declaredDuty}, national tax {nationalTotal} → {declaredNational}, local tax {local} → {declaredLocal}");
        }
    }

    private static void AllocateByWeight(Money total, ReadOnlySpan<long> weights, Span<Money> shares)
    {
        if (weights.Length == 1)
        {
            // One line takes everything, whatever its weight: what every branch below gives for one part.
            shares[0] = total;
            return;
        }
        var anyPositive = false;
        foreach (var w in weights)
        {
            anyPositive |= w > 0;
        }
        if (total.IsZero)
        {
            shares.Fill(total);
        }
        else if (anyPositive)
        {
            total.Allocate(weights, shares);
        }
        else
        {
            total.Allocate(shares);
        }
    }

    private static void ApplyFlatDuty(ReadOnlySpan<ShipmentLine> lines, Span<LineCost> results, CustomsRateRegime regime, Money flat, Currency currency, DateOnly date, StringBuilder[]? trace)
    {
        // One flat duty per distinct 6-digit subheading; it replaces the duty relief of the consignment and is
        // charged on the first line of each subheading.
        if (!TryConvert(regime, flat, currency, date, out var flatLocal, null, 0))
        {
            return;
        }
        for (var k = 0; k < lines.Length; k++)
        {
            var subheading = lines[k].Code.Length >= 6 ? lines[k].Code.Truncate(6) : lines[k].Code;
            var seen = false;
            for (var j = 0; j < k; j++)
            {
                if ((lines[j].Code.Length >= 6 ? lines[j].Code.Truncate(6) : lines[j].Code) == subheading)
                {
                    seen = true;
                    break;
                }
            }
            var r = results[k];
            var duty = seen ? Money.Zero(currency) : flatLocal;
            results[k] = r with { Duty = duty, Total = r.Total - r.Duty + duty, Regime = (r.Regime | LandedCostRegime.FlatLowValueDuty) & ~LandedCostRegime.BelowDutyDeMinimis };
            if (trace is not null)
            {
                Note(trace, k, seen ? $"flat low-value duty already charged for subheading {subheading}" : $"flat low-value duty {flat} for subheading {subheading} = {duty}");
            }
        }
    }

    private static void ApplyFees(DestinationRules rules, TransportMode mode, DateOnly date, Money totalCustoms, ReadOnlySpan<long> customs, Span<LineCost> results, Span<Money> scratch, StringBuilder[]? trace)
    {
        var fees = Money.Zero(totalCustoms.Currency);
        var formal = false;
        // Indexed, not foreach: the list is an interface, and its enumerator would be allocated on every shipment.
        var feeRules = rules.Fees;
        for (var i = 0; i < feeRules.Count; i++)
        {
            var fee = feeRules[i];
            if (fee.AppliesTo(totalCustoms, mode, date))
            {
                var amount = fee.Compute(totalCustoms);
                fees += amount;
                formal |= fee.ValueAbove is not null;
                if (trace is not null)
                {
                    Note(trace, -1, $"{fee.Name} {(fee.Rate == Rate.Zero ? "flat" : fee.Rate.ToString())} on {totalCustoms} = {amount} ({fee.Source})");
                }
            }
        }
        if (fees.IsZero && !formal)
        {
            return;
        }
        AllocateByWeight(fees, customs, scratch[..results.Length]);
        for (var k = 0; k < results.Length; k++)
        {
            ref var r = ref results[k];
            if (r.Status != LineCostStatus.Ok)
            {
                continue;
            }
            LineCost.MutableFees(ref r) = scratch[k];
            LineCost.MutableTotal(ref r) = r.Total + scratch[k];
            if (formal)
            {
                LineCost.MutableRegime(ref r) = r.Regime | LandedCostRegime.FormalEntry;
            }
        }
    }

    private static void Fail(Span<LineCost> results, int count, LineCostStatus status, StringBuilder[]? trace, string reason)
    {
        for (var k = 0; k < count; k++)
        {
            results[k] = new LineCost { Status = status };
        }
        Note(trace, -1, reason);
    }

    private static void Note(StringBuilder[]? trace, int line, string text)
    {
        if (trace is null)
        {
            return;
        }
        if (line < 0)
        {
            foreach (var t in trace)
            {
                t.Append(text).Append("; ");
            }
        }
        else
        {
            trace[line].Append(text).Append("; ");
        }
    }

    /// <summary>Totals of a shipment's lines (the shipment row).</summary>
    public static LineCost Total(ReadOnlySpan<LineCost> lines)
    {
        if (lines.IsEmpty)
        {
            throw new ArgumentException("No lines.", nameof(lines));
        }
        ref readonly var first = ref lines[0];
        var result = first;
        for (var k = 1; k < lines.Length; k++)
        {
            var l = lines[k];
            if (l.Status != LineCostStatus.Ok || result.Status != LineCostStatus.Ok)
            {
                result = result with { Status = result.Status != LineCostStatus.Ok ? result.Status : l.Status };
                continue;
            }
            result = result with
            {
                CustomsValue = result.CustomsValue + l.CustomsValue,
                Duty = result.Duty + l.Duty,
                Vat = result.Vat + l.Vat,
                Fees = result.Fees + l.Fees,
                Total = result.Total + l.Total,
                Regime = result.Regime | l.Regime,
                Flags = result.Flags | l.Flags,
            };
        }
        return result;
    }

    /// <summary>The scheme's name as the input file writes it (IOSS, UK_POS, AU_LVG, VOEC).</summary>
    public static string SchemeName(PointOfSaleScheme scheme) => scheme switch
    {
        PointOfSaleScheme.Ioss => "IOSS",
        PointOfSaleScheme.UkPos => "UK_POS",
        PointOfSaleScheme.AuLvg => "AU_LVG",
        PointOfSaleScheme.Voec => "VOEC",
        _ => "none",
    };
}
