using System.Globalization;
using System.Text;

namespace CrossBorder.Engine.Reconciliation.Generation;

/// <summary>
/// Writes a deterministic pair of canonical reconciliation files (<c>expected.csv</c>, <c>settlement.csv</c>) of any
/// size: marketplace-style order ids in ten markets and their currencies (JPY with no decimals, KWD with three),
/// several components per order, each settled in one to three parts, settlement lines shuffled, and about 1% of
/// orders with each kind of break: a component never settled, a settlement with nothing expected, an amount off by a
/// few minor units, a settlement line repeated (same ref), and a component settled in another currency.
/// </summary>
/// <remarks>
/// The same size and seed give byte-identical files on every machine and runtime (<see cref="Random(int)"/> with a
/// seed is a fixed algorithm; all text is invariant). These are the files the reconciliation benchmarks run on, and
/// what <c>xborder generate</c> writes. A change to the output must bump <see cref="Version"/>.
/// </remarks>
public static class CanonicalDatasetGenerator
{
    /// <summary>The header of both files.</summary>
    public const string Header = "order_id,component,currency,amount,date,market,category,ref";

    /// <summary>Bumped whenever the output changes, so cached files are regenerated.</summary>
    public const int Version = 1;

    private static readonly (string Market, string Currency, int Digits, string Prefix, long Scale)[] Markets =
    [
        ("US", "USD", 2, "114", 1), ("DE", "EUR", 2, "302", 1), ("FR", "EUR", 2, "405", 1), ("GB", "GBP", 2, "026", 1),
        ("JP", "JPY", 0, "249", 150), ("KW", "KWD", 3, "407", 1), ("CA", "CAD", 2, "701", 1), ("AU", "AUD", 2, "250", 2),
        ("SE", "SEK", 2, "261", 10), ("PL", "PLN", 2, "171", 4),
    ];

    private static readonly string[] Categories = ["apparel", "electronics", "home", "beauty", "toys", "books", "sports"];

    /// <summary>Counts of what was written and injected, for the record.</summary>
    /// <param name="Orders">Orders generated.</param>
    /// <param name="ExpectedLines">Lines of <c>expected.csv</c> (without the header).</param>
    /// <param name="SettlementLines">Lines of <c>settlement.csv</c> (without the header).</param>
    /// <param name="Missing">Components expected and never settled.</param>
    /// <param name="Unexpected">Settlement lines with nothing expected (reversals).</param>
    /// <param name="AmountMismatch">Components settled a few minor units off.</param>
    /// <param name="Duplicates">Settlement lines repeated with the same ref.</param>
    /// <param name="CurrencyMismatch">Components settled in another currency.</param>
    public sealed record Stats(long Orders, long ExpectedLines, long SettlementLines, long Missing, long Unexpected, long AmountMismatch, long Duplicates, long CurrencyMismatch);

    /// <summary>
    /// Generates <c>expected.csv</c> and <c>settlement.csv</c> with at least <paramref name="settlementLines"/> settlement
    /// lines (whole orders, so a few more) into <paramref name="directory"/>, which is created when needed, and records
    /// the version, size, seed and <see cref="Stats"/> in <c>generated.txt</c>.
    /// </summary>
    /// <param name="directory">Folder to write into; existing files of the same names are replaced.</param>
    /// <param name="settlementLines">Settlement lines to write at least.</param>
    /// <param name="seed">Seed of the pseudo-random sequence; the same seed and size give byte-identical files.</param>
    public static Stats Generate(string directory, long settlementLines, int seed) => Generate(directory, settlementLines, seed, splitPercent: null);

    /// <summary>
    /// <see cref="Generate(string, long, int)"/> with a chosen share of split settlements: <paramref name="splitPercent"/>
    /// percent of the settled components arrive in two or three lines, the others in one; null settles every component
    /// in one to three lines, evenly (about two settlement lines per expected line, the files of
    /// <see cref="Generate(string, long, int)"/>). 7 gives about 9 expected lines per 10 settlement lines, the ratio of
    /// the reconciliation benchmark's target (10M settlement lines against 9M expected lines).
    /// </summary>
    /// <param name="directory">Folder to write into; existing files of the same names are replaced.</param>
    /// <param name="settlementLines">Settlement lines to write at least.</param>
    /// <param name="seed">Seed of the pseudo-random sequence; the same seed, size and split give byte-identical files.</param>
    /// <param name="splitPercent">Percentage (0–100) of components settled in more than one line, or null.</param>
    public static Stats Generate(string directory, long settlementLines, int seed, int? splitPercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(settlementLines);
        if (splitPercent is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(splitPercent), splitPercent, "Give a percentage from 0 to 100, or null.");
        }
        Directory.CreateDirectory(directory);
        var random = new Random(seed);
        var settlement = new List<string>((int)Math.Min(settlementLines + 1024, int.MaxValue / 2));
        var expectedPath = Path.Combine(directory, "expected.csv");
        long orders = 0, expected = 0, missing = 0, unexpected = 0, mismatch = 0, duplicates = 0, currencyMismatch = 0;
        long refSequence = 0;
        var line = new StringBuilder(128);
        var start = new DateOnly(2025, 4, 1);

        using (var writer = new StreamWriter(expectedPath, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" })
        {
            writer.WriteLine(Header);
            Span<long> parts = stackalloc long[3];
            while (settlement.Count < settlementLines)
            {
                orders++;
                var (market, currency, digits, prefix, scale) = Markets[random.Next(Markets.Length)];
                // 3-7-7 digits as marketplaces print them; the last group is the order number scrambled (7919 is prime
                // to 10^7, so it never repeats within a market).
                var orderId = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{random.Next(1_000_000, 10_000_000):D7}-{orders * 7919 % 10_000_000:D7}");
                var category = Categories[random.Next(Categories.Length)];
                var orderDate = start.AddDays(random.Next(0, 30));
                var settleDate = orderDate.AddDays(random.Next(3, 15));
                var unit = digits switch { 0 => 1L, 3 => 1000L, _ => 100L };
                var principal = random.NextInt64(5 * unit, 500 * unit) * scale;
                if (digits == 0)
                {
                    principal = random.NextInt64(500, 75_000);
                }
                var components = new List<(string Name, long Amount)>
                {
                    ("principal", principal),
                    ("tax", principal * random.Next(5, 25) / 100),
                    ("commission", -(principal * random.Next(8, 16) / 100)),
                };
                if (random.Next(2) == 0)
                {
                    components.Add(("shipping", random.NextInt64(1 * unit, 15 * unit) * (digits == 0 ? 100 : scale)));
                }
                if (random.Next(3) == 0)
                {
                    components.Add(("fba_fee", -random.NextInt64(1 * unit, 8 * unit) * (digits == 0 ? 100 : scale)));
                }
                if (random.Next(8) == 0)
                {
                    components.Add(("promotion", -random.NextInt64(1 * unit, 20 * unit) * (digits == 0 ? 100 : scale)));
                }

                // One break in about 1% of orders for each kind, on one of its components.
                var roll = random.Next(100);
                var broken = roll < 5 ? random.Next(components.Count) : -1;
                for (var c = 0; c < components.Count; c++)
                {
                    var (component, amount) = components[c];
                    Write(writer, line, orderId, component, currency, amount, digits, orderDate, market, category, "");
                    expected++;
                    if (c == broken && roll == 0)
                    {
                        missing++;
                        continue;
                    }
                    var settledCurrency = currency;
                    var settledDigits = digits;
                    if (c == broken && roll == 4)
                    {
                        // Settled in the wrong currency: a two-decimal one instead of the market's.
                        (settledCurrency, settledDigits) = currency == "USD" ? ("EUR", 2) : ("USD", 2);
                        currencyMismatch++;
                    }
                    var count = Math.Abs(amount) < 3 ? 1
                        : splitPercent is not { } percent ? random.Next(1, 4)
                        : random.Next(100) < percent ? random.Next(2, 4) : 1;
                    Split(amount, parts[..count], random);
                    if (c == broken && roll == 2)
                    {
                        parts[count - 1] += random.Next(1, 50) * (random.Next(2) == 0 ? 1 : -1);
                        mismatch++;
                    }
                    for (var p = 0; p < count; p++)
                    {
                        var reference = string.Create(CultureInfo.InvariantCulture, $"STL-{settleDate:yyyyMMdd}-{++refSequence:D9}");
                        var text = Format(line, orderId, component, settledCurrency, parts[p], settledDigits, settleDate, market, category, reference);
                        settlement.Add(text);
                        if (c == broken && roll == 3 && p == 0)
                        {
                            settlement.Add(text);
                            duplicates++;
                        }
                    }
                }
                if (roll == 1)
                {
                    // Settled but never expected: a reversal the order system did not record.
                    var amount = -(principal / 10 + 1);
                    settlement.Add(Format(line, orderId, "reversal", currency, amount, digits, settleDate, market, category,
                        string.Create(CultureInfo.InvariantCulture, $"STL-{settleDate:yyyyMMdd}-{++refSequence:D9}")));
                    unexpected++;
                }
            }
        }

        // Settlement reports list payouts, not orders: shuffle (Fisher-Yates, same seed stream).
        for (var i = settlement.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (settlement[i], settlement[j]) = (settlement[j], settlement[i]);
        }
        using (var writer = new StreamWriter(Path.Combine(directory, "settlement.csv"), false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" })
        {
            writer.WriteLine(Header);
            foreach (var text in settlement)
            {
                writer.WriteLine(text);
            }
        }
        var stats = new Stats(orders, expected, settlement.Count, missing, unexpected, mismatch, duplicates, currencyMismatch);
        File.WriteAllText(Path.Combine(directory, "generated.txt"),
            string.Create(CultureInfo.InvariantCulture, $"version {Version} lines {settlementLines} seed {seed}{(splitPercent is { } split ? $" split {split}%" : "")}\n{stats}\n"));
        return stats;
    }

    // Splits an amount into parts that add up exactly, each with the amount's sign.
    private static void Split(long amount, Span<long> parts, Random random)
    {
        var rest = amount;
        for (var p = 0; p < parts.Length - 1; p++)
        {
            var share = amount / parts.Length + (amount / 10 == 0 ? 0 : random.NextInt64(-Math.Abs(amount / 10), Math.Abs(amount / 10) + 1));
            parts[p] = share;
            rest -= share;
        }
        parts[^1] = rest;
    }

    private static void Write(StreamWriter writer, StringBuilder line, string orderId, string component, string currency, long amount, int digits,
        DateOnly date, string market, string category, string reference) =>
        writer.WriteLine(Format(line, orderId, component, currency, amount, digits, date, market, category, reference));

    private static string Format(StringBuilder line, string orderId, string component, string currency, long amount, int digits,
        DateOnly date, string market, string category, string reference)
    {
        line.Clear();
        line.Append(orderId).Append(',').Append(component).Append(',').Append(currency).Append(',');
        AppendAmount(line, amount, digits);
        line.Append(',').Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',').Append(market).Append(',').Append(category).Append(',').Append(reference);
        return line.ToString();
    }

    // Invariant text of an amount in minor units: -12.34, 1234 (JPY), 1.250 (KWD).
    private static void AppendAmount(StringBuilder text, long minorUnits, int digits)
    {
        if (minorUnits < 0)
        {
            text.Append('-');
        }
        var magnitude = (ulong)Math.Abs(minorUnits);
        if (digits == 0)
        {
            text.Append(magnitude.ToString(CultureInfo.InvariantCulture));
            return;
        }
        var unit = digits == 3 ? 1000UL : 100UL;
        text.Append((magnitude / unit).ToString(CultureInfo.InvariantCulture)).Append('.')
            .Append((magnitude % unit).ToString(digits == 3 ? "D3" : "D2", CultureInfo.InvariantCulture));
    }
}
