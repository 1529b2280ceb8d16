namespace CrossBorder.Engine.Reconciliation;

/// <summary>An already-parsed canonical line, for feeding the engine from memory instead of a file.</summary>
/// <param name="OrderId">The order id (part of the key).</param>
/// <param name="Component">The component label (part of the key).</param>
/// <param name="Amount">The amount; its currency is part of the key.</param>
/// <param name="Date">The line's date, or null.</param>
/// <param name="Market">The market, or null.</param>
/// <param name="Category">The category, or null.</param>
/// <param name="Ref">The line's own id in its source system, or null.</param>
public readonly record struct ReconciliationLine(
    string OrderId, string Component, Money Amount, DateOnly? Date = null, string? Market = null, string? Category = null, string? Ref = null);
