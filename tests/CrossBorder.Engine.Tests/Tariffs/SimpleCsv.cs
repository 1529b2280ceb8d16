using System.Text;

namespace CrossBorder.Engine.Tests.Tariffs;

/// <summary>One CSV record and the physical line it starts on.</summary>
public sealed record CsvRecord(int Line, string[] Fields);

/// <summary>
/// A small RFC 4180 reader for the coverage test: quoted fields with doubled quotes and line breaks inside, CRLF or
/// LF, and a UTF-8 byte order mark.
/// </summary>
public static class SimpleCsv
{
    public static IReadOnlyList<CsvRecord> Read(string path)
    {
        var text = File.ReadAllText(path, Encoding.UTF8); // detects and drops the BOM
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var i = 0;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            i = 1;
        }
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add(new CsvRecord(recordLine, [.. fields]));
                    fields.Clear();
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add(new CsvRecord(recordLine, [.. fields]));
        }
        return records;
    }
}
