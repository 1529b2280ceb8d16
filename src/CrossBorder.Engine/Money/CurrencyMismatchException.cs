namespace CrossBorder.Engine;

/// <summary>An operation combined amounts in two different currencies.</summary>
public sealed class CurrencyMismatchException : InvalidOperationException
{
    /// <summary>Creates the exception for the two currencies.</summary>
    public CurrencyMismatchException(Currency left, Currency right)
        : base($"Cannot combine {left.Code} and {right.Code}: convert one of them first.")
    {
        Left = left;
        Right = right;
    }

    /// <summary>The left-hand currency.</summary>
    public Currency Left { get; }

    /// <summary>The right-hand currency.</summary>
    public Currency Right { get; }
}
