using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace CrossBorder.Engine.Reconciliation;

/// <summary>
/// Every key of a reconciliation, in <see cref="Partitions"/> hash partitions (<see cref="KeyTable"/>s), shared by
/// all the workers: each key lives in exactly one table, so several workers need no merge (and hold no copy of the
/// keys each). A line's key hash picks the partition; while several workers read, each partition is written only by
/// the worker that owns it (<see cref="RowExchange"/>), so the tables take no lock.
/// </summary>
/// <remarks>
/// A key's index is its partition's local index shifted left by <see cref="PartitionBits"/>, or'ed with the
/// partition: stable once given, not dense (enumerate the partitions' local indexes).
/// </remarks>
internal sealed class KeyStore : IDisposable
{
    internal const int PartitionBits = 6;
    internal const int Partitions = 1 << PartitionBits;
    private const int PartitionMask = Partitions - 1;

    private readonly KeyTable[] _partitions = new KeyTable[Partitions];

    public KeyStore(bool parallel, int entryChunkShift = KeyTable.DefaultEntryChunkShift, int arenaChunkShift = KeyTable.DefaultArenaChunkShift,
        bool tracksSettledDays = false)
    {
        Parallel = parallel;
        TracksSettledDays = tracksSettledDays;
        // One set of slabs for every partition: a partition's chunks need no huge page of their own.
        for (var p = 0; p < Partitions; p++)
        {
            _partitions[p] = new KeyTable(entryChunkShift, arenaChunkShift, Slabs);
        }
    }

    /// <summary>
    /// Whether each key's latest settlement day is kept (<see cref="KeyTable.NoteSettledDay"/>): FX matching converts at
    /// the rate of that day, so only a reconciliation with rates keeps it, beside the entries (4 bytes a key) rather
    /// than in them.
    /// </summary>
    public bool TracksSettledDays { get; }

    /// <summary>The latest <see cref="DateOnly.DayNumber"/> of the settlement lines of the key at <paramref name="index"/>; 0 when none had a date (or days are not kept).</summary>
    public int LastSettledDayOf(int index) => _partitions[index & PartitionMask].LastSettledDayOf(index >> PartitionBits);

    /// <summary>The native memory of every partition's full-size chunks and large slot arrays.</summary>
    public HugePageSlabs Slabs { get; } = new();

    /// <summary>Gives the native memory back at once (no key may be read afterwards) instead of at finalization.</summary>
    public void Dispose() => Slabs.Dispose();

    /// <summary>Whether several workers fill the store (each its own partitions): <see cref="Reserve"/> then works on two threads.</summary>
    public bool Parallel { get; }

    /// <summary>
    /// The components interned so far (up to <see cref="KeyTable.MaxComponents"/>): a key whose component has an id
    /// holds only its order_id's bytes, the id being in its entry.
    /// </summary>
    public LabelTable Components { get; } = new(KeyTable.MaxComponents);

    /// <summary>The partition of a key hash: its top bits (the tables use the low bits for slots).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int PartitionOf(ulong hash) => (int)(hash >> (64 - PartitionBits));

    public KeyTable Partition(int partition) => _partitions[partition];

    /// <summary>The number of keys (call once the workers are done).</summary>
    public int Count => checked((int)SumOverPartitions(static table => table.Count));

    public long MemoryBytes
    {
        get
        {
            long bytes = 0;
            foreach (var table in _partitions)
            {
                bytes += table.MemoryBytes;
            }
            return bytes;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int IndexOf(int partition, int local) => (local << PartitionBits) | partition;

    public ref KeyTable.Entry this[int index] => ref _partitions[index & PartitionMask][index >> PartitionBits];

    /// <summary>
    /// The bytes the table holds for the key at <paramref name="index"/>: its order_id when its entry has a component
    /// id, else order_id NUL component; the currency is in its entry. Always the start of the whole key's bytes. A
    /// packed key (see <see cref="KeyTable.TryPack"/>) is written out into <paramref name="buffer"/> (at least
    /// <see cref="KeyTable.PackedLength"/> bytes); any other is the table's own bytes.
    /// </summary>
    public ReadOnlySpan<byte> StoredKeyOf(int index, Span<byte> buffer) =>
        _partitions[index & PartitionMask].KeyOf(index >> PartitionBits, buffer);

    /// <summary>
    /// The whole key at <paramref name="index"/>, order_id NUL component NUL currency code, written to
    /// <paramref name="destination"/> (at least <see cref="Aggregator.MaxKeyBytes"/> long): its ordinal order is the
    /// order of (order_id, component, currency).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<byte> KeyOf(int index, Span<byte> destination)
    {
        ref readonly var e = ref this[index];
        var stored = StoredKeyOf(index, destination);
        stored.CopyTo(destination); // a packed key is written out in place: the copy is then onto itself
        var length = stored.Length;
        if (e.Component != 0)
        {
            destination[length++] = 0;
            var component = Components[e.Component];
            component.CopyTo(destination[length..]);
            length += component.Length;
        }
        destination[length++] = 0;
        Currency.FromIndex(e.Currency).TryFormat(destination[length..], out var written, default, null);
        return destination[..(length + written)];
    }

    /// <summary>
    /// A hash of the key's order_id and component (its FX group), whichever way the key holds its component: equal
    /// for two keys that differ only in currency.
    /// </summary>
    public ulong OrderAndComponentHash(int index)
    {
        Span<byte> buffer = stackalloc byte[KeyTable.PackedLength];
        return System.IO.Hashing.XxHash3.HashToUInt64(StoredKeyOf(index, buffer), seed: this[index].Component);
    }

    /// <summary>The duplicate settlement lines of the key at <paramref name="index"/>.</summary>
    public uint DuplicatesOf(int index) => _partitions[index & PartitionMask].DuplicatesOf(index >> PartitionBits);

    /// <summary>The expected lines of the key at <paramref name="index"/>.</summary>
    public uint ExpectedLinesOf(int index) => _partitions[index & PartitionMask].ExpectedLinesOf(index >> PartitionBits);

    /// <summary>The settlement lines of the key at <paramref name="index"/>.</summary>
    public uint SettledLinesOf(int index) => _partitions[index & PartitionMask].SettledLinesOf(index >> PartitionBits);

    /// <summary>The duplicate settlement lines of all the keys (call once the workers are done).</summary>
    public long DuplicateLines => SumOverPartitions(static table => table.DuplicateLines);

    private long SumOverPartitions(Func<KeyTable, long> valueOf)
    {
        long sum = 0;
        foreach (var table in _partitions)
        {
            sum = checked(sum + valueOf(table));
        }
        return sum;
    }

    /// <summary>
    /// Makes room for <paramref name="keys"/> keys in all (spread evenly by hash over the partitions, with a margin), so
    /// that the tables do not grow again until then. Only while no worker adds keys (a parallel read reserves after its
    /// first block, which it parses alone).
    /// </summary>
    public void Reserve(long keys)
    {
        var perPartition = (int)Math.Min(KeyTable.MaxKeys, keys / Partitions + keys / Partitions / 16 + 16);
        // A parallel store's new slot regions are cleared by the kernel as they are populated (hundreds of
        // milliseconds at millions of keys on a VM): half of the partitions are done on another thread.
        var parts = Parallel ? 2 : 1;
        CrossBorder.Engine.Internal.PartRunner.Run(parts, part =>
        {
            for (var p = Partitions * part / parts; p < Partitions * (part + 1) / parts; p++)
            {
                _partitions[p].Reserve(perPartition);
            }
        });
    }

    /// <summary>How many times a partition's slots doubled because a key did not fit (call once the workers are done).</summary>
    internal long DoublingGrowths => SumOverPartitions(static table => table.DoublingGrowths);
}

/// <summary>
/// One partition of a <see cref="KeyStore"/>: an open-addressing hash table of keys and their sums. Entries and key
/// bytes live in chunks that are allocated once and never copied (only the first chunk grows, by doubling, up to the
/// chunk size, so a small reconciliation stays small; later chunks come from the store's <see cref="HugePageSlabs"/>);
/// only the slots double (into a huge-page region of their own once large). Nothing is allocated per line.
/// </summary>
internal sealed class KeyTable
{
    /// <summary>4,096 entries of 40 bytes: 160 KiB chunks.</summary>
    internal const int DefaultEntryChunkShift = 12;

    /// <summary>128 KiB chunks of key bytes.</summary>
    internal const int DefaultArenaChunkShift = 17;

    /// <summary>A partition holds at most this many keys: its local index must leave room for the partition bits.</summary>
    internal const int MaxKeys = int.MaxValue >> KeyStore.PartitionBits;

    private const int FirstEntryChunk = 16;
    private const int FirstArenaChunk = 512;

    /// <summary>The longest key bytes a table holds (<see cref="Entry.KeyLength"/> has 11 bits; the largest value marks a packed key).</summary>
    internal const int MaxKeyLength = (1 << LengthBits) - 2;

    /// <summary>The length of a key that <see cref="TryPack"/> packs: an Amazon order id, <c>ddd-ddddddd-ddddddd</c>.</summary>
    internal const int PackedLength = 19;

    // The length field of a packed key's shape.
    private const int PackedMarker = (1 << LengthBits) - 1;

    /// <summary>The most currencies (<see cref="Entry.Currency"/> has 9 bits; ISO 4217 with the historic codes is about 300).</summary>
    internal const int MaxCurrencies = 1 << CurrencyBits;

    /// <summary>The most components with an id (<see cref="Entry.Component"/> has 12 bits); later ones are held in the key bytes.</summary>
    internal const int MaxComponents = (1 << ComponentBits) - 1;

    private const int LengthBits = 11;
    private const int CurrencyBits = 9;
    private const int ComponentBits = 12;

    /// <summary>
    /// A key's <see cref="Entry.Shape"/>: the length of its bytes, its currency index and its component id (0 when
    /// the component is in the bytes), all of which two equal keys share.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint ShapeOf(int keyLength, ushort currency, ushort component, bool packed = false)
    {
        // Unchecked: a negative length becomes a large one, which the range check refuses.
        unchecked
        {
            if ((uint)keyLength > MaxKeyLength || currency >= MaxCurrencies || component > MaxComponents)
            {
                ThrowShape(keyLength, currency, component);
            }
            return (uint)(packed ? PackedMarker : keyLength) | (uint)currency << LengthBits | (uint)component << (LengthBits + CurrencyBits);
        }
    }

    /// <summary>
    /// Packs a key whose bytes are an Amazon order id (<c>ddd-ddddddd-ddddddd</c>: 17 digits, fewer than 2^57) into
    /// 8 bytes, held in its entry instead of the arena: at millions of such keys the look-up then reads no key bytes
    /// (a cache miss fewer per line) and the arena holds none of them. Any other key is stored as bytes. A key's bytes
    /// decide, so one key is always packed or always not.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryPack(ReadOnlySpan<byte> key, out ulong packed)
    {
        packed = 0;
        if (key.Length != PackedLength || key[3] != (byte)'-' || key[11] != (byte)'-')
        {
            return false;
        }
        // Unchecked: 17 decimal digits are below 10^17 < 2^57.
        unchecked
        {
            ulong value = 0;
            for (var i = 0; i < PackedLength; i++)
            {
                if (i is 3 or 11)
                {
                    continue;
                }
                var digit = (uint)(key[i] - (byte)'0');
                if (digit > 9)
                {
                    return false;
                }
                value = value * 10 + digit;
            }
            packed = value;
            return true;
        }
    }

    /// <summary>Writes a packed key's <see cref="PackedLength"/> bytes (see <see cref="TryPack"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Unpack(ulong packed, Span<byte> destination)
    {
        // Unchecked: each digit is a remainder below 10.
        unchecked
        {
            for (var i = PackedLength - 1; i >= 0; i--)
            {
                if (i is 3 or 11)
                {
                    destination[i] = (byte)'-';
                    continue;
                }
                destination[i] = (byte)('0' + (int)(packed % 10));
                packed /= 10;
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowShape(int keyLength, ushort currency, ushort component) =>
        throw new ArgumentOutOfRangeException(nameof(keyLength), $"A key of {keyLength} bytes (at most {MaxKeyLength}), currency index {currency} (below {MaxCurrencies}) or component id {component} (at most {MaxComponents}) does not fit an entry.");

    /// <summary>
    /// The sums of one key; 40 bytes (at millions of keys the entries are the largest part of the memory, and every byte
    /// is memory the kernel clears once: 8 bytes more cost about 0.15 s at 10M/9M). A key's duplicate line count,
    /// rarely non-zero, and the line counts past 254 are kept beside the entries (<see cref="DuplicatesOf"/>,
    /// <see cref="ExpectedLinesOf"/>).
    /// </summary>
    internal struct Entry
    {
        public long Expected;
        public long Settled;
        public ulong KeyData;    // the packed key (see TryPack), or its bytes' place: arena chunk << arena shift | offset in the chunk

        // The key's first settlement-line fingerprint (48 bits, 0 = none) and its market (LabelTable id, 0 = none) in the
        // top 16 bits: most keys have one settlement line, so duplicate detection reads the entry the line has just
        // updated; later fingerprints go to the table's overflow set.
        private ulong _printAndMarket;

        public uint Shape;       // key length (PackedMarker: packed) | currency index << 11 | component id << 20 (see ShapeOf)
        public ushort Category;  // LabelTable id, 0 = none

        // Lines of each side, up to 254; ManyLines: 255 or more, counted exactly in the table's side table (see
        // KeyTable.CountLine): a key with that many lines is rare, and a byte each keeps the entry at 40 bytes.
        internal byte ExpectedLinesInline;
        internal byte SettledLinesInline;
        // (The latest settlement day, for FX matching, is kept beside the entries when there are rates: NoteSettledDay.)

        /// <summary>The first settlement fingerprint (48 bits, see <see cref="PrintMask"/>); 0 when none.</summary>
        public ulong Print
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            readonly get => _printAndMarket & PrintMask;
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            set => _printAndMarket = (_printAndMarket & ~PrintMask) | (value & PrintMask);
        }

        /// <summary>The market's label id; 0 when none.</summary>
        public ushort Market
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            readonly get => unchecked((ushort)(_printAndMarket >> 48));
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            set => _printAndMarket = (_printAndMarket & PrintMask) | (ulong)value << 48;
        }

        /// <summary>Whether any expected line was added to the key.</summary>
        public readonly bool HasExpectedLines
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => ExpectedLinesInline != 0;
        }

        /// <summary>Whether any settlement line was added to the key.</summary>
        public readonly bool HasSettledLines
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => SettledLinesInline != 0;
        }

        /// <summary>Whether the key is packed in <see cref="KeyData"/> (see <see cref="TryPack"/>).</summary>
        public readonly bool IsPacked
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => (Shape & PackedMarker) == PackedMarker;
        }

        /// <summary>The length of the key's bytes.</summary>
        public readonly int KeyLength
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => IsPacked ? PackedLength : unchecked((int)(Shape & PackedMarker));
        }

        /// <summary>The key's currency index.</summary>
        public readonly ushort Currency
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => unchecked((ushort)((Shape >> LengthBits) & (MaxCurrencies - 1)));
        }

        /// <summary>The key's component id in <see cref="KeyStore.Components"/>; 0 when the component is in the key's bytes.</summary>
        public readonly ushort Component
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => unchecked((ushort)(Shape >> (LengthBits + CurrencyBits)));
        }
    }

    private readonly int _entryChunkShift;
    private readonly int _arenaChunkShift;

    // Index + 1 of the entry (0 = empty) and the low 32 bits of its hash, which also place it: growing needs no hash.
    // Look-ups (by the partition's owner) read _slotBase and _mask; hints read by any thread go through
    // _slotBlock, one immutable reference, so that they never pair a new mask with an older, smaller block.
    private SlotBlock _slotBlock;
    private unsafe Slot* _slotBase;
    private int _mask;

    // The first chunk of entries and of key bytes: managed arrays that grow by copying up to the chunk size, so that a
    // small reconciliation stays small (reached through their arrays, one per table: their headers stay cached).
    private Entry[] _firstEntries;

    // The address of each entry chunk after the first, and of each arena chunk after the first: those chunks are
    // full-size native blocks from the store's huge-page slabs, never moved or replaced, so the look-up reaches an entry
    // or a key through its address. 0 (or index 0) = no chunk.
    private readonly HugePageSlabs _slabs;
    private nint[] _entryAddresses;
    private nint[] _arenaAddresses;
    private int _count;

    private byte[] _firstArena;
    private int _arenaChunk;     // the chunk keys are appended to
    private int _arenaUsed;      // bytes used in it

    // Settlement fingerprints of keys whose entry place is taken (the prints include the key's bytes).
    private readonly FingerprintSet _overflowPrints = new();

    // Duplicate settlement lines by local index, for the few keys that have any (allocated per such key, not per line).
    private Dictionary<int, uint>? _duplicates;
    private long _duplicateLines;

    private struct Slot
    {
        public int Index;
        public uint Tag;
    }

    /// <summary>
    /// A table's slots: a pinned managed array while small, a zeroed huge-page region of their own once large (on Linux:
    /// at millions of keys the first probe of nearly every line misses, and on 4 KiB pages it would miss the TLB too).
    /// A block replaced by a larger one stays readable by a hint that still holds it: the managed array through this
    /// reference, the region because released regions stay mapped (and read as zero) until the store is freed.
    /// </summary>
    private sealed unsafe class SlotBlock
    {
        /// <summary>Blocks of at least this many slots (256 KiB) are regions of their own.</summary>
        internal const int RegionFromSlots = 1 << 15;

        private readonly Slot[]? _managed;

        private SlotBlock(Slot[]? managed, Slot* first, int mask)
        {
            _managed = managed;
            Base = first;
            Mask = mask;
        }

        /// <summary>The first slot.</summary>
        public Slot* Base { get; }

        /// <summary>The number of slots minus one (a power of two minus one).</summary>
        public int Mask { get; }

        private long Bytes => (Mask + 1L) * Unsafe.SizeOf<Slot>();

        public static SlotBlock Create(int size, HugePageSlabs slabs)
        {
            if (size >= RegionFromSlots && HugePageSlabs.CanMapRegions)
            {
                return new SlotBlock(null, (Slot*)slabs.MapRegion((long)size * Unsafe.SizeOf<Slot>()), size - 1);
            }
            var managed = GC.AllocateArray<Slot>(size, pinned: true);
            return new SlotBlock(managed, (Slot*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(managed)), size - 1);
        }

        /// <summary>Gives a replaced region's memory back (a managed array is left to the GC).</summary>
        public void Release(HugePageSlabs slabs)
        {
            if (_managed is null)
            {
                slabs.Release((nint)Base, Bytes);
            }
        }
    }

    public KeyTable(int entryChunkShift = DefaultEntryChunkShift, int arenaChunkShift = DefaultArenaChunkShift, HugePageSlabs? slabs = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(entryChunkShift, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(entryChunkShift, 24);
        ArgumentOutOfRangeException.ThrowIfLessThan(arenaChunkShift, 4);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(arenaChunkShift, 24);
        _entryChunkShift = entryChunkShift;
        _arenaChunkShift = arenaChunkShift;
        _slabs = slabs ?? new HugePageSlabs();
        _slotBlock = SlotBlock.Create(16, _slabs);
        unsafe
        {
            _slotBase = _slotBlock.Base;
        }
        _mask = 15;
        _firstEntries = new Entry[Math.Min(FirstEntryChunk, 1 << entryChunkShift)];
        _firstArena = new byte[Math.Min(FirstArenaChunk, 1 << arenaChunkShift)];
        _entryAddresses = new nint[1];
        _arenaAddresses = new nint[1];
    }

    public int Count => _count;

    /// <summary>Fingerprints held outside the entries.</summary>
    public int OverflowPrints => _overflowPrints.Count;

    /// <summary>The duplicate settlement lines of all the keys.</summary>
    public long DuplicateLines => _duplicateLines;

    /// <summary>The duplicate settlement lines of the key at <paramref name="index"/>.</summary>
    public uint DuplicatesOf(int index) => _duplicates is { } duplicates && duplicates.TryGetValue(index, out var count) ? count : 0;

    // The latest settlement day of each key by local index, in chunks of the entries' size (allocated as keys get a
    // day): kept only for FX matching (KeyStore.TracksSettledDays), so that the entry stays 40 bytes.
    private int[][]? _settledDays;

    /// <summary>Keeps <paramref name="dayNumber"/> as the key's latest settlement day if it is later (by the partition's owner).</summary>
    public void NoteSettledDay(int index, int dayNumber)
    {
        var chunk = index >> _entryChunkShift;
        _settledDays ??= new int[chunk + 1][];
        if (chunk >= _settledDays.Length)
        {
            Array.Resize(ref _settledDays, Math.Max(chunk + 1, _settledDays.Length * 2));
        }
        var days = _settledDays[chunk] ??= new int[1 << _entryChunkShift];
        ref var day = ref days[index & ((1 << _entryChunkShift) - 1)];
        day = Math.Max(day, dayNumber);
    }

    /// <summary>The key's latest settlement day (<see cref="DateOnly.DayNumber"/>), 0 when none was noted.</summary>
    public int LastSettledDayOf(int index)
    {
        var chunk = index >> _entryChunkShift;
        return _settledDays is { } chunks && chunk < chunks.Length && chunks[chunk] is { } days ? days[index & ((1 << _entryChunkShift) - 1)] : 0;
    }

    /// <summary>Counts a duplicate settlement line of the key at <paramref name="index"/> (by the partition's owner).</summary>
    public void AddDuplicate(int index)
    {
        _duplicates ??= [];
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_duplicates, index, out _);
        count++; // at most the key's settlement lines, which cannot pass uint.MaxValue
        _duplicateLines++;
    }

    /// <summary>The entry at <paramref name="index"/> (below <see cref="Count"/>).</summary>
    public ref Entry this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((uint)index >= (uint)_count)
            {
                ThrowIndex(index);
            }
            return ref EntryAt(index);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowIndex(int index) => throw new ArgumentOutOfRangeException(nameof(index), index, $"The table holds {_count:N0} keys.");

    /// <summary>The entry at <paramref name="index"/>, which must be below <see cref="Count"/> (a slot's index read by the partition's owner).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe ref Entry EntryAt(int index)
    {
        Debug.Assert((uint)index < (uint)_count);
        var chunk = index >> _entryChunkShift;
        var offset = index & ((1 << _entryChunkShift) - 1);
        if (chunk == 0)
        {
            return ref _firstEntries[offset];
        }
        // Pointer arithmetic unchecked: the offset is inside the chunk by construction.
        return ref EntryAtAddress(chunk, offset);
    }

    /// <summary>The key bytes of an entry of this table, read by the partition's owner.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe ReadOnlySpan<byte> KeyBytesAt(in Entry e)
    {
        Debug.Assert(!e.IsPacked);
        // Unchecked: the reference's parts are its chunk and offset bits, unsigned by construction.
        var keyRef = unchecked((uint)e.KeyData);
        var chunk = unchecked((int)(keyRef >> _arenaChunkShift));
        var offset = unchecked((int)(keyRef & ((1u << _arenaChunkShift) - 1)));
        if (chunk == 0)
        {
            return _firstArena.AsSpan(offset, e.KeyLength);
        }
        return new ReadOnlySpan<byte>(unchecked((byte*)_arenaAddresses[chunk] + offset), e.KeyLength);
    }

    /// <summary>
    /// Asks the CPU to start loading the slot <paramref name="hash"/> probes first, so that the cache miss (at millions
    /// of keys nearly every line's first probe misses) overlaps the work done before the look-up. Only a hint: it reads
    /// no entry and may be called without the partition's lock (a slot array replaced meanwhile is harmless, as the
    /// index is taken from the array read).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void PrefetchSlot(ulong hash)
    {
        if (Sse.IsSupported)
        {
            var block = _slotBlock;
            // Unchecked: the low bits of the hash are the point (as in GetOrAdd).
            Sse.Prefetch0(block.Base + unchecked((uint)hash & (uint)block.Mask));
        }
    }

    /// <summary>The key bytes at <paramref name="index"/> (a packed key written out into a new array: for tests and cold paths).</summary>
    public ReadOnlySpan<byte> KeyOf(int index) => KeyOf(index, new byte[PackedLength]);

    /// <summary>The key bytes at <paramref name="index"/>; a packed key is written out into <paramref name="buffer"/> (at least <see cref="PackedLength"/> bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<byte> KeyOf(int index, Span<byte> buffer)
    {
        ref readonly var e = ref this[index];
        if (e.IsPacked)
        {
            Unpack(e.KeyData, buffer);
            return buffer[..PackedLength];
        }
        return KeyBytesAt(e);
    }

    public long MemoryBytes
    {
        get
        {
            var bytes = (_mask + 1L) * Unsafe.SizeOf<Slot>() + _overflowPrints.MemoryBytes + (_duplicates?.Count ?? 0) * 16L
                + (long)_firstEntries.Length * Unsafe.SizeOf<Entry>() + _firstArena.Length;
            foreach (var chunk in _entryAddresses.AsSpan(1))
            {
                bytes += chunk == 0 ? 0 : (1L << _entryChunkShift) * Unsafe.SizeOf<Entry>();
            }
            foreach (var chunk in _arenaAddresses.AsSpan(1))
            {
                bytes += chunk == 0 ? 0 : 1L << _arenaChunkShift;
            }
            return bytes;
        }
    }

    // Slots a prefetch hint looks through for its key before giving up.
    private const int ProbesPrefetched = 8;

    /// <summary>
    /// The second step of a batched look-up (<see cref="PrefetchSlot"/> first): finds the slot of <paramref name="hash"/>'s
    /// tag among the first <see cref="ProbesPrefetched"/> it probes and asks the CPU to load the entry it points to; with <paramref name="key"/>,
    /// reads that entry (loaded by the previous step) and asks for its key bytes instead. Only hints, safe from any
    /// thread: every array read is checked against its own length, so a table growing on another thread meanwhile
    /// costs a useless prefetch, never an exception or a wrong answer (the look-up itself is done by the partition's
    /// owner in <see cref="GetOrAdd(ulong, ReadOnlySpan{byte}, ushort, ushort, out int)"/>). With <paramref name="key"/>
    /// and a settlement line's fingerprint <paramref name="print"/> (0: none), also asks for the overflow set's slot
    /// when the entry already holds another fingerprint (the line's will go there).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void PrefetchProbe(ulong hash, bool key, ulong print = 0)
    {
        if (!Sse.IsSupported)
        {
            return;
        }
        unchecked
        {
            var block = _slotBlock;
            var tag = (uint)hash;
            // The key's slot: its first probe, or one of the few after it (a third of the keys sit past their first
            // slot at the load the tables keep; those slots share its cache line or the next).
            var slot = tag & (uint)block.Mask;
            var found = block.Base[slot];
            for (var probe = 1; found.Tag != tag || found.Index == 0; probe++)
            {
                if (found.Index == 0 || probe == ProbesPrefetched)
                {
                    return;
                }
                slot = (slot + 1) & (uint)block.Mask;
                found = block.Base[slot];
            }
            var index = found.Index - 1;
            var chunk = index >> _entryChunkShift;
            var offset = index & ((1 << _entryChunkShift) - 1);
            Entry* entry;
            if (chunk == 0)
            {
                // The first chunk may be replaced (grown) meanwhile: read it through the array, checked.
                var first = _firstEntries;
                if ((uint)offset >= (uint)first.Length)
                {
                    return;
                }
                entry = (Entry*)Unsafe.AsPointer(ref first[offset]);
            }
            else
            {
                // Later chunks are native (the huge-page slabs), never moved or replaced: an address read (possibly
                // from a stale array of addresses, or 0 when the chunk is not published yet) is either 0 or stays valid.
                var addresses = _entryAddresses;
                if ((uint)chunk >= (uint)addresses.Length || addresses[chunk] == 0)
                {
                    return;
                }
                entry = (Entry*)addresses[chunk] + offset;
            }
            if (!key)
            {
                Sse.Prefetch0(entry);
                return;
            }
            if (print != 0 && entry->Print != 0 && entry->Print != NormalizedPrint(print))
            {
                // A settlement line of a key whose entry holds another fingerprint: it goes to the overflow set.
                _overflowPrints.Prefetch(NormalizedPrint(print));
            }
            // A prefetch never faults, so the key's address needs no bounds check (a stale key reference costs a
            // useless prefetch).
            if (entry->IsPacked)
            {
                return; // no bytes: the entry holds the key
            }
            var keyRef = (uint)entry->KeyData;
            var arena = (int)(keyRef >> _arenaChunkShift);
            var at = (nint)(keyRef & ((1u << _arenaChunkShift) - 1));
            if (arena == 0)
            {
                Sse.Prefetch0((byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_firstArena)) + at);
                return;
            }
            var arenas = _arenaAddresses;
            if ((uint)arena < (uint)arenas.Length && arenas[arena] != 0)
            {
                Sse.Prefetch0((byte*)arenas[arena] + at);
            }
        }
    }

    /// <summary>The entry of <paramref name="key"/> in <paramref name="currency"/> (no component id), added with zero sums if new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref Entry GetOrAdd(ulong hash, ReadOnlySpan<byte> key, ushort currency) => ref GetOrAdd(hash, key, currency, 0, out _);

    /// <summary>
    /// The entry of <paramref name="key"/> in <paramref name="currency"/> with component id <paramref name="component"/>,
    /// added with zero sums if new; <paramref name="index"/> is its local index. The currency and the component id
    /// are part of the key (held in the entry, not in the key's bytes): the same bytes with another currency or
    /// component id are another key, and <paramref name="hash"/> must cover all three.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref Entry GetOrAdd(ulong hash, ReadOnlySpan<byte> key, ushort currency, ushort component, out int index)
    {
        var packed = TryPack(key, out var packedKey);
        return ref GetOrAdd(hash, packed ? default : key, currency, component, packed, packedKey, out index);
    }

    /// <summary>
    /// <see cref="GetOrAdd(ulong, ReadOnlySpan{byte}, ushort, ushort, out int)"/> for a caller that packed the key already:
    /// with <paramref name="packed"/>, <paramref name="packedKey"/> is <see cref="TryPack"/>'s value for the key's bytes
    /// (<paramref name="key"/> is then not read); otherwise <paramref name="key"/> is bytes that <see cref="TryPack"/> refuses.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe ref Entry GetOrAdd(ulong hash, ReadOnlySpan<byte> key, ushort currency, ushort component, bool packed, ulong packedKey, out int index)
    {
        Debug.Assert(packed || !TryPack(key, out _));
        var shape = ShapeOf(packed ? PackedLength : key.Length, currency, component, packed);
        // Slot arithmetic wraps by design (masking); unchecked keeps the probe loop free of overflow checks.
        unchecked
        {
            var tag = (uint)hash;
            var slots = _slotBase;
            var slot = (int)(tag & (uint)_mask);
            while (true)
            {
                var found = slots[slot].Index;
                if (found == 0)
                {
                    index = _count;
                    return ref Add(slot, tag, packed ? default : key, shape, packedKey);
                }
                if (slots[slot].Tag == tag)
                {
                    ref var e = ref EntryAt(found - 1);
                    if (e.Shape == shape && (packed ? e.KeyData == packedKey : KeyBytesAt(e).SequenceEqual(key)))
                    {
                        index = found - 1;
                        return ref e;
                    }
                }
                slot = (slot + 1) & _mask;
            }
        }
    }

    /// <summary>
    /// Records settlement fingerprint <paramref name="print"/> for <paramref name="entry"/> (an entry of this table);
    /// false when the key has already seen it (a duplicate line). The first is kept in the entry, later ones in the
    /// table's overflow set.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAddPrint(ref Entry entry, ulong print)
    {
        print = NormalizedPrint(print);
        if (entry.Print == print)
        {
            return false;
        }
        if (entry.Print == 0)
        {
            entry.Print = print;
            return true;
        }
        // The place is taken: the overflow set, which holds this key's prints only once its entry is full.
        return _overflowPrints.TryAdd(print);
    }

    /// <summary>The bits of a fingerprint a table keeps (48: two distinct lines of one key look alike once in 2^48).</summary>
    internal const ulong PrintMask = (1UL << 48) - 1;

    /// <summary>A fingerprint as the table keeps it: its low 48 bits, 0 taken as 1 (0 marks an empty place).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong NormalizedPrint(ulong print)
    {
        print &= PrintMask;
        return print == 0 ? 1 : print;
    }

    /// <summary>Inline line count meaning "255 or more, see the side table".</summary>
    internal const byte ManyLines = byte.MaxValue;

    // Line counts of the keys with 255 lines or more on a side, by local index (allocated per such key, not per line).
    private Dictionary<int, (uint Expected, uint Settled)>? _manyLines;

    /// <summary>Counts one more line of <paramref name="side"/> for the key at <paramref name="index"/> (its <paramref name="entry"/>); by the partition's owner.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CountLine(ref Entry entry, int index, ReconciliationSide side)
    {
        ref var inline = ref side == ReconciliationSide.Expected ? ref entry.ExpectedLinesInline : ref entry.SettledLinesInline;
        if (inline < ManyLines - 1)
        {
            inline++;
            return;
        }
        CountManyLines(ref inline, index, side);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CountManyLines(ref byte inline, int index, ReconciliationSide side)
    {
        _manyLines ??= [];
        ref var counts = ref CollectionsMarshal.GetValueRefOrAddDefault(_manyLines, index, out _);
        ref var count = ref side == ReconciliationSide.Expected ? ref counts.Expected : ref counts.Settled;
        if (inline == ManyLines - 1)
        {
            // The 255th line: from here on the side table counts.
            inline = ManyLines;
            count = ManyLines;
            return;
        }
        if (count == uint.MaxValue)
        {
            ThrowTooManyLines();
        }
        count++;
    }

    // Not an OverflowException: that would reject the line as a money overflow. Four billion lines of one key stop the run.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTooManyLines() =>
        throw new InvalidOperationException($"More than {uint.MaxValue:N0} lines for one key: the line counts of a key are 32-bit.");

    /// <summary>The expected lines of the key at <paramref name="index"/>.</summary>
    public uint ExpectedLinesOf(int index)
    {
        var inline = this[index].ExpectedLinesInline;
        return inline < ManyLines ? inline : _manyLines![index].Expected;
    }

    /// <summary>The settlement lines of the key at <paramref name="index"/>.</summary>
    public uint SettledLinesOf(int index)
    {
        var inline = this[index].SettledLinesInline;
        return inline < ManyLines ? inline : _manyLines![index].Settled;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe ref Entry Add(int slot, uint tag, ReadOnlySpan<byte> key, uint shape, ulong packedKey)
    {
        if (_count == MaxKeys)
        {
            ThrowTooManyKeys();
        }
        var index = _count;
        var chunk = index >> _entryChunkShift;
        var offset = index & ((1 << _entryChunkShift) - 1);
        ref var e = ref Unsafe.NullRef<Entry>();
        if (chunk == 0)
        {
            if (offset == _firstEntries.Length)
            {
                // Only the first chunk grows, while it is smaller than a chunk.
                Array.Resize(ref _firstEntries, Math.Min(offset * 2, 1 << _entryChunkShift));
            }
            e = ref _firstEntries[offset];
        }
        else
        {
            if (chunk == _entryAddresses.Length)
            {
                // Room for more chunks; only the small array of addresses is copied.
                Array.Resize(ref _entryAddresses, chunk * 2);
            }
            if (_entryAddresses[chunk] == 0)
            {
                _entryAddresses[chunk] = _slabs.Allocate((1 << _entryChunkShift) * Unsafe.SizeOf<Entry>());
            }
            e = ref EntryAtAddress(chunk, offset);
        }
        var keyData = (shape & PackedMarker) == PackedMarker ? packedKey : AppendKey(key);
        _count++;
        e = new Entry { KeyData = keyData, Shape = shape };
        _slotBase[slot] = new Slot { Index = index + 1, Tag = tag };
        if (Sse.IsSupported)
        {
            // The next key of this partition goes right after this one, some dozens of lines later: its entry's
            // cache lines are asked for now. Without this every new key waited for its entry's line (64 partitions
            // appending at once are more streams than the hardware prefetcher follows): a third of the look-up's
            // time in the expected file. A prefetch past the chunk's end reads nothing that matters and never faults.
            var next = (byte*)Unsafe.AsPointer(ref e) + Unsafe.SizeOf<Entry>();
            Sse.Prefetch0(next);
            Sse.Prefetch0(next + Unsafe.SizeOf<Entry>() - 1);
        }
        // Grow at three quarters full: the tags make probes past other keys cheap.
        var size = _mask + 1;
        if (_count > size - (size >> 2))
        {
            Grow();
        }
        return ref e;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe ref Entry EntryAtAddress(int chunk, int offset) => ref Unsafe.AsRef<Entry>(unchecked((Entry*)_entryAddresses[chunk] + offset));

    /// <summary>Copies the key into the arena; a key never spans two chunks.</summary>
    private unsafe uint AppendKey(ReadOnlySpan<byte> key)
    {
        var chunkSize = 1 << _arenaChunkShift;
        var capacity = _arenaChunk == 0 ? _firstArena.Length : chunkSize;
        if (_arenaUsed + key.Length > capacity)
        {
            if (_arenaChunk == 0 && capacity < chunkSize && _arenaUsed + key.Length <= chunkSize)
            {
                // The first chunk grows up to the chunk size, so that a small reconciliation stays small.
                Array.Resize(ref _firstArena, Math.Min(chunkSize, Math.Max(capacity * 2, _arenaUsed + key.Length)));
            }
            else
            {
                if (_arenaChunk + 1 == 1 << (32 - _arenaChunkShift))
                {
                    ThrowTooManyKeys();
                }
                _arenaChunk++;
                if (_arenaChunk == _arenaAddresses.Length)
                {
                    Array.Resize(ref _arenaAddresses, _arenaAddresses.Length * 2);
                }
                // A key longer than a chunk (only with tiny test chunks) gets a chunk of its own size, at offset 0.
                _arenaAddresses[_arenaChunk] = _slabs.Allocate(Math.Max(chunkSize, key.Length));
                _arenaUsed = 0;
            }
        }
        var destination = _arenaChunk == 0
            ? _firstArena.AsSpan(_arenaUsed)
            : new Span<byte>(unchecked((byte*)_arenaAddresses[_arenaChunk] + _arenaUsed), key.Length);
        key.CopyTo(destination);
        var keyRef = ((uint)_arenaChunk << _arenaChunkShift) | (uint)_arenaUsed;
        _arenaUsed += key.Length;
        return keyRef;
    }

    /// <summary>
    /// Makes room for <paramref name="keys"/> keys without growing again (one rehash now instead of doublings later); a
    /// no-op when there is room already. By the partition's owner, or while no worker adds keys.
    /// </summary>
    public void Reserve(int keys)
    {
        var size = _mask + 1;
        // The table grows when a key would pass three quarters of the slots (see Add).
        while (keys > size - (size >> 2) && size < 1 << 30)
        {
            size *= 2;
        }
        if (size > _mask + 1)
        {
            Grow(size);
        }
    }

    private void Grow()
    {
        DoublingGrowths++;
        Grow(checked((_mask + 1) * 2));
    }

    /// <summary>How many times the slots doubled because a key did not fit (not counting <see cref="Reserve"/>).</summary>
    internal int DoublingGrowths { get; private set; }

    /// <summary>The number of slots.</summary>
    internal int SlotCount => _mask + 1;

    private unsafe void Grow(int size)
    {
        var block = SlotBlock.Create(size, _slabs);
        var slots = block.Base;
        var mask = (uint)(size - 1);
        unchecked
        {
            for (var i = 0; i <= _mask; i++)
            {
                var old = _slotBase[i];
                if (old.Index == 0)
                {
                    continue;
                }
                var slot = old.Tag & mask;
                while (slots[slot].Index != 0)
                {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = old;
            }
        }
        var replaced = _slotBlock;
        _slotBase = slots;
        _mask = (int)mask;
        Volatile.Write(ref _slotBlock, block);
        replaced.Release(_slabs);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTooManyKeys() =>
        throw new InvalidOperationException($"More than {MaxKeys:N0} keys in one of {KeyStore.Partitions} partitions of the key table: the reconciliation is too large for one engine.");
}

/// <summary>A set of 64-bit line fingerprints (never 0), for duplicate detection.</summary>
internal sealed class FingerprintSet
{
    private ulong[] _slots = [];
    private int _mask = -1;
    private int _count;

    public int Count => _count;

    public long MemoryBytes => (long)_slots.Length * sizeof(ulong);

    /// <summary>Asks the CPU to load the slot <paramref name="hash"/> probes first (a hint: safe from any thread).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(ulong hash)
    {
        var slots = _slots;
        if (Sse.IsSupported && slots.Length > 0)
        {
            // Unchecked: masking wraps by design; the index is inside the array read.
            Sse.Prefetch0(Unsafe.AsPointer(ref slots[unchecked((int)hash & (slots.Length - 1))]));
        }
    }

    /// <summary>Adds the fingerprint; returns false when it was already present.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryAdd(ulong hash)
    {
        if (_slots.Length == 0)
        {
            _slots = new ulong[16];
            _mask = 15;
        }
        // Masking wraps by design.
        unchecked
        {
            var slots = _slots;
            var slot = (int)hash & _mask;
            while (slots[slot] != 0)
            {
                if (slots[slot] == hash)
                {
                    return false;
                }
                slot = (slot + 1) & _mask;
            }
            slots[slot] = hash;
            if (++_count * 2 > slots.Length)
            {
                Grow();
            }
            return true;
        }
    }

    private void Grow()
    {
        var size = checked(_slots.Length * 2);
        var slots = new ulong[size];
        var mask = size - 1;
        unchecked
        {
            foreach (var old in _slots)
            {
                if (old == 0)
                {
                    continue;
                }
                var slot = (int)old & mask;
                while (slots[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = old;
            }
        }
        _slots = slots;
        _mask = mask;
    }
}

/// <summary>
/// Interns short UTF-8 labels (markets, categories) to 16-bit ids; id 0 is the empty label. Safe to share between
/// workers: <see cref="TryIntern"/> locks (workers cache ids, so it is rare), and a label is readable by id without a
/// lock by any thread that got the id from <see cref="TryIntern"/>, from a batch of rows handed to it, or from an entry of its partitions.
/// </summary>
internal sealed class LabelTable
{
    /// <summary>The most markets and categories (together) a reconciliation may have: their ids are 16-bit in the key table.</summary>
    internal const int MaxLabels = ushort.MaxValue;

    private readonly Lock _lock = new();
    private readonly int _limit;
    private readonly Dictionary<ulong, List<int>> _byHash = [];
    private byte[][] _labels = [[], null!, null!, null!];
    private int _count = 1;

    /// <summary>A table of at most <paramref name="limit"/> labels besides the empty one.</summary>
    public LabelTable(int limit = MaxLabels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLabels);
        _limit = limit;
    }

    /// <summary>
    /// The id of <paramref name="label"/>; false (and 0) when it is new and the limit is reached. Once full, the table
    /// stays full: a label refused once is refused for good, and one given an id keeps it.
    /// </summary>
    public bool TryIntern(ReadOnlySpan<byte> label, out ushort id)
    {
        id = 0;
        if (label.IsEmpty)
        {
            return true;
        }
        var hash = System.IO.Hashing.XxHash3.HashToUInt64(label);
        lock (_lock)
        {
            if (_byHash.TryGetValue(hash, out var ids))
            {
                foreach (var known in ids)
                {
                    if (_labels[known].AsSpan().SequenceEqual(label))
                    {
                        id = (ushort)known;
                        return true;
                    }
                }
            }
            if (_count > _limit)
            {
                return false;
            }
            if (ids is null)
            {
                ids = [];
                _byHash.Add(hash, ids);
            }
            var labels = _labels;
            if (_count == labels.Length)
            {
                // A new array, published whole: readers holding the old one still find every id they know in it.
                var grown = new byte[labels.Length * 2][];
                Array.Copy(labels, grown, _count);
                labels = grown;
            }
            labels[_count] = label.ToArray();
            Volatile.Write(ref _labels, labels);
            ids.Add(_count);
            id = (ushort)_count++;
            return true;
        }
    }

    public ReadOnlySpan<byte> this[int id] => Volatile.Read(ref _labels)[id];

    /// <summary>Number of ids given out, the empty label's included.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>The smaller of two labels in ordinal byte order, ignoring the empty label.</summary>
    public ushort Min(ushort a, ushort b)
    {
        if (a == 0 || a == b)
        {
            return b;
        }
        if (b == 0)
        {
            return a;
        }
        return this[a].SequenceCompareTo(this[b]) <= 0 ? a : b;
    }
}
