using GongOperator.Cli;

return await GongOperatorCli.RunAsync(args).ConfigureAwait(false);
