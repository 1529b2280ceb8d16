using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace CrossBorder.Engine.Tests.Settlements;

/// <summary>
/// Random byte edits of a file for the reader fuzz properties: delete, insert or replace one byte, or truncate,
/// with the inserted and replacing bytes drawn from the bytes that matter to CSV, numbers and UTF-8.
/// </summary>
internal static class ByteEdits
{
    /// <summary>Separators, quotes, line breaks, signs, digits, letters, a UTF-8 lead byte, a byte that is never UTF-8, and NUL.</summary>
    public static readonly byte[] Interesting = ",\"\n\r-.0159 aZ"u8.ToArray().Concat(new byte[] { 0xC3, 0xFF, 0 }).ToArray();

    /// <summary>One edit: kind (0 delete, 1 insert, 2 replace, 3 truncate), a position (modulo the length) and a byte.</summary>
    public static Gen<(int Kind, int Position, byte Value)> Edit => EditOf(Interesting);

    /// <summary>Like <see cref="Edit"/>, with the inserted and replacing bytes drawn from <paramref name="values"/>.</summary>
    public static Gen<(int Kind, int Position, byte Value)> EditOf(byte[] values) =>
        from kind in Gen.Choose(0, 3)
        from position in Gen.Choose(0, 10_000)
        from value in Gen.Elements(values)
        select (kind, position, value);

    /// <summary>Up to <paramref name="most"/> edits.</summary>
    public static Arbitrary<(int Kind, int Position, byte Value)[]> Edits(int most = 6, byte[]? values = null) =>
        Gen.ListOf(values is null ? Edit : EditOf(values)).Select(e => e.Take(most).ToArray()).ToArbitrary();

    /// <summary>The edits applied in order to a copy of <paramref name="source"/>.</summary>
    public static byte[] Apply(byte[] source, IEnumerable<(int Kind, int Position, byte Value)> edits)
    {
        var bytes = source.ToList();
        foreach (var (kind, position, value) in edits)
        {
            var at = bytes.Count == 0 ? 0 : position % (bytes.Count + (kind == 1 ? 1 : 0));
            switch (kind)
            {
                case 0 when bytes.Count > 0:
                    bytes.RemoveAt(at);
                    break;
                case 1:
                    bytes.Insert(at, value);
                    break;
                case 2 when bytes.Count > 0:
                    bytes[at] = value;
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }
        return [.. bytes];
    }

    /// <summary>
    /// A real file in ../shared (test input under its own licence, read where it is and never copied into the
    /// repository): <paramref name="check"/> holds for it unedited and for <paramref name="maxTest"/> random edits of it.
    /// When the file is absent, <see cref="SharedData.TryGetPath"/> decides (a notice, or a failure on CI).
    /// </summary>
    public static void CheckSharedFile(string relativePath, ITestOutputHelper output, int maxTest, Action<byte[]> check)
    {
        if (!SharedData.TryGetPath(relativePath, output, out var path))
        {
            return;
        }
        var real = File.ReadAllBytes(path);
        check(real);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(maxTest), Prop.ForAll(Edits(), edits => check(Apply(real, edits))));
    }
}
