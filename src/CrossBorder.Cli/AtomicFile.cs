using System.Globalization;

namespace CrossBorder.Cli;

/// <summary>
/// Writes files through temporary files and renames, so that a stopped or failed run never leaves half a file and
/// never changes a previous output: each file is written to <c>&lt;path&gt;.tmp-&lt;pid&gt;</c>, and only when every
/// one is complete are they renamed over the targets. On failure or cancellation every temporary file is deleted.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<Stream> write, CancellationToken cancellationToken = default) =>
        WriteAll([(path, write)], cancellationToken);

    public static void WriteAll(IReadOnlyList<(string Path, Action<Stream> Write)> files, CancellationToken cancellationToken)
    {
        var written = new List<(string Temporary, string Full)>(files.Count);
        try
        {
            foreach (var (path, write) in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var full = Path.GetFullPath(path);
                var temporary = TemporaryPath(full);
                written.Add((temporary, full));
                using var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                using var guarded = new CancellableWriteStream(stream, cancellationToken);
                write(guarded);
            }
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var (temporary, full) in written)
            {
                File.Move(temporary, full, overwrite: true);
            }
        }
        catch
        {
            // Not swallowed: the temporary files (those not yet renamed) go, the exception goes on.
            foreach (var (temporary, _) in written)
            {
                // File.Delete throws for a folder that does not exist, which would hide the real error.
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }
            throw;
        }
    }

    /// <summary>The temporary file a write to <paramref name="fullPath"/> goes through.</summary>
    public static string TemporaryPath(string fullPath) =>
        fullPath + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Passes writes through, throwing <see cref="OperationCanceledException"/> once the run is cancelled.</summary>
    private sealed class CancellableWriteStream(Stream inner, CancellationToken cancellationToken) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            inner.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            cancellationToken.ThrowIfCancellationRequested();
            inner.Write(buffer);
        }

        public override void WriteByte(byte value)
        {
            cancellationToken.ThrowIfCancellationRequested();
            inner.WriteByte(value);
        }
    }
}
