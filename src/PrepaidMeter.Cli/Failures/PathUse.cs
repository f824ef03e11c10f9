namespace PrepaidMeter.Cli.Failures;

/// <summary>Which way a command was using a path when it failed: the I/O rule's exit code hangs on it (docs/cli.md).</summary>
internal enum PathUse
{
    /// <summary>Reading an input the user named: a failure is refused input, exit 2.</summary>
    Read,

    /// <summary>Writing an output (a file, a folder, standard output): a failure is the environment's, exit 3.</summary>
    Write,
}
