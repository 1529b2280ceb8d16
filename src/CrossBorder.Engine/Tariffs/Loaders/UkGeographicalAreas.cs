namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>
/// The geographical areas of the UK Trade Tariff API (<c>/api/v2/geographical_areas</c>): id, description and, for
/// groups, member ids. Load with <see cref="UkTradeTariffApiLoader.LoadGeographicalAreas(string)"/>.
/// </summary>
public sealed class UkGeographicalAreas
{
    private readonly Dictionary<string, (string Description, string[] Members)> _areas;

    internal UkGeographicalAreas(Dictionary<string, (string Description, string[] Members)> areas) => _areas = areas;

    /// <summary>Number of areas.</summary>
    public int Count => _areas.Count;

    /// <summary>The area ids.</summary>
    public IEnumerable<string> Ids => _areas.Keys;

    /// <summary>True when the id is known.</summary>
    public bool Contains(string id) => _areas.ContainsKey(id);

    /// <summary>The description of an area, or null.</summary>
    public string? DescriptionOf(string id) => _areas.TryGetValue(id, out var area) ? area.Description : null;

    /// <summary>The member ids of a group (empty for a country or a group listed without members).</summary>
    public IReadOnlyList<string> MembersOf(string id) => _areas.TryGetValue(id, out var area) ? area.Members : [];
}
