using System.Runtime.CompilerServices;

namespace CrossBorder.Engine.Tariffs;

/// <summary>
/// A trie over decimal digits in two flat arrays (no node objects): ten child slots per node and one payload per
/// node. Built once; lookups walk at most <see cref="TariffCode.MaxDigits"/> nodes and allocate nothing.
/// </summary>
internal sealed class DigitTrie
{
    private int[] _children;  // node * 10 + digit -> child node, 0 = none (the root is never a child)
    private int[] _payload;   // node -> payload, -1 = none
    private int _count;

    public DigitTrie(int capacity = 1024)
    {
        _children = new int[capacity * 10];
        _payload = new int[capacity];
        _payload.AsSpan().Fill(-1);
        _count = 1; // the root
    }

    /// <summary>Number of nodes, the root included.</summary>
    public int NodeCount => _count;

    /// <summary>The node of <paramref name="code"/>, created with its ancestors if missing.</summary>
    public int GetOrAdd(TariffCode code)
    {
        Span<byte> digits = stackalloc byte[TariffCode.MaxDigits];
        code.TryWriteDigits(digits, out var n);
        var node = 0;
        for (var i = 0; i < n; i++)
        {
            var slot = node * 10 + (digits[i] - '0');
            var child = _children[slot];
            if (child == 0)
            {
                child = NewNode();
                _children[slot] = child;
            }
            node = child;
        }
        return node;
    }

    /// <summary>Sets the payload of a node.</summary>
    public void SetPayload(int node, int payload) => _payload[node] = payload;

    /// <summary>The payload of a node, or −1.</summary>
    public int PayloadOf(int node) => _payload[node];

    /// <summary>
    /// Walks <paramref name="digits"/> (ASCII '0'–'9' only) from the root and writes, for each depth reached, the
    /// node's payload into <paramref name="payloadByDepth"/> (index 0 is the root, so a code's depth is its length).
    /// Returns the deepest depth reached (the number of leading digits present in the trie).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Walk(ReadOnlySpan<byte> digits, Span<int> payloadByDepth)
    {
        var children = _children;
        var payload = _payload;
        var node = 0;
        payloadByDepth[0] = payload[0];
        var depth = 0;
        // The digits were validated by the caller; the index arithmetic cannot overflow (bounded node count).
        unchecked
        {
            while (depth < digits.Length)
            {
                var child = children[node * 10 + (digits[depth] - '0')];
                if (child == 0)
                {
                    break;
                }
                node = child;
                depth++;
                payloadByDepth[depth] = payload[node];
            }
        }
        return depth;
    }

    /// <summary>Trims the arrays to the nodes in use.</summary>
    public void Compact()
    {
        Array.Resize(ref _children, _count * 10);
        Array.Resize(ref _payload, _count);
    }

    /// <summary>Bytes held by the arrays.</summary>
    public long MemoryBytes => (_children.LongLength + _payload.LongLength) * sizeof(int);

    private int NewNode()
    {
        if (_count == _payload.Length)
        {
            var grown = _payload.Length * 2;
            Array.Resize(ref _children, grown * 10);
            var oldLength = _payload.Length;
            Array.Resize(ref _payload, grown);
            _payload.AsSpan(oldLength).Fill(-1);
        }
        return _count++;
    }
}
