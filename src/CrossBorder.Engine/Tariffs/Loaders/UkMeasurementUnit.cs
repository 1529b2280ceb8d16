namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>
/// One unit of the UK Trade Tariff measurement unit table (trade-tariff-backend <c>measurement_units.json</c>): the
/// key is the code plus qualifier (<c>DTN</c>, <c>ASVX</c>, <c>TNEI</c>).
/// </summary>
/// <param name="Key">Code and qualifier as the table keys them.</param>
/// <param name="Code">TARIC measurement unit code.</param>
/// <param name="Qualifier">TARIC qualifier, or empty.</param>
/// <param name="Abbreviation">How duty texts write it (<c>100 kg</c>, <c>% vol/hl</c>).</param>
/// <param name="Unit">The unit the declarant enters (<c>x 100 kg</c>).</param>
/// <param name="Multiplier">Factor from the entered quantity to the unit, exactly as published (0.01 for 100 kg), or null.</param>
/// <param name="CompoundUnits">The units a compound unit multiplies (ASVX: ASV and HLT), or empty.</param>
public sealed record UkMeasurementUnit(string Key, string Code, string Qualifier, string Abbreviation, string Unit, decimal? Multiplier, IReadOnlyList<string> CompoundUnits);
