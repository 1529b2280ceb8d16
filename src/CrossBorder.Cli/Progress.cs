using System.Diagnostics;
using System.Globalization;

namespace CrossBorder.Cli;

/// <summary>
/// Progress of a run over input files, drawn on one line of standard error (<c>\r</c>) at most four times a second:
/// bytes and lines read, lines per second, elapsed time and, from the bytes read out of the inputs' total size, the time
/// left. Off (no timer, no line counting) unless standard error is a terminal and <c>--quiet</c> is not given. Inputs
/// are read through <see cref="Open"/>, whose stream counts what passes and stops the run once it is cancelled.
/// </summary>
internal sealed class Progress : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly TextWriter? _writer;
    private readonly long _totalBytes;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer? _timer;
    private readonly Lock _drawing = new();
    private long _bytes;
    private long _lines;
    private int _lastWidth;
    private bool _disposed;

    /// <param name="writer">Where to draw, or null for no progress.</param>
    /// <param name="totalBytes">The inputs' total size, for the estimate of the time left (0: unknown).</param>
    /// <param name="interval">Time between redraws; <see cref="Timeout.InfiniteTimeSpan"/> draws only the final line.</param>
    public Progress(TextWriter? writer, long totalBytes, TimeSpan interval)
    {
        _writer = writer;
        _totalBytes = totalBytes;
        if (writer is not null && interval != Timeout.InfiniteTimeSpan)
        {
            _timer = new Timer(_ => Draw(final: false), null, interval, interval);
        }
    }

    /// <summary>Progress for a command: on only when <paramref name="context"/> allows it and the run is not quiet.</summary>
    public static Progress For(CliContext context, bool quiet, IEnumerable<string> inputs) =>
        new(context.ProgressAllowed && !quiet ? context.Error : null, TotalBytes(inputs), Interval);

    public long Bytes => Interlocked.Read(ref _bytes);

    public long Lines => Interlocked.Read(ref _lines);

    /// <summary>Opens an input file for sequential reading through a counting, cancellable stream.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Stops the run: the next read throws <see cref="OperationCanceledException"/>.</param>
    /// <param name="bufferSize">The file stream's own buffer (1: none, for readers that read large blocks themselves).</param>
    public Stream Open(string path, CancellationToken cancellationToken, int bufferSize = 1) =>
        new CountingReadStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize, FileOptions.SequentialScan), this, cancellationToken);

    private void Advance(ReadOnlySpan<byte> data)
    {
        Interlocked.Add(ref _bytes, data.Length);
        if (_writer is not null)
        {
            // Only when progress is drawn; a vectorised count per block read, not per line.
            Interlocked.Add(ref _lines, data.Count((byte)'\n'));
        }
    }

    private void Draw(bool final)
    {
        lock (_drawing)
        {
            if (_disposed || _writer is null)
            {
                return;
            }
            var text = Format(Bytes, Lines, _totalBytes, _clock.Elapsed);
            _writer.Write("\r" + text.PadRight(_lastWidth) + (final ? "\n" : ""));
            _writer.Flush();
            _lastWidth = text.Length;
            _disposed = final;
        }
    }

    /// <summary>Draws the last state and ends its line (when progress is on); no redraw follows.</summary>
    public void Dispose()
    {
        _timer?.Dispose();
        Draw(final: true);
    }

    /// <summary>One progress line: <c>read 12.0 MiB of 48.0 MiB (25%), 340,000 lines, 170,000 lines/s, 0:02 elapsed, 0:06 left</c>.</summary>
    public static string Format(long bytes, long lines, long totalBytes, TimeSpan elapsed)
    {
        var seconds = elapsed.TotalSeconds;
        var rate = seconds > 0 ? (long)(lines / seconds) : 0;
        var text = string.Create(CultureInfo.InvariantCulture, $"read {Size(bytes)}");
        if (totalBytes > 0)
        {
            var fraction = Math.Min(1.0, (double)bytes / totalBytes);
            text += string.Create(CultureInfo.InvariantCulture, $" of {Size(totalBytes)} ({fraction * 100:0}%)");
        }
        text += string.Create(CultureInfo.InvariantCulture, $", {lines:N0} lines, {rate:N0} lines/s, {Clock(elapsed)} elapsed");
        if (totalBytes > 0 && bytes > 0 && bytes <= totalBytes)
        {
            var left = TimeSpan.FromSeconds(seconds * (totalBytes - bytes) / bytes);
            text += ", " + Clock(left) + " left";
        }
        return text;
    }

    private static string Size(long bytes) => bytes >= 1 << 20
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB");

    private static string Clock(TimeSpan time) => time.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours}:{time.Minutes:00}:{time.Seconds:00}")
        : string.Create(CultureInfo.InvariantCulture, $"{time.Minutes}:{time.Seconds:00}");

    private static long TotalBytes(IEnumerable<string> inputs)
    {
        long total = 0;
        foreach (var input in inputs)
        {
            var info = new FileInfo(input);
            if (info.Exists)
            {
                total += info.Length;
            }
        }
        return total;
    }

    /// <summary>Counts the bytes read through it and throws <see cref="OperationCanceledException"/> once the run is cancelled.</summary>
    private sealed class CountingReadStream(Stream inner, Progress progress, CancellationToken cancellationToken) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = inner.Read(buffer);
            progress.Advance(buffer[..read]);
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
