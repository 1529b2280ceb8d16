using System.Text;

namespace CrossBorder.Cli;

/// <summary>
/// Reads a small RFC 4180 CSV (quoted fields, doubled quotes) into rows of UTF-8 fields. For the demo's embedded
/// files only; the engine's streaming readers handle real inputs.
/// </summary>
internal static class SimpleCsv
{
    public static List<byte[][]> ReadAll(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var rows = new List<byte[][]>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0)
            {
                continue;
            }
            var fields = new List<byte[]>();
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
                    fields.Add(Encoding.UTF8.GetBytes(field.ToString()));
                    field.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }
            fields.Add(Encoding.UTF8.GetBytes(field.ToString()));
            rows.Add([.. fields]);
        }
        return rows;
    }
}
