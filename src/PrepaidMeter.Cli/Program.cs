using PrepaidMeter.Cli;

return await PrepaidApp.RunAsync(args, Console.Out, Console.Error);
