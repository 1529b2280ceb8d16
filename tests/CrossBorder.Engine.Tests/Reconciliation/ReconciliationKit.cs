using System.Text;
using CrossBorder.Engine.Reconciliation;

namespace CrossBorder.Engine.Tests.Reconciliation;

/// <summary>Runs the engine over in-memory CSV text and reads its outputs back, independently of the engine's own reader.</summary>
internal static class ReconciliationKit
{
    public const string ExpectedName = "expected.csv";
    public const string SettlementName = "settlement.csv";

    /// <summary>The contract's first seven columns of breaks.csv.</summary>
    public const string BreaksContractHeader = "order_id,component,currency,expected,settled,difference,status";

    public static ReconciliationOptions SingleThread { get; } = new() { Threads = 1 };

    public static ReconciliationResult Run(string expectedCsv, string settlementCsv, ReconciliationOptions? options = null) =>
        Run(Encoding.UTF8.GetBytes(expectedCsv), Encoding.UTF8.GetBytes(settlementCsv), options);

    public static ReconciliationResult Run(byte[] expectedCsv, byte[] settlementCsv, ReconciliationOptions? options = null)
    {
        var engine = new ReconciliationEngine(options ?? SingleThread);
        engine.Add(ReconciliationSide.Expected, new MemoryStream(expectedCsv, writable: false), ExpectedName);
        engine.Add(ReconciliationSide.Settlement, new MemoryStream(settlementCsv, writable: false), SettlementName);
        return engine.Complete();
    }

    public static byte[] BreaksCsv(ReconciliationResult result) => Write(result.WriteBreaksCsv);

    public static byte[] RejectsCsv(ReconciliationResult result) => Write(result.WriteRejectsCsv);

    public static byte[] SummaryJson(ReconciliationResult result) => Write(result.WriteSummaryJson);

    private static byte[] Write(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return stream.ToArray();
    }

    /// <summary>The rows of breaks.csv (header excluded), each cut to the contract's first seven columns.</summary>
    public static List<string[]> BreakRows(ReconciliationResult result)
    {
        var text = Encoding.UTF8.GetString(BreaksCsv(result));
        var rows = ParseCsv(text);
        Assert.StartsWith(BreaksContractHeader + ",", string.Join(',', rows[0]), StringComparison.Ordinal);
        return [.. rows.Skip(1).Select(r => r.Take(7).ToArray())];
    }

    public static ReconciliationBreak Break(ReconciliationResult result, string orderId, string component, string currency) =>
        Assert.Single(result.Breaks, b => b.OrderId == orderId && b.Component == component && b.Currency.Code == currency);

    public static long Keys(ReconciliationResult result, BreakStatus status) => result.Summary.KeysByStatus[status];

    /// <summary>A minimal RFC 4180 reader (LF or CRLF, doubled quotes, line breaks inside quotes) for checking outputs.</summary>
    public static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var any = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            any = true;
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
                fields.Add(field.ToString());
                field.Clear();
                rows.Add([.. fields]);
                fields.Clear();
                any = false;
            }
            else
            {
                field.Append(c);
            }
        }
        Assert.False(quoted, "unclosed quote in the output");
        if (any)
        {
            fields.Add(field.ToString());
            rows.Add([.. fields]);
        }
        return rows;
    }

    /// <summary>Quotes a field when RFC 4180 requires it (or always, when asked).</summary>
    public static string Quote(string field, bool always = false) =>
        always || field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    /// <summary>Minor units as text with exactly <paramref name="digits"/> decimals: <c>-1234.50</c>.</summary>
    public static string FormatMinor(Int128 minor, int digits)
    {
        var negative = minor < 0;
        var magnitude = negative ? -minor : minor;
        var text = magnitude.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits + 1, '0');
        if (digits > 0)
        {
            text = text[..^digits] + "." + text[^digits..];
        }
        return negative ? "-" + text : text;
    }

    /// <summary>Ordinal comparison of the UTF-8 bytes (what the contract sorts by), not of UTF-16 code units.</summary>
    public static int CompareUtf8(string a, string b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
}
