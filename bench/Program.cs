using GongOperator.Bench;

return await BenchProgram.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
