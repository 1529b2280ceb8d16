using System.Collections.Concurrent;
using CrossBorder.Engine.Geography;
using CrossBorder.Engine.Tariffs;
using CrossBorder.Engine.Tariffs.Loaders;
using Xunit.Abstractions;

namespace CrossBorder.Engine.Tests.Tariffs.Loaders;

/// <summary>The real files the loader tests read, loaded once per test run.</summary>
internal static class LoaderTestData
{
    public const string HtsFile = "data/tariffs/us/hts-2024-basic-edition.csv";
    public const string Section301File = "data/tariffs/us/section301-product-lists-hts8.csv";
    public const string UkgtFile = "data/tariffs/uk/global-uk-tariff-2021.csv";
    public const string VatFile = "data/vat/eu-vat-rates.json";
    public const string UkApiDirectory = "data/tariffs/uk";

    private static readonly ConcurrentDictionary<string, Lazy<UsTariff>> s_us = new(StringComparer.Ordinal);

    /// <summary>The project's own program table (<c>data/tariffs/us-special-programs.csv</c>).</summary>
    public static string ProgramTablePath =>
        Path.Combine(DutyExpressionCoverage.FindRepositoryRoot() ?? throw new InvalidOperationException("repository root not found"),
            "data", "tariffs", "us-special-programs.csv");

    public static UsSpecialPrograms Programs => UsSpecialPrograms.Load(ProgramTablePath);

    /// <summary>The HTS and Section 301 loaded into one US schedule, and the HTS alone into another.</summary>
    public sealed record UsTariff(HtsTariff Hts, Section301Result Section301, TariffSchedule Schedule, TariffSchedule HtsOnly);

    /// <summary>Loads the US files (once), or returns null after the shared-data notice.</summary>
    public static UsTariff? Us(ITestOutputHelper output)
    {
        if (!SharedData.TryGetPath(HtsFile, output, out var hts) || !SharedData.TryGetPath(Section301File, output, out var s301))
        {
            return null;
        }
        return s_us.GetOrAdd(hts + "|" + s301, _ => new Lazy<UsTariff>(() =>
        {
            var programs = Programs;
            var builder = TariffSchedule.CreateBuilder("US");
            var tariff = HtsCsvLoader.Load(hts, builder, programs);
            var section301 = Section301Loader.Load(s301, builder, Section301Options.Default with { IsKnownCode = tariff.ContainsPrefix });
            var htsOnly = TariffSchedule.CreateBuilder("US");
            HtsCsvLoader.Load(hts, htsOnly, programs);
            return new UsTariff(tariff, section301, builder.Build(), htsOnly.Build());
        })).Value;
    }

    /// <summary>Looks up and returns the applied measures.</summary>
    public static (TariffMatch Match, AppliedMeasure[] Measures) Lookup(this TariffSchedule schedule, string code, string origin, DateOnly date)
    {
        var buffer = new AppliedMeasure[64];
        var match = schedule.Lookup(code, CountryCode.Parse(origin), date, buffer);
        Assert.False(match.Truncated);
        return (match, buffer[..match.MeasureCount]);
    }

    public static AppliedMeasure[] OfKind(this AppliedMeasure[] measures, MeasureKind kind) => [.. measures.Where(m => m.Measure.Kind == kind)];

    /// <summary>The duty of a rate on a customs value (ad valorem rates only need the value).</summary>
    public static Money DutyOn(this Measure measure, Money customsValue) =>
        measure.Rate!.Evaluate(new DutyContext(customsValue, DutyQuantities.None), RoundingMode.HalfEven);
}
