using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace CrossBorder.Engine.Internal;

/// <summary>
/// Keeps a span that is walked front to back loaded a fixed distance ahead of the walk: each call asks the CPU for the
/// cache lines between the last one asked for and <c>position + distance</c>. For spans of large structs (a shipment
/// line is several cache lines) whose first touch would otherwise stall every item. Only a hint: it reads nothing and
/// does nothing where the CPU has no prefetch instruction.
/// </summary>
internal struct StreamPrefetcher
{
    private const int CacheLine = 64;

    private readonly int _distance;
    private long _requested;   // bytes from the start already asked for

    /// <summary>A prefetcher that stays <paramref name="distanceBytes"/> ahead.</summary>
    public StreamPrefetcher(int distanceBytes) => _distance = distanceBytes;

    /// <summary>Asks for the bytes of <paramref name="items"/> up to the distance past item <paramref name="position"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Advance<T>(ReadOnlySpan<T> items, int position)
    {
        if (!Sse.IsSupported)
        {
            return;
        }
        var size = (long)Unsafe.SizeOf<T>() * items.Length;
        var target = Math.Min(size, (long)Unsafe.SizeOf<T>() * position + _distance);
        if (_requested >= target)
        {
            return;
        }
        Fetch(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(items)), target);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private unsafe void Fetch(ref byte start, long target)
    {
        var at = _requested;
        for (; at < target; at += CacheLine)
        {
            // A stale address after a GC move is harmless: a prefetch never faults.
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.AddByteOffset(ref start, (nint)at)));
        }
        _requested = at;
    }
}
