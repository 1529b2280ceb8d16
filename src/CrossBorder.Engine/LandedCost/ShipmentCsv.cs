using System.Globalization;
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
    /// <exception cref="InputFormatException">The header lacks a required column.</exception>
    public static List<ShipmentLine> Read(Stream stream, string sourceName, List<ShipmentReject> rejects, out long rowsRead)
    {
        ArgumentNullException.ThrowIfNull(rejects);
        using var reader = new Utf8CsvReader(stream, leaveOpen: true);
        rowsRead = 0;
        if (!reader.TryReadRow(out var header))
        {
            return [];
        }
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.FieldCount; i++)
        {
            columns.TryAdd(Encoding.UTF8.GetString(header[i]).Trim(), i);
        }
        foreach (var name in Required)
        {
            if (!columns.ContainsKey(name))
            {
                throw new InputFormatException(sourceName, 1, 0, Encoding.UTF8.GetString(header.Raw), $"the required column '{name}' is missing (expected {Header})");
            }
        }
        var byShipment = new Dictionary<string, List<ShipmentLine>>(StringComparer.Ordinal);
        var order = new List<string>();
        while (reader.TryReadRow(out var row))
        {
            if (row.IsBlank)
            {
                continue;
            }
            rowsRead++;
            if (TryReadLine(row, columns, sourceName, out var line, out var reject))
            {
                if (!byShipment.TryGetValue(line.ShipmentId, out var list))
                {
                    list = [];
                    byShipment.Add(line.ShipmentId, list);
                    order.Add(line.ShipmentId);
                }
                list.Add(line);
            }
            else
            {
                rejects.Add(reject!);
            }
        }
        var result = new List<ShipmentLine>();
        foreach (var id in order)
        {
            result.AddRange(byShipment[id]);
        }
        return result;
    }

    private static bool TryReadLine(CsvRow row, Dictionary<string, int> columns, string source, out ShipmentLine line, out ShipmentReject? reject)
    {
        line = default;
        reject = null;
        var lineNumber = row.LineNumber;
        bool Reject(string name, string value, string reason, out ShipmentReject r)
        {
            columns.TryGetValue(name, out var index);
            r = new ShipmentReject(source, lineNumber, columns.ContainsKey(name) ? index + 1 : 0, value, reason);
            return false;
        }

        var shipmentId = Text(row, columns, "shipment_id");
        if (shipmentId.Length == 0)
        {
            return Reject("shipment_id", shipmentId, "empty shipment_id", out reject!);
        }
        var lineText = Text(row, columns, "line");
        var lineNo = 0;
        if (lineText.Length > 0 && !int.TryParse(lineText, NumberStyles.None, CultureInfo.InvariantCulture, out lineNo))
        {
            return Reject("line", lineText, "not a line number", out reject!);
        }
        var destination = Text(row, columns, "destination").ToUpperInvariant();
        if (destination.Length != 2 || !CountryCode.TryParse(destination, out _))
        {
            return Reject("destination", destination, "not a two-letter destination country", out reject!);
        }
        var originText = Text(row, columns, "origin");
        if (!CountryCode.TryParse(originText, out var origin))
        {
            return Reject("origin", originText, "not a two-letter origin country", out reject!);
        }
        var codeText = Text(row, columns, "hs_code");
        if (!TariffCode.TryParse(codeText, out var code, out var codeError))
        {
            return Reject("hs_code", codeText, $"not a tariff code ({codeError.Reason})", out reject!);
        }
        var currencyText = Text(row, columns, "currency");
        if (!Currency.TryFromCode(currencyText, out var currency) || !currency.HasMinorUnits)
        {
            return Reject("currency", currencyText, "not an ISO 4217 currency with minor units", out reject!);
        }
        if (!TryMoney(Text(row, columns, "value"), currency, out var value, out var valueReason))
        {
            return Reject("value", Text(row, columns, "value"), valueReason, out reject!);
        }
        if (value.Sign < 0)
        {
            return Reject("value", Text(row, columns, "value"), "a goods value cannot be negative", out reject!);
        }
        Money? freight = null;
        Money? insurance = null;
        var freightText = Text(row, columns, "freight");
        if (freightText.Length > 0)
        {
            if (!TryMoney(freightText, currency, out var f, out var reason))
            {
                return Reject("freight", freightText, reason, out reject!);
            }
            freight = f;
        }
        var insuranceText = Text(row, columns, "insurance");
        if (insuranceText.Length > 0)
        {
            if (!TryMoney(insuranceText, currency, out var i, out var reason))
            {
                return Reject("insurance", insuranceText, reason, out reject!);
            }
            insurance = i;
        }
        var dateText = Text(row, columns, "date");
        var dateBytes = Encoding.UTF8.GetBytes(dateText);
        if (!Utf8DateParser.TryParseIsoDate(dateBytes, out var date, out var used, out _) || used != dateBytes.Length)
        {
            return Reject("date", dateText, "not a yyyy-MM-dd date", out reject!);
        }
        var transportText = Text(row, columns, "transport");
        if (!TryTransport(transportText, out var transport))
        {
            return Reject("transport", transportText, "not one of air, sea, road, rail, post, courier", out reject!);
        }
        var schemeText = Text(row, columns, "vat_scheme");
        if (!TryScheme(schemeText, out var scheme))
        {
            return Reject("vat_scheme", schemeText, "not one of IOSS, UK_POS, AU_LVG, VOEC (or empty)", out reject!);
        }

        var quantities = DutyQuantities.None;
        var netKg = Text(row, columns, "net_kg");
        if (netKg.Length > 0)
        {
            if (!TryQuantity(netKg, out var kg))
            {
                return Reject("net_kg", netKg, "not a non-negative number with at most 3 decimals", out reject!);
            }
            quantities = quantities.With(QuantityKind.NetMass, kg);
        }
        foreach (var (quantityColumn, unitColumn) in new[] { ("quantity", "unit"), ("quantity2", "unit2") })
        {
            var quantityText = Text(row, columns, quantityColumn);
            var unitText = Text(row, columns, unitColumn);
            if (quantityText.Length == 0 && unitText.Length == 0)
            {
                continue;
            }
            if (!TryQuantity(quantityText, out var quantity))
            {
                return Reject(quantityColumn, quantityText, "not a non-negative number with at most 3 decimals", out reject!);
            }
            if (!TryUnit(unitText, quantity, out var kind, out var converted))
            {
                return Reject(unitColumn, unitText, "unknown unit (pcs, pair, doz, kg, g, l, hl, m2, m3, %vol, carat, jewel)", out reject!);
            }
            quantities = kind == QuantityKind.Named ? quantities.WithNamed(unitText, converted) : quantities.With(kind, converted);
        }

        line = new ShipmentLine
        {
            ShipmentId = shipmentId,
            Line = lineNo,
            Destination = destination,
            Origin = origin,
            Code = code,
            Value = value,
            Quantities = quantities,
            Freight = freight,
            Insurance = insurance,
            Date = date,
            Transport = transport,
            Scheme = scheme,
        };
        return true;
    }

    private static string Text(CsvRow row, Dictionary<string, int> columns, string name) =>
        columns.TryGetValue(name, out var index) && index < row.FieldCount ? Encoding.UTF8.GetString(row[index]).Trim() : "";

    private static bool TryMoney(string text, Currency currency, out Money money, out string reason)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
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

    private static bool TryQuantity(string text, out Quantity quantity)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (Utf8AmountParser.TryParse(bytes, 3, AmountFormat.Invariant, out var thousandths, out var used, out _) && used == bytes.Length && thousandths >= 0)
        {
            quantity = Quantity.FromThousandths(thousandths);
            return true;
        }
        quantity = default;
        return false;
    }

    /// <summary>Maps an input unit to the quantity a duty is measured in, converting exactly (a dozen is 12 items).</summary>
    internal static bool TryUnit(string unit, Quantity quantity, out QuantityKind kind, out Quantity converted)
    {
        converted = quantity;
        switch (unit.Trim().ToLowerInvariant())
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

    private static bool TryTransport(string text, out TransportMode mode)
    {
        mode = text.ToLowerInvariant() switch
        {
            "" => TransportMode.Unknown,
            "air" => TransportMode.Air,
            "sea" or "ocean" => TransportMode.Sea,
            "road" => TransportMode.Road,
            "rail" => TransportMode.Rail,
            "post" or "postal" => TransportMode.Post,
            "courier" or "express" => TransportMode.Courier,
            _ => (TransportMode)255,
        };
        return (byte)mode != 255;
    }

    private static bool TryScheme(string text, out PointOfSaleScheme scheme)
    {
        scheme = text.ToUpperInvariant() switch
        {
            "" => PointOfSaleScheme.None,
            "IOSS" => PointOfSaleScheme.Ioss,
            "UK_POS" => PointOfSaleScheme.UkPos,
            "AU_LVG" => PointOfSaleScheme.AuLvg,
            "VOEC" => PointOfSaleScheme.Voec,
            _ => (PointOfSaleScheme)255,
        };
        return (byte)scheme != 255;
    }
}
