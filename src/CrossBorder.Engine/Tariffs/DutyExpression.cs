using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CrossBorder.Engine.Internal;

namespace CrossBorder.Engine.Tariffs;

/// <summary>
/// A compiled duty rate: a flat array of <see cref="DutyNode"/>s in postfix order (no object per node), evaluated to
/// an exact amount and rounded once. Parse one with <see cref="DutyExpressionParser"/>.
/// </summary>
/// <remarks>
/// <para><b>Operators and precedence.</b> From tightest to loosest: a term (ad valorem, specific, component,
/// referenced duty); <c>+</c> and <c>-</c> (left to right); <c>MIN</c> and <c>MAX</c> (left to right), whose right
/// operand is a whole sum. So <c>A + B MIN C MAX D</c> is <c>((A + B) MIN C) MAX D</c>, which is clamp(A + B, C, D)
/// when C ≤ D, and <c>9.10% + 45.10 EUR / 100 kg MAX 18.90% + 16.50 EUR / 100 kg</c> is
/// min(9.10% + 45.10 EUR/100 kg, 18.90% + 16.50 EUR/100 kg). <c>X MIN Y</c> is max(X, Y) ("never below Y") and
/// <c>X MAX Y</c> is min(X, Y) ("never above Y"); in a chain the later bound wins when bounds conflict.</para>
/// <para><b>Exactness.</b> Every intermediate value is an exact fraction of a minor unit of the customs value's
/// currency (specific rates in another currency are converted exactly with the caller's rate); the result is rounded
/// once, at the end, with the caller's <see cref="RoundingMode"/>.</para>
/// <para><b>Errors.</b> A missing quantity, component, referenced duty, value basis, exchange rate or date is an
/// error that names it (<see cref="TryEvaluate"/> or <see cref="DutyEvaluationException"/>), never zero.</para>
/// <para><b>Allocation.</b> Evaluating allocates nothing: the value stack is on the thread's stack and inputs are
/// read from the caller's spans.</para>
/// <para>Immutable and safe to share between threads.</para>
/// </remarks>
public sealed class DutyExpression
{
    /// <summary>The deepest value stack an expression may need; parsers reject deeper ones.</summary>
    internal const int MaxStackDepth = 16;

    private readonly DutyNode[] _nodes;
    private readonly Range[] _alternatives;
    private readonly DutySeason[] _seasons;
    private readonly DutyRequirement[] _requirements;

    internal DutyExpression(string text, DutyExpressionSyntax syntax, DutyNode[] nodes, Range[] alternatives, DutySeason[] seasons, string? remarks)
    {
        Text = text;
        Syntax = syntax;
        _nodes = nodes;
        _alternatives = alternatives;
        _seasons = seasons;
        Remarks = remarks;
        foreach (var alternative in alternatives)
        {
            Validate(nodes.AsSpan(alternative));
        }
        _requirements = BuildRequirements();
        // One plain ad-valorem term on the customs value (or "Free"), in force all year: the common case, evaluated
        // by the money core's multiply-and-round, which rounds the same exact product once.
        if (seasons.Length == 0 && nodes.Length == 1 && nodes[0].Name is null
            && nodes[0].Kind is DutyNodeKind.AdValorem or DutyNodeKind.Free)
        {
            _plainAdValorem = true;
            _plainRate = nodes[0].Kind == DutyNodeKind.Free ? Rate.Zero : nodes[0].Rate;
        }
    }

    private readonly bool _plainAdValorem;
    private readonly Rate _plainRate;

    /// <summary>
    /// True when the expression is one plain ad-valorem term on the customs value (or "Free") in force all year, so
    /// that <see cref="TryEvaluate"/> is <c>CustomsValue.Multiply(rate, mode)</c> for any context with a currency.
    /// </summary>
    internal bool TryGetPlainAdValorem(out Rate rate)
    {
        rate = _plainRate;
        return _plainAdValorem;
    }

    /// <summary>The text the expression was parsed from.</summary>
    public string Text { get; }

    /// <summary>Which tariff's syntax the text was in.</summary>
    public DutyExpressionSyntax Syntax { get; }

    /// <summary>
    /// Notes that do not change the amount but should not be lost: conditions (HTS "Free, under bond, as prescribed
    /// in U.S. note 2"), note references, and readings the parser had to choose (TARIC "6.4 + 24.6 EUR/100 kg": a
    /// number without a unit read as a percentage). Null when there are none.
    /// </summary>
    public string? Remarks { get; }

    /// <summary>All nodes, every alternative's in turn, each in postfix order.</summary>
    public ReadOnlySpan<DutyNode> Nodes => _nodes;

    /// <summary>Number of alternatives: 1, or more for a seasonal rate.</summary>
    public int AlternativeCount => _alternatives.Length;

    /// <summary>The nodes of one alternative, in postfix order.</summary>
    public ReadOnlySpan<DutyNode> AlternativeNodes(int alternative) => _nodes.AsSpan(_alternatives[alternative]);

    /// <summary>The windows of a seasonal rate (empty otherwise).</summary>
    public IReadOnlyList<DutySeason> Seasons => _seasons;

    /// <summary>True for a seasonal rate, which needs <see cref="DutyContext.Date"/>.</summary>
    public bool IsSeasonal => _seasons.Length > 0;

    /// <summary>True when the whole expression is "Free".</summary>
    public bool IsFree => _nodes.Length == 1 && _nodes[0].Kind == DutyNodeKind.Free;

    /// <summary>What evaluating needs from the context, without duplicates.</summary>
    public IReadOnlyList<DutyRequirement> Requirements => _requirements;

    /// <summary>Evaluates and rounds once with <paramref name="mode"/>.</summary>
    /// <exception cref="DutyEvaluationException">An input is missing; the message names it.</exception>
    /// <exception cref="OverflowException">An intermediate value or the result does not fit.</exception>
    public Money Evaluate(in DutyContext context, RoundingMode mode)
    {
        if (!TryEvaluate(context, mode, out var duty, out var error))
        {
            TariffThrowHelper.ThrowEvaluation(error);
        }
        return duty;
    }

    /// <summary>Evaluates and rounds once with <paramref name="mode"/>; on a missing input, says which in <paramref name="error"/>.</summary>
    /// <exception cref="OverflowException">An intermediate value or the result does not fit.</exception>
    public bool TryEvaluate(in DutyContext context, RoundingMode mode, out Money duty, out DutyEvaluationError error)
    {
        if (_plainAdValorem && !context.Currency.IsNone)
        {
            duty = context.CustomsValue.Multiply(_plainRate, mode);
            error = default;
            return true;
        }
        if (!TryEvaluateExact(context, out var exact, out error))
        {
            duty = default;
            return false;
        }
        duty = exact.Round(mode);
        return true;
    }

    /// <summary>Evaluates exactly, without rounding.</summary>
    /// <exception cref="DutyEvaluationException">An input is missing; the message names it.</exception>
    public ExactAmount EvaluateExact(in DutyContext context)
    {
        if (!TryEvaluateExact(context, out var exact, out var error))
        {
            TariffThrowHelper.ThrowEvaluation(error);
        }
        return exact;
    }

    /// <summary>Evaluates exactly, without rounding; on a missing input, says which in <paramref name="error"/>.</summary>
    /// <exception cref="OverflowException">An intermediate value does not fit in 128 bits.</exception>
    [SkipLocalsInit]
    public bool TryEvaluateExact(in DutyContext context, out ExactAmount duty, out DutyEvaluationError error)
    {
        duty = default;
        var currency = context.Currency;
        if (currency.IsNone)
        {
            error = new DutyEvaluationError(DutyEvaluationErrorKind.MissingCustomsValue, Text);
            return false;
        }
        if (!TrySelectAlternative(context, out var alternative, out error))
        {
            return false;
        }
        var nodes = _nodes.AsSpan(_alternatives[alternative]);
        Span<Fraction> stack = stackalloc Fraction[MaxStackDepth];
        var depth = 0;
        foreach (ref readonly var node in nodes)
        {
            Fraction value;
            switch (node.Kind)
            {
                case DutyNodeKind.Add:
                    depth--;
                    stack[depth - 1] += stack[depth];
                    continue;
                case DutyNodeKind.Subtract:
                    depth--;
                    stack[depth - 1] -= stack[depth];
                    continue;
                case DutyNodeKind.Minimum:
                    depth--;
                    stack[depth - 1] = Fraction.Max(stack[depth - 1], stack[depth]);
                    continue;
                case DutyNodeKind.Maximum:
                    depth--;
                    stack[depth - 1] = Fraction.Min(stack[depth - 1], stack[depth]);
                    continue;
                case DutyNodeKind.Free:
                    value = Fraction.Zero;
                    break;
                case DutyNodeKind.AdValorem:
                    if (!TryAdValorem(node, context, out value, out error))
                    {
                        return false;
                    }
                    break;
                case DutyNodeKind.Specific:
                    if (!TrySpecific(node, context, out value, out error))
                    {
                        return false;
                    }
                    break;
                default: // AgriculturalComponent, ReferencedDuty
                    var kind = node.Kind == DutyNodeKind.AgriculturalComponent ? DutyInputKind.AgriculturalComponent : DutyInputKind.ReferencedDuty;
                    if (!TryInput(kind, node.Name!, context, out value, out error))
                    {
                        return false;
                    }
                    break;
            }
            stack[depth++] = value;
        }
        duty = new ExactAmount(stack[0], currency);
        error = default;
        return true;
    }

    private bool TrySelectAlternative(in DutyContext context, out int alternative, out DutyEvaluationError error)
    {
        alternative = 0;
        error = default;
        if (_seasons.Length == 0)
        {
            return true;
        }
        if (context.Date is not { } date)
        {
            error = new DutyEvaluationError(DutyEvaluationErrorKind.MissingDate, Text);
            return false;
        }
        var otherwise = -1;
        foreach (var season in _seasons)
        {
            if (season.IsOtherwise)
            {
                otherwise = season.Alternative;
            }
            else if (season.Contains(date))
            {
                alternative = season.Alternative;
                return true;
            }
        }
        if (otherwise >= 0)
        {
            alternative = otherwise;
            return true;
        }
        error = new DutyEvaluationError(DutyEvaluationErrorKind.NoRateForDate, Text, date: date);
        return false;
    }

    private bool TryAdValorem(in DutyNode node, in DutyContext context, out Fraction value, out DutyEvaluationError error)
    {
        Fraction basis;
        if (node.Name is null)
        {
            basis = Fraction.Whole(context.CustomsValue.MinorUnits);
        }
        else if (!TryInput(DutyInputKind.ValueBasis, node.Name, context, out basis, out error))
        {
            value = default;
            return false;
        }
        value = basis * Fraction.Create(node.Rate.Numerator, node.Rate.Denominator);
        error = default;
        return true;
    }

    private bool TrySpecific(in DutyNode node, in DutyContext context, out Fraction value, out DutyEvaluationError error)
    {
        if (!node.Unit.TryMeasure(context.Quantities, out var quantity, out var missing))
        {
            value = default;
            error = missing == QuantityKind.Named
                ? new DutyEvaluationError(DutyEvaluationErrorKind.MissingNamedQuantity, Text, missing, node.Unit.Key)
                : new DutyEvaluationError(DutyEvaluationErrorKind.MissingQuantity, Text, missing);
            return false;
        }
        var amount = quantity * Fraction.Create(node.Rate.Numerator, node.Rate.Denominator);
        return TryConvert(amount, node.Currency, context, out value, out error);
    }

    private bool TryInput(DutyInputKind kind, string name, in DutyContext context, out Fraction value, out DutyEvaluationError error)
    {
        foreach (ref readonly var input in context.Inputs)
        {
            if (input.Kind == kind && string.Equals(input.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return TryConvert(Fraction.Whole(input.Amount.MinorUnits), input.Amount.Currency, context, out value, out error);
            }
        }
        value = default;
        var errorKind = kind switch
        {
            DutyInputKind.AgriculturalComponent => DutyEvaluationErrorKind.MissingAgriculturalComponent,
            DutyInputKind.ReferencedDuty => DutyEvaluationErrorKind.MissingReferencedDuty,
            _ => DutyEvaluationErrorKind.MissingValueBasis,
        };
        error = new DutyEvaluationError(errorKind, Text, name: name);
        return false;
    }

    /// <summary>
    /// Converts an exact amount in minor units of <paramref name="from"/> to minor units of the context's currency:
    /// minor_to = minor_from × rate × 10^(digits_to − digits_from), with no rounding.
    /// </summary>
    private bool TryConvert(Fraction amount, Currency from, in DutyContext context, out Fraction value, out DutyEvaluationError error)
    {
        var to = context.Currency;
        error = default;
        if (from == to)
        {
            value = amount;
            return true;
        }
        foreach (ref readonly var rate in context.Rates)
        {
            Fraction factor;
            if (rate.Base == from && rate.Quote == to)
            {
                factor = Fraction.Create(rate.Numerator, rate.Denominator);
            }
            else if (rate.Base == to && rate.Quote == from)
            {
                factor = Fraction.Create(rate.Denominator, rate.Numerator);
            }
            else
            {
                continue;
            }
            var shift = to.MinorUnits - from.MinorUnits;
            var scale = shift >= 0
                ? Fraction.Whole(CurrencyTable.Pow10[shift])
                : Fraction.Create(1, CurrencyTable.Pow10[-shift]);
            value = amount * factor * scale;
            return true;
        }
        value = default;
        error = new DutyEvaluationError(DutyEvaluationErrorKind.MissingExchangeRate, Text, name: to.Code, currency: from);
        return false;
    }

    private static void Validate(ReadOnlySpan<DutyNode> nodes)
    {
        var depth = 0;
        foreach (var node in nodes)
        {
            depth += node.IsOperator ? -1 : 1;
            if (depth < 1 || depth > MaxStackDepth)
            {
                ThrowHelper.ThrowArgument(string.Create(CultureInfo.InvariantCulture, $"Not a well-formed postfix expression, or deeper than {MaxStackDepth} values."), nameof(nodes));
            }
        }
        if (depth != 1)
        {
            ThrowHelper.ThrowArgument("A postfix expression must leave exactly one value.", nameof(nodes));
        }
    }

    private DutyRequirement[] BuildRequirements()
    {
        var list = new List<DutyRequirement>();
        void Add(DutyRequirement requirement)
        {
            if (!list.Contains(requirement))
            {
                list.Add(requirement);
            }
        }
        foreach (var node in _nodes)
        {
            switch (node.Kind)
            {
                case DutyNodeKind.AdValorem:
                    Add(node.Name is null
                        ? new DutyRequirement(DutyRequirementKind.CustomsValue)
                        : new DutyRequirement(DutyRequirementKind.ValueBasis, name: node.Name));
                    break;
                case DutyNodeKind.Specific:
                    if (node.Unit.Quantity == QuantityKind.Named)
                    {
                        Add(new DutyRequirement(DutyRequirementKind.NamedQuantity, name: node.Unit.Key));
                    }
                    else
                    {
                        Add(new DutyRequirement(DutyRequirementKind.Quantity, node.Unit.Quantity));
                        if (node.Unit.SecondQuantity != QuantityKind.None)
                        {
                            Add(new DutyRequirement(DutyRequirementKind.Quantity, node.Unit.SecondQuantity));
                        }
                    }
                    Add(new DutyRequirement(DutyRequirementKind.ExchangeRate, currency: node.Currency));
                    break;
                case DutyNodeKind.AgriculturalComponent:
                    Add(new DutyRequirement(DutyRequirementKind.AgriculturalComponent, name: node.Name));
                    break;
                case DutyNodeKind.ReferencedDuty:
                    Add(new DutyRequirement(DutyRequirementKind.ReferencedDuty, name: node.Name));
                    break;
                default:
                    break;
            }
        }
        if (_seasons.Length > 0)
        {
            Add(new DutyRequirement(DutyRequirementKind.Date));
        }
        return [.. list];
    }

    /// <summary>
    /// A canonical, invariant rendering: <c>37.5 USD/100 kg</c>-style specific rates with currency codes,
    /// <c>MIN</c>/<c>MAX</c>, referenced duties in braces (<c>{applicable subheading} + 25%</c>), seasonal windows in
    /// parentheses. For display and explanations; parse tariff texts with <see cref="DutyExpressionParser"/>.
    /// </summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        for (var a = 0; a < _alternatives.Length; a++)
        {
            if (a > 0)
            {
                builder.Append(", ");
            }
            builder.Append(Render(AlternativeNodes(a)));
            var first = true;
            foreach (var season in _seasons)
            {
                if (season.Alternative != a || season.IsOtherwise)
                {
                    continue;
                }
                builder.Append(first ? " (" : ", ").Append(season.ToString());
                first = false;
            }
            if (!first)
            {
                builder.Append(')');
            }
        }
        return builder.ToString();
    }

    private static string Render(ReadOnlySpan<DutyNode> nodes)
    {
        var stack = new Stack<(string Text, int Precedence)>();
        foreach (var node in nodes)
        {
            if (!node.IsOperator)
            {
                stack.Push((RenderTerm(node), 3));
                continue;
            }
            var (symbol, precedence) = node.Kind switch
            {
                DutyNodeKind.Add => (" + ", 2),
                DutyNodeKind.Subtract => (" - ", 2),
                DutyNodeKind.Minimum => (" MIN ", 1),
                _ => (" MAX ", 1),
            };
            var right = stack.Pop();
            var left = stack.Pop();
            var leftText = left.Precedence < precedence ? $"({left.Text})" : left.Text;
            var rightText = right.Precedence <= precedence ? $"({right.Text})" : right.Text;
            stack.Push((leftText + symbol + rightText, precedence));
        }
        return stack.Pop().Text;
    }

    private static string RenderTerm(in DutyNode node) => node.Kind switch
    {
        DutyNodeKind.Free => "Free",
        DutyNodeKind.AdValorem => node.Name is null ? RenderPercent(node.Rate) : $"{RenderPercent(node.Rate)} on {{{node.Name}}}",
        DutyNodeKind.Specific => $"{RenderAmount(node.Rate, node.Currency)} {node.Currency.Code}/{node.Unit.Name}",
        DutyNodeKind.AgriculturalComponent => node.Name!,
        _ => $"{{{node.Name}}}",
    };

    /// <summary>14.9%, or 100/3% for 33 1/3%.</summary>
    private static string RenderPercent(Rate rate)
    {
        var percent = rate * Rate.FromRatio(100, 1);
        var d = percent.Denominator;
        while (d % 2 == 0) { d /= 2; }
        while (d % 5 == 0) { d /= 5; }
        return d == 1
            ? percent.ToDecimal().ToString("0.##########", CultureInfo.InvariantCulture) + "%"
            : string.Create(CultureInfo.InvariantCulture, $"{percent.Numerator}/{percent.Denominator}%");
    }

    private static string RenderAmount(Rate minorUnits, Currency currency)
    {
        var scale = CurrencyTable.Pow10[currency.MinorUnits];
        var d = minorUnits.Denominator;
        while (d % 2 == 0) { d /= 2; }
        while (d % 5 == 0) { d /= 5; }
        return d == 1
            ? (minorUnits.ToDecimal() / scale).ToString("0.##########", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{minorUnits.Numerator}/{minorUnits.Denominator * scale}");
    }
}
