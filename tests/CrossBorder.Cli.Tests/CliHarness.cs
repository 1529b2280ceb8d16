using System.Globalization;

namespace CrossBorder.Cli.Tests;

/// <summary>Runs <c>xborder</c> in-process through <see cref="Cli.Run"/>, with real parsing, and captures both outputs.</summary>
internal static class CliHarness
{
    public sealed record Outcome(int Code, string Output, string Error);

    public static Outcome Run(params string[] args) => Run(CancellationToken.None, false, args);

    public static Outcome Run(CancellationToken cancellationToken, bool progressAllowed, params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = Cli.Run(args, output, error, cancellationToken, progressAllowed);
        return new Outcome(code, output.ToString(), error.ToString());
    }
}

/// <summary>A fresh folder under the temporary folder, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "xborder-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string content)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Every file left under the folder whose name contains <c>.tmp-</c> (a temporary file of AtomicFile or of generate).</summary>
    public string[] TemporaryFiles() =>
        [.. Directory.GetFileSystemEntries(Path, "*", SearchOption.AllDirectories).Where(f => System.IO.Path.GetFileName(f).Contains(".tmp-", StringComparison.Ordinal))];

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>Small inputs written by the tests.</summary>
internal static class Inputs
{
    public const string Header = "order_id,component,currency,amount,date,market,category,ref\n";

    /// <summary>Two orders that settle exactly.</summary>
    public const string CleanExpected = Header
        + "A-1,principal,EUR,100.00,2025-05-01,DE,toys,\n"
        + "A-1,commission,EUR,-15.00,2025-05-01,DE,toys,\n"
        + "B-2,principal,USD,20.50,2025-05-02,US,books,\n";

    public const string CleanSettlement = Header
        + "A-1,principal,EUR,60.00,2025-05-09,DE,toys,S-1\n"
        + "A-1,principal,EUR,40.00,2025-05-09,DE,toys,S-2\n"
        + "A-1,commission,EUR,-15.00,2025-05-09,DE,toys,S-3\n"
        + "B-2,principal,USD,20.50,2025-05-09,US,books,S-4\n";

    /// <summary>B-2 settled one cent short: one amount_mismatch break, no reject.</summary>
    public const string BrokenSettlement = Header
        + "A-1,principal,EUR,100.00,2025-05-09,DE,toys,S-1\n"
        + "A-1,commission,EUR,-15.00,2025-05-09,DE,toys,S-3\n"
        + "B-2,principal,USD,20.49,2025-05-09,US,books,S-4\n";

    /// <summary>Everything matches, but one line has an amount that is not a number: one reject.</summary>
    public const string RejectingSettlement = CleanSettlement
        + "C-3,principal,EUR,12,34x,2025-05-09,DE,toys,S-5\n";

    public const string ShipmentsHeader = "shipment_id,line,destination,origin,hs_code,value,currency,quantity,unit,quantity2,unit2,net_kg,freight,insurance,date,transport,vat_scheme\n";

    public const string CleanShipments = ShipmentsHeader
        + "S-1,1,US,CN,6109.10.00.12,2400.00,USD,600,pcs,,,90,350.00,25.00,2025-05-09,sea,\n"
        + "S-1,2,US,CN,3304.99.50,900.00,USD,300,pcs,,,60,,,2025-05-09,sea,\n"
        + "S-2,1,DE,VN,6109100010,500.00,EUR,,,,,,,,2025-05-09,air,\n";

    /// <summary>The clean shipments and a row whose value is not an amount.</summary>
    public const string RejectingShipments = CleanShipments
        + "S-3,1,DE,VN,6109100010,five hundred,EUR,,,,,,,,2025-05-09,air,\n";
}
