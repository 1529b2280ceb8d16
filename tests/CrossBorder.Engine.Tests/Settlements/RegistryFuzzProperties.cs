using CrossBorder.Engine.Settlements;
using CrossBorder.Engine.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrossBorder.Engine.Tests.Settlements;

/// <summary>
/// Random bytes (not edits of a valid file) fed to every reader of the format registry and to detection: nothing but
/// <see cref="InputFormatException"/> may escape. A reader added to the registry is covered without changing this.
/// </summary>
public class RegistryFuzzProperties
{
    // Bytes that steer CSV, numbers, dates and encodings, a UTF-8 lead byte, bytes that are never UTF-8, NUL and the UTF-16 BOM bytes.
    private static readonly byte[] s_biased = [.. ",\"\n\r\t-.0159 aZ"u8, 0xC3, 0xFF, 0x00, 0xFE, 0xFF];

    /// <summary>Every reader the registry has: one for each format that has a reader (the canonical CSV has none).</summary>
    private static readonly ISettlementReader[] s_readers = [.. Enum.GetValues<SettlementFormat>().Select(ReaderOrNull).OfType<ISettlementReader>()];

    private static ISettlementReader? ReaderOrNull(SettlementFormat format)
    {
        try
        {
            return SettlementFormats.ReaderFor(format);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>0 to 2,000 bytes, three in four from the biased set; one file in ten starts with a zip signature (the .xlsx path).</summary>
    private static Gen<byte[]> RandomBytes =>
        from length in Gen.Choose(0, 2_000)
        from zip in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        from bytes in Gen.ArrayOf(Gen.Frequency((3, Gen.Elements(s_biased)), (1, Gen.Choose(0, 255).Select(b => (byte)b))), length)
        select zip ? [.. "PK\u0003\u0004"u8, .. bytes] : bytes;

    [Fact]
    public void Every_format_but_the_canonical_CSV_has_a_registered_reader()
    {
        Assert.Equal(Enum.GetValues<SettlementFormat>().Where(f => f != SettlementFormat.Canonical), s_readers.Select(r => r.Format).Order());
    }

    /// <summary>Reads <paramref name="bytes"/> with <paramref name="reader"/>; an <see cref="InputFormatException"/> must name the file.</summary>
    internal static void ReadAllowingOnlyInputFormatErrors(ISettlementReader reader, byte[] bytes)
    {
        try
        {
            reader.Read(new MemoryStream(bytes), "random.bin", ComponentMapping.Default, new RecordingSink());
        }
        catch (InputFormatException e) when (e.Source == "random.bin")
        {
            // The one exception a reader may throw, naming the file.
        }
        catch (Exception e)
        {
            var source = e is InputFormatException f ? $" naming '{f.Source}', not the file" : "";
            Assert.Fail($"{SettlementFormats.NameOf(reader.Format)}: {e.GetType().Name}{source}: {e.Message}");
        }
    }

    [Property(MaxTest = 200)]
    public Property Random_bytes_make_every_reader_and_detection_throw_nothing_but_InputFormatException() =>
        Prop.ForAll(RandomBytes.ToArbitrary(), bytes =>
        {
            SettlementFormats.Detect(bytes);
            foreach (var reader in s_readers)
            {
                reader.Recognizes(bytes);
                ReadAllowingOnlyInputFormatErrors(reader, bytes);
            }
        });
}
