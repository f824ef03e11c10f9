using System.CommandLine;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Hardware.Pcsc;

namespace PrepaidMeter.Cli.Commands;

/// <summary>
/// `prepaid card serve`: a card file becomes the card in a vpcd reader slot, so programs reach it through
/// PC/SC as they reach a real card. Pulled out on Ctrl-C or SIGTERM; whatever was written to it is saved.
/// </summary>
internal static class CardServeCommand
{
    public static Command Build()
    {
        var slot = new Option<int>("--slot") { Description = "0 or 1: reader 'Virtual PCD 00 00' or '... 00 01'", DefaultValueFactory = _ => 0 };
        slot.AcceptOnlyFromAmong("0", "1");
        var image = new Option<string>("--image") { Description = "The card file (hex, with 'psc' and 'tries' header comments as folder readers write them)", Required = true };
        var command = new Command("serve", "Put a card file into a vpcd reader slot behind pcscd until Ctrl-C, then save what was written to it") { slot, image };
        command.SetAction(parse => PrepaidApp.Guarded(parse, async context =>
        {
            var path = parse.GetValue(image)!;
            if (!File.Exists(path))
            {
                return context.Fail(ExitCodes.Refused, $"no card file '{path}'");
            }

            if (FolderCardReader.TryLoad(path, out var card) is { } problem)
            {
                return context.Fail(ExitCodes.Refused, problem);
            }

            var number = parse.GetValue(slot);
            VirtualCard inserted;
            try
            {
                inserted = await VirtualCard.InsertAsync(number, card!, CancellationToken.None);
            }
            catch (SocketException e)
            {
                return context.Fail(ExitCodes.Environment, $"pcscd with vsmartcard-vpcd is not listening on 127.0.0.1:{35963 + number}: {e.Message}");
            }

            await using (inserted)
            {
                using var pulled = new CancellationTokenSource();
                void Pull(PosixSignalContext signal)
                {
                    signal.Cancel = true;
                    pulled.Cancel();
                }

                using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Pull);
                using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Pull);
                context.Output.WriteLine($"card {path} in reader '{VirtualCard.ReaderName(number)}'; Ctrl-C pulls it out");
                await context.Output.FlushAsync();
                try
                {
                    await Task.Delay(Timeout.Infinite, pulled.Token);
                }
                catch (OperationCanceledException)
                {
                    // pulled out
                }
            }

            FolderCardReader.Save(path, card!);
            context.Output.WriteLine($"pulled out after {inserted.Exchanges} APDUs; the image is saved to {path}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
