using System.IO.Pipelines;
using System.Text;
using CrossBorder.Engine.Reconciliation;

namespace CrossBorder.Engine.Tests.Reconciliation;

/// <summary>Line endings across block boundaries (LF, CRLF, lone CR), and input from a <see cref="PipeReader"/>.</summary>
public class ReconciliationLineEndingTests
{
    private static string Settlement(int rows, string newline)
    {
        var text = new StringBuilder("order_id,component,currency,amount,ref" + newline);
        for (var i = 0; i < rows; i++)
        {
            // Every 37th row has a bad amount, so that reject line numbers are checked too; one quoted field holds
            // a line break of each kind.
            var amount = i % 37 == 5 ? "12,x" : $"{i}.{i % 100:00}";
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"O{i % 250},principal,EUR,\"{amount}\",r{i}{newline}");
        }
        text.Append("O1,\"multi\nline\r\nlabel\rend\",EUR,1.00,q1" + newline);
        return text.ToString();
    }

    private const string Expected = "order_id,component,currency,amount\nO1,principal,EUR,1.00\nO2,principal,EUR,2.00\n";

    [Theory]
    [InlineData(1, 1024)]
    [InlineData(2, 1024)]
    [InlineData(3, 4096)]
    [InlineData(1, 1 << 22)]
    public void Lone_cr_and_crlf_files_give_the_lf_results_and_line_numbers(int threads, int blockSize)
    {
        var options = new ReconciliationOptions { Threads = threads, BlockSize = blockSize };
        var lf = ReconciliationKit.Run(Expected, Settlement(3000, "\n"), options);
        Assert.NotEmpty(lf.Rejects);
        foreach (var newline in new[] { "\r\n", "\r" })
        {
            var other = ReconciliationKit.Run(Expected, Settlement(3000, newline), options);
            Assert.Equal(ReconciliationKit.BreaksCsv(lf), ReconciliationKit.BreaksCsv(other));
            Assert.Equal(lf.Rejects.Select(r => (r.Line, r.Column, r.Value)), other.Rejects.Select(r => (r.Line, r.Column, r.Value)));
            Assert.Equal(lf.Summary.Files.Select(f => (f.LinesRead, f.Accepted, f.Rejected)), other.Summary.Files.Select(f => (f.LinesRead, f.Accepted, f.Rejected)));
        }
    }

    [Fact]
    public void A_crlf_split_by_the_block_boundary_is_one_line_break()
    {
        // Rows padded so that many CRLFs fall exactly at a 1,024-byte boundary for one of the paddings.
        for (var pad = 0; pad < 40; pad++)
        {
            var text = new StringBuilder("order_id,component,currency,amount,ref\r\n");
            for (var i = 0; i < 400; i++)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"O{i},principal{new string('x', pad)},EUR,1.00,r{i}\r\n");
            }
            text.Append("O-bad,principal,EUR,oops,r-bad\r\n");
            var result = ReconciliationKit.Run(Expected, text.ToString(), new ReconciliationOptions { Threads = 2, BlockSize = 1024 });
            var reject = Assert.Single(result.Rejects);
            Assert.Equal(402, reject.Line);
            Assert.Equal(401, result.Summary.Files[1].LinesRead);
        }
    }

    [Fact]
    public async Task A_pipe_reader_streams_like_a_stream()
    {
        var settlement = Encoding.UTF8.GetBytes(Settlement(2000, "\n"));
        var pipe = new Pipe();
        var writer = Task.Run(async () =>
        {
            for (var offset = 0; offset < settlement.Length; offset += 777)
            {
                await pipe.Writer.WriteAsync(settlement.AsMemory(offset, Math.Min(777, settlement.Length - offset)));
            }
            await pipe.Writer.CompleteAsync();
        });
        var engine = new ReconciliationEngine(new ReconciliationOptions { Threads = 2, BlockSize = 1024 });
        engine.Add(ReconciliationSide.Expected, new MemoryStream(Encoding.UTF8.GetBytes(Expected)), ReconciliationKit.ExpectedName);
        engine.Add(ReconciliationSide.Settlement, pipe.Reader, ReconciliationKit.SettlementName);
        await writer;
        var viaPipe = engine.Complete();

        var viaStream = ReconciliationKit.Run(Encoding.UTF8.GetBytes(Expected), settlement, new ReconciliationOptions { Threads = 2, BlockSize = 1024 });
        Assert.Equal(ReconciliationKit.BreaksCsv(viaStream), ReconciliationKit.BreaksCsv(viaPipe));
        Assert.Equal(ReconciliationKit.RejectsCsv(viaStream), ReconciliationKit.RejectsCsv(viaPipe));
    }
}
