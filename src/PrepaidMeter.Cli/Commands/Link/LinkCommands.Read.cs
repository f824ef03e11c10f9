using System.CommandLine;
using System.Text.Json;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Hardware.MeterLink.Tracing;

namespace PrepaidMeter.Cli.Commands.Link;

internal static partial class LinkCommands
{
    private static Command Read()
    {
        var line = new LineOptions();
        var ids = new Argument<string[]>("DI") { Description = "Data identifiers, 8 hex digits each: 00900200 remaining amount, 00000000 total energy, ...", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("read", "Read data identifiers (11H) and print their values") { ids, json };
        line.AddTo(command);
        command.SetAction(parse => CommandRun.Guarded(parse, async context =>
        {
            var identifiers = new List<DataIdentifier>();
            foreach (var text in parse.GetValue(ids)!)
            {
                if (!DataIdentifier.TryParse(text, out var id))
                {
                    return context.Fail(ExitCodes.Usage, $"'{text}' is not a data identifier (8 hex digits, such as 00900200)");
                }

                identifiers.Add(id);
            }

            return await WithLink(parse, context, line, async (link, meter, token) =>
            {
                var rows = new List<(DataIdentifier Id, string Name, string Value, string Raw)>();
                foreach (var id in identifiers)
                {
                    var read = await link.ReadAsync(meter, id, token);
                    if (!read.Success)
                    {
                        return Failed(context, read.Failure, $"{id}: {read.Message}");
                    }

                    var item = PrepaidItems.Find(id);
                    var raw = Convert.ToHexString(read.Value!);
                    rows.Add((id, item?.Name ?? "(not a prepaid item)", item is null ? raw : LinkFrameMeaning.ValueText(item, read.Value!), raw));
                }

                if (parse.GetValue(json))
                {
                    context.Output.WriteLine(JsonSerializer.Serialize(rows.Select(r => new { id = r.Id.ToString(), name = r.Name, value = r.Value, raw = r.Raw })));
                }
                else
                {
                    foreach (var row in rows)
                    {
                        context.Output.WriteLine($"{row.Id}  {row.Name}: {row.Value}");
                    }
                }

                return ExitCodes.Success;
            });
        }));
        return command;
    }
}
