using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace CrossBorder.Engine.Reconciliation;

/// <summary>
/// One worker's direct-mapped cache of label ids (markets, categories, components: a few dozen labels read on every
/// line). A label of up to 16 bytes is held in its place as two 64-bit words, so a hit compares two words and reads
/// neither the <see cref="LabelTable"/> nor the label's bytes again; a longer label is compared with the table's copy.
/// A miss (or a collision) is resolved by the table, which interns under its lock.
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
        ref var slot = ref _slots[SlotOf(head, tail, label.Length)];
        if (slot.Id != 0 && slot.Length == label.Length && slot.Head == head && slot.Tail == tail
            && (label.Length <= InlineBytes || label.SequenceEqual(table[slot.Id])))
        {
            id = slot.Id;
            return true;
        }
        return TryIntern(table, label, head, tail, ref slot, out id);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryIntern(LabelTable table, ReadOnlySpan<byte> label, ulong head, ulong tail, ref Slot slot, out ushort id)
    {
        if (!table.TryIntern(label, out id))
        {
            return false;
        }
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
    private static int SlotOf(ulong head, ulong tail, int length)
    {
        // Unchecked: a multiplicative hash of the words, whose top bits pick the slot.
        unchecked
        {
            return (int)(((head * 0x9E37_79B9_7F4A_7C15UL) ^ tail ^ (ulong)length) * 0xC2B2_AE3D_27D4_EB4FUL >> (64 - SlotBits));
        }
    }
}
