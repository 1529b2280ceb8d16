using System.Text.Json;

namespace CrossBorder.Cli.Tests;

public class ReconcileCommandTests
{
    private static CliHarness.Outcome Reconcile(TempFolder folder, string expected, string settlement, params string[] extra) =>
        CliHarness.Run(["reconcile", "--expected", folder.Write("expected.csv", expected), "--settlement", folder.Write("settlement.csv", settlement),
            "--out", folder.File("breaks.csv"), "--rejects", folder.File("rejects.csv"), "--threads", "1", .. extra]);

    [Fact]
    public void A_clean_run_exits_0_also_with_fail_on_breaks()
    {
        using var folder = new TempFolder();

        var plain = Reconcile(folder, Inputs.CleanExpected, Inputs.CleanSettlement);
        var strict = Reconcile(folder, Inputs.CleanExpected, Inputs.CleanSettlement, "--fail-on-breaks");

        Assert.Equal(0, plain.Code);
        Assert.Equal(0, strict.Code);
        Assert.Contains("0 breaks written", strict.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Breaks_exit_0_without_fail_on_breaks_and_1_with_it()
    {
        using var folder = new TempFolder();

        var plain = Reconcile(folder, Inputs.CleanExpected, Inputs.BrokenSettlement);
        var strict = Reconcile(folder, Inputs.CleanExpected, Inputs.BrokenSettlement, "--fail-on-breaks");

        Assert.Equal(0, plain.Code);
        Assert.Equal(1, strict.Code);
        Assert.Contains("amount_mismatch", File.ReadAllText(folder.File("breaks.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_rejected_line_exits_1_with_fail_on_breaks()
    {
        using var folder = new TempFolder();

        var plain = Reconcile(folder, Inputs.CleanExpected, Inputs.RejectingSettlement);
        var strict = Reconcile(folder, Inputs.CleanExpected, Inputs.RejectingSettlement, "--fail-on-breaks");

        Assert.Equal(0, plain.Code);
        Assert.Equal(1, strict.Code);
        Assert.Equal(2, File.ReadAllLines(folder.File("rejects.csv")).Length);
        Assert.Single(File.ReadAllLines(folder.File("breaks.csv")));
    }

    [Fact]
    public void An_unreadable_input_exits_2()
    {
        using var folder = new TempFolder();

        var outcome = CliHarness.Run("reconcile", "--expected", folder.File("absent.csv"), "--settlement", folder.Write("settlement.csv", Inputs.CleanSettlement),
            "--out", folder.File("breaks.csv"));

        Assert.Equal(2, outcome.Code);
        Assert.Contains("absent.csv", outcome.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("breaks.csv")));
        Assert.Empty(folder.TemporaryFiles());
    }

    [Fact]
    public void An_input_without_a_required_column_exits_2()
    {
        using var folder = new TempFolder();

        var outcome = Reconcile(folder, "order_id,component,amount\nA-1,principal,1.00\n", Inputs.CleanSettlement);

        Assert.Equal(2, outcome.Code);
        Assert.Contains("currency", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_in_a_missing_folder_exits_2()
    {
        using var folder = new TempFolder();

        var outcome = CliHarness.Run("reconcile", "--expected", folder.Write("expected.csv", Inputs.CleanExpected), "--settlement", folder.Write("settlement.csv", Inputs.CleanSettlement),
            "--out", Path.Combine(folder.Path, "no", "such", "breaks.csv"));

        Assert.Equal(2, outcome.Code);
        Assert.Empty(folder.TemporaryFiles());
    }

    [Fact]
    public void Report_writes_a_self_contained_html_report_beside_the_other_outputs()
    {
        using var folder = new TempFolder();

        var outcome = Reconcile(folder, Inputs.CleanExpected, Inputs.BrokenSettlement, "--report", folder.File("report.html"));

        Assert.Equal(0, outcome.Code);
        var html = File.ReadAllText(folder.File("report.html"));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("amount_mismatch", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html, StringComparison.Ordinal);
        Assert.Empty(folder.TemporaryFiles());
    }

    [Fact]
    public void A_report_that_cannot_be_written_fails_the_run_and_no_output_is_renamed_into_place()
    {
        // Outputs are renamed into place only when all are written: breaks.csv must not appear, nor any temporary file.
        using var folder = new TempFolder();
        var missing = Path.Combine(folder.Path, "no", "such", "breaks.csv");

        var outcome = Reconcile(folder, Inputs.CleanExpected, Inputs.CleanSettlement, "--report", missing);

        Assert.Equal(2, outcome.Code);
        Assert.Contains(Path.Combine(folder.Path, "no", "such"), outcome.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("breaks.csv")));
        Assert.Empty(folder.TemporaryFiles());
    }

    [Fact]
    public void Quiet_prints_nothing_and_still_writes_the_outputs()
    {
        using var folder = new TempFolder();

        var outcome = CliHarness.Run(CancellationToken.None, progressAllowed: true, ["reconcile", "--expected", folder.Write("expected.csv", Inputs.CleanExpected),
            "--settlement", folder.Write("settlement.csv", Inputs.BrokenSettlement), "--out", folder.File("breaks.csv"), "--quiet"]);

        Assert.Equal(0, outcome.Code);
        Assert.Equal("", outcome.Output);
        Assert.Equal("", outcome.Error);
        Assert.Equal(2, File.ReadAllLines(folder.File("breaks.csv")).Length);
    }

    [Fact]
    public void Without_quiet_the_text_summary_is_printed()
    {
        using var folder = new TempFolder();

        var outcome = Reconcile(folder, Inputs.CleanExpected, Inputs.BrokenSettlement);

        Assert.Contains("1 amount_mismatch", outcome.Output, StringComparison.Ordinal);
        Assert.Contains("1 breaks written", outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_prints_the_summary_json_that_summary_writes_and_nothing_else()
    {
        using var folder = new TempFolder();

        var outcome = Reconcile(folder, Inputs.CleanExpected, Inputs.BrokenSettlement, "--json", "--summary", folder.File("summary.json"));

        Assert.Equal(0, outcome.Code);
        using var printed = JsonDocument.Parse(outcome.Output);
        Assert.Equal(File.ReadAllText(folder.File("summary.json")).Trim(), outcome.Output.Trim());
        var root = printed.RootElement;
        Assert.True(root.GetProperty("balanced").GetBoolean());
        Assert.Equal(2, root.GetProperty("files").GetArrayLength());
        Assert.Equal(3, root.GetProperty("files")[1].GetProperty("accepted").GetInt64());
        Assert.Equal("expected", root.GetProperty("files")[0].GetProperty("side").GetString());
    }

    [Fact]
    public void Json_with_quiet_prints_only_the_json()
    {
        using var folder = new TempFolder();

        var outcome = Reconcile(folder, Inputs.CleanExpected, Inputs.CleanSettlement, "--json", "--quiet");

        using var printed = JsonDocument.Parse(outcome.Output);
        Assert.Equal(2, printed.RootElement.GetProperty("files").GetArrayLength());
        Assert.Equal("", outcome.Error);
    }

    [Fact]
    public void Progress_is_drawn_on_stderr_only_when_allowed_and_not_quiet()
    {
        using var folder = new TempFolder();
        string[] args = ["reconcile", "--expected", folder.Write("expected.csv", Inputs.CleanExpected), "--settlement", folder.Write("settlement.csv", Inputs.CleanSettlement),
            "--out", folder.File("breaks.csv")];

        var drawn = CliHarness.Run(CancellationToken.None, progressAllowed: true, args);
        var redirected = CliHarness.Run(CancellationToken.None, progressAllowed: false, args);

        Assert.Equal(0, drawn.Code);
        // The final progress line: every byte of both files and their line ends (4 + 5 lines).
        var bytes = new FileInfo(folder.File("expected.csv")).Length + new FileInfo(folder.File("settlement.csv")).Length;
        Assert.StartsWith("\r", drawn.Error, StringComparison.Ordinal);
        Assert.Contains("9 lines", drawn.Error, StringComparison.Ordinal);
        Assert.Contains(Progress.Format(bytes, 9, bytes, TimeSpan.Zero)[..20], drawn.Error, StringComparison.Ordinal);
        Assert.Equal("", redirected.Error);
    }

    [Fact]
    public void A_cancelled_run_exits_130_and_leaves_previous_outputs_untouched()
    {
        using var folder = new TempFolder();
        var breaks = folder.Write("breaks.csv", "previous breaks");
        var rejects = folder.Write("rejects.csv", "previous rejects");
        var summary = folder.Write("summary.json", "previous summary");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        var outcome = CliHarness.Run(cancel.Token, false, ["reconcile", "--expected", folder.Write("expected.csv", Inputs.CleanExpected),
            "--settlement", folder.Write("settlement.csv", Inputs.BrokenSettlement), "--out", breaks, "--rejects", rejects, "--summary", summary]);

        Assert.Equal(130, outcome.Code);
        Assert.Contains("cancelled", outcome.Error, StringComparison.Ordinal);
        Assert.Equal("previous breaks", File.ReadAllText(breaks));
        Assert.Equal("previous rejects", File.ReadAllText(rejects));
        Assert.Equal("previous summary", File.ReadAllText(summary));
        Assert.Empty(folder.TemporaryFiles());
    }

    [Fact]
    public void A_provider_report_is_read_through_the_same_path()
    {
        using var folder = new TempFolder();
        var stripe = folder.Write("stripe.csv",
            "balance_transaction_id,created_utc,available_on_utc,currency,gross,fee,net,reporting_category,source_id,description,charge_id,payment_intent_id,automatic_payout_id,customer_facing_amount,customer_facing_currency,payment_metadata[order_id]\n"
            + "txn_1,2026-10-01 10:00:00,,usd,20.50,0.00,20.50,charge,ch_1,Payment,ch_1,pi_1,po_1,,,B-2\n");

        var outcome = CliHarness.Run("reconcile", "--expected", folder.Write("expected.csv", Inputs.CleanExpected), "--settlement", stripe,
            "--out", folder.File("breaks.csv"), "--json");

        Assert.Equal(0, outcome.Code);
        using var printed = JsonDocument.Parse(outcome.Output);
        var settlementFile = printed.RootElement.GetProperty("files")[1];
        Assert.Equal("settlement", settlementFile.GetProperty("side").GetString());
        Assert.True(settlementFile.GetProperty("accepted").GetInt64() >= 1);
        Assert.Equal(0, settlementFile.GetProperty("rejected").GetInt64());
    }

    [Theory]
    [InlineData("braintree")]
    [InlineData("auto")]
    public void A_Braintree_fee_report_is_reconciled_in_its_settlement_currency_named_or_detected(string format)
    {
        using var folder = new TempFolder();
        var report = folder.Write("braintree.csv",
            "Merchant Account ID,Transaction ID,Original Transaction ID,Transaction Type,Presentment Currency,Presentment Amount,Settlement Currency,Original Sale Amount,Settlement Amount,Settlement Date,Disbursement Date,Deposit ID,Payment Instrument,Card Brand,Card Type,First 6 of CC,Issuing Bank,Refunded Amount,Refund Type,Exchange Rate,Order ID,Acquirer Reference Number,Card Issuing Country,Discount,Discount Credit,Per Transaction Fee,Per Transaction Fee Credit,Multicurrency Fee Amount,Multicurrency Fee Credit,Braintree Total Amount,Total Fee Amount\n"
            + "eur,t1,\"\",sale,USD,109.21,EUR,\"\",100.00,2026-10-01,2026-10-03,\"\",credit_card,Visa,Credit,411111,\"The Bank\",0.00,\"\",0.9157,ORD-1,1,USA,0.0190,0.00,0.30,0.00,1.00,0.00,3.20,3.20\n");
        var expected = folder.Write("expected.csv", "order_id,component,currency,amount\nORD-1,principal,EUR,100.00\nORD-1,commission,EUR,-2.20\nORD-1,fx_fee,EUR,-1.00\n");

        var outcome = CliHarness.Run("reconcile", "--expected", expected, "--settlement", report, "--format", format,
            "--out", folder.File("breaks.csv"), "--json", "--fail-on-breaks");

        Assert.Equal(0, outcome.Code);
        using var printed = JsonDocument.Parse(outcome.Output);
        var settlementFile = printed.RootElement.GetProperty("files")[1];
        Assert.Equal(4, settlementFile.GetProperty("accepted").GetInt64());
        Assert.Equal(0, settlementFile.GetProperty("rejected").GetInt64());
        Assert.Contains("no_stated_total", outcome.Output, StringComparison.Ordinal);
        Assert.Contains("eur:2026-10-03", outcome.Output, StringComparison.Ordinal);
    }
}
