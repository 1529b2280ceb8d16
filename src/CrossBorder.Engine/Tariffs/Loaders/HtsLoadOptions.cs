namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>Options of <see cref="HtsCsvLoader"/>. Change with <c>with</c>.</summary>
public sealed record HtsLoadOptions
{
    /// <summary>The defaults: lenient, every measure open-ended except where a rule dates it.</summary>
    public static HtsLoadOptions Default { get; } = new();

    /// <summary>
    /// Throw an <see cref="Text.InputFormatException"/> on the first row that cannot be read (a rate text that does
    /// not parse, a bad code, a program indicator missing from the program table) instead of listing it.
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>
    /// First day of the edition's rates. Default: open. The Basic Edition is a snapshot: set this (for HTS 2024,
    /// 2024-01-01) to keep its rates from answering for earlier dates; program and Column 2 dates are intersected
    /// with this window.
    /// </summary>
    public DateOnly ValidFrom { get; init; } = DateOnly.MinValue;

    /// <summary>Last day of the edition's rates (inclusive). Default: open.</summary>
    public DateOnly ValidTo { get; init; } = DateOnly.MaxValue;
}
