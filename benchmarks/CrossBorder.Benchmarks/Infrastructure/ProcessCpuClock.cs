using Perfolizer.Horology;

namespace CrossBorder.Benchmarks.Infrastructure;

/// <summary>
/// A BenchmarkDotNet clock that reads the process's CPU time (user + kernel, all threads;
/// <see cref="Environment.CpuUsage"/>, <c>getrusage</c> on Linux, microsecond resolution) instead of the wall clock.
/// </summary>
/// <remarks>
/// On a shared machine the wall-clock time of an iteration includes the time the process waited for a core while
/// other jobs ran; that share changes from second to second, and so from a benchmark to its baseline measured a few
/// seconds later. CPU time leaves the waiting out. It still includes what sharing a core does to caches and to the
/// clock speed, so it is less noisy, not noise-free. Meant for iterations of 100 ms or more, the perf check's.
/// </remarks>
internal sealed class ProcessCpuClock : IClock
{
    public static readonly ProcessCpuClock Instance = new();

    public string Title => "Process CPU time";

    public bool IsAvailable => true;

    public Frequency Frequency => new(TimeSpan.TicksPerSecond);

    public long GetTimestamp() => Environment.CpuUsage.TotalTime.Ticks;
}
