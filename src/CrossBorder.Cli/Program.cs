using System.CommandLine;
using CrossBorder.Cli.Commands;

var root = new RootCommand("xborder: exact money, landed cost and settlement reconciliation for cross-border commerce.");
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(LandedCostCommand.Create());
root.Subcommands.Add(TariffCommand.Create());
root.Subcommands.Add(ReconcileCommand.Create());
return root.Parse(args).Invoke();
