using System.CommandLine;
using System.Text.Json.Nodes;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;

namespace PrepaidMeter.Cli.Commands.Tokens;

internal static partial class TokenCommands
{
    private static Command Vectors()
    {
        var file = new Argument<string>("FILE") { Description = "A vector file (docs/tokens.md, \"Vector files\"), such as fixtures/sts/public-vectors.json" };
        var tables = TablesOption();
        var json = JsonOption();
        var command = new Command("vectors", "Run a file of known-answer vectors against the engine: ciphers, CRCs, decoder keys, tokens; exit 2 when one fails") { file, tables, json };
        command.SetAction(parse => CommandRun.Guarded(parse, context =>
        {
            if (Tables(parse, tables, context, out var failed) is not { } staTables)
            {
                return failed;
            }

            var path = parse.GetValue(file)!;
            var text = PathIo.Reading(path, () => File.ReadAllText(path));
            IReadOnlyList<VectorResult> results;
            try
            {
                results = TokenVectors.Run(text, staTables.Tables);
            }
            catch (FormatException e)
            {
                return context.Fail(ExitCodes.Refused, $"{path}: {e.Message}");
            }

            var failures = results.Count(r => !r.Passed);
            if (parse.GetValue(json))
            {
                var list = new JsonArray([.. results.Select(r => (JsonNode)new JsonObject
                {
                    ["name"] = r.Name, ["kind"] = r.Kind, ["source"] = r.Source, ["passed"] = r.Passed, ["failure"] = r.Failure,
                })]);
                context.Output.WriteLine(new JsonObject { ["vectors"] = list, ["passed"] = results.Count - failures, ["failed"] = failures }.ToJsonString());
            }
            else
            {
                foreach (var r in results)
                {
                    context.Output.WriteLine(r.Passed ? $"ok    {r.Kind,-10} {r.Name}" : $"FAIL  {r.Kind,-10} {r.Name}: {r.Failure}");
                }

                context.Output.WriteLine($"{results.Count} vector(s): {results.Count - failures} passed, {failures} failed{(staTables.Given ? "" : " (EA07 with the standard's sample tables)")}");
            }

            return failures == 0 ? ExitCodes.Success : context.Fail(ExitCodes.Refused, $"{failures} of {results.Count} vector(s) failed");
        }));
        return command;
    }
}
