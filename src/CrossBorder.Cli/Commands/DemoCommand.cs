using System.CommandLine;
using System.Globalization;
using System.Text;
using CrossBorder.Engine;
using CrossBorder.Engine.Fx;
using CrossBorder.Engine.LandedCost;
using CrossBorder.Engine.Reconciliation;
using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;

namespace CrossBorder.Cli.Commands;

/// <summary><c>xborder demo</c>: the engine at work on the embedded sample.</summary>
internal static class DemoCommand
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static Command Create(CliContext context)
    {
        var command = new Command("demo", "Runs the engine on its embedded sample data and prints what it did. Exit codes: 0 ok.");
        command.SetAction(_ => Run(context.Output));
        return command;
    }

    public static int Run(TextWriter output)
    {
        var rates = EcbReferenceRates.Load(EmbeddedData.Open("fx/ecb-reference-rates-sample.csv"), "embedded fx/ecb-reference-rates-sample.csv");
        var regime = CustomsRateRegime.EuMonthly(rates);
        var declarationDate = new DateOnly(2024, 6, 10);

        output.WriteLine("xborder demo: the money core on an embedded sample");
        output.WriteLine();

        // 1. Parse amounts written in several number formats, straight from UTF-8 into minor units.
        output.WriteLine("1. Parse amounts (UTF-8, explicit number format, into each currency's minor units)");
        var rows = ReadRows(EmbeddedData.Open("demo/orders.csv"));
        var orders = new List<(string Id, Money Amount, long WeightGrams)>();
        WriteRow(output, "order", "currency", "text", "format", "parsed");
        for (var r = 1; r < rows.Count; r++)
        {
            var row = rows[r];
            var id = Encoding.UTF8.GetString(row[0]);
            var currency = Currency.FromCode(row[1]);
            var format = Encoding.UTF8.GetString(row[3]) == "comma" ? AmountFormat.CommaDecimalGrouped : AmountFormat.PointDecimalGrouped;
            var minor = Utf8AmountParser.Parse(row[2], currency, format);
            var grams = Utf8AmountParser.Parse(row[4], 3, AmountFormat.Invariant);
            var amount = new Money(minor, currency);
            orders.Add((id, amount, grams));
            WriteRow(output, id, currency.Code, Encoding.UTF8.GetString(row[2]), Encoding.UTF8.GetString(row[3]),
                $"{amount} ({minor.ToString(Invariant)} minor units)");
        }
        output.WriteLine();

        // 2. Convert to EUR with the EU customs rate for the month of the declaration.
        var reference = regime.ReferenceDate(declarationDate);
        output.WriteLine($"2. Convert to EUR for a declaration on {declarationDate:yyyy-MM-dd}: {regime.Name}");
        output.WriteLine($"   applies the ECB rate of {reference:yyyy-MM-dd} (penultimate Wednesday of the previous month); rounded half-up once");
        WriteRow(output, "order", "amount", "EUR rate", "in EUR", "");
        var inEuro = new List<Money>();
        foreach (var (id, amount, _) in orders)
        {
            var rate = regime.GetRate(Currency.EUR, amount.Currency, declarationDate);
            var euro = regime.Convert(amount, Currency.EUR, declarationDate, RoundingMode.HalfUp);
            inEuro.Add(euro);
            WriteRow(output, id, amount.ToString(), amount.Currency == Currency.EUR ? "1" : $"{rate.ToDecimal().ToString("0.#####", Invariant)} {amount.Currency}/EUR", euro.ToString(), "");
        }
        var totalEuro = Money.Zero(Currency.EUR);
        foreach (var euro in inEuro)
        {
            totalEuro += euro;
        }
        WriteRow(output, "total", "", "", totalEuro.ToString(), "");
        output.WriteLine();

        // 3. Allocate a shipment-level cost over the lines, by weight, exactly.
        var freight = new Money(2500, Currency.EUR);
        output.WriteLine($"3. Allocate freight of {freight} over the orders by weight (largest remainder; parts sum to the total)");
        Span<long> weights = stackalloc long[orders.Count];
        for (var i = 0; i < orders.Count; i++)
        {
            weights[i] = orders[i].WeightGrams;
        }
        var parts = new Money[orders.Count];
        freight.Allocate(weights, parts);
        WriteRow(output, "order", "weight kg", "share", "", "");
        var sum = Money.Zero(Currency.EUR);
        for (var i = 0; i < orders.Count; i++)
        {
            sum += parts[i];
            WriteRow(output, orders[i].Id, (orders[i].WeightGrams / 1000m).ToString("0.000", Invariant), parts[i].ToString(), "", "");
        }
        WriteRow(output, "total", "", sum.ToString(), sum == freight ? "= freight" : "!= freight", "");
        output.WriteLine();

        // 4. Rates and rounding: exact percentages, every rounding named.
        output.WriteLine("4. Exact rates and named rounding");
        var vat = Rate.Percent(19m);
        var mpf = Rate.Percent(0.3464m);
        var usd = orders.Find(o => o.Amount.Currency == Currency.USD).Amount;
        output.WriteLine($"   19% VAT on {totalEuro}: {totalEuro.Multiply(vat, RoundingMode.HalfUp)} (half-up)");
        output.WriteLine($"   US MPF 0.3464% (= {mpf.Numerator}/{mpf.Denominator}) of {usd}: {usd.Multiply(mpf, RoundingMode.HalfEven)} (half-even), {usd.Multiply(mpf, RoundingMode.Ceiling)} (ceiling)");
        var chf = orders.Find(o => o.Amount.Currency == Currency.CHF).Amount;
        var chfGross = chf.Multiply(Rate.Percent(108.1m), RoundingMode.HalfUp);
        output.WriteLine($"   {chf} + 8.1% Swiss VAT = {chfGross}; cash-rounded to 5 rappen: {chfGross.RoundToCash()}");
        var jpy = orders.Find(o => o.Amount.Currency == Currency.JPY).Amount;
        output.WriteLine($"   Japan Customs truncation of {jpy}: base to 1,000 yen {jpy.RoundToIncrement(1000, RoundingMode.TowardZero)}, to 100 yen {jpy.RoundToIncrement(100, RoundingMode.TowardZero)}");
        output.WriteLine();

        // 5. Landed cost of a small batch of shipments into several destinations.
        output.WriteLine("5. Landed cost of the embedded shipments (embedded default tariff, destination rules, EU monthly / daily customs rates)");
        var calculator = DefaultData.Calculator(null, null);
        var rejects = new List<ShipmentReject>();
        var lines = ShipmentCsv.Read(EmbeddedData.Open("demo/shipments.csv"), "embedded demo/shipments.csv", rejects, out _).ToArray();
        var results = new LineCost[lines.Length];
        calculator.Calculate(lines, results);
        output.WriteLine($"   {"shipment",-8} {"ln",2} {"to",-2} {"from",-4} {"code",-10} {"customs value",16} {"duty",12} {"VAT/GST",12} {"fees",10} {"total",12}  regime");
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var r = results[i];
            output.WriteLine(string.Create(Invariant,
                $"   {line.ShipmentId,-8} {line.Line,2} {line.Destination,-2} {line.Origin,-4} {line.Code,-10} {r.CustomsValue,16} {r.Duty.ToString("N", Invariant),12} {r.Vat.ToString("N", Invariant),12} {r.Fees.ToString("N", Invariant),10} {r.Total.ToString("N", Invariant),12}  {LandedCostCommand.RegimeText(r.Regime)}"));
        }
        foreach (var reject in rejects)
        {
            output.WriteLine($"   rejected line {reject.Line}: {reject.Reason}");
        }
        output.WriteLine();

        // 6. Reconcile expected revenue against settlements.
        output.WriteLine("6. Reconcile the embedded expected revenue against the embedded settlements (exact, zero tolerance)");
        var engine = new ReconciliationEngine(new ReconciliationOptions { Threads = 2 });
        engine.Add(ReconciliationSide.Expected, EmbeddedData.Open("demo/expected.csv"), "expected.csv");
        engine.Add(ReconciliationSide.Settlement, EmbeddedData.Open("demo/settlement.csv"), "settlement.csv");
        var reconciliation = engine.Complete();
        foreach (var line in reconciliation.FormatSummary().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            output.WriteLine("   " + line);
        }
        output.WriteLine($"   {"order",-8} {"component",-17} {"ccy",-3} {"expected",10} {"settled",10} {"difference",10}  status");
        foreach (var b in reconciliation.Breaks)
        {
            output.WriteLine(string.Create(Invariant,
                $"   {b.OrderId,-8} {b.Component,-17} {b.Currency,-3} {b.Expected?.ToString("N", Invariant) ?? "",10} {b.Settled?.ToString("N", Invariant) ?? "",10} {b.Difference.ToString("N", Invariant),10}  {b.Status.Name()}{(b.DuplicateLines > 0 ? $" ({b.DuplicateLines} duplicate line)" : "")}{(b.CurrencyMismatch.Length > 0 ? $" ({b.CurrencyMismatch})" : "")}"));
        }
        foreach (var r in reconciliation.Rejects)
        {
            output.WriteLine($"   rejected {r.File} line {r.Line} column {r.Column} '{r.Value}': {r.Reason}");
        }
        return 0;
    }

    /// <summary>The rows of a small embedded CSV, copied out of the reader's buffer.</summary>
    private static List<byte[][]> ReadRows(Stream stream)
    {
        var rows = new List<byte[][]>();
        using var reader = new Utf8CsvReader(stream);
        while (reader.TryReadRow(out var row))
        {
            if (row.IsBlank)
            {
                continue;
            }
            var fields = new byte[row.FieldCount][];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = row[i].ToArray();
            }
            rows.Add(fields);
        }
        return rows;
    }

    private static void WriteRow(TextWriter output, string a, string b, string c, string d, string e) =>
        output.WriteLine($"   {a,-9} {b,-14} {c,-16} {d,-14} {e}".TrimEnd());
}
