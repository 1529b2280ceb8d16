using System.Text;
using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;

namespace CrossBorder.Engine.Settlements;

/// <summary>
/// Maps a provider's codes — format, transaction type, amount code, description — to a canonical component
/// (<c>principal</c>, <c>commission</c>, <c>refund_principal</c>, …). The mapping is data: a CSV with header
/// <c>format,transaction_type,code,description,component</c>, where <c>*</c> matches anything (a format may also end
/// in <c>*</c>, as <c>amazon-*</c>); the row with the most non-wildcard fields wins, and among equals the first.
/// </summary>
/// <remarks>
/// Lookups compare UTF-8 spans ASCII case-insensitively and allocate only the first time a combination of codes is
/// seen (the answer is then cached), never per line. An instance is not safe for concurrent lookups from several
/// threads; give each reading thread its own (see <see cref="Clone"/>).
/// </remarks>
public sealed class ComponentMapping
{
    private const string Header = "format,transaction_type,code,description,component";

    private readonly Rule[] _rules;
    private readonly Dictionary<ulong, List<(byte[] Key, int Rule)>> _cache = [];

    private ComponentMapping(Rule[] rules) => _rules = rules;

    /// <summary>The rules, in priority order among equally specific ones.</summary>
    public int RuleCount => _rules.Length;

    /// <summary>The documented defaults shipped with the engine (<c>Settlements/default-mapping.csv</c>).</summary>
    public static ComponentMapping Default { get; } = LoadDefault();

    /// <summary>Rules from <paramref name="csv"/> first, then the defaults.</summary>
    /// <exception cref="InputFormatException">The file's header or a row is malformed; names the line.</exception>
    public static ComponentMapping Load(Stream csv, string sourceName, bool includeDefaults = true)
    {
        var rules = Parse(csv, sourceName);
        if (includeDefaults)
        {
            rules.AddRange(Default._rules);
        }
        return new ComponentMapping([.. rules]);
    }

    /// <summary>A copy with its own cache, for another thread.</summary>
    public ComponentMapping Clone() => new(_rules);

    /// <summary>
    /// The component for these codes, or false when no rule matches. The returned span is owned by the mapping.
    /// </summary>
    public bool TryMap(SettlementFormat format, ReadOnlySpan<byte> transactionType, ReadOnlySpan<byte> code, ReadOnlySpan<byte> description, out ReadOnlySpan<byte> component)
    {
        var rule = Find(format, transactionType, code, description);
        component = rule < 0 ? default : _rules[rule].Component;
        return rule >= 0;
    }

    /// <summary>
    /// The mapped component, or — when no rule matches — a component derived from the provider's own words so that
    /// the line is still reconciled and visible: the first non-empty of code, description and transaction type,
    /// lower-cased, spaces as underscores, prefixed <c>unmapped:</c>, written into <paramref name="scratch"/> (64
    /// bytes is enough; longer text is cut).
    /// </summary>
    public ReadOnlySpan<byte> Resolve(SettlementFormat format, ReadOnlySpan<byte> transactionType, ReadOnlySpan<byte> code, ReadOnlySpan<byte> description, Span<byte> scratch)
    {
        if (TryMap(format, transactionType, code, description, out var component))
        {
            return component;
        }
        var source = !code.IsEmpty ? code : !description.IsEmpty ? description : transactionType;
        ReadOnlySpan<byte> prefix = "unmapped:"u8;
        var length = Math.Min(prefix.Length, scratch.Length);
        prefix[..length].CopyTo(scratch);
        foreach (var b in source)
        {
            if (length == scratch.Length)
            {
                break;
            }
            scratch[length++] = b is (byte)' ' or (byte)',' ? (byte)'_' : b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;
        }
        return scratch[..length];
    }

    /// <summary>The name of a format in the mapping file and on the command line (<c>amazon-v2</c>, …).</summary>
    public static string NameOf(SettlementFormat format) => SettlementFormats.NameOf(format);

    private int Find(SettlementFormat format, ReadOnlySpan<byte> transactionType, ReadOnlySpan<byte> code, ReadOnlySpan<byte> description)
    {
        // Cache key: the format and the three fields, separated by bytes that cannot appear in them unescaped.
        Span<byte> key = stackalloc byte[4 + Math.Min(transactionType.Length + code.Length + description.Length, 1024)];
        var length = Compose(key, format, transactionType, code, description);
        var keyBytes = key[..length];
        var hash = System.IO.Hashing.XxHash3.HashToUInt64(keyBytes);
        if (_cache.TryGetValue(hash, out var bucket))
        {
            foreach (var (cachedKey, rule) in bucket)
            {
                if (keyBytes.SequenceEqual(cachedKey))
                {
                    return rule;
                }
            }
        }
        else
        {
            bucket = [];
            _cache[hash] = bucket;
        }
        var best = -1;
        var bestSpecificity = -1;
        var name = Encoding.ASCII.GetBytes(NameOf(format));
        for (var i = 0; i < _rules.Length; i++)
        {
            var r = _rules[i];
            if (r.Specificity > bestSpecificity
                && MatchesFormat(r.Format, name)
                && Matches(r.TransactionType, transactionType)
                && Matches(r.Code, code)
                && Matches(r.Description, description))
            {
                best = i;
                bestSpecificity = r.Specificity;
            }
        }
        bucket.Add((keyBytes.ToArray(), best));
        return best;
    }

    private static int Compose(Span<byte> key, SettlementFormat format, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c)
    {
        // Three appends, not a loop over a `new[] { 0, 1, 2 }`: that array was allocated on every lookup.
        var length = 0;
        key[length++] = (byte)format;
        Append(key, ref length, a);
        Append(key, ref length, b);
        Append(key, ref length, c);
        return length;
    }

    private static void Append(Span<byte> key, ref int length, ReadOnlySpan<byte> field)
    {
        var room = key.Length - length - 1;
        var n = Math.Min(field.Length, Math.Max(0, room));
        field[..n].CopyTo(key[length..]);
        length += n;
        key[length++] = 0;
    }

    private static bool MatchesFormat(byte[]? pattern, ReadOnlySpan<byte> name)
    {
        if (pattern is null)
        {
            return true;
        }
        if (pattern.Length > 0 && pattern[^1] == (byte)'*')
        {
            return name.Length >= pattern.Length - 1 && Ascii.EqualsIgnoreCase(name[..(pattern.Length - 1)], pattern.AsSpan(0, pattern.Length - 1));
        }
        return Ascii.EqualsIgnoreCase(name, pattern);
    }

    private static bool Matches(byte[]? pattern, ReadOnlySpan<byte> value) =>
        pattern is null || Ascii.EqualsIgnoreCase(value.Trim((byte)' '), pattern);

    private static ComponentMapping LoadDefault()
    {
        using var stream = typeof(ComponentMapping).Assembly.GetManifestResourceStream("CrossBorder.Engine.Settlements.default-mapping.csv")
            ?? throw new InvalidOperationException("The embedded default mapping (Settlements/default-mapping.csv) is missing from the assembly.");
        return new ComponentMapping([.. Parse(stream, "default-mapping.csv")]);
    }

    private static List<Rule> Parse(Stream csv, string sourceName)
    {
        var rules = new List<Rule>();
        using var reader = new Utf8CsvReader(csv, leaveOpen: true);
        var sawHeader = false;
        while (reader.TryReadRow(out var row))
        {
            var line = row.LineNumber;
            if (row.IsBlank || (!row[0].IsEmpty && row[0][0] == (byte)'#'))
            {
                continue;
            }
            if (!sawHeader)
            {
                var header = Encoding.UTF8.GetString(row.Raw).Trim().TrimStart('\uFEFF');
                if (!string.Equals(header, Header, StringComparison.OrdinalIgnoreCase))
                {
                    throw new InputFormatException(sourceName, line, 1, header, $"expected the header '{Header}'");
                }
                sawHeader = true;
                continue;
            }
            if (row.FieldCount != 5)
            {
                throw new InputFormatException(sourceName, line, Math.Min(row.FieldCount, 5) + 1, Encoding.UTF8.GetString(row.Raw), $"expected 5 fields ({Header}), found {row.FieldCount}");
            }
            var component = row[4].Trim((byte)' ');
            if (component.IsEmpty || component.SequenceEqual("*"u8))
            {
                throw new InputFormatException(sourceName, line, 5, Encoding.UTF8.GetString(component), "the component must be a label, not empty or *");
            }
            var format = Pattern(row[0]);
            if (format is not null && !SettlementFormats.IsKnownPattern(format))
            {
                throw new InputFormatException(sourceName, line, 1, Encoding.UTF8.GetString(format), $"unknown format (expected * or one of {string.Join(", ", SettlementFormats.Names)})");
            }
            var transactionType = Pattern(row[1]);
            var code = Pattern(row[2]);
            var description = Pattern(row[3]);
            var specificity = (transactionType is null ? 0 : 1) + (code is null ? 0 : 1) + (description is null ? 0 : 1);
            rules.Add(new Rule(format, transactionType, code, description, component.ToArray(), specificity));
        }
        if (!sawHeader)
        {
            throw new InputFormatException(sourceName, 1, 1, "", $"empty mapping file (expected the header '{Header}')");
        }
        return rules;
    }

    private static byte[]? Pattern(ReadOnlySpan<byte> field)
    {
        var trimmed = field.Trim((byte)' ');
        return trimmed.SequenceEqual("*"u8) ? null : trimmed.ToArray();
    }

    private sealed record Rule(byte[]? Format, byte[]? TransactionType, byte[]? Code, byte[]? Description, byte[] Component, int Specificity);
}
