namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>Options of <see cref="Section301Loader"/>. Change with <c>with</c>.</summary>
public sealed record Section301Options
{
    /// <summary>The defaults: the four lists of the 2018–2019 action, list 4B not in force, origin CN, lenient.</summary>
    public static Section301Options Default { get; } = new();

    /// <summary>Throw on the first row that cannot be read (a bad code, a heading without actions) instead of listing it.</summary>
    public bool Strict { get; init; }

    /// <summary>Rates and dates by Chapter 99 heading.</summary>
    public IReadOnlyList<Section301Action> Actions { get; init; } = Section301Action.Defaults;

    /// <summary>Chapter 99 headings whose rows are skipped, with the reason (a suspended list).</summary>
    public IReadOnlyDictionary<string, string> NotInForce { get; init; } = Section301Loader.DefaultNotInForce;

    /// <summary>The origins the duties apply to (an <see cref="Geography.OriginSet"/> text). Default <c>CN</c>.</summary>
    public string Origin { get; init; } = "CN";

    /// <summary>
    /// When set, rows whose 8-digit code is not in the tariff (for example <see cref="HtsTariff.ContainsPrefix"/>)
    /// are skipped with that reason instead of listing a code the tariff does not have.
    /// </summary>
    public Func<TariffCode, bool>? IsKnownCode { get; init; }
}
