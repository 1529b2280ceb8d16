using CrossBorder.Cli;

// The first Ctrl-C cancels the run (outputs are left untouched, exit code 130); a second one ends the process at once.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (!cancel.IsCancellationRequested)
    {
        e.Cancel = true;
        cancel.Cancel();
    }
};
return Cli.Run(args, Console.Out, Console.Error, cancel.Token, progressAllowed: !Console.IsErrorRedirected);
