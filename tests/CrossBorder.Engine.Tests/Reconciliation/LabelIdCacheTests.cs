using System.Text;
using CrossBorder.Engine.Reconciliation;

namespace CrossBorder.Engine.Tests.Reconciliation;

/// <summary>The workers' label-id cache: labels up to 16 bytes held inline as two words, longer ones checked against the table.</summary>
public class LabelIdCacheTests
{
    // Labels that differ in one byte at the start, in the middle and at the end, of every length from 1 to 40: those of
    // 8 to 16 bytes are held as two overlapping words, those past 16 only by their first and last 8 bytes.
    private static IEnumerable<string> NearMisses()
    {
        for (var length = 1; length <= 40; length++)
        {
            var label = new string('m', length);
            yield return label;
            foreach (var at in new[] { 0, length / 2, length - 1 })
            {
                var chars = label.ToCharArray();
                chars[at] = 'x';
                yield return new string(chars);
            }
        }
    }

    [Fact]
    public void Every_label_gets_the_table_s_id_and_near_misses_are_not_confused()
    {
        var table = new LabelTable();
        var cache = new LabelIdCache();
        var labels = NearMisses().Distinct(StringComparer.Ordinal).ToArray();
        var ids = new Dictionary<string, ushort>(StringComparer.Ordinal);
        // Three passes in different orders: the first interns, the others hit or collide in the 64 places.
        foreach (var pass in new[] { labels, labels.Reverse().ToArray(), labels.Where((_, i) => i % 3 == 1).Concat(labels).ToArray() })
        {
            foreach (var label in pass)
            {
                var bytes = Encoding.ASCII.GetBytes(label);
                Assert.True(cache.TryGetId(table, bytes, out var id));
                Assert.Equal(label, Encoding.ASCII.GetString(table[id]));
                if (ids.TryGetValue(label, out var earlier))
                {
                    Assert.Equal(earlier, id);
                }
                ids[label] = id;
            }
        }
        Assert.Equal(labels.Length, ids.Values.Distinct().Count());
    }

    [Fact]
    public void Markets_and_categories_read_line_after_line_stay_cached()
    {
        // The labels one worker's cache holds in a real run: ISO market codes and the usual marketplace categories (the
        // generator's and more). With one place per label two of them shared a place and evicted each other on every
        // line, each time a locked table look-up; with two places, once every label was seen, no look-up misses.
        string[] labels =
        [
            "US", "DE", "FR", "GB", "JP", "KW", "CA", "AU", "SE", "PL", "IT", "ES", "NL", "BE", "MX", "BR", "IN", "AE", "SA", "SG",
            "apparel", "electronics", "home", "beauty", "toys", "books", "sports", "grocery", "automotive", "garden",
        ];
        var table = new LabelTable();
        var cache = new LabelIdCache();
        foreach (var label in labels)
        {
            Assert.True(cache.TryGetId(table, Encoding.ASCII.GetBytes(label), out _));
        }
        var misses = cache.Misses;
        for (var line = 0; line < 100; line++)
        {
            var label = labels[line * 7 % labels.Length];
            Assert.True(cache.TryGetId(table, Encoding.ASCII.GetBytes(label), out var id));
            Assert.Equal(label, Encoding.ASCII.GetString(table[id]));
        }
        Assert.Equal(labels.Length, misses);
        Assert.Equal(misses, cache.Misses);
    }

    [Theory]
    [InlineData("amazon.de", "amazon.fr")]     // 9 bytes: the words overlap
    [InlineData("principal", "principaL")]
    [InlineData("categoryXsubgroup", "categoryYsubgroup")] // 17 bytes: byte 8 is in neither word
    [InlineData("a", "b")]
    public void Two_labels_that_differ_get_two_ids(string first, string second)
    {
        var table = new LabelTable();
        var cache = new LabelIdCache();
        Assert.True(cache.TryGetId(table, Encoding.ASCII.GetBytes(first), out var a));
        Assert.True(cache.TryGetId(table, Encoding.ASCII.GetBytes(second), out var b));
        Assert.True(cache.TryGetId(table, Encoding.ASCII.GetBytes(first), out var again));
        Assert.NotEqual(a, b);
        Assert.Equal(a, again);
    }

    [Fact]
    public void A_full_table_is_reported_and_nothing_is_cached()
    {
        var table = new LabelTable(limit: 2);
        var cache = new LabelIdCache();
        Assert.True(cache.TryGetId(table, "one"u8, out _));
        Assert.True(cache.TryGetId(table, "two"u8, out _));
        Assert.False(cache.TryGetId(table, "three"u8, out var none));
        Assert.Equal(0, none);
        Assert.False(cache.TryGetId(table, "three"u8, out _));
    }

    [Theory]
    [InlineData("", 0UL, 0UL)]
    [InlineData("ab", 0x6261UL, 0UL)]
    [InlineData("abcdefgh", 0x6867666564636261UL, 0x6867666564636261UL)]
    [InlineData("abcdefghi", 0x6867666564636261UL, 0x6968676665646362UL)]
    public void Words_are_the_first_and_last_eight_bytes(string label, ulong head, ulong tail)
    {
        Assert.Equal((head, tail), LabelIdCache.Words(Encoding.ASCII.GetBytes(label)));
    }
}
