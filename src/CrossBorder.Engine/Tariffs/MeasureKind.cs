namespace CrossBorder.Engine.Tariffs;

/// <summary>What a tariff measure is. The canonical tariff CSV writes these in snake case (<c>anti_dumping</c>).</summary>
public enum MeasureKind : byte
{
    /// <summary>Third-country duty (MFN, US "General"): applies unless a better measure does.</summary>
    Mfn = 0,
    /// <summary>Preferential duty for origins of a trade agreement or scheme (replaces MFN when lower).</summary>
    Preferential,
    /// <summary>Autonomous suspension (replaces MFN when lower).</summary>
    Suspension,
    /// <summary>In-quota rate of a tariff quota (replaces MFN when lower and the quota is open).</summary>
    Quota,
    /// <summary>An additional duty stacked on top (US Section 301 / Chapter 99, surtaxes).</summary>
    Additional,
    /// <summary>Safeguard duty, stacked on top.</summary>
    Safeguard,
    /// <summary>Anti-dumping duty, stacked on top.</summary>
    AntiDumping,
    /// <summary>Countervailing duty, stacked on top.</summary>
    Countervailing,
    /// <summary>Excise duty, stacked on top and part of the VAT base.</summary>
    Excise,
    /// <summary>Import VAT / GST rate.</summary>
    Vat,
    /// <summary>Import prohibited.</summary>
    Prohibited,
    /// <summary>An import licence is required.</summary>
    Licence,
    /// <summary>A certificate (health, origin, conformity) is required.</summary>
    Certificate,
}

/// <summary>Helpers for <see cref="MeasureKind"/>.</summary>
public static class MeasureKinds
{
    /// <summary>Number of kinds.</summary>
    public const int Count = (int)MeasureKind.Certificate + 1;

    /// <summary>Parses the canonical name (<c>mfn</c>, <c>anti_dumping</c>, ...), case-insensitive.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out MeasureKind kind)
    {
        kind = text.Trim() switch
        {
            var t when t.Equals("mfn", StringComparison.OrdinalIgnoreCase) => MeasureKind.Mfn,
            var t when t.Equals("preferential", StringComparison.OrdinalIgnoreCase) => MeasureKind.Preferential,
            var t when t.Equals("suspension", StringComparison.OrdinalIgnoreCase) => MeasureKind.Suspension,
            var t when t.Equals("quota", StringComparison.OrdinalIgnoreCase) => MeasureKind.Quota,
            var t when t.Equals("additional", StringComparison.OrdinalIgnoreCase) => MeasureKind.Additional,
            var t when t.Equals("safeguard", StringComparison.OrdinalIgnoreCase) => MeasureKind.Safeguard,
            var t when t.Equals("anti_dumping", StringComparison.OrdinalIgnoreCase) => MeasureKind.AntiDumping,
            var t when t.Equals("countervailing", StringComparison.OrdinalIgnoreCase) => MeasureKind.Countervailing,
            var t when t.Equals("excise", StringComparison.OrdinalIgnoreCase) => MeasureKind.Excise,
            var t when t.Equals("vat", StringComparison.OrdinalIgnoreCase) => MeasureKind.Vat,
            var t when t.Equals("prohibited", StringComparison.OrdinalIgnoreCase) => MeasureKind.Prohibited,
            var t when t.Equals("licence", StringComparison.OrdinalIgnoreCase) || t.Equals("license", StringComparison.OrdinalIgnoreCase) => MeasureKind.Licence,
            var t when t.Equals("certificate", StringComparison.OrdinalIgnoreCase) => MeasureKind.Certificate,
            _ => (MeasureKind)255,
        };
        return (int)kind < Count;
    }

    /// <summary>The canonical name.</summary>
    public static string Name(this MeasureKind kind) => kind switch
    {
        MeasureKind.Mfn => "mfn",
        MeasureKind.Preferential => "preferential",
        MeasureKind.Suspension => "suspension",
        MeasureKind.Quota => "quota",
        MeasureKind.Additional => "additional",
        MeasureKind.Safeguard => "safeguard",
        MeasureKind.AntiDumping => "anti_dumping",
        MeasureKind.Countervailing => "countervailing",
        MeasureKind.Excise => "excise",
        MeasureKind.Vat => "vat",
        MeasureKind.Prohibited => "prohibited",
        MeasureKind.Licence => "licence",
        MeasureKind.Certificate => "certificate",
        _ => "unknown",
    };

    /// <summary>True for the measures that replace the MFN duty when they give a lower amount.</summary>
    public static bool ReplacesMfn(this MeasureKind kind) => kind is MeasureKind.Preferential or MeasureKind.Suspension or MeasureKind.Quota;

    /// <summary>True for duties stacked on top of the base duty.</summary>
    public static bool IsStacked(this MeasureKind kind) =>
        kind is MeasureKind.Additional or MeasureKind.Safeguard or MeasureKind.AntiDumping or MeasureKind.Countervailing or MeasureKind.Excise;

    /// <summary>True for non-duty measures (flags).</summary>
    public static bool IsFlag(this MeasureKind kind) => kind is MeasureKind.Prohibited or MeasureKind.Licence or MeasureKind.Certificate;
}
