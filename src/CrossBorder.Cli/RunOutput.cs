using System.CommandLine;
using System.Text;

namespace CrossBorder.Cli;

/// <summary>How a long-running command reports: <c>--quiet</c>, <c>--json</c>, <c>--fail-on-…</c> and whether progress may be drawn.</summary>
/// <param name="Quiet">Print nothing but errors (and the JSON when <paramref name="Json"/> asks for it); no progress.</param>
/// <param name="Json">Print the run's summary as JSON on standard output instead of the text summary.</param>
/// <param name="FailOnFindings">Exit with <see cref="ExitCodes.Findings"/> when the run found breaks or rejects.</param>
/// <param name="ProgressAllowed">Standard error is a terminal, so progress may be drawn there.</param>
internal sealed record RunOutput(bool Quiet, bool Json, bool FailOnFindings, bool ProgressAllowed)
{
    public static readonly RunOutput Default = new(false, false, false, false);

    /// <summary>The <c>--quiet</c> and <c>--json</c> options, the same on every command that has them.</summary>
    public static (Option<bool> Quiet, Option<bool> Json) Options(string jsonWhat) =>
        (new Option<bool>("--quiet", "-q") { Description = "Print nothing but errors: no summary, no progress (with --json, only the JSON)." },
         new Option<bool>("--json") { Description = "Print " + jsonWhat + " on standard output instead of the text summary." });

    /// <summary>Writes JSON that a writer produces on a stream to a text output, as UTF-8 text, then a new line.</summary>
    public static void WriteJson(TextWriter output, Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        output.WriteLine();
    }
}
