using System.Runtime.CompilerServices;
using CrossBorder.Engine.Geography;

namespace CrossBorder.Engine.Tariffs;

/// <summary>
/// The schedule's lookups resolved ahead of time: for every code prefix that carries something (a listed code, its
/// measures), one hash slot leads to the deepest listed prefix and to every measure on the path from the root,
/// deepest first, with what a lookup needs to filter them (kind, dates, origins, the code they hang on) stored
/// inline. A lookup is then a probe per candidate code length (one for a listed 10-digit code) and a scan of a
/// short contiguous slice, instead of a walk of up to 12 trie nodes, one cache miss each.
/// </summary>
/// <remarks>
/// Built from the digit trie once, with the schedule. A slot holds the key (code value × 16 + length) and the start
/// and length of the prefix's slice of path measures, so that a probe and the slice are the only two dependent memory
/// reads; the open-addressing table is at most half full (29,743 US HTS codes: 64 Ki slots of 16 bytes).
/// </remarks>
internal sealed class PrefixIndex
{
    internal const int MaxEntries = 1 << 24;

    private static readonly long[] s_pow10 = [1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L];

    private readonly Slot[] _slots;
    private readonly int _shift;
    private readonly int _lengths;          // bit l set: some entry has l digits
    private readonly Slot _root;
    private readonly PathMeasure[] _path;

    /// <summary>
    /// A hash slot (key 0 is empty: a key's length is at least 2): the prefix's slice of <see cref="Path"/>, and, when
    /// the slice holds a single measure (most listed codes: their MFN rate at 8 digits), that measure inline, so that
    /// the lookup reads one 32-byte slot and nothing else.
    /// </summary>
    internal readonly struct Slot(ulong key, int start, int count, in PathMeasure first)
    {
        public readonly ulong Key = key;
        public readonly Measure? Single = count == 1 ? first.Measure : null;
        public readonly int SingleFromDay = first.FromDay;
        public readonly int SingleToDay = first.ToDay;
        public readonly int Start = start;
        public readonly ushort Count = (ushort)count;
        public readonly byte SingleDepth = (byte)first.Depth;
        public readonly bool SingleAllOrigins = first.AllOrigins;
    }

    /// <summary>A measure on a prefix's path, with what a lookup filters on.</summary>
    internal readonly record struct PathMeasure(Measure Measure, OriginSet Origins, TariffCode AttachedTo, int Depth, int KindBit, int FromDay, int ToDay, bool AllOrigins);

    private PrefixIndex(Slot[] slots, int shift, int lengths, Slot root, PathMeasure[] path)
    {
        _slots = slots;
        _shift = shift;
        _lengths = lengths;
        _root = root;
        _path = path;
    }

    internal ReadOnlySpan<PathMeasure> Path => _path;

    /// <summary>
    /// Builds the index from the listed codes (each with its measures); <paramref name="rootMeasures"/> apply to
    /// every code. Returns null when there are too many prefixes.
    /// </summary>
    internal static PrefixIndex? Build(IReadOnlyList<(TariffCode Code, IReadOnlyList<Measure> Measures)> listed, IReadOnlyList<Measure> rootMeasures)
    {
        if (listed.Count > MaxEntries)
        {
            return null;
        }
        var byCode = new Dictionary<TariffCode, IReadOnlyList<Measure>>(listed.Count);
        foreach (var (code, measures) in listed)
        {
            byCode[code] = measures;
        }
        var path = new List<PathMeasure>();
        var capacity = 16;
        while (capacity < listed.Count * 2 + 2)
        {
            capacity *= 2;
        }
        var slots = new Slot[capacity];
        var shift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
        var lengths = 0;

        AddPath(path, rootMeasures, default, 0);
        var root = new Slot(0, 0, path.Count, path.Count > 0 ? path[0] : default);
        var chain = new List<(TariffCode Code, IReadOnlyList<Measure> Measures)>(TariffCode.MaxDigits);
        for (var i = 0; i < listed.Count; i++)
        {
            var code = listed[i].Code;
            // Every listed prefix on the path, deepest first (the code itself included).
            chain.Clear();
            for (var length = code.Length; length >= TariffCode.MinDigits - 1 && length >= 1; length--)
            {
                var prefix = length == code.Length ? code : Truncate(code, length);
                if (byCode.TryGetValue(prefix, out var measures))
                {
                    chain.Add((prefix, measures));
                }
            }
            var start = path.Count;
            foreach (var (prefix, measures) in chain)
            {
                AddPath(path, measures, prefix, prefix.Length);
            }
            AddPath(path, rootMeasures, default, 0);
            var count = path.Count - start;
            if (count > ushort.MaxValue)
            {
                return null; // a path of more than 65,535 measures: lookups walk the trie
            }
            Insert(slots, shift, new Slot(Key(code), start, count, count > 0 ? path[start] : default));
            lengths |= 1 << code.Length;
        }
        return new PrefixIndex(slots, shift, lengths, root, [.. path]);
    }

    private static void AddPath(List<PathMeasure> path, IReadOnlyList<Measure> measures, TariffCode attachedTo, int depth)
    {
        foreach (var m in measures)
        {
            path.Add(new PathMeasure(m, m.Origins, attachedTo, depth, 1 << (int)m.Kind, m.ValidFrom.DayNumber, m.ValidTo.DayNumber, m.Origins.IsAll));
        }
    }

    private static TariffCode Truncate(TariffCode code, int length) =>
        TariffCode.FromValue(code.Value / s_pow10[code.Length - length], length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Key(TariffCode code) => ((ulong)code.Value << 4) | (uint)code.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Home(ulong key, int shift) => unchecked((int)((key * 0x9E3779B97F4A7C15UL) >> shift)); // Fibonacci hashing: the multiply wraps by design

    private static void Insert(Slot[] slots, int shift, Slot slot)
    {
        var mask = slots.Length - 1;
        for (var i = Home(slot.Key, shift); ; i = (i + 1) & mask)
        {
            if (slots[i].Key == 0)
            {
                slots[i] = slot;
                return;
            }
            if (slots[i].Key == slot.Key)
            {
                return; // listed twice: the first entry stands (same code, same measures)
            }
        }
    }

    /// <summary>
    /// The slot of the deepest indexed prefix of <paramref name="code"/>, which is the longest listed prefix
    /// (<paramref name="matched"/>); the root's slot, and no match, when none.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref readonly Slot Find(TariffCode code, out TariffCode matched)
    {
        // Unchecked: keys and hashes are bit patterns (the multiply wraps by design); indexes stay below the
        // table's length through the mask.
        unchecked
        {
            var slots = _slots;
            var mask = slots.Length - 1;
            var value = code.Value;
            var length = code.Length;
            var candidates = _lengths & ((2 << length) - 1);
            while (candidates != 0)
            {
                var l = 31 - System.Numerics.BitOperations.LeadingZeroCount((uint)candidates);
                candidates &= ~(1 << l);
                var prefix = l == length ? value : DividePow10(value, length - l);
                var key = ((ulong)prefix << 4) | (uint)l;
                for (var i = Home(key, _shift); ; i = (i + 1) & mask)
                {
                    ref readonly var slot = ref slots[i];
                    if (slot.Key == key)
                    {
                        matched = TariffCode.FromValue(prefix, l);
                        return ref slot;
                    }
                    if (slot.Key == 0)
                    {
                        break;
                    }
                }
            }
            matched = default;
            return ref _root;
        }
    }

    /// <summary>The first <paramref name="depth"/> digits of <paramref name="code"/> (no code for depth 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TariffCode Prefix(TariffCode code, int depth) =>
        depth == code.Length ? code : depth == 0 ? default : TariffCode.FromValue(DividePow10(code.Value, code.Length - depth), depth);

    /// <summary>value / 10^k with constant divisors, which the JIT turns into multiplications.</summary>
    private static long DividePow10(long value, int k) => k switch
    {
        1 => value / 10,
        2 => value / 100,
        3 => value / 1_000,
        4 => value / 10_000,
        5 => value / 100_000,
        6 => value / 1_000_000,
        7 => value / 10_000_000,
        8 => value / 100_000_000,
        9 => value / 1_000_000_000,
        10 => value / 10_000_000_000,
        11 => value / 100_000_000_000,
        _ => value / s_pow10[k],
    };
}
