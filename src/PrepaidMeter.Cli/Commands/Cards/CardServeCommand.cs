using System.CommandLine;
using System.Net.Sockets;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cli.Commands.Cards.Traces;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Hardware.Pcsc;

namespace PrepaidMeter.Cli.Commands.Cards;

/// <summary>
/// `prepaid card serve`: a card file becomes the card in a vpcd reader slot, so programs reach it through
/// PC/SC as they reach a real card. Lines on standard input move it as a hand would — `slot 0` / `slot 1`
/// (pull it out and put it into that reader), `out` (pull it out and keep it) — each answered with one line.
/// Pulled out on Ctrl-C, SIGTERM or `quit`; whatever was written to it is saved.
/// </summary>
internal static class CardServeCommand
{
    public static Command Build()
    {
        var slot = new Option<int>("--slot") { Description = "0 or 1: reader 'Virtual PCD 00 00' or '... 00 01'", DefaultValueFactory = _ => 0 };
        slot.AcceptOnlyFromAmong("0", "1");
        var image = new Option<string>("--image") { Description = "The card file (hex, with 'psc' and 'tries' header comments as folder readers write them)", Required = true };
        var media = VirtualCardFile.MediaOption();
        var trace = TraceRecording.Option(recursive: false);
        var command = new Command("serve", "Put a card file into a vpcd reader slot behind pcscd until Ctrl-C, then save what was written to it; 'slot N' / 'out' on stdin move it")
        {
            slot, image, media, trace,
        };
        var faultOptions = new CardFaultOptions();
        faultOptions.AddTo(command);
        command.SetAction(parse => CommandRun.Guarded(parse, async context =>
        {
            var path = parse.GetValue(image)!;
            var named = parse.GetValue(media);
            if (!VirtualCardFile.TryLoad(context, path, named, out var card, out var failure))
            {
                return failure;
            }

            var faults = faultOptions.Read(parse);
            if (faults.TriesProblem(card.Medium.IsCpu || named != "cpu" ? card.Medium : PrepaidMeter.Cards.Readers.CardMedium.CpuImage) is { } triesProblem)
            {
                return context.Fail(ExitCodes.Usage, $"--tries: {triesProblem}");
            }

            faults.ApplyTries(card);
            var medium = VirtualCardFile.Medium(named, card);
            // Traced on the card's side: what any program does to the card, whatever its reader records. The trace is the
            // medium's: an APDU a fault answers or swallows before the medium sees it is not in it.
            using var recording = parse.GetValue(trace) is { } tracePath ? TraceRecording.Open(tracePath, context.Time) : null;
            var hand = new CardInHand(recording is null ? medium : new TracingMedium(medium, recording.Trace), faults);
            if (await hand.InsertAsync(parse.GetValue(slot)) is { } refused)
            {
                return context.Fail(ExitCodes.Environment, refused);
            }

            using var pulled = new StopSignal();
            context.Output.WriteLine($"{medium.MediaName} card {path} in reader '{hand.Reader}'; 'slot 0|1' or 'out' on stdin moves it, Ctrl-C pulls it out");
            if (!faults.IsNone)
            {
                context.Output.WriteLine($"faults: {faults}");
            }

            await context.Output.FlushAsync();
            await FollowCommandsAsync(hand, context, pulled.Token);
            await hand.PullOutAsync();
            PathIo.Writing(path, () => FolderCardReader.Save(path, VirtualCardFile.ToSave(medium, card)));
            context.Output.WriteLine($"pulled out after {hand.Exchanges} APDUs; the image is saved to {path}");
            return recording?.Close(context, ExitCodes.Success) ?? ExitCodes.Success;
        }));
        return command;
    }

    // Until a signal, `quit` or the end of stdin; a closed stdin (a service, CI) leaves the card where it is.
    private static async Task FollowCommandsAsync(CardInHand hand, CommandContext context, CancellationToken pulled)
    {
        var input = Console.In;
        var stopped = Task.Delay(Timeout.Infinite, pulled);
        while (!pulled.IsCancellationRequested)
        {
            // Console.In reads synchronously and never sees the token: the line is awaited beside the stop signal, so
            // SIGTERM with stdin still open (a pipe from a script, a service) pulls the card out and saves it.
            var reading = Task.Run(input.ReadLine, CancellationToken.None);
            await Task.WhenAny(reading, stopped).ConfigureAwait(false);
            if (!reading.IsCompleted)
            {
                return;
            }

            var line = await reading;
            if (line is null)
            {
                await stopped.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                return;
            }

            var command = line.Trim();
            var answer = command switch
            {
                "slot 0" or "slot 1" => await hand.InsertAsync(command[^1] - '0') ?? $"card in reader '{hand.Reader}'",
                "out" => await hand.PullOutAsync(),
                "quit" => null,
                "" => "",
                var other => $"unknown command '{other}': slot 0, slot 1, out, quit",
            };
            if (answer is null)
            {
                return;
            }

            if (answer.Length > 0)
            {
                context.Output.WriteLine(answer);
                await context.Output.FlushAsync(pulled);
            }
        }
    }

    /// <summary>The card and the slot it is in, if any.</summary>
    private sealed class CardInHand(IVirtualCardMedium card, CardFaults faults)
    {
        private VirtualCard? _inserted;
        private int _earlierExchanges;

        public string Reader => _inserted is null ? "(none)" : VirtualCard.ReaderName(Slot);

        public int Slot { get; private set; } = -1;

        public int Exchanges => _earlierExchanges + (_inserted?.Exchanges ?? 0);

        /// <summary>Pulls it out of where it is and puts it into <paramref name="slot"/>; null, or why not.</summary>
        public async Task<string?> InsertAsync(int slot)
        {
            await PullOutAsync();
            try
            {
                if (card is TracingMedium traced)
                {
                    traced.Reader = VirtualCard.ReaderName(slot); // its lines name the reader it goes into, from its first APDU
                }

                _inserted = await VirtualCard.InsertAsync(slot, card, faults, CancellationToken.None);
                Slot = slot;
                return null;
            }
            catch (SocketException e)
            {
                return $"pcscd with vsmartcard-vpcd is not listening on 127.0.0.1:{35963 + slot}: {e.Message}";
            }
        }

        public async Task<string> PullOutAsync()
        {
            if (_inserted is { } inserted)
            {
                _earlierExchanges += inserted.Exchanges;
                await inserted.DisposeAsync();
                _inserted = null;
            }

            return "card out";
        }
    }
}
