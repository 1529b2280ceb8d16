namespace CrossBorder.Engine.LandedCost;

/// <summary>How the goods cross the border.</summary>
public enum TransportMode : byte
{
    /// <summary>Not stated.</summary>
    Unknown = 0,
    /// <summary>Air cargo.</summary>
    Air,
    /// <summary>Ocean (US harbor maintenance fee applies).</summary>
    Sea,
    /// <summary>Road.</summary>
    Road,
    /// <summary>Rail.</summary>
    Rail,
    /// <summary>Postal.</summary>
    Post,
    /// <summary>Express courier.</summary>
    Courier,
}
