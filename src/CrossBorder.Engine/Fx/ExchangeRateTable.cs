using System.Globalization;
using System.Runtime.InteropServices;
using CrossBorder.Engine.Internal;

namespace CrossBorder.Engine.Fx;

/// <summary>
/// Exchange rates keyed by currency pair and validity window (inclusive dates). A rate is found directly, as the
/// inverse of the opposite pair, or as a cross rate through the pivot currency (EUR for ECB data) — all exact.
/// </summary>
/// <remarks>Build the table once, then read it from any number of threads; adding is not thread-safe.</remarks>
public sealed class ExchangeRateTable
{
    private readonly Dictionary<int, List<Window>> _byPair = [];

    /// <summary>Creates an empty table whose cross rates go through <paramref name="pivot"/>.</summary>
    public ExchangeRateTable(Currency pivot) => Pivot = pivot;

    /// <summary>Creates an empty table whose cross rates go through EUR.</summary>
    public ExchangeRateTable()
        : this(Currency.EUR)
    {
    }

    /// <summary>The currency through which cross rates are computed.</summary>
    public Currency Pivot { get; }

    /// <summary>Number of (pair, window) entries.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="rate"/>, valid from <paramref name="validFrom"/> to <paramref name="validTo"/> inclusive.</summary>
    /// <exception cref="ArgumentException">The window is empty or overlaps another window of the same pair.</exception>
    public void Add(ExchangeRate rate, DateOnly validFrom, DateOnly validTo)
    {
        if (validTo < validFrom)
        {
            ThrowHelper.ThrowArgument(string.Create(CultureInfo.InvariantCulture, $"The window {validFrom:yyyy-MM-dd}..{validTo:yyyy-MM-dd} is empty."), nameof(validTo));
        }
        if (rate.Base == rate.Quote)
        {
            ThrowHelper.ThrowArgument($"A rate of {rate.Base} to itself is always 1.", nameof(rate));
        }
        var key = Key(rate.Base, rate.Quote);
        if (!_byPair.TryGetValue(key, out var windows))
        {
            windows = [];
            _byPair.Add(key, windows);
        }
        var entry = new Window(validFrom.DayNumber, validTo.DayNumber, rate);
        var index = windows.BinarySearch(entry, Window.ByStart.Instance);
        if (index >= 0)
        {
            ThrowOverlap(rate, validFrom);
        }
        index = ~index;
        if ((index > 0 && windows[index - 1].To >= entry.From) || (index < windows.Count && windows[index].From <= entry.To))
        {
            ThrowOverlap(rate, validFrom);
        }
        windows.Insert(index, entry);
        Count++;
    }

    /// <summary>Adds a rate valid on one day.</summary>
    public void Add(ExchangeRate rate, DateOnly date) => Add(rate, date, date);

    /// <summary>
    /// Finds the rate from <paramref name="from"/> to <paramref name="to"/> in force on <paramref name="date"/>:
    /// stored directly, as the inverse of the stored opposite pair, or crossed through <see cref="Pivot"/>.
    /// </summary>
    public bool TryGetRate(Currency from, Currency to, DateOnly date, out ExchangeRate rate)
    {
        if (from == to)
        {
            rate = ExchangeRate.Identity(from);
            return true;
        }
        if (TryGetStoredOrInverse(from, to, date.DayNumber, out rate))
        {
            return true;
        }
        if (from != Pivot && to != Pivot
            && TryGetStoredOrInverse(from, Pivot, date.DayNumber, out var toPivot)
            && TryGetStoredOrInverse(Pivot, to, date.DayNumber, out var fromPivot))
        {
            rate = toPivot.Then(fromPivot);
            return true;
        }
        rate = default;
        return false;
    }

    /// <summary>The rate in force on <paramref name="date"/> (see <see cref="TryGetRate"/>).</summary>
    /// <exception cref="MissingExchangeRateException">No rate is known for the pair on that date.</exception>
    public ExchangeRate GetRate(Currency from, Currency to, DateOnly date)
    {
        if (!TryGetRate(from, to, date, out var rate))
        {
            throw new MissingExchangeRateException(from, to, date);
        }
        return rate;
    }

    /// <summary>The first day of the window of the stored rate for the pair (or its inverse) in force on a date.</summary>
    public bool TryGetWindowStart(Currency from, Currency to, DateOnly date, out DateOnly start)
    {
        if (TryFind(Key(from, to), date.DayNumber, out var window) || TryFind(Key(to, from), date.DayNumber, out window))
        {
            start = DateOnly.FromDayNumber(window.From);
            return true;
        }
        start = default;
        return false;
    }

    private bool TryGetStoredOrInverse(Currency from, Currency to, int day, out ExchangeRate rate)
    {
        if (TryFind(Key(from, to), day, out var window))
        {
            rate = window.Rate;
            return true;
        }
        if (TryFind(Key(to, from), day, out window))
        {
            rate = window.Rate.Inverse();
            return true;
        }
        rate = default;
        return false;
    }

    private bool TryFind(int key, int day, out Window found)
    {
        if (_byPair.TryGetValue(key, out var list))
        {
            var windows = CollectionsMarshal.AsSpan(list);
            int lo = 0, hi = windows.Length - 1;
            while (lo <= hi)
            {
                var mid = (lo + hi) >>> 1;
                ref readonly var w = ref windows[mid];
                if (day < w.From)
                {
                    hi = mid - 1;
                }
                else if (day > w.To)
                {
                    lo = mid + 1;
                }
                else
                {
                    found = w;
                    return true;
                }
            }
        }
        found = default;
        return false;
    }

    private static int Key(Currency from, Currency to) => (from.Index << 16) | to.Index;

    private static void ThrowOverlap(ExchangeRate rate, DateOnly validFrom) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"A rate {rate.Base}/{rate.Quote} valid on {validFrom:yyyy-MM-dd} overlaps a rate already in the table."), nameof(rate));

    private readonly record struct Window(int From, int To, ExchangeRate Rate)
    {
        internal sealed class ByStart : IComparer<Window>
        {
            internal static readonly ByStart Instance = new();

            public int Compare(Window x, Window y) => x.From.CompareTo(y.From);
        }
    }
}
