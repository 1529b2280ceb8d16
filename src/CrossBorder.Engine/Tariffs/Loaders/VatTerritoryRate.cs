namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>
/// A territory of a member state with its own standard rate, identified by postcode (Büsingen am Hochrhein and
/// Heligoland: 0%). Reported, not turned into measures: a tariff schedule is keyed by goods code, not address.
/// </summary>
/// <param name="Name">The territory.</param>
/// <param name="Postcode">Its postcode, or empty.</param>
/// <param name="StandardRate">Its standard rate in percent, or null when the data gives none.</param>
public sealed record VatTerritoryRate(string Name, string Postcode, decimal? StandardRate);
