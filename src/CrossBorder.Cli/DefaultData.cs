using CrossBorder.Engine.Fx;
using CrossBorder.Engine.Geography;
using CrossBorder.Engine.LandedCost;
using CrossBorder.Engine.Tariffs;

namespace CrossBorder.Cli;

/// <summary>Loads the embedded defaults, or the files the user gives instead.</summary>
internal static class DefaultData
{
    public static OriginGroups OriginGroups()
    {
        var groups = new OriginGroups();
        groups.Load(EmbeddedData.Open("tariffs/origin-groups.csv"), "embedded tariffs/origin-groups.csv");
        return groups;
    }

    public static TariffSchedules Tariffs(IReadOnlyList<string>? files, OriginGroups groups)
    {
        var schedules = new TariffSchedules();
        if (files is { Count: > 0 })
        {
            var streams = files.Select(f => ((Stream)File.OpenRead(f), f)).ToList();
            try
            {
                CanonicalTariffLoader.Load(streams, groups, schedules);
            }
            finally
            {
                foreach (var (stream, _) in streams)
                {
                    stream.Dispose();
                }
            }
        }
        else
        {
            CanonicalTariffLoader.Load(EmbeddedData.Open("tariffs/default-tariff.csv"), "embedded tariffs/default-tariff.csv", groups, schedules);
        }
        return schedules;
    }

    public static ExchangeRateTable Rates(string? file)
    {
        if (file is not null)
        {
            return ExchangeRateCsv.Load(file);
        }
        return EcbReferenceRates.Load(EmbeddedData.Open("fx/ecb-reference-rates-sample.csv"), "embedded fx/ecb-reference-rates-sample.csv");
    }

    public static LandedCostCalculator Calculator(IReadOnlyList<string>? tariffFiles, string? ratesFile, string? rulesFile = null)
    {
        var groups = OriginGroups();
        var rules = DestinationRuleBook.CreateDefault();
        if (rulesFile is not null)
        {
            using var stream = File.OpenRead(rulesFile);
            DestinationRulesCsv.Apply(rules, stream, rulesFile, groups);
        }
        return new(Tariffs(tariffFiles, groups), rules, Rates(ratesFile));
    }
}
