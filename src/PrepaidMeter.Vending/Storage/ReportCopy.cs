using System.Data.Common;
using Dapper;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Storage;

/// <summary>
/// A second copy of the books that reports and queries read instead of the books themselves (<c>--report-db</c>): a
/// PostgreSQL hot standby streaming from the primary, so a month's reports never hold the counters up, or a SQLite
/// copy (<c>vend backup</c>, opened read-only) to report on at leisure. It must be the books as they were at some moment
/// — its operation log ends at an entry the books' own log holds, the same entry — at this program's schema (a standby
/// that has not replayed an upgrade yet is not); other books, or a copy written to since it was made, are refused.
/// </summary>
public static class ReportCopy
{
    /// <summary>Whether <paramref name="copy"/> can stand in for <paramref name="books"/> for reading; when it can, a line saying how current it is.</summary>
    public static VendResult<string> Check(VendingDatabase books, VendingDatabase copy)
    {
        ArgumentNullException.ThrowIfNull(books);
        ArgumentNullException.ThrowIfNull(copy);
        if (copy is SqliteVendingDatabase file && Problem(file) is { } missing)
        {
            return missing;
        }

        if (copy.Describe == books.Describe)
        {
            return new Refusal(RefusalReason.Invalid, $"--report-db: {copy.Describe} is the books themselves (--db): name a standby or a copy of them");
        }

        try
        {
            var schema = (Books: books.SchemaVersion(), Copy: copy.SchemaVersion());
            if (schema.Copy != schema.Books)
            {
                return new Refusal(RefusalReason.Invalid, schema.Copy == 0
                    ? $"--report-db: {copy.Describe} holds no prepaid books"
                    : $"--report-db: {copy.Describe} is at schema version {schema.Copy}, the books at {schema.Books} (a standby that has not replayed an upgrade, or a copy made before it)");
            }

            using var own = books.Open();
            using var other = copy.Open();
            const string HeadSql = "SELECT log_seq AS Seq, log_hash AS Hash, audit_key_id AS KeyId FROM site WHERE id = 1";
            var (mine, theirs) = (own.QueryFirst<Head>(HeadSql), other.QueryFirstOrDefault<Head>(HeadSql));
            if (theirs is null || !SameBooks(own, mine, theirs))
            {
                return new Refusal(RefusalReason.Invalid, theirs is null
                    ? $"--report-db: {copy.Describe} holds no site"
                    : $"--report-db: {copy.Describe} is not a copy of these books: its operation log ends at entry {theirs.Seq}, and the books' log holds no such entry (other books, or a copy written to since it was made)");
            }

            return Currency(copy, other);
        }
        catch (Exception e) when (e.GetBaseException() is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 26 })
        {
            // SQLITE_NOTADB: a file, but not a database.
            return new Refusal(RefusalReason.Invalid, $"--report-db: {copy.Describe} is not a database ({e.Message})");
        }
        catch (Exception e) when (e is DbException || copy.IsUnavailable(e) || books.IsUnavailable(e))
        {
            return new Refusal(RefusalReason.StorageUnavailable, $"--report-db: {copy.Describe} cannot be read ({e.GetBaseException().Message})");
        }
    }

    private static Refusal? Problem(SqliteVendingDatabase file) =>
        Directory.Exists(file.Path) ? new Refusal(RefusalReason.Invalid, $"--report-db: {file.Path} is a folder, not a copy of the books")
        : !file.Exists ? new Refusal(RefusalReason.NotFound, $"--report-db: no database {file.Path}")
        : null;

    /// <summary>
    /// The copy's log ends at an entry of the books' log (the chain's hashes bind everything before it), or at the books'
    /// head itself. An entry the books' clean-up has removed since leaves only the audit key to go on.
    /// </summary>
    private static bool SameBooks(DbConnection books, Head mine, Head theirs)
    {
        if (theirs.Seq >= mine.Seq)
        {
            return theirs.Seq == mine.Seq && theirs.Hash == mine.Hash;
        }

        return books.ExecuteScalar<string?>("SELECT hash FROM operation_log WHERE seq = @Seq", new { theirs.Seq }) is { } hash
            ? hash == theirs.Hash
            : theirs.KeyId is not null && theirs.KeyId == mine.KeyId;
    }

    /// <summary>How current the copy is: a standby's last replayed commit, or a copy's own state.</summary>
    private static string Currency(VendingDatabase copy, DbConnection connection)
    {
        if (copy is not PostgresVendingDatabase)
        {
            return $"reports and queries read {copy.Describe}, a copy of the books as it was made";
        }

        var (standby, replayed) = connection.QueryFirst<(bool, DateTime?)>("SELECT pg_is_in_recovery(), pg_last_xact_replay_timestamp()");
        if (!standby)
        {
            return $"reports and queries read {copy.Describe}, a copy of the books that is not a standby (it follows nothing)";
        }

        return replayed is { } at
            ? $"reports and queries read the standby {copy.Describe}, replayed to the primary's commit of {new DateTimeOffset(at.ToUniversalTime(), TimeSpan.Zero):yyyy-MM-dd HH:mm:ss}Z"
            : $"reports and queries read the standby {copy.Describe}, which has replayed no commit since it started";
    }

    private sealed record Head(long Seq, string Hash, string? KeyId);
}
