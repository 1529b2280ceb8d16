namespace CrossBorder.Cli;

/// <summary>Writes RFC 4180 rows (quotes only where needed), LF line ends, UTF-8 without BOM.</summary>
internal sealed class CsvOut(TextWriter writer)
{
    public void Row(params string[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }
            var f = fields[i];
            if (f.AsSpan().IndexOfAny(",\"\n\r") >= 0)
            {
                writer.Write('"');
                writer.Write(f.Replace("\"", "\"\"", StringComparison.Ordinal));
                writer.Write('"');
            }
            else
            {
                writer.Write(f);
            }
        }
        writer.Write('\n');
    }
}
