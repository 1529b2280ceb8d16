using System.Globalization;
using System.Text;
using CrossBorder.Engine.Settlements;

namespace CrossBorder.Engine.Reconciliation;

/// <summary>
/// Feeds what a settlement reader finds into an aggregator's settlement side, and keeps, per settlement id, the sum
/// of its lines and the total the report states. Lines of one settlement are usually contiguous, so the last
/// settlement is checked first; a new settlement id allocates (once per settlement, not per line).
/// </summary>
internal sealed class EngineSettlementSink(Aggregator worker, string file, SettlementFormat format) : ISettlementSink
{
    private readonly List<Totals> _settlements = [];
    private Totals? _last;

    public void Accept(in SettlementLine line)
    {
        worker.CountRead();
        if (!worker.CheckParsed(file, line.LineNumber, line.OrderId, line.Component, line.Currency, line.Ref))
        {
            return;
        }
        var totals = Find(line.SettlementId, line.Currency);
        long sum;
        try
        {
            sum = checked(totals.Sum + line.MinorUnits);
            worker.Accumulate(ReconciliationSide.Settlement, line.OrderId, line.Component, line.Currency, line.MinorUnits,
                line.DayNumber, line.Market, line.Category, line.Ref, file, line.LineNumber);
        }
        catch (OverflowException)
        {
            worker.Reject(file, line.LineNumber, 0, line.MinorUnits.ToString(CultureInfo.InvariantCulture),
                $"the total of its key, of its settlement or of {line.Currency.Code} would overflow 64-bit minor units");
            return;
        }
        totals.Sum = sum;
        totals.Lines++;
        totals.SawReserve |= line.Component.SequenceEqual("reserve"u8);
    }

    public void Reject(long lineNumber, int column, ReadOnlySpan<byte> value, string reason)
    {
        worker.CountRead();
        worker.Reject(file, lineNumber, column, Encoding.UTF8.GetString(value), reason);
    }

    public void StatedTotal(ReadOnlySpan<byte> settlementId, Money total, long lineNumber, string description)
    {
        var totals = Find(settlementId, total.Currency);
        if (totals.Stated is { } previous && previous != total)
        {
            worker.CountRead();
            worker.Reject(file, lineNumber, 0, total.ToString(), $"settlement {totals.Id} states a second, different total (first {previous})");
            return;
        }
        worker.CountInformational();
        totals.Stated = total;
        totals.Description = description;
    }

    public void Informational(long lineNumber, string reason) => worker.CountInformational();

    /// <summary>The checks, in the order the settlements first appeared.</summary>
    public IEnumerable<SettlementCheck> Checks()
    {
        foreach (var t in _settlements)
        {
            var sum = new Money(t.Sum, t.Currency);
            if (t.Stated is not { } stated)
            {
                yield return new SettlementCheck(file, t.Id, t.Currency, t.Lines, sum, null, SettlementCheckStatus.NoStatedTotal, "");
                continue;
            }
            if (stated.Currency != t.Currency)
            {
                yield return new SettlementCheck(file, t.Id, t.Currency, t.Lines, sum, stated, SettlementCheckStatus.SettlementTotalMismatch,
                    $"{t.Description}: stated in {stated.Currency.Code}, lines in {t.Currency.Code}");
                continue;
            }
            if (stated.MinorUnits == t.Sum)
            {
                yield return new SettlementCheck(file, t.Id, t.Currency, t.Lines, sum, stated, SettlementCheckStatus.Balanced, t.Description);
                continue;
            }
            var difference = new Money(checked(stated.MinorUnits - t.Sum), t.Currency);
            var note = string.Create(CultureInfo.InvariantCulture, $"{t.Description}: stated − lines = {difference.ToString("N", CultureInfo.InvariantCulture)} {t.Currency.Code}");
            if (!t.SawReserve && (format is SettlementFormat.AmazonV2 or SettlementFormat.AmazonV1))
            {
                note += "; the settlement has no reserve line: a missing 'Previous Reserve Amount Balance' or 'Current Reserve Amount' line is the classic cause";
            }
            yield return new SettlementCheck(file, t.Id, t.Currency, t.Lines, sum, stated, SettlementCheckStatus.SettlementTotalMismatch, note);
        }
    }

    private Totals Find(ReadOnlySpan<byte> settlementId, Currency currency)
    {
        if (_last is { } last && last.Currency == currency && settlementId.SequenceEqual(last.IdBytes))
        {
            return last;
        }
        foreach (var t in _settlements)
        {
            if (t.Currency == currency && settlementId.SequenceEqual(t.IdBytes))
            {
                _last = t;
                return t;
            }
        }
        var created = new Totals(settlementId.ToArray(), currency);
        _settlements.Add(created);
        _last = created;
        return created;
    }

    private sealed class Totals(byte[] id, Currency currency)
    {
        public byte[] IdBytes { get; } = id;
        public string Id { get; } = id.Length == 0 ? "(no settlement id)" : Encoding.UTF8.GetString(id);
        public Currency Currency { get; } = currency;
        public long Sum { get; set; }
        public long Lines { get; set; }
        public Money? Stated { get; set; }
        public string Description { get; set; } = "";
        public bool SawReserve { get; set; }
    }
}
