using CrossBorder.Engine.Geography;
using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;

namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>
/// The mapping from HTS special program indicators to origin countries, loaded from a CSV with header
/// <c>program,countries,source,valid_from,valid_to,note</c> (the project ships
/// <c>data/tariffs/us-special-programs.csv</c>, with its sources).
/// </summary>
/// <remarks>
/// <c>countries</c> is a space-separated list of ISO 3166-1 alpha-2 codes; empty means the indicator is not an
/// origin (civil aircraft <c>C</c>, pharmaceuticals <c>K</c>, or a per-subheading exclusion list such as <c>A*</c>)
/// and <c>note</c> says why. Dates are <c>yyyy-MM-dd</c>, inclusive, empty for open. Lines starting with <c>#</c>
/// are comments.
/// </remarks>
public sealed class UsSpecialPrograms
{
    private readonly Dictionary<string, UsSpecialProgram[]> _byProgram;

    private UsSpecialPrograms(Dictionary<string, UsSpecialProgram[]> byProgram) => _byProgram = byProgram;

    /// <summary>The indicators present.</summary>
    public IEnumerable<string> Programs => _byProgram.Keys;

    /// <summary>The rows of an indicator (case-sensitive: <c>A</c> and <c>a</c> differ in the HTS).</summary>
    public bool TryGet(string program, out IReadOnlyList<UsSpecialProgram> rows)
    {
        if (_byProgram.TryGetValue(program, out var found))
        {
            rows = found;
            return true;
        }
        rows = [];
        return false;
    }

    /// <summary>Loads the table from a file.</summary>
    /// <exception cref="InputFormatException">A bad row; names file, line, column, value and reason.</exception>
    public static UsSpecialPrograms Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    /// <summary>Loads the table from a stream; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="InputFormatException">A bad row; names file, line, column, value and reason.</exception>
    public static UsSpecialPrograms Load(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        using var reader = new Utf8CsvReader(stream, leaveOpen: true);
        var csv = LoaderCsv.ReadHeader(reader, sourceName, "program", "countries", "source", "valid_from", "valid_to");
        var programColumn = csv.IndexOf("program");
        var countriesColumn = csv.IndexOf("countries");
        var sourceColumn = csv.IndexOf("source");
        var fromColumn = csv.IndexOf("valid_from");
        var toColumn = csv.IndexOf("valid_to");
        var noteColumn = csv.IndexOf("note");
        var rows = new Dictionary<string, List<UsSpecialProgram>>(StringComparer.Ordinal);
        while (reader.TryReadRow(out var row))
        {
            if (LoaderCsv.IsCommentOrBlank(row))
            {
                continue;
            }
            var line = row.LineNumber;
            var program = LoaderCsv.Field(row, programColumn);
            if (program.Length == 0 || program.Length > 3 || program.Any(char.IsWhiteSpace))
            {
                throw new InputFormatException(sourceName, line, programColumn + 1, program, "not a special program indicator (one to three characters: A, A+, AU)");
            }
            var countriesText = LoaderCsv.Field(row, countriesColumn);
            var countries = new List<CountryCode>();
            foreach (var token in countriesText.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (token.Length != 2 || !CountryCode.TryParse(token, out var country) || !char.IsAsciiLetterUpper(token[0]) || !char.IsAsciiLetterUpper(token[1]))
                {
                    throw new InputFormatException(sourceName, line, countriesColumn + 1, token, "not an upper-case ISO 3166-1 alpha-2 country code");
                }
                if (countries.Contains(country))
                {
                    throw new InputFormatException(sourceName, line, countriesColumn + 1, token, "the country is listed twice");
                }
                countries.Add(country);
            }
            var fromText = LoaderCsv.Field(row, fromColumn);
            if (!LoaderCsv.TryParseDate(fromText, DateOnly.MinValue, out var from))
            {
                throw new InputFormatException(sourceName, line, fromColumn + 1, fromText, "not a yyyy-MM-dd date");
            }
            var toText = LoaderCsv.Field(row, toColumn);
            if (!LoaderCsv.TryParseDate(toText, DateOnly.MaxValue, out var to))
            {
                throw new InputFormatException(sourceName, line, toColumn + 1, toText, "not a yyyy-MM-dd date");
            }
            if (to < from)
            {
                throw new InputFormatException(sourceName, line, toColumn + 1, toText, "valid_to is before valid_from");
            }
            var source = LoaderCsv.Field(row, sourceColumn);
            if (source.Length == 0)
            {
                throw new InputFormatException(sourceName, line, sourceColumn + 1, "", "every program row must cite its source");
            }
            var note = LoaderCsv.Field(row, noteColumn);
            if (countries.Count == 0 && note.Length == 0)
            {
                throw new InputFormatException(sourceName, line, noteColumn + 1, "", "a program without countries needs a note saying why it is not an origin");
            }
            if (!rows.TryGetValue(program, out var list))
            {
                list = [];
                rows.Add(program, list);
            }
            list.Add(new UsSpecialProgram(program, [.. countries], source, from, to, note.Length == 0 ? null : note));
        }
        return new UsSpecialPrograms(rows.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal));
    }
}
