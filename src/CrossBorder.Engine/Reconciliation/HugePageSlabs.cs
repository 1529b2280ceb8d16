using System.Runtime.InteropServices;

namespace CrossBorder.Engine.Reconciliation;

/// <summary>
/// Native memory for the key store's full-size chunks (entries and key bytes), carved from 2 MiB-aligned slabs that
/// are advised for transparent huge pages on Linux (<c>madvise(MADV_HUGEPAGE)</c>, before the first touch). At
/// millions of keys every look-up reads an entry and its key bytes at random over hundreds of megabytes: on 4 KiB
/// pages nearly each of those reads also misses the TLB (a page walk, two-dimensional in a virtual machine), on 2 MiB
/// pages the whole store is a few hundred TLB entries. Where the advice is unavailable (other systems, THP
/// <c>never</c>) the slabs are ordinary memory. Chunks are never freed one by one: the slabs are freed together when
/// the store is no longer reachable (or disposed).
/// </summary>
internal sealed unsafe partial class HugePageSlabs : IDisposable
{
    /// <summary>The alignment of a slab, and the size of a huge page on x64 and arm64 Linux.</summary>
    internal const int HugePageBytes = 2 << 20;

    /// <summary>The size of a slab (a chunk larger than this gets a slab of its own).</summary>
    internal const int SlabBytes = 16 << 20;

    private const int MadviseHugePage = 14; // MADV_HUGEPAGE in <sys/mman.h> on Linux
    private const int MadviseDontNeed = 4;  // MADV_DONTNEED
    private const int MadvisePopulateWrite = 23; // MADV_POPULATE_WRITE
    private const int ChunkAlignment = 64;  // a cache line

    private readonly Lock _lock = new();
    private readonly List<(nint Address, long MappedBytes)> _slabs = []; // MappedBytes 0: from NativeMemory.AlignedAlloc
    private nint _next;
    private long _left;
    private nint _spare;      // a populated slab of SlabBytes waiting to become the current one (0 = none); see PrepareNext
    private int _preparing;   // 1 while a thread maps and populates the spare
    private long _reserved;
    private bool _disposed;

    /// <summary>Whether the slabs have been freed.</summary>
    public bool IsDisposed
    {
        get
        {
            lock (_lock)
            {
                return _disposed;
            }
        }
    }

    /// <summary>The bytes reserved in slabs (touched or not).</summary>
    public long ReservedBytes => Volatile.Read(ref _reserved);

    /// <summary>
    /// A 64-byte-aligned block of <paramref name="bytes"/> that stays at its address until the slabs are
    /// freed. Thread-safe (the workers' partitions allocate at once).
    /// </summary>
    public nint Allocate(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        var size = (bytes + (long)ChunkAlignment - 1) & -ChunkAlignment;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (size > _left)
            {
                NewSlab(Math.Max(SlabBytes, (size + HugePageBytes - 1) & -(long)HugePageBytes));
            }
            var block = _next;
            _next += (nint)size;
            _left -= size;
            return block;
        }
    }

    /// <summary>Whether <see cref="MapRegion"/> is available: Linux, where released regions stay mapped and read as zero.</summary>
    public static bool CanMapRegions => OperatingSystem.IsLinux();

    /// <summary>
    /// A zeroed, 2 MiB-aligned region of <paramref name="bytes"/> of its own (Linux only, <see cref="CanMapRegions"/>), for
    /// memory that is replaced as a whole (a hash table's slots): give it back with <see cref="Release"/>. It stays
    /// mapped until the slabs are freed, so that a reader holding its address (a prefetch hint read without a lock)
    /// never faults.
    /// </summary>
    public nint MapRegion(long bytes)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var region = Map(bytes);
            // A region is written all over at once (a table's slots, rehashed into it), and read before written in
            // places: a read fault would map the shared zero page, and the write after it copy a whole huge page.
            // Populated writable up front instead (Linux 5.14; an older kernel refuses, and the faults happen as usual).
            _ = Madvise(region, (nuint)bytes, MadvisePopulateWrite);
            _reserved += bytes;
            return region;
        }
    }

    /// <summary>
    /// Gives a region's memory back to the system (<c>madvise(MADV_DONTNEED)</c>); its addresses stay valid and read as
    /// zero until the slabs are freed.
    /// </summary>
    public void Release(nint region, long bytes)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _ = Madvise(region, (nuint)bytes, MadviseDontNeed);
            _reserved -= bytes;
        }
    }

    /// <summary>
    /// Maps the next slab and has its pages cleared now, when the current slab is half used and no spare is ready, so
    /// that the partition that takes it later does not fault on fresh memory in the middle of a batch of look-ups: on
    /// this kind of machine (a VM) clearing a 2 MiB page takes milliseconds. Call from a worker between blocks; only
    /// one thread prepares at a time, and a
    /// store whose chunks still fit in its first arrays maps nothing.
    /// </summary>
    public void PrepareNext()
    {
        if (!CanMapRegions || Volatile.Read(ref _spare) != 0 || Volatile.Read(ref _left) > SlabBytes / 2 || Interlocked.CompareExchange(ref _preparing, 1, 0) != 0)
        {
            return;
        }
        try
        {
            nint slab;
            lock (_lock)
            {
                if (_disposed || _spare != 0 || _slabs.Count == 0 || _left > SlabBytes / 2)
                {
                    return;
                }
                slab = Map(SlabBytes);
                _reserved += SlabBytes;
            }
            // The clearing happens here, outside the lock (Linux 5.14; an older kernel refuses, and the slab's pages are
            // faulted in when first written, as before).
            _ = Madvise(slab, SlabBytes, MadvisePopulateWrite);
            lock (_lock)
            {
                _spare = slab;
            }
        }
        finally
        {
            Volatile.Write(ref _preparing, 0);
        }
    }

    private void NewSlab(long bytes)
    {
        if (_spare != 0 && bytes == SlabBytes)
        {
            _next = _spare;
            _left = bytes;
            _spare = 0;
            return;
        }
        var slab = CanMapRegions ? Map(bytes) : (nint)NativeMemory.AlignedAlloc((nuint)bytes, HugePageBytes);
        if (!CanMapRegions)
        {
            _slabs.Add((slab, 0));
        }
        _next = slab;
        _left = bytes;
        _reserved += bytes;
    }

    /// <summary>
    /// A fresh mapping (not from the C heap, which may hand back touched memory), one huge page larger than asked so that
    /// an aligned block fits in it, advised for huge pages before anything touches it, so that its first faults are
    /// served with huge pages. The advice is only advice: a kernel without transparent huge pages refuses it, and the
    /// memory works the same. Under the lock.
    /// </summary>
    private nint Map(long bytes)
    {
        var mappedBytes = bytes + HugePageBytes;
        var mapped = Mmap(0, (nuint)mappedBytes, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
        if (mapped == -1)
        {
            throw new OutOfMemoryException($"mmap of {mappedBytes:N0} bytes for the key store failed (errno {Marshal.GetLastPInvokeError()}).");
        }
        _slabs.Add((mapped, mappedBytes));
        var aligned = (mapped + (HugePageBytes - 1)) & -(nint)HugePageBytes;
        _ = Madvise(aligned, (nuint)bytes, MadviseHugePage);
        return aligned;
    }

    private const int ProtRead = 1;
    private const int ProtWrite = 2;
    private const int MapPrivate = 2;
    private const int MapAnonymous = 0x20;

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int Munmap(nint address, nuint length);

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);

    /// <summary>Frees every slab: no chunk may be used afterwards.</summary>
    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    ~HugePageSlabs() => Free();

    private void Free()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            foreach (var (address, mappedBytes) in _slabs)
            {
                if (mappedBytes == 0)
                {
                    NativeMemory.AlignedFree((void*)address);
                }
                else
                {
                    _ = Munmap(address, (nuint)mappedBytes);
                }
            }
            _slabs.Clear();
            _left = 0;
            _spare = 0;
            _reserved = 0;
        }
    }
}
