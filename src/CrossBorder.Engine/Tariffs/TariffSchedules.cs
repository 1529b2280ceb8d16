namespace CrossBorder.Engine.Tariffs;

/// <summary>The schedules of several destinations, by destination code (<c>US</c>, <c>EU</c>, <c>DE</c>, ...).</summary>
public sealed class TariffSchedules
{
    private readonly Dictionary<string, TariffSchedule> _byDestination = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The destinations present.</summary>
    public IEnumerable<string> Destinations => _byDestination.Keys;

    /// <summary>Adds or replaces a destination's schedule.</summary>
    public void Set(TariffSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        _byDestination[schedule.Destination] = schedule;
    }

    /// <summary>The schedule of a destination.</summary>
    public bool TryGet(string destination, out TariffSchedule schedule) => _byDestination.TryGetValue(destination, out schedule!);

    /// <summary>The schedule of a destination.</summary>
    /// <exception cref="KeyNotFoundException">No schedule for it; the message names it.</exception>
    public TariffSchedule Get(string destination) =>
        _byDestination.TryGetValue(destination, out var schedule)
            ? schedule
            : throw new KeyNotFoundException($"No tariff schedule for destination '{destination}'. Loaded: {string.Join(", ", _byDestination.Keys.Order(StringComparer.Ordinal))}.");
}
