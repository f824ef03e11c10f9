namespace PrepaidMeter.Cli.Failures;

/// <summary>
/// How a command says which path it is reading or writing, so an I/O failure underneath is reported against
/// that path and with the right exit code even when the exception names another file or none.
/// </summary>
internal static class PathIo
{
    public static T Reading<T>(string path, Func<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return read();
        }
        catch (Exception e) when (IsIo(e))
        {
            throw new PathAccessException(path, isPath: true, PathUse.Read, e);
        }
    }

    public static void Writing(string path, Action write)
    {
        ArgumentNullException.ThrowIfNull(write);
        try
        {
            write();
        }
        catch (Exception e) when (IsIo(e))
        {
            throw new PathAccessException(path, isPath: true, PathUse.Write, e);
        }
    }

    public static T Writing<T>(string path, Func<T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        try
        {
            return write();
        }
        catch (Exception e) when (IsIo(e))
        {
            throw new PathAccessException(path, isPath: true, PathUse.Write, e);
        }
    }

    /// <summary>
    /// For an id-or-path a resolver did not know (a layout, a model, a scenario): when it names a folder, or looks
    /// like a path (a folder in it, an extension) and no file is there, the I/O rule's refusal instead of the
    /// resolver's "no such id and no such file". Null when it may be a mistyped id, or the file was read.
    /// </summary>
    public static IoFailure? UnreadableInput(string idOrPath)
    {
        if (Directory.Exists(idOrPath))
        {
            return IoFailure.Reading(idOrPath, $"{idOrPath} is a folder, not a file");
        }

        var looksLikeAPath = idOrPath.Contains('/', StringComparison.Ordinal) || Path.HasExtension(idOrPath);
        if (!looksLikeAPath || File.Exists(idOrPath))
        {
            return null;
        }

        return IoFailure.Reading(idOrPath, IoReasons.NotThere(PathRoles.FullPath(idOrPath), p => IoFailure.Show(idOrPath, p), expectFolder: false));
    }

    /// <summary>What the file system and the runtime throw when a path cannot be used (FileNotFound, DirectoryNotFound and PathTooLong are IOExceptions).</summary>
    public static bool IsIo(Exception e) => e is IOException or UnauthorizedAccessException;
}
