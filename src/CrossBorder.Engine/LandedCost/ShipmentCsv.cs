using System.Runtime.CompilerServices;
using System.Text;
using CrossBorder.Engine.Geography;
using CrossBorder.Engine.Tariffs;
using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;

namespace CrossBorder.Engine.LandedCost;

/// <summary>A shipment row that could not be read, with where and why.</summary>
/// <param name="Source">The file.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column, or 0 for the whole row.</param>
/// <param name="Value">The offending value.</param>
/// <param name="Reason">Why it was rejected.</param>
public sealed record ShipmentReject(string Source, long Line, int Column, string Value, string Reason);

/// <summary>
/// Reads shipment lines from CSV, columns found by header name (extra columns ignored):
/// <c>shipment_id,line,destination,origin,hs_code,value,currency,quantity,unit,quantity2,unit2,net_kg,freight,insurance,date,transport,vat_scheme</c>.
/// Required: <c>shipment_id, destination, origin, hs_code, value, currency, date</c>. Bad rows are rejected with
/// their line, column and reason; reading goes on.
/// </summary>
public static class ShipmentCsv
{
    private static readonly string[] Required = ["shipment_id", "destination", "origin", "hs_code", "value", "currency", "date"];

    /// <summary>The header this reader understands, in order.</summary>
    public const string Header = "shipment_id,line,destination,origin,hs_code,value,currency,quantity,unit,quantity2,unit2,net_kg,freight,insurance,date,transport,vat_scheme";

    /// <summary>Reads every line; rows of a shipment are kept together in the order of first appearance.</summary>
    /// <remarks>
    /// Fields are read as UTF-8 spans from column indexes resolved once from the header; the only strings made per
    /// row are a new shipment id (consecutive rows of a shipment share one) and, for a rejected row, its message.
    /// </remarks>
    /// <exception cref="InputFormatException">The header lacks a required column.</exception>
    public static List<ShipmentLine> Read(Stream stream, string sourceName, List<ShipmentReject> rejects, out long rowsRead)
    {
        ArgumentNullException.ThrowIfNull(rejects);
        using var reader = new Utf8CsvReader(stream, leaveOpen: true);
        rowsRead = 0;
        if (ReadHeader(reader, sourceName) is not { } columns)
        {
            return [];
        }
        var state = new ReadState();
        var result = new List<ShipmentLine>();
        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal); // shipment id -> order of first appearance
        var regroup = false;
        while (reader.TryReadRow(out var row))
        {
            if (row.IsBlank)
            {
                continue;
            }
            rowsRead++;
            if (!TryReadLine(in row, columns, sourceName, state, out var line, out var reject))
            {
                rejects.Add(reject!);
                continue;
            }
            if (!ReferenceEquals(line.ShipmentId, state.LastAcceptedId))
            {
                // A shipment id seen before, but not on the previous accepted row: the rows must be regrouped.
                regroup |= !firstSeen.TryAdd(line.ShipmentId, firstSeen.Count);
                state.LastAcceptedId = line.ShipmentId;
            }
            result.Add(line);
        }
        if (regroup)
        {
            // A stable sort by the order in which each shipment first appeared keeps rows in file order within it.
            var ordered = result.Select((l, i) => (Line: l, Index: i))
                .OrderBy(x => firstSeen[x.Line.ShipmentId]).ThenBy(x => x.Index)
                .Select(x => x.Line).ToList();
            return ordered;
        }
        return result;
    }

    /// <summary>Reads the header row and resolves the columns; null for an empty file.</summary>
    /// <exception cref="InputFormatException">A required column is missing.</exception>
    internal static Columns? ReadHeader(Utf8CsvReader reader, string sourceName)
    {
        if (!reader.TryReadRow(out var header))
        {
            return null;
        }
        var byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.FieldCount; i++)
        {
            byName.TryAdd(Encoding.UTF8.GetString(header[i]).Trim(), i);
        }
        foreach (var name in Required)
        {
            if (!byName.ContainsKey(name))
            {
                throw new InputFormatException(sourceName, 1, 0, Encoding.UTF8.GetString(header.Raw), $"the required column '{name}' is missing (expected {Header})");
            }
        }
        return new Columns(byName);
    }

    /// <summary>The header's column indexes (−1 when absent), resolved once.</summary>
    internal sealed class Columns(Dictionary<string, int> byName)
    {
        public readonly int ShipmentId = Index(byName, "shipment_id");
        public readonly int Line = Index(byName, "line");
        public readonly int Destination = Index(byName, "destination");
        public readonly int Origin = Index(byName, "origin");
        public readonly int HsCode = Index(byName, "hs_code");
        public readonly int Value = Index(byName, "value");
        public readonly int Currency = Index(byName, "currency");
        public readonly int Quantity = Index(byName, "quantity");
        public readonly int Unit = Index(byName, "unit");
        public readonly int Quantity2 = Index(byName, "quantity2");
        public readonly int Unit2 = Index(byName, "unit2");
        public readonly int NetKg = Index(byName, "net_kg");
        public readonly int Freight = Index(byName, "freight");
        public readonly int Insurance = Index(byName, "insurance");
        public readonly int Date = Index(byName, "date");
        public readonly int Transport = Index(byName, "transport");
        public readonly int VatScheme = Index(byName, "vat_scheme");

        private static int Index(Dictionary<string, int> byName, string name) => byName.TryGetValue(name, out var i) ? i : -1;
    }

    /// <summary>Strings reused across rows: the last shipment id, and one string per destination.</summary>
    internal sealed class ReadState
    {
        private byte[] _lastIdBytes = new byte[64];
        private int _lastIdLength = -1;
        public string LastId = "";
        public string? LastAcceptedId;
        public readonly Dictionary<int, string> Destinations = [];

        public string ShipmentId(ReadOnlySpan<byte> utf8)
        {
            if (_lastIdLength < 0 || !utf8.SequenceEqual(_lastIdBytes.AsSpan(0, _lastIdLength)))
            {
                if (utf8.Length > _lastIdBytes.Length)
                {
                    _lastIdBytes = new byte[Math.Max(utf8.Length, 2 * _lastIdBytes.Length)];
                }
                utf8.CopyTo(_lastIdBytes);
                _lastIdLength = utf8.Length;
                LastId = Encoding.UTF8.GetString(utf8);
            }
            return LastId;
        }

        public string Destination(byte first, byte second)
        {
            var key = (first << 8) | second;
            if (!Destinations.TryGetValue(key, out var text))
            {
                text = string.Create(2, (first, second), static (span, b) => { span[0] = (char)b.first; span[1] = (char)b.second; });
                Destinations[key] = text;
            }
            return text;
        }
    }

    // The row by reference: it is 48 bytes, and a line reads up to 15 fields.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> Field(in CsvRow row, int index)
    {
        var field = row.FieldOrEmpty(index);
        // Fields seldom have spaces around them: two byte tests instead of a call to Trim for each field.
        return field.IsEmpty || (field[0] != (byte)' ' && field[^1] != (byte)' ') ? field : field.Trim((byte)' ');
    }

    private static string Text(ReadOnlySpan<byte> field) => Encoding.UTF8.GetString(field);

    // SkipLocalsInit: the method's frame is large (a line, spans, a stackalloc) and was zeroed on every row.
    [SkipLocalsInit]
    internal static bool TryReadLine(in CsvRow row, Columns columns, string source, ReadState state, out ShipmentLine line, out ShipmentReject? reject)
    {
        line = default;
        reject = null;
        var lineNumber = row.LineNumber;
        bool Reject(int column, ReadOnlySpan<byte> value, string reason, out ShipmentReject r)
        {
            r = new ShipmentReject(source, lineNumber, column + 1, Text(value), reason);
            return false;
        }

        var shipmentIdField = Field(row, columns.ShipmentId);
        if (shipmentIdField.IsEmpty)
        {
            return Reject(columns.ShipmentId, shipmentIdField, "empty shipment_id", out reject!);
        }
        var lineField = Field(row, columns.Line);
        var lineNo = 0;
        if (!lineField.IsEmpty && (!System.Buffers.Text.Utf8Parser.TryParse(lineField, out lineNo, out var lineUsed) || lineUsed != lineField.Length || lineNo < 0))
        {
            return Reject(columns.Line, lineField, "not a line number", out reject!);
        }
        var destinationField = Field(row, columns.Destination);
        Span<byte> upper = stackalloc byte[2];
        if (destinationField.Length != 2 || Ascii.ToUpper(destinationField, upper, out _) != System.Buffers.OperationStatus.Done
            || !CountryCode.TryParse(upper, out _))
        {
            return Reject(columns.Destination, destinationField, "not a two-letter destination country", out reject!);
        }
        var originField = Field(row, columns.Origin);
        if (!CountryCode.TryParse(originField, out var origin))
        {
            return Reject(columns.Origin, originField, "not a two-letter origin country", out reject!);
        }
        var codeField = Field(row, columns.HsCode);
        if (!TariffCode.TryParse(codeField, out var code, out var codeError))
        {
            return Reject(columns.HsCode, codeField, $"not a tariff code ({codeError.Reason})", out reject!);
        }
        var currencyField = Field(row, columns.Currency);
        if (!Currency.TryFromCode(currencyField, out var currency) || !currency.HasMinorUnits)
        {
            return Reject(columns.Currency, currencyField, "not an ISO 4217 currency with minor units", out reject!);
        }
        var valueField = Field(row, columns.Value);
        if (!TryMoney(valueField, currency, out var value, out var valueReason))
        {
            return Reject(columns.Value, valueField, valueReason, out reject!);
        }
        if (value.Sign < 0)
        {
            return Reject(columns.Value, valueField, "a goods value cannot be negative", out reject!);
        }
        Money? freight = null;
        Money? insurance = null;
        var freightField = Field(row, columns.Freight);
        if (!freightField.IsEmpty)
        {
            if (!TryMoney(freightField, currency, out var f, out var reason))
            {
                return Reject(columns.Freight, freightField, reason, out reject!);
            }
            freight = f;
        }
        var insuranceField = Field(row, columns.Insurance);
        if (!insuranceField.IsEmpty)
        {
            if (!TryMoney(insuranceField, currency, out var i, out var reason))
            {
                return Reject(columns.Insurance, insuranceField, reason, out reject!);
            }
            insurance = i;
        }
        var dateField = Field(row, columns.Date);
        if (!Utf8DateParser.TryParseIsoDate(dateField, out var date, out var used, out _) || used != dateField.Length)
        {
            return Reject(columns.Date, dateField, "not a yyyy-MM-dd date", out reject!);
        }
        var transportField = Field(row, columns.Transport);
        if (!TryTransport(transportField, out var transport))
        {
            return Reject(columns.Transport, transportField, "not one of air, sea, road, rail, post, courier", out reject!);
        }
        var schemeField = Field(row, columns.VatScheme);
        if (!TryScheme(schemeField, out var scheme))
        {
            return Reject(columns.VatScheme, schemeField, "not one of IOSS, UK_POS, AU_LVG, VOEC (or empty)", out reject!);
        }

        var quantities = DutyQuantities.None;
        var netKgField = Field(row, columns.NetKg);
        if (!netKgField.IsEmpty)
        {
            if (!TryQuantity(netKgField, out var kg))
            {
                return Reject(columns.NetKg, netKgField, "not a non-negative number with at most 3 decimals", out reject!);
            }
            quantities = quantities.With(QuantityKind.NetMass, kg);
        }
        Span<char> unitChars = stackalloc char[16];
        Money? retailPrice = null;
        for (var pair = 0; pair < 2; pair++)
        {
            var quantityColumn = pair == 0 ? columns.Quantity : columns.Quantity2;
            var unitColumn = pair == 0 ? columns.Unit : columns.Unit2;
            var quantityField = Field(row, quantityColumn);
            var unitField = Field(row, unitColumn);
            if (quantityField.IsEmpty && unitField.IsEmpty)
            {
                continue;
            }
            if (Ascii.EqualsIgnoreCase(unitField, "RET"u8))
            {
                // The Trade Tariff's unit RET: the quantity is the recommended retail price, in the line's currency.
                if (!TryMoney(quantityField, currency, out var price, out var priceReason) || price.Sign < 0)
                {
                    return Reject(quantityColumn, quantityField, $"a retail price (unit RET) must be a non-negative amount of {currency.Code}: {priceReason}", out reject!);
                }
                retailPrice = price;
                continue;
            }
            if (!TryQuantity(quantityField, out var quantity))
            {
                return Reject(quantityColumn, quantityField, "not a non-negative number with at most 3 decimals", out reject!);
            }
            if (unitField.Length > 16 || !TryUnit(unitChars[..Encoding.UTF8.GetChars(unitField, unitChars)], quantity, out var kind, out var converted))
            {
                return Reject(unitColumn, unitField, "unknown unit (pcs, pair, doz, kg, g, l, hl, m2, m3, %vol, carat, jewel, RET)", out reject!);
            }
            quantities = kind == QuantityKind.Named ? quantities.WithNamed(Text(unitField), converted) : quantities.With(kind, converted);
        }

        line = new ShipmentLine
        {
            ShipmentId = state.ShipmentId(shipmentIdField),
            Line = lineNo,
            Destination = state.Destination(upper[0], upper[1]),
            Origin = origin,
            Code = code,
            Value = value,
            Quantities = quantities,
            RetailPrice = retailPrice,
            Freight = freight,
            Insurance = insurance,
            Date = date,
            Transport = transport,
            Scheme = scheme,
        };
        return true;
    }

    private static bool TryMoney(ReadOnlySpan<byte> bytes, Currency currency, out Money money, out string reason)
    {
        if (Utf8AmountParser.TryParseExact(bytes, currency, AmountFormat.Invariant, out var minor, out var error))
        {
            money = new Money(minor, currency);
            reason = "";
            return true;
        }
        money = default;
        reason = $"not an amount of {currency.Code}: {error.Reason} at offset {error.Offset}";
        return false;
    }

    private static bool TryQuantity(ReadOnlySpan<byte> bytes, out Quantity quantity)
    {
        if (Utf8AmountParser.TryParse(bytes, 3, AmountFormat.Invariant, out var thousandths, out var used, out _) && used == bytes.Length && thousandths >= 0)
        {
            quantity = Quantity.FromThousandths(thousandths);
            return true;
        }
        quantity = default;
        return false;
    }

    /// <summary>Maps an input unit to the quantity a duty is measured in, converting exactly (a dozen is 12 items).</summary>
    internal static bool TryUnit(ReadOnlySpan<char> unit, Quantity quantity, out QuantityKind kind, out Quantity converted)
    {
        converted = quantity;
        unit = unit.Trim();
        Span<char> lower = stackalloc char[16];
        if (unit.Length > lower.Length)
        {
            kind = default;
            return false;
        }
        lower = lower[..unit.ToLowerInvariant(lower)];
        switch (lower)
        {
            case "pcs": case "pc": case "item": case "items": case "no": case "no.": case "each": case "u": case "unit": case "units": case "head":
                kind = QuantityKind.Items;
                return true;
            case "doz": case "dozen": case "doz.":
                kind = QuantityKind.Items;
                converted = Quantity.FromThousandths(checked(quantity.Thousandths * 12));
                return true;
            case "pair": case "pairs": case "pr": case "pr.":
                kind = QuantityKind.Pairs;
                return true;
            case "kg":
                kind = QuantityKind.NetMass;
                return true;
            case "g":
                kind = QuantityKind.NetMass;
                converted = Quantity.FromThousandths(quantity.Thousandths / 1000);
                return quantity.Thousandths % 1000 == 0;
            case "l": case "litre": case "liter": case "litres": case "liters":
                kind = QuantityKind.Litres;
                return true;
            case "hl":
                kind = QuantityKind.Litres;
                converted = Quantity.FromThousandths(checked(quantity.Thousandths * 100));
                return true;
            case "m2": case "m²":
                kind = QuantityKind.SquareMetres;
                return true;
            case "m3": case "m³":
                kind = QuantityKind.CubicMetres;
                return true;
            case "%vol": case "abv":
                kind = QuantityKind.AlcoholByVolume;
                return true;
            case "carat": case "carats": case "ct":
                kind = QuantityKind.Carats;
                return true;
            case "jewel": case "jewels":
                kind = QuantityKind.Jewels;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    private static bool TryTransport(ReadOnlySpan<byte> text, out TransportMode mode)
    {
        mode = text.IsEmpty ? TransportMode.Unknown
            : Ascii.EqualsIgnoreCase(text, "air"u8) ? TransportMode.Air
            : Ascii.EqualsIgnoreCase(text, "sea"u8) || Ascii.EqualsIgnoreCase(text, "ocean"u8) ? TransportMode.Sea
            : Ascii.EqualsIgnoreCase(text, "road"u8) ? TransportMode.Road
            : Ascii.EqualsIgnoreCase(text, "rail"u8) ? TransportMode.Rail
            : Ascii.EqualsIgnoreCase(text, "post"u8) || Ascii.EqualsIgnoreCase(text, "postal"u8) ? TransportMode.Post
            : Ascii.EqualsIgnoreCase(text, "courier"u8) || Ascii.EqualsIgnoreCase(text, "express"u8) ? TransportMode.Courier
            : (TransportMode)255;
        return (byte)mode != 255;
    }

    private static bool TryScheme(ReadOnlySpan<byte> text, out PointOfSaleScheme scheme)
    {
        scheme = text.IsEmpty ? PointOfSaleScheme.None
            : Ascii.EqualsIgnoreCase(text, "IOSS"u8) ? PointOfSaleScheme.Ioss
            : Ascii.EqualsIgnoreCase(text, "UK_POS"u8) ? PointOfSaleScheme.UkPos
            : Ascii.EqualsIgnoreCase(text, "AU_LVG"u8) ? PointOfSaleScheme.AuLvg
            : Ascii.EqualsIgnoreCase(text, "VOEC"u8) ? PointOfSaleScheme.Voec
            : (PointOfSaleScheme)255;
        return (byte)scheme != 255;
    }
}
