using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace CrossBorder.Engine.Reconciliation;

/// <summary>
/// One worker's cache of label ids (markets, categories, components: a few dozen labels read on every line). A label
/// of up to 16 bytes is held in its place as two 64-bit words, so a hit compares two words and reads neither the
/// <see cref="LabelTable"/> nor the label's bytes again; a longer label is compared with the table's copy. Each label
/// has two places (two bits of one hash), so that two labels whose first places collide do not evict each other on
/// every line (with 64 places and 20 labels a collision is likely: it cost a locked table look-up per line). A miss is
/// resolved by the table, which interns under its lock.
/// </summary>
internal sealed class LabelIdCache
{
    private const int SlotBits = 6;
    private const int InlineBytes = 16;

    private readonly Slot[] _slots = new Slot[1 << SlotBits];

    private struct Slot
    {
        public ulong Head;   // bytes 0..7 (zero-padded below 8 bytes)
        public ulong Tail;   // bytes length-8..length-1 (0 below 8 bytes)
        public int Length;
        public ushort Id;    // 0 = empty
    }

    /// <summary>
    /// The id of <paramref name="label"/> (not empty) in <paramref name="table"/>, interned if new; false when the table is
    /// full (then nothing is cached).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetId(LabelTable table, ReadOnlySpan<byte> label, out ushort id)
    {
        var (head, tail) = Words(label);
        var hash = Hash(head, tail, label.Length);
        ref var first = ref _slots[(int)(hash >> (64 - SlotBits))];
        if (Holds(first, table, label, head, tail))
        {
            id = first.Id;
            return true;
        }
        ref var second = ref _slots[(int)(hash >> (64 - 2 * SlotBits)) & ((1 << SlotBits) - 1)];
        if (Holds(second, table, label, head, tail))
        {
            id = second.Id;
            return true;
        }
        return TryIntern(table, label, head, tail, ref first, ref second, out id);
    }

    /// <summary>Look-ups the table answered (misses), for tests.</summary>
    internal int Misses { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Holds(in Slot slot, LabelTable table, ReadOnlySpan<byte> label, ulong head, ulong tail) =>
        slot.Id != 0 && slot.Length == label.Length && slot.Head == head && slot.Tail == tail
        && (label.Length <= InlineBytes || label.SequenceEqual(table[slot.Id]));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryIntern(LabelTable table, ReadOnlySpan<byte> label, ulong head, ulong tail, ref Slot first, ref Slot second, out ushort id)
    {
        Misses++;
        if (!table.TryIntern(label, out id))
        {
            return false;
        }
        // An empty place if there is one, else the first (a label evicted from there may still be in its other place).
        ref var slot = ref first.Id == 0 || second.Id != 0 ? ref first : ref second;
        slot = new Slot { Head = head, Tail = tail, Length = label.Length, Id = id };
        return true;
    }

    /// <summary>
    /// The first and last 8 bytes of a label (overlapping between 8 and 16 bytes, so that with the length they are the
    /// whole label up to 16 bytes); below 8 bytes, the bytes little-endian and 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (ulong Head, ulong Tail) Words(ReadOnlySpan<byte> label)
    {
        if (label.Length >= 8)
        {
            return (BinaryPrimitives.ReadUInt64LittleEndian(label), BinaryPrimitives.ReadUInt64LittleEndian(label[^8..]));
        }
        ulong head = 0;
        for (var i = 0; i < label.Length; i++)
        {
            head |= (ulong)label[i] << (8 * i);
        }
        return (head, 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Hash(ulong head, ulong tail, int length)
    {
        // Unchecked: a multiplicative hash of the words, whose top 6 bits pick the first place and the 6 below them the second.
        unchecked
        {
            return ((head * 0x9E37_79B9_7F4A_7C15UL) ^ tail ^ (ulong)length) * 0xC2B2_AE3D_27D4_EB4FUL;
        }
    }
}
