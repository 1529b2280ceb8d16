using Xunit.Abstractions;

namespace CrossBorder.Engine.Tests;

/// <summary>
/// Finds the reference data in <c>../shared</c>: the <c>shared</c> folder next to the repository root (the folder that
/// holds <c>CrossBorder.Engine.sln</c>). The data is never copied into the repository.
/// </summary>
/// <remarks>
/// The rule for every test that reads it: when the data is absent, the test writes a notice and returns (a developer
/// without <c>../shared</c> can still run the suite); when the environment variable <c>CI</c> is <c>true</c>, absent
/// data fails the test, so that a CI run can never pass without having checked it.
/// </remarks>
internal static class SharedData
{
    private const string SolutionFile = "CrossBorder.Engine.sln";

    private static readonly Lazy<string?> s_sharedRoot = new(FindSharedRoot);

    /// <summary>True when the environment variable <c>CI</c> is <c>true</c>.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The full path of <paramref name="relativePath"/> (such as <c>data/fx/ecb-eurofxref-hist.csv</c>) inside
    /// <c>../shared</c>. When the file is absent: writes a notice and returns false, or fails the test on CI.
    /// </summary>
    public static bool TryGetPath(string relativePath, ITestOutputHelper output, out string path) =>
        TryResolve(s_sharedRoot.Value, relativePath, IsCi, output, out path);

    /// <summary>The rule itself, with the shared root and the CI flag given (so that it can be tested).</summary>
    internal static bool TryResolve(string? sharedRoot, string relativePath, bool isCi, ITestOutputHelper output, out string path)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        ArgumentNullException.ThrowIfNull(output);
        if (sharedRoot is not null)
        {
            var candidate = Path.Combine(sharedRoot, relativePath.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(candidate))
            {
                path = candidate;
                return true;
            }
        }
        var where = sharedRoot ?? $"../shared (no folder containing {SolutionFile} above {AppContext.BaseDirectory})";
        if (isCi)
        {
            Assert.Fail($"Shared data '{relativePath}' is missing from {where}, and CI=true: on CI the shared data must be present.");
        }
        output.WriteLine($"NOTICE: shared data '{relativePath}' not found in {where}; this check did not run.");
        path = "";
        return false;
    }

    private static string? FindSharedRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.Parent is null ? null : Path.Combine(dir.Parent.FullName, "shared");
            }
        }
        return null;
    }
}
