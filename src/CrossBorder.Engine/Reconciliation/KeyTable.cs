using System.Numerics;
using System.Runtime.CompilerServices;

namespace CrossBorder.Engine.Reconciliation;

/// <summary>
/// Aggregates by key in an open-addressing hash table whose keys live in one growing byte arena: no object per key,
/// nothing allocated per line (the arrays grow by doubling).
/// </summary>
internal sealed class KeyTable
{
    internal struct Entry
    {
        public ulong Hash;
        public int KeyOffset;
        public int KeyLength;
        public long Expected;
        public long Settled;
        public long ExpectedLines;
        public long SettledLines;
        public long Duplicates;
        public int Market;      // interned id, 0 = none
        public int Category;    // interned id, 0 = none
        public int LastSettledDay; // the latest DateOnly.DayNumber of its settlement lines; 0 = none (for FX matching)
        public ushort Currency; // Currency index

        // The key's first two settlement-line fingerprints (0 = none): most keys have one or two settlement lines, so
        // duplicate detection reads the entry the line has just updated instead of a second, larger table.
        public ulong Print1;
        public ulong Print2;
    }

    /// <summary>
    /// Records settlement fingerprint <paramref name="print"/> for key <paramref name="index"/>; false when the key
    /// has already seen it (a duplicate line). The first two are kept in the entry, later ones in <paramref name="overflow"/>
    /// (whose prints include the key's bytes, so one set serves every key).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAddPrint(int index, ulong print, FingerprintSet overflow)
    {
        print = print == 0 ? 1 : print; // 0 marks an empty place
        ref var e = ref _entries[index];
        if (e.Print1 == print || e.Print2 == print)
        {
            return false;
        }
        if (e.Print1 == 0)
        {
            e.Print1 = print;
            return true;
        }
        if (e.Print2 == 0)
        {
            e.Print2 = print;
            return true;
        }
        // Both places taken: the overflow set, which holds this key's prints only once its entry is full.
        return overflow.TryAdd(print, index);
    }

    private Slot[] _slots;      // entry index + 1 (0 = empty) and the hash's high bits, so probes rarely touch entries

    private struct Slot
    {
        public int Index;
        public uint Tag;
    }
    private int _mask;
    private Entry[] _entries;
    private int _count;
    private byte[] _arena;
    private int _arenaUsed;

    public KeyTable(int capacity = 1 << 12)
    {
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2));
        _slots = new Slot[size];
        _mask = size - 1;
        _entries = new Entry[capacity];
        _arena = new byte[capacity * 32];
    }

    public int Count => _count;

    public ref Entry this[int index] => ref _entries[index];

    public ReadOnlySpan<byte> KeyOf(int index)
    {
        ref readonly var e = ref _entries[index];
        return _arena.AsSpan(e.KeyOffset, e.KeyLength);
    }

    public long MemoryBytes => (long)_slots.Length * Unsafe.SizeOf<Slot>() + (long)_entries.Length * Unsafe.SizeOf<Entry>() + _arena.Length;

    /// <summary>The index of <paramref name="key"/>, added with zero sums if new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetOrAdd(ulong hash, ReadOnlySpan<byte> key, ushort currency)
    {
        // Slot arithmetic wraps by design (masking); unchecked keeps the probe loop free of overflow checks.
        unchecked
        {
            var slot = (int)hash & _mask;
            var tag = (uint)(hash >> 32);
            var slots = _slots;
            while (true)
            {
                var found = slots[slot].Index;
                if (found == 0)
                {
                    return Add(slot, hash, key, currency);
                }
                if (slots[slot].Tag == tag)
                {
                    ref readonly var e = ref _entries[found - 1];
                    if (e.Hash == hash && _arena.AsSpan(e.KeyOffset, e.KeyLength).SequenceEqual(key))
                    {
                        return found - 1;
                    }
                }
                slot = (slot + 1) & _mask;
            }
        }
    }

    private int Add(int slot, ulong hash, ReadOnlySpan<byte> key, ushort currency)
    {
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }
        if (_arenaUsed + key.Length > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaUsed + key.Length));
        }
        key.CopyTo(_arena.AsSpan(_arenaUsed));
        var index = _count++;
        _entries[index] = new Entry { Hash = hash, KeyOffset = _arenaUsed, KeyLength = key.Length, Currency = currency };
        _arenaUsed += key.Length;
        _slots[slot] = new Slot { Index = index + 1, Tag = (uint)(hash >> 32) };
        if (_count * 2 > _slots.Length)
        {
            Grow();
        }
        return index;
    }

    private void Grow()
    {
        var size = _slots.Length * 2;
        var slots = new Slot[size];
        var mask = size - 1;
        unchecked
        {
            for (var i = 0; i < _count; i++)
            {
                var hash = _entries[i].Hash;
                var slot = (int)hash & mask;
                while (slots[slot].Index != 0)
                {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = new Slot { Index = i + 1, Tag = (uint)(hash >> 32) };
            }
        }
        _slots = slots;
        _mask = mask;
    }
}

/// <summary>A set of 64-bit line fingerprints with the key each was first seen on, for duplicate detection.</summary>
internal sealed class FingerprintSet
{
    private struct Slot
    {
        public ulong Hash;
        public int Key; // key index + 1; 0 = empty
    }

    private Slot[] _slots;
    private int _mask;
    private int _count;

    public FingerprintSet(int capacity = 1 << 12)
    {
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2));
        _slots = new Slot[size];
        _mask = size - 1;
    }

    public int Count => _count;

    /// <summary>Adds the fingerprint; returns false when it was already present.</summary>
    public bool TryAdd(ulong hash, int key)
    {
        // One slot holds hash and key, so a probe touches one cache line; masking wraps by design.
        unchecked
        {
            var slots = _slots;
            var slot = (int)hash & _mask;
            while (slots[slot].Key != 0)
            {
                if (slots[slot].Hash == hash)
                {
                    return false;
                }
                slot = (slot + 1) & _mask;
            }
            slots[slot].Hash = hash;
            slots[slot].Key = key + 1;
            if (++_count * 2 > slots.Length)
            {
                Grow();
            }
            return true;
        }
    }

    public IEnumerable<(ulong Hash, int Key)> Items()
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i].Key != 0)
            {
                yield return (_slots[i].Hash, _slots[i].Key - 1);
            }
        }
    }

    private void Grow()
    {
        var size = _slots.Length * 2;
        var slots = new Slot[size];
        var mask = size - 1;
        unchecked
        {
            foreach (var old in _slots)
            {
                if (old.Key == 0)
                {
                    continue;
                }
                var slot = (int)old.Hash & mask;
                while (slots[slot].Key != 0)
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

/// <summary>Interns short UTF-8 labels (markets, categories) to small ids; id 0 is the empty label.</summary>
internal sealed class LabelTable
{
    private readonly Dictionary<ulong, List<int>> _byHash = [];
    private readonly List<byte[]> _labels = [[]];

    public int Intern(ReadOnlySpan<byte> label)
    {
        if (label.IsEmpty)
        {
            return 0;
        }
        var hash = System.IO.Hashing.XxHash3.HashToUInt64(label);
        if (_byHash.TryGetValue(hash, out var ids))
        {
            foreach (var id in ids)
            {
                if (_labels[id].AsSpan().SequenceEqual(label))
                {
                    return id;
                }
            }
        }
        else
        {
            ids = [];
            _byHash.Add(hash, ids);
        }
        _labels.Add(label.ToArray());
        ids.Add(_labels.Count - 1);
        return _labels.Count - 1;
    }

    public ReadOnlySpan<byte> this[int id] => _labels[id];

    /// <summary>Number of ids given out, the empty label's included.</summary>
    public int Count => _labels.Count;

    /// <summary>The smaller of two labels in ordinal byte order, ignoring the empty label.</summary>
    public int Min(int a, int b)
    {
        if (a == 0 || a == b)
        {
            return b;
        }
        if (b == 0)
        {
            return a;
        }
        return _labels[a].AsSpan().SequenceCompareTo(_labels[b]) <= 0 ? a : b;
    }
}
