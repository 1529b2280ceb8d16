using System.IO.Compression;
using System.Security;
using System.Text;

namespace CrossBorder.Engine.Tests.Text.Xlsx;

/// <summary>
/// Writes small .xlsx workbooks in memory for tests: the parts a reader needs (content types, package and workbook
/// relationships, workbook, shared strings, one sheet), each written here as XML text.
/// </summary>
internal static class XlsxTestFile
{
    public const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    public const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>A shared-string cell (<c>t="s"</c>, index into the shared strings).</summary>
    public static string S(string reference, int index) => $"<c r=\"{reference}\" t=\"s\"><v>{index}</v></c>";

    /// <summary>A number cell (no type, as most writers do).</summary>
    public static string N(string reference, string value) => $"<c r=\"{reference}\" s=\"1\"><v>{value}</v></c>";

    /// <summary>An inline-string cell.</summary>
    public static string I(string reference, string text) => $"<c r=\"{reference}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{SecurityElement.Escape(text)}</t></is></c>";

    /// <summary>A row with its cells.</summary>
    public static string Row(long number, params string[] cells) => $"<row r=\"{number}\">{string.Concat(cells)}</row>";

    /// <summary>A shared strings part with plain <c>&lt;si&gt;&lt;t&gt;</c> items.</summary>
    public static string SharedStrings(params string[] strings) =>
        $"<sst xmlns=\"{Main}\" count=\"{strings.Length}\" uniqueCount=\"{strings.Length}\">"
        + string.Concat(strings.Select(s => $"<si><t xml:space=\"preserve\">{SecurityElement.Escape(s)}</t></si>")) + "</sst>";

    /// <summary>A sheet part around <paramref name="rows"/>.</summary>
    public static string Sheet(params string[] rows) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"{Main}\" xmlns:r=\"{Rel}\"><dimension ref=\"A1\"/><sheetData>"
        + string.Concat(rows) + "</sheetData><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>";

    /// <summary>
    /// A workbook whose first sheet (named <paramref name="sheetName"/>, part <c>xl/worksheets/sheet1.xml</c>) is
    /// <paramref name="sheetXml"/>; <paramref name="sharedStringsXml"/> null leaves the shared strings out.
    /// <paramref name="omit"/> leaves a part out of the archive (to test a missing part).
    /// </summary>
    public static byte[] Build(string sheetXml, string? sharedStringsXml, bool date1904 = false, string sheetName = "Sheet1", string? omit = null)
    {
        var parts = new Dictionary<string, string>
        {
            ["[Content_Types].xml"] =
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>",
            ["_rels/.rels"] =
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + $"<Relationship Id=\"rId1\" Type=\"{Rel}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
            ["xl/workbook.xml"] =
                $"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><workbook xmlns=\"{Main}\" xmlns:r=\"{Rel}\"><workbookPr date1904=\"{(date1904 ? "1" : "false")}\"/>"
                + $"<sheets><sheet name=\"{SecurityElement.Escape(sheetName)}\" sheetId=\"1\" r:id=\"rId7\"/><sheet name=\"Other\" sheetId=\"2\" r:id=\"rId8\"/></sheets></workbook>",
            ["xl/_rels/workbook.xml.rels"] =
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + $"<Relationship Id=\"rId8\" Type=\"{Rel}/worksheet\" Target=\"worksheets/sheet2.xml\"/>"
                + $"<Relationship Id=\"rId7\" Type=\"{Rel}/worksheet\" Target=\"/xl/worksheets/sheet1.xml\"/>"
                + (sharedStringsXml is null ? "" : $"<Relationship Id=\"rId3\" Type=\"{Rel}/sharedStrings\" Target=\"sharedStrings.xml\"/>")
                + "</Relationships>",
            ["xl/worksheets/sheet1.xml"] = sheetXml,
            // A second sheet that must never be read: its one row is not a settlement header.
            ["xl/worksheets/sheet2.xml"] = Sheet(Row(1, I("A1", "second sheet"))),
        };
        if (sharedStringsXml is not null)
        {
            parts["xl/sharedStrings.xml"] = sharedStringsXml;
        }
        if (omit is not null)
        {
            Assert.True(parts.Remove(omit), omit);
        }
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, xml) in parts)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
                writer.Write(xml);
            }
        }
        return buffer.ToArray();
    }
}
