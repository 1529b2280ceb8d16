using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using CrossBorder.Engine.Geography;
using CrossBorder.Engine.Tariffs;

namespace CrossBorder.Engine.LandedCost;

/// <summary>
/// What the schedules say about one tariff code for one origin on one date in one destination: the duty schedule's
/// match and applicable measures, and the import VAT/GST measure. A view into <see cref="ResolvedCodeCache"/> or into
/// the caller's scratch; valid until the next <see cref="ResolvedCodeCache.Resolve"/> on the same thread.
/// </summary>
internal readonly ref struct ResolvedCode
{
    private static readonly LinePlan s_notPlain = default;
    private readonly ref readonly LinePlan _plan;

    public ResolvedCode(TariffMatch duty, ReadOnlySpan<AppliedMeasure> measures, Measure? vat)
        : this(duty, measures, vat, in s_notPlain)
    {
    }

    public ResolvedCode(TariffMatch duty, ReadOnlySpan<AppliedMeasure> measures, Measure? vat, ref readonly LinePlan plan)
    {
        Duty = duty;
        Measures = measures;
        Vat = vat;
        _plan = ref plan;
    }

    /// <summary>The measures reduced to plain rates when they allow it (cached entries only; otherwise not plain).</summary>
    public ref readonly LinePlan Plan => ref _plan;

    /// <summary>The duty schedule's answer (matched code, fallback).</summary>
    public TariffMatch Duty { get; }

    /// <summary>The duty schedule's applicable measures, deepest first.</summary>
    public ReadOnlySpan<AppliedMeasure> Measures { get; }

    /// <summary>The first VAT/GST measure the VAT schedule gives, or null.</summary>
    public Measure? Vat { get; }
}

/// <summary>
/// A per-thread, direct-mapped memo of schedule look-ups keyed by (destination, code, origin, date). A look-up is a
/// pure function of those four (schedules are immutable once built), and a batch of e-commerce lines repeats the
/// same few hundred codes: the cache turns two trie look-ups and their measure filtering per line into one probe.
/// A miss, or a code with more measures than an entry holds, is looked up as before; the answer is the same either
/// way (tests price each shipment alone with a cold cache and compare).
/// </summary>
internal sealed class ResolvedCodeCache
{
    private const int SetBits = 10;        // 1,024 sets of four entries: a batch's few hundred keys rarely crowd a set
    private const int Ways = 4;
    private const int Size = Ways << SetBits;
    private const int MaxMeasures = 6;     // measures an entry holds; more are looked up every time
    private const int MaxPlans = 4096;     // distinct plans kept; a code whose plan would be one more is priced measure by measure

    // What the hot path reads (hash tag, key, matched code, plan number: 56 bytes) apart from what only the
    // measure-by-measure path reads (the measures, ~340 bytes): a hit on the first way touches one cache line, and the
    // entries fit in the L2 cache next to the lines streaming through it.
    private readonly Entry[] _entries = new Entry[Size];
    private readonly Details[] _details = new Details[Size];
    // Plans are few (one per combination of rates and flags) and shared by every entry with the same rates.
    private readonly List<LinePlan> _plans = [default];
    private readonly Dictionary<LinePlan, int> _planNumbers = [];
    private readonly AppliedMeasure[] _measures = new AppliedMeasure[64];
    private readonly AppliedMeasure[] _vatMeasures = new AppliedMeasure[64];

    [InlineArray(MaxMeasures)]
    internal struct MeasureBuffer
    {
        private AppliedMeasure _element;
    }

    /// <summary>One cached answer's key, the code the duty schedule matched and its plan (0: not plain).</summary>
    internal struct Entry
    {
        public ulong Tag;              // the key's hash; 0 marks an empty way (a key whose hash is 0 is stored as 1)
        public object? Destination;    // the calculator's destination: identifies calculator and destination at once
        public long Code;
        public TariffCode Matched;
        public int Day;
        public int Plan;
        public CountryCode Origin;
        public byte CodeLength;

        public readonly bool Matches(object destination, TariffCode code, CountryCode origin, int day) =>
            ReferenceEquals(Destination, destination) && Code == code.Value && CodeLength == code.Length && Origin == origin && Day == day;
    }

    /// <summary>The rest of a cached answer: the duty match, the applicable measures and the VAT measure.</summary>
    private struct Details
    {
        public TariffMatch Duty;
        public int Count;
        public Measure? Vat;
        public MeasureBuffer Measures;
    }

    /// <summary>Number of look-ups answered from the cache since it was created (for tests).</summary>
    public long Hits { get; private set; }

    /// <summary>The plan an entry refers to (<see cref="Entry.Plan"/>); plan 0 is not plain.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref readonly LinePlan PlanOf(in Entry entry) => ref CollectionsMarshal.AsSpan(_plans)[entry.Plan];

    /// <summary>
    /// Resolves <paramref name="code"/> in <paramref name="duty"/> and <paramref name="vat"/>; <paramref name="destination"/>
    /// is the identity the answer is cached under (unique per calculator and destination), <paramref name="slot"/> a
    /// small number that tells destinations apart in the hash.
    /// </summary>
    public ResolvedCode Resolve(object destination, int slot, TariffSchedule duty, TariffSchedule vat, TariffCode code, CountryCode origin, DateOnly date)
    {
        var index = FindIndex(HashOf(slot, code, origin, date.DayNumber), destination, duty, vat, code, origin, date);
        if (index < 0)
        {
            return ResolveUncached(duty, vat, code, origin, date);
        }
        ref readonly var details = ref _details[index];
        return new ResolvedCode(details.Duty, MemoryMarshal.CreateReadOnlySpan(in details.Measures[0], details.Count), details.Vat, in PlanOf(in _entries[index]));
    }

    /// <summary>
    /// The cached answer for the key whose hash <see cref="Prefetch"/> returned, looked up and stored on a miss; a null
    /// reference when the answer cannot be cached (a truncated code, or more measures than an entry holds). The
    /// reference is valid until the next call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref readonly Entry Find(ulong hash, object destination, TariffSchedule duty, TariffSchedule vat, TariffCode code, CountryCode origin, DateOnly date)
    {
        var index = FindIndex(hash, destination, duty, vat, code, origin, date);
        return ref index < 0 ? ref Unsafe.NullRef<Entry>() : ref _entries[index];
    }

    /// <summary>
    /// Asks the CPU to load the set the key maps to, so that a shipment's look-ups overlap their cache misses instead of
    /// waiting for each in turn (the entries are 256 KB, mostly outside L1). Only a hint: reads and changes nothing.
    /// Returns the key's hash, for <see cref="Find"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe ulong Prefetch(int slot, TariffCode code, CountryCode origin, DateOnly date)
    {
        var hash = HashOf(slot, code, origin, date.DayNumber);
        if (Sse.IsSupported)
        {
            var set = SetOf(hash);
            ref var first = ref _entries[set];
            Sse.Prefetch0(Unsafe.AsPointer(ref first));
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref first, 1)));
        }
        return hash;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong HashOf(int slot, TariffCode code, CountryCode origin, int day) =>
        unchecked(((ulong)code.Value * 0x9E3779B97F4A7C15UL
            ^ (ulong)(uint)origin.GetHashCode() * 0xC2B2AE3D27D4EB4FUL
            ^ (ulong)(uint)day * 0x165667B19E3779F9UL
            ^ (ulong)(uint)slot) * 0x9E3779B97F4A7C15UL);

    // Four ways per set, the most recently filled first.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SetOf(ulong hash) => (int)(hash >> (64 - SetBits)) * Ways;

    /// <summary>The index of the cached answer for the key, filled on a miss; -1 when it cannot be cached.</summary>
    private int FindIndex(ulong hash, object destination, TariffSchedule duty, TariffSchedule vat, TariffCode code, CountryCode origin, DateOnly date)
    {
        var day = date.DayNumber;
        var tag = hash == 0 ? 1UL : hash;
        var set = SetOf(hash);
        var ways = _entries.AsSpan(set, Ways);
        for (var way = 0; way < ways.Length; way++)
        {
            if (ways[way].Tag == tag && ways[way].Matches(destination, code, origin, day))
            {
                Hits++;
                return set + way;
            }
        }
        return Fill(set, tag, destination, duty, vat, code, origin, date);
    }

    /// <summary>
    /// A miss: looks up, then fills the set's first way. Out of line, so that the entries it copies (which hold
    /// references, and would have to be zeroed on entry) stay out of the frame of every caller's hit path.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Fill(int set, ulong tag, object destination, TariffSchedule duty, TariffSchedule vat, TariffCode code, CountryCode origin, DateOnly date)
    {
        var resolved = ResolveUncached(duty, vat, code, origin, date);
        var match = resolved.Duty;
        var measures = resolved.Measures;
        var vatMeasure = resolved.Vat;
        if (match.Truncated || measures.Length > MaxMeasures)
        {
            return -1;
        }
        for (var way = Ways - 1; way > 0; way--)
        {
            _entries[set + way] = _entries[set + way - 1];
            _details[set + way] = _details[set + way - 1];
        }
        ref var entry = ref _entries[set];
        entry.Tag = tag;
        entry.Destination = destination;
        entry.Code = code.Value;
        entry.CodeLength = (byte)code.Length;
        entry.Origin = origin;
        entry.Day = date.DayNumber;
        entry.Matched = match.Matched;
        entry.Plan = PlanNumber(LinePlan.Create(match, measures, vatMeasure));
        ref var details = ref _details[set];
        details.Duty = match;
        details.Count = measures.Length;
        details.Vat = vatMeasure;
        measures.CopyTo(details.Measures);
        return set;
    }

    /// <summary>The number of <paramref name="plan"/> among the plans kept (added when new); 0 when not plain or when full.</summary>
    private int PlanNumber(LinePlan plan)
    {
        if (!plan.IsPlain)
        {
            return 0;
        }
        if (_planNumbers.TryGetValue(plan, out var number))
        {
            return number;
        }
        if (_plans.Count >= MaxPlans)
        {
            return 0;
        }
        number = _plans.Count;
        _plans.Add(plan);
        _planNumbers.Add(plan, number);
        return number;
    }

    /// <summary>The same answer as <see cref="Resolve"/>, looked up in the schedules every time (the reference the cache is tested against).</summary>
    public ResolvedCode ResolveUncached(TariffSchedule duty, TariffSchedule vat, TariffCode code, CountryCode origin, DateOnly date)
    {
        var match = duty.Lookup(code, origin, date, _measures);
        return new ResolvedCode(match, _measures.AsSpan(0, match.MeasureCount), FirstVat(vat, code, origin, date));
    }

    private Measure? FirstVat(TariffSchedule vat, TariffCode code, CountryCode origin, DateOnly date)
    {
        var match = vat.Lookup(code, origin, date, _vatMeasures);
        foreach (var applied in _vatMeasures.AsSpan(0, match.MeasureCount))
        {
            if (applied.Measure.Kind == MeasureKind.Vat)
            {
                return applied.Measure;
            }
        }
        return null;
    }
}
