using System.CommandLine;
using System.Globalization;
using CrossBorder.Engine.Geography;
using CrossBorder.Engine.Tariffs;
using CrossBorder.Engine.Text;

namespace CrossBorder.Cli.Commands;

/// <summary><c>xborder tariff lookup</c>: the measures that apply to a code, origin and date.</summary>
internal static class TariffCommand
{
    public static Command Create(CliContext context)
    {
        var destination = new Option<string>("--destination") { Description = "Destination schedule: US, GB, EU, DE, ...", Required = true };
        var code = new Option<string>("--code") { Description = "Tariff code; dots and spaces allowed.", Required = true };
        var origin = new Option<string>("--origin") { Description = "Country of origin (ISO alpha-2).", Required = true };
        var date = new Option<string?>("--date") { Description = "Date (yyyy-MM-dd); default today (UTC)." };
        var tariffs = new Option<string[]>("--tariff") { Description = "Canonical tariff CSV files replacing the embedded defaults.", AllowMultipleArgumentsPerToken = true };
        var lookup = new Command("lookup", "Prints the matched code and every measure that applies. Exit codes: 0 ok (also when no listed code matches); 2 bad usage, an invalid code, origin or date, an unknown destination, or an unreadable tariff file.") { destination, code, origin, date, tariffs };
        lookup.SetAction(r => Lookup(r.GetValue(destination)!, r.GetValue(code)!, r.GetValue(origin)!, r.GetValue(date), r.GetValue(tariffs), context.Output, context.Error));
        var command = new Command("tariff", "Tariff schedule commands.");
        command.Subcommands.Add(lookup);
        return command;
    }

    public static int Lookup(string destination, string codeText, string originText, string? dateText, string[]? tariffFiles, TextWriter output, TextWriter error)
    {
        if (!TariffCode.TryParse(codeText, out var code, out var codeError))
        {
            error.WriteLine($"xborder tariff lookup: '{codeText}' is not a tariff code ({codeError.Reason}).");
            return 2;
        }
        if (!CountryCode.TryParse(originText, out var origin))
        {
            error.WriteLine($"xborder tariff lookup: '{originText}' is not a country code.");
            return 2;
        }
        var date = DateOnly.FromDateTime(DateTime.UtcNow);
        if (dateText is not null && !DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            error.WriteLine($"xborder tariff lookup: '{dateText}' is not a yyyy-MM-dd date.");
            return 2;
        }
        TariffSchedules schedules;
        try
        {
            schedules = DefaultData.Tariffs(tariffFiles, DefaultData.OriginGroups());
        }
        catch (Exception e) when (e is InputFormatException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"xborder tariff lookup: {e.Message}");
            return 2;
        }
        if (!schedules.TryGet(destination, out var schedule))
        {
            error.WriteLine($"xborder tariff lookup: no schedule for '{destination}' (loaded: {string.Join(", ", schedules.Destinations.Order(StringComparer.Ordinal))}).");
            return 2;
        }
        var measures = new AppliedMeasure[64];
        var match = schedule.Lookup(code, origin, date, measures);
        output.WriteLine($"destination {schedule.Destination}, code {code}, origin {origin}, date {date:yyyy-MM-dd}");
        output.WriteLine(match.Found
            ? $"matched {match.Matched}{(match.IsExact ? "" : " (nearest listed ancestor)")}"
            : "no listed code matches; only destination-wide measures apply");
        if (match.MeasureCount == 0)
        {
            output.WriteLine("no measure applies");
        }
        foreach (var applied in measures.AsSpan(0, match.MeasureCount))
        {
            var m = applied.Measure;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {m.Kind.Name(),-14} {m.Rate?.Text ?? "",-28} origin {m.Origins.Text,-12} at {(applied.AttachedTo.IsEmpty ? "*" : applied.AttachedTo.ToString()),-12} {m.ValidFrom:yyyy-MM-dd}..{(m.ValidTo == DateOnly.MaxValue ? "" : m.ValidTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))} {m.Note}"));
        }
        return 0;
    }
}
