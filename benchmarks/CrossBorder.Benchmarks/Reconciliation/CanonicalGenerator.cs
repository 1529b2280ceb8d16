using System.Globalization;
using CrossBorder.Engine.Reconciliation.Generation;

namespace CrossBorder.Benchmarks.Reconciliation;

/// <summary>
/// The reconciliation benchmarks' input files: <see cref="CanonicalDatasetGenerator"/> (in the library, also behind
/// <c>xborder generate</c>), cached per size and seed under the temporary folder.
/// </summary>
public static class CanonicalGenerator
{
    /// <summary>
    /// Returns the folder of cached files for this size, seed and split (see
    /// <see cref="CanonicalDatasetGenerator.Generate(string, long, int, int?)"/>), generating them when needed.
    /// </summary>
    public static string Cached(long settlementLines, int seed, int? splitPercent = null)
    {
        var split = splitPercent is { } percent ? string.Create(CultureInfo.InvariantCulture, $"-split{percent}") : "";
        var directory = Path.Combine(Path.GetTempPath(), "crossborder-bench", string.Create(CultureInfo.InvariantCulture, $"reconcile-v{CanonicalDatasetGenerator.Version}-{settlementLines}-{seed}{split}"));
        if (!File.Exists(Path.Combine(directory, "generated.txt")))
        {
            CanonicalDatasetGenerator.Generate(directory, settlementLines, seed, splitPercent);
        }
        return directory;
    }
}
