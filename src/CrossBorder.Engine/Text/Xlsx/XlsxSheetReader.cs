using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace CrossBorder.Engine.Text.Xlsx;

/// <summary>What a spreadsheet cell holds.</summary>
internal enum XlsxCellKind : byte
{
    /// <summary>No cell, or a cell without a value.</summary>
    Empty,

    /// <summary>A shared, inline or formula string (or an ISO date written as <c>t="d"</c>).</summary>
    Text,

    /// <summary>A number (<c>t="n"</c> or no type): the value is the stored invariant decimal text.</summary>
    Number,

    /// <summary>A boolean: the value is <c>TRUE</c> or <c>FALSE</c>.</summary>
    Boolean,

    /// <summary>An error value such as <c>#N/A</c>.</summary>
    Error,
}

/// <summary>
/// Reads the first sheet of an Office Open XML workbook (.xlsx) row by row, with only the framework's
/// <see cref="ZipArchive"/> and <see cref="XmlReader"/>: the package relationships lead to the workbook, the workbook to
/// its first sheet (in tab order) and to the shared strings; the sheet is streamed, one <c>&lt;row&gt;</c> at a time.
/// </summary>
/// <remarks>
/// <para>
/// Cells are placed by their reference (<c>C5</c> is column index 2 of row 5); a missing cell is empty, a missing row is
/// not reported (rows may skip numbers), and a cell or row without a reference follows the previous one. Values: shared
/// strings (<c>t="s"</c>, rich-text runs concatenated, phonetic runs left out), inline strings (<c>inlineStr</c>),
/// formula strings (<c>str</c>), numbers (<c>n</c> or no type: the stored text, as written), booleans and errors; of a
/// formula only its cached value is read. Values are UTF-8, valid until the next row is read.
/// </para>
/// <para>
/// Unlike the CSV readers this allocates per row and per cell (XmlReader hands out strings): a spreadsheet is read
/// for correctness, not speed. A non-seekable stream is first copied into memory (a zip is read from its end).
/// </para>
/// </remarks>
internal sealed class XlsxSheetReader : IDisposable
{
    /// <summary>The most columns a sheet can have (XFD).</summary>
    public const int MaxColumns = 16384;

    /// <summary>The most rows a sheet can have.</summary>
    public const int MaxRows = 1_048_576;

    private static readonly XmlReaderSettings s_xmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private readonly ZipArchive _zip;
    private readonly XmlReader _sheet;
    private readonly byte[][] _sharedStrings;
    private readonly string _sourceName;
    private XlsxCellKind[] _kinds = new XlsxCellKind[64];
    private int[] _starts = new int[64];
    private int[] _lengths = new int[64];
    private byte[] _buffer = new byte[1024];
    private int _used;
    private bool _done;

    private XlsxSheetReader(ZipArchive zip, XmlReader sheet, byte[][] sharedStrings, bool date1904, string sourceName, string sheetName)
    {
        _zip = zip;
        _sheet = sheet;
        _sharedStrings = sharedStrings;
        Date1904 = date1904;
        _sourceName = sourceName;
        SheetName = sheetName;
    }

    /// <summary>The name of the sheet being read.</summary>
    public string SheetName { get; }

    /// <summary>True when the workbook counts dates from 1904 (<c>workbookPr date1904</c>).</summary>
    public bool Date1904 { get; }

    /// <summary>The 1-based row number of the current row, as the sheet numbers it.</summary>
    public long RowNumber { get; private set; }

    /// <summary>One past the 0-based index of the current row's last cell (0 for a row without cells).</summary>
    public int ColumnCount { get; private set; }

    /// <summary>True when <paramref name="head"/> starts with a zip local file header (<c>PK\x03\x04</c>).</summary>
    public static bool HasZipSignature(ReadOnlySpan<byte> head) => head.StartsWith("PK\u0003\u0004"u8);

    /// <summary>Opens the workbook in <paramref name="stream"/> at its first sheet.</summary>
    /// <exception cref="InputFormatException">Not a zip archive, or not a workbook with a sheet (names the file and the part).</exception>
    public static XlsxSheetReader Open(Stream stream, string sourceName, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            if (!leaveOpen)
            {
                stream.Dispose();
            }
            stream = copy;
            leaveOpen = false;
        }
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen);
        }
        catch (InvalidDataException e)
        {
            throw new InputFormatException(sourceName, 0, 0, "", $"not a readable .xlsx workbook: the zip archive is corrupt ({e.Message})", e);
        }
        try
        {
            return Open(zip, sourceName);
        }
        catch (InvalidDataException e)
        {
            zip.Dispose();
            throw new InputFormatException(sourceName, 0, 0, "", $"not a readable .xlsx workbook: a part cannot be decompressed ({e.Message})", e);
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The cells of the first non-blank row of the first sheet (UTF-8, trimmed), for detection; null when the stream
    /// is not a readable workbook (a zip cut short, a part missing) or the sheet has no non-blank row. For the first
    /// bytes of a file, which may be a workbook cut short: see <see cref="ReadFirstRow"/> for a whole file.
    /// </summary>
    public static IReadOnlyList<byte[]>? TryReadFirstRow(Stream stream)
    {
        try
        {
            return ReadFirstRow(stream, "");
        }
        catch (Exception e) when (e is InputFormatException or InvalidDataException or IOException)
        {
            // Only the head of a file: it cannot be told from a corrupt workbook, so there is nothing to detect.
            return null;
        }
    }

    /// <summary>
    /// The cells of the first non-blank row of the first sheet of a whole workbook (UTF-8, trimmed); null when the
    /// sheet has no non-blank row.
    /// </summary>
    /// <exception cref="InputFormatException">Not a readable workbook: names <paramref name="sourceName"/> and the part or cell.</exception>
    public static IReadOnlyList<byte[]>? ReadFirstRow(Stream stream, string sourceName)
    {
        try
        {
            using var sheet = Open(stream, sourceName, leaveOpen: true);
            while (sheet.TryReadRow())
            {
                var cells = new byte[sheet.ColumnCount][];
                var any = false;
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = sheet.Value(i).Trim(" \t"u8).ToArray();
                    any |= cells[i].Length > 0;
                }
                if (any)
                {
                    return cells;
                }
            }
            return null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new InputFormatException(sourceName, 0, 0, "", $"not a readable .xlsx workbook ({e.Message})", e);
        }
    }

    private static XlsxSheetReader Open(ZipArchive zip, string sourceName)
    {
        var workbookPath = Target(zip, sourceName, "_rels/.rels", "", "/officeDocument", null) ?? "xl/workbook.xml";
        var workbookFolder = workbookPath.Contains('/', StringComparison.Ordinal) ? workbookPath[..(workbookPath.LastIndexOf('/') + 1)] : "";
        var relsPath = workbookFolder + "_rels/" + workbookPath[workbookFolder.Length..] + ".rels";

        string? sheetName = null;
        string? sheetRelId = null;
        var date1904 = false;
        using (var workbook = OpenXml(zip, sourceName, workbookPath, "the workbook"))
        {
            try
            {
                while (workbook.Read())
                {
                    if (workbook.NodeType != XmlNodeType.Element)
                    {
                        continue;
                    }
                    if (workbook.LocalName == "workbookPr")
                    {
                        var value = workbook.GetAttribute("date1904");
                        date1904 = value is "1" or "true";
                    }
                    else if (workbook.LocalName == "sheet" && sheetRelId is null)
                    {
                        sheetName = workbook.GetAttribute("name") ?? "";
                        sheetRelId = RelationshipId(workbook);
                    }
                }
            }
            catch (XmlException e)
            {
                throw Corrupt(sourceName, workbookPath, e);
            }
        }
        if (sheetRelId is null || sheetName is null)
        {
            throw new InputFormatException(sourceName, 0, 0, workbookPath, "not a readable .xlsx workbook: the workbook lists no sheet");
        }
        var sheetPath = Target(zip, sourceName, relsPath, workbookFolder, null, sheetRelId)
            ?? throw new InputFormatException(sourceName, 0, 0, sheetName, $"not a readable .xlsx workbook: sheet '{sheetName}' ({sheetRelId}) has no part in {relsPath}");
        var sharedPath = Target(zip, sourceName, relsPath, workbookFolder, "/sharedStrings", null);
        var shared = sharedPath is null || Find(zip, sharedPath) is null ? [] : ReadSharedStrings(zip, sourceName, sharedPath);
        if (Find(zip, sheetPath) is null)
        {
            throw new InputFormatException(sourceName, 0, 0, sheetName, $"not a readable .xlsx workbook: sheet '{sheetName}' is missing (no {sheetPath} in the archive)");
        }
        return new XlsxSheetReader(zip, OpenXml(zip, sourceName, sheetPath, $"sheet '{sheetName}'"), shared, date1904, sourceName, sheetName);
    }

    /// <summary>The 0-based column of the current row's cell: its kind.</summary>
    public XlsxCellKind Kind(int column) => (uint)column < (uint)ColumnCount ? _kinds[column] : XlsxCellKind.Empty;

    /// <summary>The 0-based column of the current row's cell: its value as UTF-8 text (empty for an empty cell).</summary>
    public ReadOnlySpan<byte> Value(int column) =>
        (uint)column < (uint)ColumnCount && _kinds[column] != XlsxCellKind.Empty ? _buffer.AsSpan(_starts[column], _lengths[column]) : default;

    /// <summary>The A1-style reference of a 0-based column in a 1-based row (<c>AE25</c>).</summary>
    public static string CellReference(int column, long row) => ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);

    /// <summary>The letters of a 0-based column (0 → A, 26 → AA).</summary>
    public static string ColumnName(int column)
    {
        Span<char> letters = stackalloc char[4];
        var n = 0;
        for (var c = column + 1; c > 0; c = (c - 1) / 26)
        {
            letters[n++] = (char)('A' + ((c - 1) % 26));
        }
        letters[..n].Reverse();
        return new string(letters[..n]);
    }

    /// <summary>Reads the next row that the sheet lists; false at the end of the sheet data.</summary>
    /// <exception cref="InputFormatException">The sheet XML is broken, or a cell reference or shared-string index is invalid (names the cell).</exception>
    public bool TryReadRow()
    {
        if (_done)
        {
            return false;
        }
        try
        {
            while (_sheet.Read())
            {
                if (_sheet.NodeType == XmlNodeType.EndElement && _sheet.LocalName == "sheetData")
                {
                    break;
                }
                if (_sheet.NodeType == XmlNodeType.Element && _sheet.LocalName == "row")
                {
                    ReadRow();
                    return true;
                }
            }
        }
        catch (XmlException e)
        {
            throw new InputFormatException(_sourceName, RowNumber, 0, SheetName, $"sheet '{SheetName}' is not well-formed XML after row {RowNumber} ({e.Message})", e);
        }
        catch (InvalidDataException e)
        {
            throw new InputFormatException(_sourceName, RowNumber, 0, SheetName, $"sheet '{SheetName}' cannot be decompressed after row {RowNumber} ({e.Message})", e);
        }
        _done = true;
        return false;
    }

    private void ReadRow()
    {
        var r = _sheet.GetAttribute("r");
        if (r is null && RowNumber < MaxRows)
        {
            RowNumber++;
        }
        else if (long.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= MaxRows)
        {
            RowNumber = number;
        }
        else
        {
            throw new InputFormatException(_sourceName, RowNumber, 0, r ?? "",
                r is null ? $"sheet '{SheetName}': a row after row {MaxRows}, the last a sheet can have" : $"sheet '{SheetName}': '{r}' is not a row number (1 to {MaxRows})");
        }
        for (var i = 0; i < ColumnCount; i++)
        {
            _kinds[i] = XlsxCellKind.Empty;
        }
        ColumnCount = 0;
        _used = 0;
        if (_sheet.IsEmptyElement)
        {
            return;
        }
        var depth = _sheet.Depth;
        var next = 0;
        while (_sheet.Read())
        {
            if (_sheet.NodeType == XmlNodeType.EndElement && _sheet.Depth == depth)
            {
                return;
            }
            if (_sheet.NodeType == XmlNodeType.Element && _sheet.LocalName == "c" && _sheet.Depth == depth + 1)
            {
                next = ReadCell(next) + 1;
            }
        }
    }

    /// <summary>Reads one <c>&lt;c&gt;</c>; returns its 0-based column.</summary>
    private int ReadCell(int next)
    {
        var reference = _sheet.GetAttribute("r");
        var column = reference is null ? next : ParseColumn(reference);
        if (column < 0 || column >= MaxColumns)
        {
            throw new InputFormatException(_sourceName, RowNumber, next + 1, reference ?? "",
                $"sheet '{SheetName}' row {RowNumber}: '{reference}' is not a cell reference in this row");
        }
        var type = _sheet.GetAttribute("t");
        string? value = null;
        string? inline = null;
        if (!_sheet.IsEmptyElement)
        {
            // Advanced by hand: ReadElementContentAsString already moves past the element it reads.
            var depth = _sheet.Depth;
            _sheet.Read();
            while (!_sheet.EOF && !(_sheet.NodeType == XmlNodeType.EndElement && _sheet.Depth == depth))
            {
                if (_sheet.NodeType == XmlNodeType.Element && _sheet.LocalName == "v")
                {
                    value = _sheet.ReadElementContentAsString();
                }
                else if (_sheet.NodeType == XmlNodeType.Element && _sheet.LocalName == "is")
                {
                    inline = ReadStringItem(_sheet);
                    _sheet.Read();
                }
                else
                {
                    _sheet.Read();
                }
            }
        }
        var cell = XlsxCellReference(column);
        switch (type)
        {
            case "s":
                if (value is null)
                {
                    break;
                }
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= _sharedStrings.Length)
                {
                    throw new InputFormatException(_sourceName, RowNumber, column + 1, value,
                        $"sheet '{SheetName}' cell {cell}: shared string {value} does not exist (the workbook has {_sharedStrings.Length})");
                }
                Store(column, XlsxCellKind.Text, _sharedStrings[index]);
                break;
            case "inlineStr":
                Store(column, XlsxCellKind.Text, inline ?? value);
                break;
            case "str" or "d":
                Store(column, XlsxCellKind.Text, value);
                break;
            case "b":
                Store(column, XlsxCellKind.Boolean, value is null ? null : value.Trim() is "1" or "true" ? "TRUE" : "FALSE");
                break;
            case "e":
                Store(column, XlsxCellKind.Error, value);
                break;
            case null or "n":
                Store(column, XlsxCellKind.Number, value?.Trim());
                break;
            default:
                throw new InputFormatException(_sourceName, RowNumber, column + 1, type,
                    $"sheet '{SheetName}' cell {cell}: '{type}' is not a cell type");
        }
        return column;
    }

    private string XlsxCellReference(int column) => CellReference(column, RowNumber);

    private void Store(int column, XlsxCellKind kind, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            Place(column, XlsxCellKind.Empty, 0);
            return;
        }
        var length = Encoding.UTF8.GetByteCount(text);
        EnsureBuffer(length);
        Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_used));
        Place(column, kind, length);
    }

    private void Store(int column, XlsxCellKind kind, byte[] utf8)
    {
        if (utf8.Length == 0)
        {
            Place(column, XlsxCellKind.Empty, 0);
            return;
        }
        EnsureBuffer(utf8.Length);
        utf8.CopyTo(_buffer.AsSpan(_used));
        Place(column, kind, utf8.Length);
    }

    private void EnsureBuffer(int length)
    {
        if (_buffer.Length - _used < length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _used + length));
        }
    }

    private void Place(int column, XlsxCellKind kind, int length)
    {
        if (column >= _kinds.Length)
        {
            var size = Math.Min(MaxColumns, Math.Max(column + 1, _kinds.Length * 2));
            Array.Resize(ref _kinds, size);
            Array.Resize(ref _starts, size);
            Array.Resize(ref _lengths, size);
        }
        for (var i = ColumnCount; i < column; i++)
        {
            _kinds[i] = XlsxCellKind.Empty;
        }
        _kinds[column] = kind;
        _starts[column] = _used;
        _lengths[column] = length;
        _used += length;
        ColumnCount = Math.Max(ColumnCount, column + 1);
    }

    /// <summary>The 0-based column of an A1 reference (<c>AB12</c> → 27), or −1 when it is not one.</summary>
    public static int ParseColumn(string reference)
    {
        var column = 0;
        var i = 0;
        while (i < reference.Length && reference[i] is >= 'A' and <= 'Z' or >= 'a' and <= 'z')
        {
            column = column * 26 + ((reference[i] | 0x20) - 'a' + 1);
            if (column > MaxColumns)
            {
                return -1;
            }
            i++;
        }
        if (i == 0)
        {
            return -1;
        }
        var digits = i;
        while (i < reference.Length && reference[i] is >= '0' and <= '9')
        {
            i++;
        }
        return i == reference.Length && i > digits ? column - 1 : -1;
    }

    /// <summary>
    /// The text of a string item (<c>&lt;si&gt;</c> or <c>&lt;is&gt;</c>) at the reader's position: its <c>&lt;t&gt;</c>,
    /// or the <c>&lt;t&gt;</c> of each rich-text run <c>&lt;r&gt;</c>, concatenated; phonetic runs (<c>&lt;rPh&gt;</c>) are
    /// not part of the text. Leaves the reader on the item's end element.
    /// </summary>
    private static string ReadStringItem(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            return "";
        }
        // Advanced by hand: ReadElementContentAsString and Skip already move past the element they consume.
        var depth = reader.Depth;
        string? single = null;
        StringBuilder? many = null;
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "rPh")
            {
                reader.Skip();
            }
            else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "t")
            {
                var text = reader.ReadElementContentAsString();
                if (single is null)
                {
                    single = text;
                }
                else
                {
                    many ??= new StringBuilder(single);
                    many.Append(text);
                }
            }
            else
            {
                reader.Read();
            }
        }
        return many?.ToString() ?? single ?? "";
    }

    private static byte[][] ReadSharedStrings(ZipArchive zip, string sourceName, string path)
    {
        var strings = new List<byte[]>();
        using var reader = OpenXml(zip, sourceName, path, "the shared strings");
        try
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si")
                {
                    strings.Add(Encoding.UTF8.GetBytes(ReadStringItem(reader)));
                }
            }
        }
        catch (XmlException e)
        {
            throw Corrupt(sourceName, path, e);
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(sourceName, path, e);
        }
        return [.. strings];
    }

    /// <summary>
    /// The part a relationship file points to (a package path without a leading '/'), by relationship type suffix or by
    /// id; null when the file or the relationship is absent.
    /// </summary>
    private static string? Target(ZipArchive zip, string sourceName, string relsPath, string baseFolder, string? typeSuffix, string? id)
    {
        if (Find(zip, relsPath) is null)
        {
            return null;
        }
        using var reader = OpenXml(zip, sourceName, relsPath, "the relationships");
        try
        {
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Relationship")
                {
                    continue;
                }
                var matches = id is not null
                    ? string.Equals(reader.GetAttribute("Id"), id, StringComparison.Ordinal)
                    : reader.GetAttribute("Type")?.EndsWith(typeSuffix!, StringComparison.Ordinal) == true;
                if (matches)
                {
                    var target = reader.GetAttribute("Target");
                    return target is null ? null : Resolve(baseFolder, target);
                }
            }
        }
        catch (XmlException e)
        {
            throw Corrupt(sourceName, relsPath, e);
        }
        return null;
    }

    private static string Resolve(string baseFolder, string target)
    {
        var parts = new List<string>();
        var path = target.StartsWith('/') ? target[1..] : baseFolder + target;
        foreach (var part in path.Split('/'))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part is not ("." or ""))
            {
                parts.Add(part);
            }
        }
        return string.Join('/', parts);
    }

    private static string? RelationshipId(XmlReader reader)
    {
        for (var i = 0; i < reader.AttributeCount; i++)
        {
            reader.MoveToAttribute(i);
            if (reader.LocalName == "id" && reader.NamespaceURI.Length > 0)
            {
                var value = reader.Value;
                reader.MoveToElement();
                return value;
            }
        }
        reader.MoveToElement();
        return null;
    }

    private static ZipArchiveEntry? Find(ZipArchive zip, string path) =>
        zip.GetEntry(path) ?? zip.Entries.FirstOrDefault(e => string.Equals(e.FullName.TrimStart('/').Replace('\\', '/'), path, StringComparison.OrdinalIgnoreCase));

    private static XmlReader OpenXml(ZipArchive zip, string sourceName, string path, string what)
    {
        var entry = Find(zip, path)
            ?? throw new InputFormatException(sourceName, 0, 0, path, $"not a readable .xlsx workbook: {what} ({path}) is missing from the archive");
        try
        {
            return XmlReader.Create(entry.Open(), s_xmlSettings);
        }
        catch (InvalidDataException e)
        {
            throw new InputFormatException(sourceName, 0, 0, path, $"not a readable .xlsx workbook: {what} ({path}) is corrupt ({e.Message})", e);
        }
    }

    private static InputFormatException Corrupt(string sourceName, string path, Exception e) =>
        new(sourceName, 0, 0, path, $"not a readable .xlsx workbook: {path} is corrupt ({e.Message})", e);

    /// <inheritdoc/>
    public void Dispose()
    {
        _sheet.Dispose();
        _zip.Dispose();
    }
}
