using Dapper;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Storage;

/// <summary>
/// A second copy of the books that reports and queries read instead of the books themselves (<c>--report-db</c>): a
/// PostgreSQL hot standby streaming from the primary, so a month's reports never hold the counters up, or a SQLite
/// copy (<c>vend backup</c>) to report on at leisure. It must be the same books — the same site, keyed with the same
/// audit key — at this program's schema (a standby that has not replayed an upgrade yet is not). A copy is never
/// written to: what it shows is the books as far as it has replayed, which <see cref="Check"/> says.
/// </summary>
public static class ReportCopy
{
    /// <summary>Whether <paramref name="copy"/> can stand in for <paramref name="books"/> for reading; when it can, a line saying how current it is.</summary>
    public static VendResult<string> Check(VendingDatabase books, VendingDatabase copy)
    {
        ArgumentNullException.ThrowIfNull(books);
        ArgumentNullException.ThrowIfNull(copy);
        if (copy is SqliteVendingDatabase { Exists: false } missing)
        {
            return new Refusal(RefusalReason.NotFound, $"--report-db: no database {missing.Path}");
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
            const string Site = "SELECT station_number AS Station, audit_key_id AS KeyId FROM site WHERE id = 1";
            var (mine, theirs) = (own.QueryFirstOrDefault<SiteOf>(Site), other.QueryFirstOrDefault<SiteOf>(Site));
            if (theirs is null || mine is null || theirs.Station != mine.Station || theirs.KeyId != mine.KeyId)
            {
                return new Refusal(RefusalReason.Invalid,
                    $"--report-db: {copy.Describe} is not a copy of these books (station {theirs?.Station ?? "none"}, audit key {theirs?.KeyId ?? "none"}; the books: station {mine?.Station}, audit key {mine?.KeyId ?? "none"})");
            }

            return Currency(copy, other);
        }
        catch (Exception e) when (e is System.Data.Common.DbException || copy.IsUnavailable(e) || books.IsUnavailable(e))
        {
            return new Refusal(RefusalReason.StorageUnavailable, $"--report-db: {copy.Describe} cannot be read ({e.GetBaseException().Message})");
        }
    }

    /// <summary>How current the copy is: a standby's last replayed commit, or a copy's own state.</summary>
    private static string Currency(VendingDatabase copy, System.Data.Common.DbConnection connection)
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

    private sealed record SiteOf(string Station, string? KeyId);
}
