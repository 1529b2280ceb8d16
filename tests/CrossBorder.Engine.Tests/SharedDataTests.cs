using Xunit.Abstractions;
using Xunit.Sdk;

namespace CrossBorder.Engine.Tests;

/// <summary>The shared-data rule: absent data is a notice locally and a failure on CI.</summary>
public sealed class SharedDataTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cbe-shared-" + Guid.NewGuid().ToString("N"));

    public SharedDataTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "data", "fx"));
        File.WriteAllText(Path.Combine(_root, "data", "fx", "rates.csv"), "Date,USD,\n");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Present_file_is_found_with_or_without_CI(bool isCi)
    {
        var output = new RecordingOutput();

        Assert.True(SharedData.TryResolve(_root, "data/fx/rates.csv", isCi, output, out var path));

        Assert.Equal(Path.Combine(_root, "data", "fx", "rates.csv"), path);
        Assert.Empty(output.Lines);
    }

    [Fact]
    public void Absent_file_outside_CI_writes_a_notice_and_returns_false()
    {
        var output = new RecordingOutput();

        Assert.False(SharedData.TryResolve(_root, "data/fx/missing.csv", isCi: false, output, out var path));

        Assert.Equal("", path);
        var line = Assert.Single(output.Lines);
        Assert.Contains("data/fx/missing.csv", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Absent_shared_folder_outside_CI_writes_a_notice_and_returns_false()
    {
        var output = new RecordingOutput();

        Assert.False(SharedData.TryResolve(null, "data/fx/rates.csv", isCi: false, output, out _));

        Assert.Single(output.Lines);
    }

    [Fact]
    public void Absent_file_on_CI_fails_the_test()
    {
        var output = new RecordingOutput();

        var failure = Assert.Throws<FailException>(() => SharedData.TryResolve(_root, "data/fx/missing.csv", isCi: true, output, out _));

        Assert.Contains("data/fx/missing.csv", failure.Message, StringComparison.Ordinal);
        Assert.Contains("CI", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Absent_shared_folder_on_CI_fails_the_test()
    {
        Assert.Throws<FailException>(() => SharedData.TryResolve(null, "data/fx/rates.csv", isCi: true, new RecordingOutput(), out _));
    }

    private sealed class RecordingOutput : ITestOutputHelper
    {
        public List<string> Lines { get; } = [];

        public void WriteLine(string message) => Lines.Add(message);

        public void WriteLine(string format, params object[] args) => Lines.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }
}
