namespace CrossBorder.Engine.Text;

/// <summary>Looks at the first bytes of a stream (a file signature) without losing them.</summary>
internal static class StreamHead
{
    /// <summary>How many bytes <see cref="Peek"/> looks at.</summary>
    public const int Length = 4;

    /// <summary>
    /// Reads up to <see cref="Length"/> bytes into <paramref name="head"/> and returns a stream that still yields the whole
    /// content: <paramref name="stream"/> itself, moved back, when it can seek; otherwise a <see cref="PrefixedStream"/> that
    /// gives the bytes read back before the rest (one allocation per file). The returned stream does not own <paramref name="stream"/>.
    /// </summary>
    public static Stream Peek(Stream stream, out ReadOnlyMemory<byte> head)
    {
        var bytes = new byte[Length];
        if (stream.CanSeek)
        {
            var position = stream.Position;
            var read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            stream.Position = position;
            head = bytes.AsMemory(0, read);
            return stream;
        }
        var count = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        head = bytes.AsMemory(0, count);
        return new PrefixedStream(bytes.AsMemory(0, count), stream);
    }

}
