namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>Collects skipped rows for a loader, throwing on the first error in strict mode.</summary>
internal sealed class SkippedRowList(bool strict)
{
    private readonly List<SkippedRow> _rows = [];

    public List<SkippedRow> Rows => _rows;

    public int ErrorCount { get; private set; }

    /// <summary>Records a row left out by rule.</summary>
    public void Skip(string source, long line, int column, string value, string reason) =>
        _rows.Add(new SkippedRow(source, line, column, value, reason, isError: false));

    /// <summary>Records a row that could not be read; in strict mode, throws it as an <see cref="Text.InputFormatException"/>.</summary>
    public void Error(string source, long line, int column, string value, string reason)
    {
        var row = new SkippedRow(source, line, column, value, reason, isError: true);
        if (strict)
        {
            throw row.ToException();
        }
        ErrorCount++;
        _rows.Add(row);
    }
}
