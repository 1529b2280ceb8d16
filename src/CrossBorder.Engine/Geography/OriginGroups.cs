using System.Text;

namespace CrossBorder.Engine.Geography;

/// <summary>
/// Named groups of origin countries (EU-27, USMCA, EFTA, GSP beneficiaries, ...), loaded from data: a CSV with header
/// <c>group,members,source</c> where members are space-separated alpha-2 codes or other group names.
/// </summary>
public sealed class OriginGroups
{
    private readonly Dictionary<string, CountryCode[]> _groups = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The group names.</summary>
    public IEnumerable<string> Names => _groups.Keys;

    /// <summary>Defines or replaces a group.</summary>
    public void Define(string name, IEnumerable<CountryCode> members)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _groups[name.Trim()] = [.. members.Distinct().Order()];
    }

    /// <summary>The members of a group.</summary>
    public bool TryGet(ReadOnlySpan<char> name, out CountryCode[] members)
    {
        var lookup = _groups.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(name, out var found))
        {
            members = found;
            return true;
        }
        members = [];
        return false;
    }

    /// <summary>True when <paramref name="name"/> names a group.</summary>
    public bool Contains(ReadOnlySpan<char> name) => TryGet(name, out _);

    /// <summary>Loads groups from a CSV (<c>group,members,source</c>); members may name groups defined earlier.</summary>
    /// <exception cref="Text.InputFormatException">A member that is neither a country code nor a known group.</exception>
    public void Load(Stream stream, string sourceName)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var line = reader.ReadLine();
        long number = 1;
        while ((line = reader.ReadLine()) is not null)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }
            var firstComma = line.IndexOf(',', StringComparison.Ordinal);
            var secondComma = firstComma < 0 ? -1 : line.IndexOf(',', firstComma + 1);
            if (firstComma <= 0)
            {
                throw new Text.InputFormatException(sourceName, number, 1, line, "expected group,members,source");
            }
            var name = line[..firstComma].Trim();
            var membersText = secondComma < 0 ? line[(firstComma + 1)..] : line[(firstComma + 1)..secondComma];
            var members = new List<CountryCode>();
            foreach (var token in membersText.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (TryGet(token, out var nested))
                {
                    members.AddRange(nested);
                }
                else if (token.Length == 2 && CountryCode.TryParse(token, out var country))
                {
                    members.Add(country);
                }
                else
                {
                    throw new Text.InputFormatException(sourceName, number, 2, token, "neither a country code nor a group defined above");
                }
            }
            Define(name, members);
        }
    }
}
