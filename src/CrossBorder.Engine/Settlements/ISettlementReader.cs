namespace CrossBorder.Engine.Settlements;

/// <summary>
/// Reads one provider's report format as it really is and turns its rows into canonical settlement lines. A reader
/// streams the file once, finds columns by header name, takes the number and date formats from the file's own
/// content (never from the machine's culture), and allocates nothing per line.
/// </summary>
public interface ISettlementReader
{
    /// <summary>The format this reader reads.</summary>
    SettlementFormat Format { get; }

    /// <summary>
    /// True when <paramref name="head"/> (the first bytes of a file, at least 4 KiB when the file is that long)
    /// looks like this format; used by <see cref="SettlementFormats.Detect(ReadOnlySpan{byte})"/>.
    /// </summary>
    bool Recognizes(ReadOnlySpan<byte> head);

    /// <summary>Reads the whole <paramref name="stream"/>, reporting every row to <paramref name="sink"/>.</summary>
    /// <param name="stream">The report.</param>
    /// <param name="sourceName">The file name, for errors.</param>
    /// <param name="mapping">Maps the provider's transaction types and amount codes to components.</param>
    /// <param name="sink">Receives lines, rejects, stated totals and informational rows.</param>
    /// <exception cref="Text.InputFormatException">The file is not in this format at all (no recognisable header, a missing required column).</exception>
    void Read(Stream stream, string sourceName, ComponentMapping mapping, ISettlementSink sink);
}
