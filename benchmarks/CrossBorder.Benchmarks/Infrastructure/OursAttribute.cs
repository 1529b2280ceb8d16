namespace CrossBorder.Benchmarks.Infrastructure;

/// <summary>
/// Marks a benchmark that measures a CrossBorder.Engine hot path (as opposed to a BCL baseline or competitor).
/// The allocation gate (<c>--allocation-gate</c>) runs every benchmark so marked and fails when one allocates.
/// </summary>
/// <remarks>
/// A custom attribute rather than a <c>[BenchmarkCategory]</c>: categories take part in BenchmarkDotNet's
/// logical grouping (and so in which baseline a ratio is computed against), and marking a method as ours must not
/// move it out of its group.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OursAttribute : Attribute
{
}
