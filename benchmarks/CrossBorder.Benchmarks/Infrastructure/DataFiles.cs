namespace CrossBorder.Benchmarks.Infrastructure;

/// <summary>
/// Where the benchmarks find their data: the repository's own <c>data/</c> folder (found by walking up from the
/// benchmark's binaries, which BenchmarkDotNet runs from a generated folder under <c>bin/</c>) and the shared,
/// larger reference files under <c>/work/shared/data</c>, which are not in the repository.
/// </summary>
public static class DataFiles
{
    /// <summary>The shared data folder; <c>CROSSBORDER_SHARED_DATA</c> overrides it.</summary>
    public static string SharedData =>
        Environment.GetEnvironmentVariable("CROSSBORDER_SHARED_DATA") is { Length: > 0 } folder ? folder : "/work/shared/data";

    /// <summary>The full US HTS, basic edition, as published by the USITC (about 35,000 lines).</summary>
    public static string UsHts => Path.Combine(SharedData, "tariffs", "us", "hts-2024-basic-edition.csv");

    /// <summary>A file under the repository's <c>data/</c> folder, e.g. <c>tariffs/default-tariff.csv</c>.</summary>
    public static string Repository(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "data", relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"data/{relativePath} not found above {AppContext.BaseDirectory}.", relativePath);
    }

    /// <summary>Splits one CSV record (RFC 4180 quoting, <c>""</c> for a quote) into fields.</summary>
    public static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < line.Length && line[i + 1] == '"')
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
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
        return fields;
    }

    /// <summary>Reads CSV records, joining physical lines while a quoted field is open.</summary>
    public static IEnumerable<List<string>> ReadCsv(string path)
    {
        string? pending = null;
        foreach (var line in File.ReadLines(path))
        {
            var record = pending is null ? line : pending + "\n" + line;
            if (record.Count(c => c == '"') % 2 != 0)
            {
                pending = record;
                continue;
            }
            pending = null;
            yield return SplitCsv(record);
        }
    }
}
