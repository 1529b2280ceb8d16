namespace CrossBorder.Engine.Tariffs;

/// <summary>Which tariff's text a <see cref="DutyExpression"/> was parsed from.</summary>
public enum DutyExpressionSyntax : byte
{
    /// <summary>Unset.</summary>
    None = 0,

    /// <summary>USITC Harmonized Tariff Schedule rate texts (General, Special, Column 2, Chapter 99).</summary>
    UsHts,

    /// <summary>UK Trade Tariff / EU TARIC duty expressions (UK Global Tariff and EU CET).</summary>
    Taric,
}
