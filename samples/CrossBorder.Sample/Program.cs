// A consumer of the CrossBorder.Engine package: prices one shipment into the UK and reconciles a small settlement,
// then checks every figure against the one worked out by hand. Exits 1 when a figure differs, 0 when all agree.
using System.Globalization;
using System.Reflection;
using System.Text;
using CrossBorder.Engine;
using CrossBorder.Engine.Fx;
using CrossBorder.Engine.Geography;
using CrossBorder.Engine.LandedCost;
using CrossBorder.Engine.Reconciliation;
using CrossBorder.Engine.Tariffs;

var invariant = CultureInfo.InvariantCulture;
var failures = new List<string>();

void Check(string what, object actual, object expected)
{
    var ok = Equals(actual, expected);
    Console.WriteLine(string.Create(invariant, $"  {(ok ? "ok  " : "FAIL")} {what}: {actual}{(ok ? "" : $" (expected {expected})")}"));
    if (!ok)
    {
        failures.Add(what);
    }
}

static Stream Utf8(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

static Money Gbp(decimal amount) => Money.FromDecimal(amount, Currency.GBP);

var engineAssembly = typeof(Money).Assembly;
Console.WriteLine($"CrossBorder.Engine {engineAssembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion} (package sample)");
Console.WriteLine();

// 1. Landed cost. A tiny canonical tariff: UK duty on T-shirts (6109) 12%, books (4901) free;
//    UK import VAT 20%, books zero-rated.
const string tariff = """
    destination,code,origin,measure,rate,valid_from,valid_to,note
    GB,6109,*,mfn,12%,,,T-shirts of cotton
    GB,4901,*,mfn,0%,,,printed books
    GB,*,*,vat,20%,,,standard rate
    GB,4901,*,vat,0%,,,books are zero-rated
    """;
var schedules = new TariffSchedules();
CanonicalTariffLoader.Load(Utf8(tariff), "sample-tariff.csv", new OriginGroups(), schedules);

// The UK converts at the rate of the day: 1 GBP = 1.25 USD on the declaration date.
var date = new DateOnly(2025, 5, 9);
var rates = new ExchangeRateTable();
rates.Add(ExchangeRate.FromDecimal(Currency.GBP, Currency.USD, 1.25m), date);

var calculator = new LandedCostCalculator(schedules, DestinationRuleBook.CreateDefault(), rates);

// One shipment from China invoiced in USD, freight 75.00 USD for the whole shipment (given on line 1; the engine
// allocates it to the lines by value, 5:1).
ShipmentLine[] lines =
[
    new()
    {
        ShipmentId = "S-1", Line = 1, Destination = "GB", Origin = CountryCode.Parse("CN"), Code = TariffCode.Parse("6109.10.00.10"),
        Value = Money.FromDecimal(1250.00m, Currency.USD), Freight = Money.FromDecimal(75.00m, Currency.USD), Date = date,
    },
    new()
    {
        ShipmentId = "S-1", Line = 2, Destination = "GB", Origin = CountryCode.Parse("CN"), Code = TariffCode.Parse("4901.99.00.00"),
        Value = Money.FromDecimal(250.00m, Currency.USD), Date = date,
    },
];
var results = new LineCost[lines.Length];
calculator.Calculate(lines, results);
var total = LandedCostCalculator.Total(results);

Console.WriteLine("1. Landed cost of shipment S-1 into GB (CIF, rate of the day 1 GBP = 1.25 USD)");
Console.WriteLine($"   {"line",4} {"code",-14} {"customs value",14} {"duty",10} {"VAT",10} {"total",10}  status");
for (var i = 0; i < lines.Length; i++)
{
    var r = results[i];
    Console.WriteLine(string.Create(invariant,
        $"   {lines[i].Line,4} {lines[i].Code,-14} {r.CustomsValue,14} {r.Duty.ToString("N", invariant),10} {r.Vat.ToString("N", invariant),10} {r.Total.ToString("N", invariant),10}  {r.Status}"));
}
Console.WriteLine(string.Create(invariant,
    $"   {"all",4} {"",-14} {total.CustomsValue,14} {total.Duty.ToString("N", invariant),10} {total.Vat.ToString("N", invariant),10} {total.Total.ToString("N", invariant),10}"));
// By hand: line 1 = 1,000.00 GBP + 50.00 freight = 1,050.00; duty 12% = 126.00; VAT 20% of 1,176.00 = 235.20.
//          line 2 =   200.00 GBP + 10.00 freight =   210.00; no duty, no VAT.
Check("line 1 status", results[0].Status, LineCostStatus.Ok);
Check("line 2 status", results[1].Status, LineCostStatus.Ok);
Check("line 1 customs value", results[0].CustomsValue, Gbp(1050.00m));
Check("line 1 duty", results[0].Duty, Gbp(126.00m));
Check("line 1 VAT", results[0].Vat, Gbp(235.20m));
Check("line 2 customs value", results[1].CustomsValue, Gbp(210.00m));
Check("line 2 duty", results[1].Duty, Gbp(0m));
Check("line 2 VAT", results[1].Vat, Gbp(0m));
Check("shipment total", total.Total, Gbp(361.20m));
Console.WriteLine();

// 2. Reconciliation: expected revenue against a settlement in the canonical format.
const string expected = """
    order_id,component,currency,amount,date,market,category,ref
    A-1,principal,EUR,100.00,2025-05-02,DE,books,
    A-1,commission,EUR,-15.00,2025-05-02,DE,books,
    B-2,principal,USD,59.90,2025-05-02,US,toys,
    C-3,principal,EUR,20.00,2025-05-03,FR,books,
    """;
const string settlement = """
    order_id,component,currency,amount,date,market,category,ref
    A-1,principal,EUR,100.00,2025-05-09,DE,books,P-1
    A-1,commission,EUR,-15.01,2025-05-09,DE,books,P-2
    B-2,principal,USD,59.90,2025-05-09,US,toys,P-3
    """;
var engine = new ReconciliationEngine(new ReconciliationOptions { Threads = 1 });
engine.Add(ReconciliationSide.Expected, Utf8(expected), "expected.csv");
engine.Add(ReconciliationSide.Settlement, Utf8(settlement), "settlement.csv");
var reconciliation = engine.Complete();

Console.WriteLine("2. Reconciliation (exact, zero tolerance)");
foreach (var line in reconciliation.FormatSummary().Split('\n', StringSplitOptions.RemoveEmptyEntries))
{
    Console.WriteLine("   " + line);
}
var breaks = reconciliation.Breaks.Where(b => b.Status != BreakStatus.Matched).ToList();
foreach (var b in breaks)
{
    Console.WriteLine(string.Create(invariant, $"   break: {b.OrderId} {b.Component} {b.Currency} difference {b.Difference.ToString("N", invariant)} {b.Status}"));
}
// By hand: A-1's commission was settled one cent more negative than expected; C-3 was never settled; B-2 matches.
Check("breaks", breaks.Count, 2);
Check("A-1 commission", breaks.Find(b => b.OrderId == "A-1")?.Status.ToString() ?? "none", nameof(BreakStatus.AmountMismatch));
Check("A-1 commission difference", breaks.Find(b => b.OrderId == "A-1")?.Difference ?? default, Money.FromDecimal(-0.01m, Currency.EUR));
Check("C-3", breaks.Find(b => b.OrderId == "C-3")?.Status.ToString() ?? "none", nameof(BreakStatus.MissingSettlement));
Check("rejected lines", reconciliation.Rejects.Count, 0);
Console.WriteLine();

Console.WriteLine(failures.Count == 0 ? "sample: all figures as expected" : $"sample: {failures.Count} figure(s) differ: {string.Join(", ", failures)}");
return failures.Count == 0 ? 0 : 1;
