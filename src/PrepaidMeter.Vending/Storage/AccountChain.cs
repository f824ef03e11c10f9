namespace PrepaidMeter.Vending.Storage;

/// <summary>
/// An account and the accounts its meter came from by transfers (过户), newest first: `chain(id)` for a query that begins
/// with it and takes <c>@accountId</c>. A transfer hands on the meter, its credit and its set parameters, so what was
/// bought or set under an earlier customer's account still describes the meter (docs/vending.md, T4, C4, K2).
/// </summary>
internal static class AccountChain
{
    public const string With = """
        WITH RECURSIVE chain(id) AS (
            SELECT CAST(@accountId AS BIGINT)
            UNION ALL
            SELECT t.from_account_id FROM account_transfers t JOIN chain c ON t.to_account_id = c.id)
        """;
}
