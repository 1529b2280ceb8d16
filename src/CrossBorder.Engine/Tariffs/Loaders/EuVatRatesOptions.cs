namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>Options of <see cref="EuVatRatesLoader"/>. Change with <c>with</c>.</summary>
public sealed record EuVatRatesOptions
{
    /// <summary>The defaults: the 27 member states, lenient.</summary>
    public static EuVatRatesOptions Default { get; } = new();

    /// <summary>Throw on the first period that cannot be read instead of listing it.</summary>
    public bool Strict { get; init; }

    /// <summary>
    /// The countries to load (alpha-2, Greece as <c>GR</c>). Default: the 27 member states since 2020-02-01 (Treaty
    /// on European Union Art. 52, as in <c>data/tariffs/origin-groups.csv</c>). The data also has GB: add it to load
    /// UK VAT; countries in the data but not here are listed as skipped.
    /// </summary>
    public IReadOnlySet<string> Countries { get; init; } = EuVatRatesLoader.MemberStates;
}
