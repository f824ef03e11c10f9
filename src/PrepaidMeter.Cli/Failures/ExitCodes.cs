namespace PrepaidMeter.Cli.Failures;

/// <summary>The exit codes every `prepaid` command keeps (docs/cli.md; I/O failures: Failures/IoFailure).</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command line is wrong: an unknown option, a missing argument.</summary>
    public const int Usage = 1;

    /// <summary>The input was refused: a bad card, a bad file, a refused sale, an input file that is missing, a folder or unreadable.</summary>
    public const int Refused = 2;

    /// <summary>The environment failed: a reader, a serial port, pcscd or a database missing, an output (stdout, a file, a folder) that cannot be written.</summary>
    public const int Environment = 3;

    /// <summary>
    /// A device took a command and reports it was not carried out: a water meter's valve that did not reach the position
    /// it was sent to (`link cjt188 valve`). Apart from 2 because the command was not refused — the meter needs a fitter,
    /// not a different command.
    /// </summary>
    public const int NotCarriedOut = 4;
}
