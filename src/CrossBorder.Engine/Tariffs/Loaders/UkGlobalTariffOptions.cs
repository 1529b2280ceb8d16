namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>Options of <see cref="UkGlobalTariffLoader"/>. Change with <c>with</c>.</summary>
public sealed record UkGlobalTariffOptions
{
    /// <summary>The defaults: GB measures from 2021-01-01, EU measures open-ended, lenient.</summary>
    public static UkGlobalTariffOptions Default { get; } = new();

    /// <summary>Throw on the first row that cannot be read instead of listing it.</summary>
    public bool Strict { get; init; }

    /// <summary>First day of the UK Global Tariff rates: 2021-01-01, when it replaced the EU CET in Great Britain.</summary>
    public DateOnly GbValidFrom { get; init; } = new(2021, 1, 1);

    /// <summary>Last day of the UK rates (inclusive). Default: open (the file is a 2021-01 snapshot).</summary>
    public DateOnly GbValidTo { get; init; } = DateOnly.MaxValue;

    /// <summary>First day of the EU CET rates. Default: open (the file gives the CET as of 2021-01, not its history).</summary>
    public DateOnly EuValidFrom { get; init; } = DateOnly.MinValue;

    /// <summary>Last day of the EU CET rates (inclusive). Default: open.</summary>
    public DateOnly EuValidTo { get; init; } = DateOnly.MaxValue;
}
