using System.Globalization;
using System.Text;
using CrossBorder.Engine.Geography;
using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;

namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>
/// Loads the UK Global Tariff comparison CSV published with the UKGT (uktrade/global-uk-tariff:
/// <c>commodity,description,cet_duty_rate,ukgt_duty_rate,change,trade_remedy_applies,
/// cet_applies_until_trade_remedy_transition_reviews_concluded,suspension_applies,atq_applies</c>): a GB schedule
/// from <c>ukgt_duty_rate</c> and, optionally, an EU schedule from <c>cet_duty_rate</c>.
/// </summary>
/// <remarks>
/// <para>Each rate becomes one <see cref="MeasureKind.Mfn"/> measure for every origin (<c>*</c>) on the commodity
/// code (8 or 10 digits). The flags do not change the third-country rate, so they are kept as notes on the GB
/// measure ("trade remedy applies", "a suspension applies", "an autonomous tariff quota applies") and counted:
/// the remedies, suspensions and quotas themselves are not in this file.</para>
/// <para>Rates are TARIC texts (<c>12.00% + 147.00 GBP/100kg</c>, <c>8.30% + EA MAX 18.70% + ADSZ</c>) parsed with
/// <see cref="DutyExpressionParser.TryParseTaric"/>; one that does not parse is listed, never read as zero.</para>
/// </remarks>
public static class UkGlobalTariffLoader
{
    /// <summary>Loads a file into a GB builder and, when <paramref name="eu"/> is given, an EU builder.</summary>
    /// <exception cref="InputFormatException">The header is wrong, or (strict mode) a row cannot be read.</exception>
    public static UkGlobalTariff Load(string path, TariffScheduleBuilder gb, TariffScheduleBuilder? eu = null, UkGlobalTariffOptions? options = null)
    {
        using var stream = File.OpenRead(path);
        return Load(stream, path, gb, eu, options);
    }

    /// <summary>Loads a stream; <paramref name="sourceName"/> names it in errors and measure sources.</summary>
    /// <exception cref="InputFormatException">The header is wrong, or (strict mode) a row cannot be read.</exception>
    public static UkGlobalTariff Load(Stream stream, string sourceName, TariffScheduleBuilder gb, TariffScheduleBuilder? eu = null, UkGlobalTariffOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(gb);
        options ??= UkGlobalTariffOptions.Default;
        var fileName = Path.GetFileName(sourceName);
        var skipped = new SkippedRowList(options.Strict);
        using var reader = new Utf8CsvReader(stream, leaveOpen: true);
        var csv = LoaderCsv.ReadHeader(reader, sourceName, "commodity", "ukgt_duty_rate");
        var codeColumn = csv.IndexOf("commodity");
        var cetColumn = csv.IndexOf("cet_duty_rate");
        var ukgtColumn = csv.IndexOf("ukgt_duty_rate");
        var changeColumn = csv.IndexOf("change");
        var remedyColumn = csv.IndexOf("trade_remedy_applies");
        var untilReviewsColumn = csv.IndexOf("cet_applies_until_trade_remedy_transition_reviews_concluded");
        var suspensionColumn = csv.IndexOf("suspension_applies");
        var quotaColumn = csv.IndexOf("atq_applies");
        if (eu is not null && cetColumn < 0)
        {
            throw new InputFormatException(sourceName, 1, 1, "", "an EU schedule was asked for but the column 'cet_duty_rate' is missing");
        }
        var seen = new HashSet<TariffCode>();
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        int rows = 0, rateTexts = 0, parsed = 0, gbMeasures = 0, euMeasures = 0, remedies = 0, untilReviews = 0, suspensions = 0, quotas = 0;
        while (reader.TryReadRow(out var row))
        {
            if (LoaderCsv.IsCommentOrBlank(row))
            {
                continue;
            }
            rows++;
            var line = row.LineNumber;
            var codeText = LoaderCsv.Field(row, codeColumn);
            if (!TariffCode.TryParse(codeText, out var code, out var codeError) || code.Length is not (8 or 10))
            {
                skipped.Error(sourceName, line, codeColumn + 1, codeText,
                    code.IsEmpty ? $"not a commodity code ({codeError.Reason})" : "a commodity code has 8 or 10 digits");
                continue;
            }
            if (!seen.Add(code))
            {
                skipped.Error(sourceName, line, codeColumn + 1, codeText, "the commodity is listed twice; the first row is kept");
                continue;
            }
            gb.AddCode(code);
            eu?.AddCode(code);
            var source = string.Create(CultureInfo.InvariantCulture, $"{fileName}:{line}");

            // Columns in file order, so that strict mode reports the first bad field of the row.
            var euRate = eu is null ? null : Parse(LoaderCsv.Field(row, cetColumn), line, cetColumn + 1);
            var gbRate = Parse(LoaderCsv.Field(row, ukgtColumn), line, ukgtColumn + 1);
            var note = new StringBuilder("UK Global Tariff 2021");
            var change = LoaderCsv.Field(row, changeColumn);
            if (change.Length > 0)
            {
                note.Append("; change from the CET: ").Append(change);
            }
            if (Flag(row, remedyColumn, line, sourceName, skipped))
            {
                remedies++;
                note.Append("; trade remedy applies");
            }
            if (Flag(row, untilReviewsColumn, line, sourceName, skipped))
            {
                untilReviews++;
                note.Append("; the CET rate applies until the trade remedy transition reviews conclude");
            }
            if (Flag(row, suspensionColumn, line, sourceName, skipped))
            {
                suspensions++;
                note.Append("; a suspension applies");
            }
            if (Flag(row, quotaColumn, line, sourceName, skipped))
            {
                quotas++;
                note.Append("; an autonomous tariff quota applies");
            }
            var noteText = note.ToString();
            if (!notes.TryGetValue(noteText, out var shared))
            {
                notes.Add(noteText, noteText);
                shared = noteText;
            }

            if (gbRate is not null)
            {
                gb.AddMeasure(code, new Measure(MeasureKind.Mfn, OriginSet.All, gbRate, options.GbValidFrom, options.GbValidTo, shared, source));
                gbMeasures++;
            }
            if (eu is not null && euRate is not null)
            {
                eu.AddMeasure(code, new Measure(MeasureKind.Mfn, OriginSet.All, euRate, options.EuValidFrom, options.EuValidTo,
                    "EU Common Customs Tariff as compared in the UK Global Tariff publication (2021-01)", source));
                euMeasures++;
            }
        }
        return new UkGlobalTariff(sourceName, rows, seen.Count, rateTexts, parsed, gbMeasures, euMeasures, remedies, untilReviews, suspensions, quotas, skipped.Rows);

        DutyExpression? Parse(string text, long line, int column)
        {
            if (text.Length == 0)
            {
                skipped.Error(sourceName, line, column, text, "empty rate: the third-country rate is required");
                return null;
            }
            rateTexts++;
            if (DutyExpressionParser.TryParseTaric(text, out var expression, out var error))
            {
                parsed++;
                return expression;
            }
            skipped.Error(sourceName, line, column, text, "rate text does not parse: " + error.Message);
            return null;
        }
    }

    private static bool Flag(CsvRow row, int column, long line, string sourceName, SkippedRowList skipped)
    {
        var text = LoaderCsv.Field(row, column);
        if (text.Length == 0 || text.Equals("False", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (text.Equals("True", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        skipped.Error(sourceName, line, column + 1, text, "a flag is True or False");
        return false;
    }
}
