namespace PrepaidMeter.Cli;

/// <summary>The exit codes every `prepaid` command keeps.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command line is wrong: an unknown option, a missing argument.</summary>
    public const int Usage = 1;

    /// <summary>The input was refused: a bad card, a bad file, a refused sale.</summary>
    public const int Refused = 2;

    /// <summary>The environment is missing something: a reader, a database.</summary>
    public const int Environment = 3;
}
