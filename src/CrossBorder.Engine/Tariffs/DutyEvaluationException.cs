namespace CrossBorder.Engine.Tariffs;

/// <summary>A duty expression could not be evaluated: an input it needs is missing. Names the expression and the input.</summary>
public sealed class DutyEvaluationException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    public DutyEvaluationException(DutyEvaluationError error)
        : base(error.Message) => Error = error;

    /// <summary>What was missing.</summary>
    public DutyEvaluationError Error { get; }
}
