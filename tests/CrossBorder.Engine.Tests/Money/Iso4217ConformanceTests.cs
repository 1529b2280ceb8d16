using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace CrossBorder.Engine.Tests;

/// <summary>
/// Checks the project's own ISO 4217 table against the vendored lists in <c>../shared/data/currencies</c>:
/// <c>iso4217-codes-all.csv</c> (all codes, with withdrawal dates, 2026) and <c>iso4217-list-one.xml</c> (SIX list one,
/// published 2024-06-25).
/// </summary>
public partial class Iso4217ConformanceTests(ITestOutputHelper output)
{
    private const string CsvPath = "data/currencies/iso4217-codes-all.csv";
    private const string XmlPath = "data/currencies/iso4217-list-one.xml";

    [Fact]
    public void Every_active_code_of_the_CSV_agrees_with_our_table()
    {
        if (!SharedData.TryGetPath(CsvPath, output, out var path))
        {
            return;
        }
        var codes = IsoCsv.Load(path);
        var active = codes.Values.Where(c => c.IsActive).ToList();
        Assert.True(active.Count > 150, $"expected the CSV to list more than 150 active codes, found {active.Count}");

        var failures = new List<string>();
        foreach (var iso in active)
        {
            if (iso.ActiveRows.Select(r => (r.Numeric, r.MinorUnit)).Distinct().Count() != 1)
            {
                failures.Add($"{iso.Code}: the CSV itself disagrees between its active rows");
                continue;
            }
            var row = iso.ActiveRows[0];
            if (!Currency.TryFromCode(iso.Code, out var currency))
            {
                failures.Add($"{iso.Code}: missing from our table");
                continue;
            }
            if (currency.IsWithdrawn)
            {
                failures.Add($"{iso.Code}: active in ISO but withdrawn ({currency.WithdrawnFrom:yyyy-MM}) in our table");
            }
            CompareNumericAndMinorUnits(currency, ParseNumeric(row.Numeric), row.MinorUnit, "CSV", failures);
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Every_withdrawn_code_of_the_CSV_is_withdrawn_in_our_table_from_its_last_withdrawal_month()
    {
        if (!SharedData.TryGetPath(CsvPath, output, out var path))
        {
            return;
        }
        var codes = IsoCsv.Load(path);
        var withdrawn = codes.Values.Where(c => !c.IsActive).ToList();
        Assert.True(withdrawn.Count > 100, $"expected the CSV to list more than 100 withdrawn codes, found {withdrawn.Count}");

        var failures = new List<string>();
        foreach (var iso in withdrawn)
        {
            if (!Currency.TryFromCode(iso.Code, out var currency))
            {
                failures.Add($"{iso.Code}: missing from our table");
                continue;
            }
            // A code used by several entities (RUR, or HRK renamed in 2015 and withdrawn in 2023) is withdrawn when the
            // last of them stopped using it.
            var expected = iso.LastWithdrawal;
            if (currency.WithdrawnFrom != expected)
            {
                failures.Add($"{iso.Code}: withdrawn from {expected:yyyy-MM} in ISO ({string.Join(", ", iso.WithdrawnRows.Select(r => r.WithdrawalDate))}), ours {(currency.WithdrawnFrom is { } d ? d.ToString("yyyy-MM", CultureInfo.InvariantCulture) : "active")}");
            }
            var numerics = iso.WithdrawnRows.Select(r => ParseNumeric(r.Numeric)).ToHashSet();
            if (!numerics.Contains(currency.NumericCode))
            {
                failures.Add($"{iso.Code}: numeric {currency.NumericCode} is not one ISO gives ({string.Join(", ", numerics)})");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Our_table_has_no_code_that_ISO_does_not_know()
    {
        if (!SharedData.TryGetPath(CsvPath, output, out var path))
        {
            return;
        }
        var codes = IsoCsv.Load(path);

        var unknown = Currency.All.Select(c => c.Code).Where(code => !codes.ContainsKey(code)).ToList();

        Assert.Empty(unknown);
    }

    [Fact]
    public void Every_code_of_list_one_agrees_with_our_table()
    {
        if (!SharedData.TryGetPath(XmlPath, output, out var xmlPath) || !SharedData.TryGetPath(CsvPath, output, out var csvPath))
        {
            return;
        }
        var document = XDocument.Load(xmlPath);
        var published = DateOnly.ParseExact((string)document.Root!.Attribute("Pblshd")!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var newer = IsoCsv.Load(csvPath);
        var entries = document.Descendants("CcyNtry")
            .Where(e => !string.IsNullOrEmpty((string?)e.Element("Ccy")))
            .Select(e => (Code: (string)e.Element("Ccy")!, Numeric: (string)e.Element("CcyNbr")!, MinorUnit: (string)e.Element("CcyMnrUnts")!))
            .ToList();
        Assert.True(entries.Count > 200, $"expected more than 200 entries in list one, found {entries.Count}");
        entries = entries.Distinct().ToList(); // one entry per country: EUR, USD, ... repeat

        var failures = new List<string>();
        foreach (var (code, numeric, minorUnit) in entries)
        {
            if (!Currency.TryFromCode(code, out var currency))
            {
                failures.Add($"{code}: missing from our table");
                continue;
            }
            CompareNumericAndMinorUnits(currency, ParseNumeric(numeric), minorUnit, "list one", failures);
            if (currency.IsWithdrawn)
            {
                // List one is older than the CSV. A code it lists as active may have been withdrawn since (ANG in 2025),
                // possibly with an earlier effective date (CUC, withdrawn with effect from 2021-06 after 2024-06):
                // accept it when the newer list agrees that it is withdrawn and when.
                var later = newer.GetValueOrDefault(code);
                if (later is null || later.IsActive || later.LastWithdrawal != currency.WithdrawnFrom)
                {
                    failures.Add($"{code}: active in list one of {published:yyyy-MM-dd}, withdrawn from {currency.WithdrawnFrom:yyyy-MM} in our table, and the newer CSV does not confirm it");
                }
                else
                {
                    output.WriteLine($"{code}: active in list one of {published:yyyy-MM-dd}, withdrawn from {currency.WithdrawnFrom:yyyy-MM} (confirmed by the newer CSV)");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static void CompareNumericAndMinorUnits(Currency currency, int numeric, string minorUnit, string source, List<string> failures)
    {
        if (currency.NumericCode != numeric)
        {
            failures.Add($"{currency.Code}: numeric {numeric} in {source}, ours {currency.NumericCode}");
        }
        if (minorUnit is "-" or "N.A.")
        {
            if (currency.HasMinorUnits)
            {
                failures.Add($"{currency.Code}: no minor units ({minorUnit}) in {source}, ours {currency.MinorUnits}");
            }
        }
        else if (!currency.HasMinorUnits)
        {
            failures.Add($"{currency.Code}: {minorUnit} minor units in {source}, ours none");
        }
        else if (currency.MinorUnits != int.Parse(minorUnit, NumberStyles.None, CultureInfo.InvariantCulture))
        {
            failures.Add($"{currency.Code}: {minorUnit} minor units in {source}, ours {currency.MinorUnits}");
        }
    }

    private static int ParseNumeric(string text) =>
        text.Length == 0 ? 0 : int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>One row of <c>iso4217-codes-all.csv</c>.</summary>
    private sealed record IsoRow(string Entity, string Code, string Numeric, string MinorUnit, string WithdrawalDate);

    /// <summary>All the rows for one alphabetic code.</summary>
    private sealed class IsoCode(string code)
    {
        public string Code { get; } = code;

        public List<IsoRow> ActiveRows { get; } = [];

        public List<IsoRow> WithdrawnRows { get; } = [];

        public bool IsActive => ActiveRows.Count > 0;

        /// <summary>The first day of the last withdrawal month; for a range ("1989 to 1990"), of its end.</summary>
        public DateOnly LastWithdrawal => WithdrawnRows.Select(r => EndOfWithdrawal(r.WithdrawalDate)).Max();
    }

    private static class IsoCsv
    {
        public static Dictionary<string, IsoCode> Load(string path)
        {
            var lines = File.ReadAllLines(path, Encoding.UTF8);
            Assert.Equal("Entity,Currency,AlphabeticCode,NumericCode,MinorUnit,WithdrawalDate", lines[0]);
            var codes = new Dictionary<string, IsoCode>(StringComparer.Ordinal);
            for (var i = 1; i < lines.Length; i++)
            {
                if (lines[i].Length == 0)
                {
                    continue;
                }
                var fields = SplitCsvLine(lines[i]);
                Assert.True(fields.Count == 6, $"line {i + 1} has {fields.Count} fields: {lines[i]}");
                var row = new IsoRow(fields[0], fields[2], fields[3], fields[4], fields[5]);
                if (row.Code.Length == 0)
                {
                    continue; // "No universal currency"
                }
                if (!codes.TryGetValue(row.Code, out var entry))
                {
                    codes.Add(row.Code, entry = new IsoCode(row.Code));
                }
                (row.WithdrawalDate.Length == 0 ? entry.ActiveRows : entry.WithdrawnRows).Add(row);
            }
            return codes;
        }

        /// <summary>RFC 4180 fields of one line: quoted fields may hold commas and doubled quotes.</summary>
        private static List<string> SplitCsvLine(string line)
        {
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
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
                else
                {
                    field.Append(c);
                }
            }
            fields.Add(field.ToString());
            return fields;
        }
    }

    private static DateOnly EndOfWithdrawal(string text)
    {
        // Forms seen in ISO list three: "2002-03", "1989 to 1990", "1990-07 to 1990-09", "1989-1990".
        var end = text.Split(" to ")[^1].Trim();
        var month = MonthPattern().Match(end);
        if (month.Success)
        {
            return new DateOnly(int.Parse(month.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(month.Groups[2].Value, CultureInfo.InvariantCulture), 1);
        }
        var year = YearPattern().Match(end);
        Assert.True(year.Success, $"unexpected withdrawal date '{text}'");
        return new DateOnly(int.Parse(year.Groups[1].Value, CultureInfo.InvariantCulture), 12, 1);
    }

    [GeneratedRegex(@"^(\d{4})-(\d{2})$")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^(?:\d{4}-)?(\d{4})$")]
    private static partial Regex YearPattern();
}
