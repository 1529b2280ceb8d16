using System.Text;

namespace CrossBorder.Cli.Tests;

public class AtomicFileAndProgressTests
{
    [Fact]
    public void Cancelled_while_writing_leaves_the_previous_file_and_no_temporary_file()
    {
        using var folder = new TempFolder();
        var target = folder.Write("out.csv", "previous");
        using var cancel = new CancellationTokenSource();

        Assert.ThrowsAny<OperationCanceledException>(() => AtomicFile.Write(target, stream =>
        {
            stream.Write("first half\n"u8);
            Assert.True(File.Exists(AtomicFile.TemporaryPath(target)));
            cancel.Cancel();
            stream.Write("second half\n"u8);
        }, cancel.Token));

        Assert.Equal("previous", File.ReadAllText(target));
        Assert.Empty(folder.TemporaryFiles());
    }

    [Fact]
    public void A_failure_in_a_later_file_leaves_every_previous_file()
    {
        using var folder = new TempFolder();
        var first = folder.Write("first.csv", "previous first");
        var second = folder.Write("second.csv", "previous second");

        Assert.Throws<IOException>(() => AtomicFile.WriteAll(
        [
            (first, stream => stream.Write("new first"u8)),
            (second, _ => throw new IOException("disk full")),
        ], CancellationToken.None));

        Assert.Equal("previous first", File.ReadAllText(first));
        Assert.Equal("previous second", File.ReadAllText(second));
        Assert.Empty(folder.TemporaryFiles());
    }

    [Fact]
    public void A_complete_write_replaces_every_file()
    {
        using var folder = new TempFolder();
        var first = folder.Write("first.csv", "previous first");

        AtomicFile.WriteAll([(first, stream => stream.Write("new first"u8)), (folder.File("second.csv"), stream => stream.Write("new second"u8))], CancellationToken.None);

        Assert.Equal("new first", File.ReadAllText(first));
        Assert.Equal("new second", File.ReadAllText(folder.File("second.csv")));
        Assert.Empty(folder.TemporaryFiles());
    }

    [Fact]
    public void Progress_counts_every_byte_and_line_and_draws_a_final_line()
    {
        using var folder = new TempFolder();
        var text = string.Concat(Enumerable.Range(0, 5000).Select(i => $"line {i}\n"));
        var path = folder.Write("input.txt", text);
        using var error = new StringWriter();

        using (var progress = new Progress(error, new FileInfo(path).Length, Timeout.InfiniteTimeSpan))
        {
            using var stream = progress.Open(path, CancellationToken.None);
            stream.CopyTo(Stream.Null, 1000);
            Assert.Equal(Encoding.UTF8.GetByteCount(text), progress.Bytes);
            Assert.Equal(5000, progress.Lines);
            Assert.Equal("", error.ToString());
        }

        Assert.StartsWith("\rread ", error.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("\n", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("5,000 lines", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("(100%)", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_without_a_writer_draws_nothing_and_counts_no_lines()
    {
        using var folder = new TempFolder();
        var path = folder.Write("input.txt", "a\nb\nc\n");

        using (var progress = new Progress(null, 6, Progress.Interval))
        {
            using var stream = progress.Open(path, CancellationToken.None);
            stream.CopyTo(Stream.Null);
            Assert.Equal(6, progress.Bytes);
            Assert.Equal(0, progress.Lines);
        }
    }

    [Fact]
    public void Reading_stops_once_cancelled()
    {
        using var folder = new TempFolder();
        var path = folder.Write("input.txt", new string('x', 10_000));
        using var cancel = new CancellationTokenSource();
        using var progress = new Progress(null, 0, Progress.Interval);
        using var stream = progress.Open(path, cancel.Token);
        var buffer = new byte[1000];

        Assert.Equal(1000, stream.Read(buffer));
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => stream.Read(buffer));
    }

    [Theory]
    [InlineData(0L, 0L, 0L, 0.0, "read 0.0 KiB, 0 lines, 0 lines/s, 0:00 elapsed")]
    [InlineData(3L << 20, 30_000L, 12L << 20, 2.0, "read 3.0 MiB of 12.0 MiB (25%), 30,000 lines, 15,000 lines/s, 0:02 elapsed, 0:06 left")]
    [InlineData(12L << 20, 90_000L, 12L << 20, 3725.0, "read 12.0 MiB of 12.0 MiB (100%), 90,000 lines, 24 lines/s, 1:02:05 elapsed, 0:00 left")]
    public void Progress_line_format(long bytes, long lines, long total, double seconds, string expected) =>
        Assert.Equal(expected, Progress.Format(bytes, lines, total, TimeSpan.FromSeconds(seconds)));
}
