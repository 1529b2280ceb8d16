namespace CrossBorder.Engine.Tariffs;

/// <summary>Collects codes and measures, then builds an immutable <see cref="TariffSchedule"/>.</summary>
public sealed class TariffScheduleBuilder
{
    private readonly string _destination;
    private readonly Dictionary<TariffCode, List<Measure>> _byCode = [];
    private readonly List<Measure> _destinationWide = [];
    private readonly HashSet<TariffCode> _listed = [];

    internal TariffScheduleBuilder(string destination)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        _destination = destination;
    }

    /// <summary>The destination.</summary>
    public string Destination => _destination;

    /// <summary>Lists a code (a line of the tariff), with or without measures of its own.</summary>
    public TariffScheduleBuilder AddCode(TariffCode code)
    {
        if (code.IsEmpty)
        {
            throw new ArgumentException("A listed code cannot be empty.", nameof(code));
        }
        _listed.Add(code);
        return this;
    }

    /// <summary>Attaches a measure to a code prefix (which becomes listed), or to the whole destination when <paramref name="code"/> is empty (<c>*</c>).</summary>
    public TariffScheduleBuilder AddMeasure(TariffCode code, Measure measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        if (code.IsEmpty)
        {
            _destinationWide.Add(measure);
            return this;
        }
        if (!_byCode.TryGetValue(code, out var list))
        {
            list = [];
            _byCode.Add(code, list);
        }
        list.Add(measure);
        _listed.Add(code);
        return this;
    }

    /// <summary>Builds the schedule.</summary>
    public TariffSchedule Build()
    {
        var trie = new DigitTrie(Math.Max(1024, _listed.Count * 2));
        var nodes = new List<(int Node, TariffCode Code)>();
        foreach (var code in _listed.Order())
        {
            nodes.Add((trie.GetOrAdd(code), code));
        }
        var payloadCount = nodes.Count + 1;
        var starts = new int[payloadCount];
        var counts = new int[payloadCount];
        var listed = new bool[payloadCount];
        var measures = new List<Measure>(_byCode.Values.Sum(l => l.Count) + _destinationWide.Count);

        // Payload 0 is the root (destination-wide measures).
        trie.SetPayload(0, 0);
        starts[0] = 0;
        counts[0] = _destinationWide.Count;
        measures.AddRange(_destinationWide);
        for (var i = 0; i < nodes.Count; i++)
        {
            var payload = i + 1;
            trie.SetPayload(nodes[i].Node, payload);
            listed[payload] = true;
            starts[payload] = measures.Count;
            if (_byCode.TryGetValue(nodes[i].Code, out var list))
            {
                measures.AddRange(list);
                counts[payload] = list.Count;
            }
        }
        trie.Compact();
        var index = PrefixIndex.Build(
            [.. nodes.Select(n => (n.Code, _byCode.TryGetValue(n.Code, out var list) ? (IReadOnlyList<Measure>)list : []))],
            _destinationWide);
        return new TariffSchedule(_destination, trie, [.. measures], starts, counts, listed, nodes.Count, index);
    }
}
