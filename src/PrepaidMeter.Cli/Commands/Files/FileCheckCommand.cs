using System.CommandLine;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Lab.Files;

namespace PrepaidMeter.Cli.Commands.Files;

/// <summary>
/// `prepaid layout check`, `prepaid model check`, `prepaid lab check`: a vendor's files checked before anything runs.
/// Every mistake of every file on stderr as "prepaid: FILE: $.json.path: reason"; a file without one on stdout with what
/// it is (its id, layouts and SHA-256).
/// Exit 0 when every file holds, 2 when any has a mistake.
/// </summary>
internal static class FileCheckCommand
{
    public static Command Build(VendorFileKind kind, string what)
    {
        var files = new Argument<string[]>("FILE") { Description = $"{what} files", Arity = ArgumentArity.OneOrMore };
        var command = new Command("check", $"Check {what} files against their schema and rules: every mistake with its file, JSON path and reason") { files };
        command.SetAction(parse => CommandRun.Guarded(parse, context =>
        {
            var failed = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                // A file that is not there stops the command as any unreadable input does, in one line.
                if (PathIo.UnreadableInput(file) is { } unreadable)
                {
                    return context.Fail(unreadable);
                }

                var result = PathIo.Reading(file, () => VendorFiles.Check(kind, file));
                if (result.Passed)
                {
                    context.Output.WriteLine($"{file}: ok: {result.Summary}");
                    continue;
                }

                failed++;
                foreach (var mistake in result.Mistakes)
                {
                    context.Error.WriteLine($"prepaid: {mistake}");
                }
            }

            return failed == 0 ? ExitCodes.Success : context.Fail(ExitCodes.Refused, $"{failed} of {parse.GetValue(files)!.Length} files have mistakes");
        }));
        return command;
    }

    /// <summary>`prepaid layout check`.</summary>
    public static Command Layouts() => new("layout", "A vendor's card layout files") { Build(VendorFileKind.Layout, "card layout") };

    /// <summary>`prepaid model check`.</summary>
    public static Command Models() => new("model", "A vendor's meter model files") { Build(VendorFileKind.Model, "meter model") };
}
