using System.Globalization;

namespace CrossBorder.Engine.Tariffs;

/// <summary>A parser that emits a <see cref="DutyExpression"/>'s postfix nodes as it reads.</summary>
internal abstract class RateTextParser : TextCursor
{
    private readonly List<DutyNode> _nodes = [];
    private readonly List<Range> _alternatives = [];
    private readonly List<DutySeason> _seasons = [];
    private readonly List<string> _remarks = [];
    private int _alternativeStart;

    protected RateTextParser(string text, int start, int end)
        : base(text, start, end)
    {
    }

    protected int AlternativeCount => _alternatives.Count;

    protected void Emit(DutyNode node) => _nodes.Add(node);

    protected void EmitOperator(DutyNodeKind kind) => _nodes.Add(new DutyNode(kind));

    protected void EmitReference(string name) => _nodes.Add(new DutyNode(DutyNodeKind.ReferencedDuty, name: name));

    protected void Remark(string remark)
    {
        if (!_remarks.Contains(remark))
        {
            _remarks.Add(remark);
        }
    }

    protected void AddSeason(DutySeason season) => _seasons.Add(season);

    protected bool HasSeasons(int alternative) => _seasons.Exists(s => s.Alternative == alternative);

    /// <summary>Closes the current alternative (a seasonal rate has several).</summary>
    protected void EndAlternative()
    {
        _alternatives.Add(new Range(_alternativeStart, _nodes.Count));
        _alternativeStart = _nodes.Count;
    }

    /// <summary>Builds the expression, or fails when it would need a deeper value stack than the evaluator has.</summary>
    protected bool TryBuild(DutyExpressionSyntax syntax, out DutyExpression? expression)
    {
        expression = null;
        foreach (var alternative in _alternatives)
        {
            var depth = 0;
            var (offset, length) = alternative.GetOffsetAndLength(_nodes.Count);
            for (var i = offset; i < offset + length; i++)
            {
                depth += _nodes[i].IsOperator ? -1 : 1;
                if (depth > DutyExpression.MaxStackDepth)
                {
                    return Fail(0, string.Create(CultureInfo.InvariantCulture, $"the expression has more than {DutyExpression.MaxStackDepth} nested terms"));
                }
            }
        }
        // A Special-column group is a segment of the whole text: the expression keeps its own text.
        var text = Start == 0 && End == Text.Length ? Text : Collapse(Start, End);
        expression = new DutyExpression(
            text,
            syntax,
            [.. _nodes],
            [.. _alternatives],
            [.. _seasons],
            _remarks.Count == 0 ? null : string.Join("; ", _remarks));
        return true;
    }

    /// <summary>A percentage m × 10^-s % as an exact rate.</summary>
    protected static Rate Percent(long mantissa, int scale) => Rate.FromRatio(mantissa, checked(Pow10(scale) * 100));

    /// <summary>An amount of m × 10^-s major units of <paramref name="currency"/> as exact minor units.</summary>
    protected static Rate MajorUnits(long mantissa, int scale, Currency currency) =>
        Rate.FromRatio(checked(mantissa * Pow10(currency.MinorUnits)), Pow10(scale));

    /// <summary>An amount of m × 10^-s minor units.</summary>
    protected static Rate MinorUnits(long mantissa, int scale) => Rate.FromRatio(mantissa, Pow10(scale));
}
