using System.Numerics;
using System.Runtime.CompilerServices;
using CrossBorder.Engine.Internal;

namespace CrossBorder.Engine.Tariffs;

/// <summary>
/// The quantities of one customs line that specific duties are measured in: net mass, items, litres, %vol,
/// %sucrose... Each is exact (see <see cref="Quantity"/>) and either present or absent: a duty that needs an absent
/// quantity is an evaluation error naming it, never zero.
/// </summary>
/// <remarks>
/// Immutable: <see cref="With(QuantityKind, Quantity)"/> returns a copy. Up to four fixed kinds live inline (no heap;
/// a fifth moves them to one array, allocated once when the value is built); quantities supplied by name (<see cref="WithNamed(string, Quantity)"/>) are kept in a small array built with the
/// line, so reading never allocates.
/// </remarks>
public readonly struct DutyQuantities : IEquatable<DutyQuantities>
{
    private const int KindCount = (int)QuantityKind.Named;
    private const int InlineCapacity = 4;

    // A line carries a few quantities (a customs line: net mass and one or two supplementary units), so the values of
    // the present kinds are stored inline in kind order, found by the rank of the kind's bit in _present: 56 bytes
    // instead of one slot per kind (216), which keeps a ShipmentLine within a few cache lines. A fifth
    // kind moves every value to _all, indexed by kind (one allocation when such a value is built, none to read).
    private readonly InlineValues _values;
    private readonly uint _present;
    private readonly long[]? _all;
    private readonly NamedQuantity[]? _named;

    private DutyQuantities(InlineValues values, uint present, long[]? all, NamedQuantity[]? named)
    {
        _values = values;
        _present = present;
        _all = all;
        _named = named;
    }

    /// <summary>No quantities.</summary>
    public static DutyQuantities None => default;

    /// <summary>The quantities supplied by name.</summary>
    public ReadOnlySpan<NamedQuantity> NamedQuantities => _named;

    /// <summary>A copy with <paramref name="kind"/> set to <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The kind is <see cref="QuantityKind.None"/>, <see cref="QuantityKind.Named"/> or unknown.</exception>
    public DutyQuantities With(QuantityKind kind, Quantity value)
    {
        if (kind is QuantityKind.None or >= QuantityKind.Named)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(kind), kind, "Give a fixed quantity kind; use WithNamed for named quantities.");
        }
        var present = _present | (1u << (int)kind);
        if (_all is null && BitOperations.PopCount(present) <= InlineCapacity)
        {
            var values = default(InlineValues);
            var rank = 0;
            for (var rest = present; rest != 0; rest &= rest - 1)
            {
                var k = BitOperations.TrailingZeroCount(rest);
                values[rank++] = k == (int)kind ? value.Thousandths : RawValue(k);
            }
            return new DutyQuantities(values, present, null, _named);
        }
        var all = new long[KindCount];
        for (var rest = _present; rest != 0; rest &= rest - 1)
        {
            var k = BitOperations.TrailingZeroCount(rest);
            all[k] = RawValue(k);
        }
        all[(int)kind] = value.Thousandths;
        return new DutyQuantities(default, present, all, _named);
    }

    /// <summary>The stored thousandths of a present kind.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long RawValue(int kind) =>
        _all is { } all ? all[kind] : _values[BitOperations.PopCount(_present & ((1u << kind) - 1))];

    /// <summary>A copy with <paramref name="kind"/> set to <paramref name="value"/>, exactly (at most three decimals).</summary>
    public DutyQuantities With(QuantityKind kind, decimal value) => With(kind, Quantity.FromDecimal(value));

    /// <summary>A copy with the named quantity <paramref name="key"/> set (replacing one of the same name).</summary>
    public DutyQuantities WithNamed(string key, Quantity value)
    {
        var entry = new NamedQuantity(key, value);
        var current = _named ?? [];
        for (var i = 0; i < current.Length; i++)
        {
            if (string.Equals(current[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                var replaced = (NamedQuantity[])current.Clone();
                replaced[i] = entry;
                return new DutyQuantities(_values, _present, _all, replaced);
            }
        }
        NamedQuantity[] added = [.. current, entry];
        return new DutyQuantities(_values, _present, _all, added);
    }

    /// <summary>The quantity of <paramref name="kind"/>, when present.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(QuantityKind kind, out Quantity value)
    {
        var index = (int)kind;
        if ((uint)index < KindCount && (_present & (1u << index)) != 0)
        {
            value = Quantity.FromThousandths(RawValue(index));
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>The quantity supplied under <paramref name="key"/> (ignoring case), when present.</summary>
    public bool TryGetNamed(string key, out Quantity value)
    {
        var named = _named;
        if (named is not null)
        {
            for (var i = 0; i < named.Length; i++)
            {
                if (string.Equals(named[i].Key, key, StringComparison.OrdinalIgnoreCase))
                {
                    value = named[i].Value;
                    return true;
                }
            }
        }
        value = default;
        return false;
    }

    /// <summary>
    /// Whether both hold the same quantities: the same fixed kinds with the same values, and the same named quantities
    /// in any order (names compared ignoring case).
    /// </summary>
    public bool Equals(DutyQuantities other)
    {
        if (_present != other._present)
        {
            return false;
        }
        for (var kind = 0; kind < KindCount; kind++)
        {
            if ((_present & (1u << kind)) != 0 && RawValue(kind) != other.RawValue(kind))
            {
                return false;
            }
        }
        var mine = NamedQuantities;
        var theirs = other.NamedQuantities;
        if (mine.Length != theirs.Length)
        {
            return false;
        }
        foreach (var named in mine)
        {
            if (!other.TryGetNamed(named.Key, out var value) || value != named.Value)
            {
                return false;
            }
        }
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DutyQuantities other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_present);
        for (var kind = 0; kind < KindCount; kind++)
        {
            if ((_present & (1u << kind)) != 0)
            {
                hash.Add(RawValue(kind));
            }
        }
        hash.Add(NamedQuantities.Length);
        return hash.ToHashCode();
    }

    /// <summary>Equality (see <see cref="Equals(DutyQuantities)"/>).</summary>
    public static bool operator ==(DutyQuantities left, DutyQuantities right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(DutyQuantities left, DutyQuantities right) => !left.Equals(right);

    /// <summary>Inline storage for the values of up to <see cref="InlineCapacity"/> present kinds, in kind order.</summary>
    [InlineArray(InlineCapacity)]
    private struct InlineValues
    {
        private long _element;
    }
}
