namespace CrossBorder.Engine.Settlements;

/// <summary>
/// A settlement reader that also reads its report as an .xlsx workbook (the first sheet): detection looks at the
/// first non-blank row of that sheet instead of the file's first bytes.
/// </summary>
internal interface IWorkbookSettlementReader
{
    /// <summary>True when <paramref name="cells"/> (the first non-blank row of the first sheet, UTF-8) is this format's header.</summary>
    bool RecognizesHeader(IReadOnlyList<byte[]> cells);
}
