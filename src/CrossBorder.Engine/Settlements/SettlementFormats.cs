using System.Text;

namespace CrossBorder.Engine.Settlements;

/// <summary>
/// The registry of settlement readers: names (as on the command line and in mapping files), detection from a file's
/// first bytes, and the reader for a format.
/// </summary>
public static class SettlementFormats
{
    private static readonly (SettlementFormat Format, string Name)[] s_names =
    [
        (SettlementFormat.Canonical, "canonical"),
        (SettlementFormat.AmazonV2, "amazon-v2"),
        (SettlementFormat.AmazonV1, "amazon-v1"),
        (SettlementFormat.Stripe, "stripe"),
        (SettlementFormat.PayPalStl, "paypal-stl"),
        (SettlementFormat.PayPalActivity, "paypal-activity"),
        (SettlementFormat.AdyenSdr, "adyen-sdr"),
        (SettlementFormat.Shopify, "shopify"),
        (SettlementFormat.Ebay, "ebay"),
        (SettlementFormat.Braintree, "braintree"),
    ];

    // Readers in detection order: the most distinctive headers first. Each reader is added here when it is written.
    private static readonly ISettlementReader[] s_readers =
    [
        new Amazon.AmazonV2SettlementReader(),
        new Amazon.AmazonV1SettlementReader(),
        new PayPal.PayPalStlReader(),
        new Adyen.AdyenSettlementReader(),
        new Braintree.BraintreeSettlementReader(),
        new PayPal.PayPalActivityReader(),
        new Stripe.StripeSettlementReader(),
        new Shopify.ShopifySettlementReader(),
        new Ebay.EbaySettlementReader(),
    ];

    /// <summary>Every format name, in declaration order.</summary>
    public static IEnumerable<string> Names => s_names.Select(n => n.Name);

    /// <summary>The name of <paramref name="format"/> (<c>amazon-v2</c>, …).</summary>
    public static string NameOf(SettlementFormat format)
    {
        foreach (var (f, name) in s_names)
        {
            if (f == format)
            {
                return name;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(format), format, "Not a settlement format.");
    }

    /// <summary>The format named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static SettlementFormat Parse(string name)
    {
        foreach (var (f, n) in s_names)
        {
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            {
                return f;
            }
        }
        throw new ArgumentException($"'{name}' is not a settlement format (expected auto or one of {string.Join(", ", Names)}).", nameof(name));
    }

    /// <summary>True when <paramref name="pattern"/> names a format, or a family ending in <c>*</c> such as <c>amazon-*</c>.</summary>
    internal static bool IsKnownPattern(ReadOnlySpan<byte> pattern)
    {
        var text = Encoding.ASCII.GetString(pattern);
        if (text.EndsWith('*'))
        {
            var prefix = text[..^1];
            return s_names.Any(n => n.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
        }
        return s_names.Any(n => string.Equals(n.Name, text, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The reader for <paramref name="format"/>.</summary>
    /// <exception cref="NotSupportedException">No reader for that format is available in this version.</exception>
    public static ISettlementReader ReaderFor(SettlementFormat format)
    {
        foreach (var reader in s_readers)
        {
            if (reader.Format == format)
            {
                return reader;
            }
        }
        throw new NotSupportedException($"No reader for the {NameOf(format)} format is available in this version.");
    }

    /// <summary>
    /// The format of a file from its first bytes (<paramref name="head"/>; give at least 4 KiB when the file is that
    /// long), or null when no reader recognises it. The canonical CSV is recognised by its required columns.
    /// </summary>
    public static SettlementFormat? Detect(ReadOnlySpan<byte> head)
    {
        if (Text.Xlsx.XlsxSheetReader.HasZipSignature(head))
        {
            return DetectWorkbook(new MemoryStream(head.ToArray(), writable: false));
        }
        foreach (var reader in s_readers)
        {
            if (reader.Recognizes(head))
            {
                return reader.Format;
            }
        }
        return LooksCanonical(head) ? SettlementFormat.Canonical : null;
    }

    /// <summary>
    /// The format of the file at <paramref name="path"/> (reads its first 64 KiB; an .xlsx workbook, known by its zip
    /// signature, by the first non-blank row of its first sheet).
    /// </summary>
    /// <exception cref="Text.InputFormatException">The file starts as a zip archive but is not a readable workbook.</exception>
    public static SettlementFormat? Detect(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[64 * 1024];
        var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (Text.Xlsx.XlsxSheetReader.HasZipSignature(buffer.AsSpan(0, length)))
        {
            stream.Position = 0;
            // A whole workbook: a corrupt one is an error naming the file, not an unrecognised format.
            var cells = Text.Xlsx.XlsxSheetReader.ReadFirstRow(stream, path);
            return cells is null ? null : WorkbookFormat(cells);
        }
        return Detect(buffer.AsSpan(0, length));
    }

    /// <summary>
    /// <paramref name="format"/> when given, else the format detected from the file at <paramref name="path"/>
    /// (see <see cref="Detect(string)"/>): what the engine and the tool use to read a settlement file.
    /// </summary>
    /// <exception cref="Text.InputFormatException">The file cannot be read, is a corrupt workbook, or no reader recognises its header.</exception>
    public static SettlementFormat Resolve(string path, SettlementFormat? format)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (format is { } given)
        {
            return given;
        }
        try
        {
            return Detect(path)
                ?? throw new Text.InputFormatException(path, 1, 1, "", $"the format is not recognised from the header; give it explicitly (one of {string.Join(", ", Names)})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Text.InputFormatException(path, 0, 0, path, $"cannot read the file: {e.Message}", e);
        }
    }

    /// <summary>The format whose header is the first non-blank row of the workbook's first sheet, or null.</summary>
    private static SettlementFormat? DetectWorkbook(Stream stream)
    {
        var cells = Text.Xlsx.XlsxSheetReader.TryReadFirstRow(stream);
        return cells is null ? null : WorkbookFormat(cells);
    }

    private static SettlementFormat? WorkbookFormat(IReadOnlyList<byte[]> cells) =>
        s_readers.FirstOrDefault(r => r is IWorkbookSettlementReader w && w.RecognizesHeader(cells))?.Format;

    private static bool LooksCanonical(ReadOnlySpan<byte> head)
    {
        var end = head.IndexOfAny((byte)'\n', (byte)'\r');
        var header = Encoding.UTF8.GetString(end < 0 ? head : head[..end]).TrimStart('\uFEFF').ToLowerInvariant();
        var columns = header.Split(',').Select(c => c.Trim().Trim('"')).ToHashSet(StringComparer.Ordinal);
        return columns.Contains("order_id") && columns.Contains("component") && columns.Contains("currency") && columns.Contains("amount");
    }
}
