using PrepaidMeter.Core;
using PrepaidMeter.Vending.Books;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Books;

public sealed class OperatorServiceTests
{
    [Theory, BothStores]
    public void Login_WrongPasswordFiveTimes_LocksOperatorUntilReset(Store store)
    {
        using var counter = new Counter(store);
        counter.Office.Operators.Add(counter.Admin, "wang", "Wang", SeedRoles.Cashier, "cashier-pass").Success.ShouldBeTrue();
        for (var i = 0; i < 5; i++)
        {
            counter.Office.Operators.Login("wang", "nope").Refusal!.Message.ShouldBe(OperatorService.LoginRefused);
        }

        counter.Office.Operators.Login("wang", "cashier-pass").Refusal!.Message.ShouldBe(OperatorService.LoginRefused);
        counter.Office.Operators.List(counter.Admin).Value.Single(o => o.Login == "wang").Locked.ShouldBeTrue();
        counter.Office.Queries.OperationLog(counter.Admin, new QueryFilter(Operator: "wang")).Value.Select(e => e.Action)
            .ShouldBe(["login failed", "login failed", "login failed", "login failed", "login locked out", "login refused: locked out"]);

        counter.Office.Operators.ResetPassword(counter.Admin, "wang", "new-cashier-pass").Success.ShouldBeTrue();
        counter.Office.Operators.Login("wang", "new-cashier-pass").Success.ShouldBeTrue();
    }

    [Theory, BothStores]
    public void Login_UnknownLockedOrDisabled_AllRefusedInTheSameWords(Store store)
    {
        // A stranger must not learn from the answer which logins exist.
        using var counter = new Counter(store);
        counter.Office.Operators.Add(counter.Admin, "wang", "Wang", SeedRoles.Cashier, "cashier-pass").Success.ShouldBeTrue();
        counter.Office.Operators.Add(counter.Admin, "zhao", "Zhao", SeedRoles.Cashier, "cashier-pass").Success.ShouldBeTrue();
        counter.Office.Operators.SetDisabled(counter.Admin, "zhao", true).Success.ShouldBeTrue();
        for (var i = 0; i < 5; i++)
        {
            counter.Office.Operators.Login("wang", "nope");
        }

        var answers = new[] { counter.Office.Operators.Login("nobody", "whatever-1"), counter.Office.Operators.Login("wang", "cashier-pass"), counter.Office.Operators.Login("zhao", "cashier-pass") };

        answers.Select(a => a.Refusal!.Message).Distinct().ShouldBe([OperatorService.LoginRefused]);
    }

    [Theory, BothStores]
    public void RecoverWithCode_OnlyAdministratorLockedOut_UnlocksWithNewPasswordAndIssuesANewCode(Store store)
    {
        using var counter = new Counter(store);
        for (var i = 0; i < 5; i++)
        {
            counter.Office.Operators.Login("admin", "wrong-password");
        }

        counter.Office.Operators.Login("admin", Counter.Password).Success.ShouldBeFalse();

        counter.Office.Operators.RecoverWithCode("admin", "0000-0000-0000-0000-0000", "brand-new-pass").Refusal!.Reason.ShouldBe(RefusalReason.LoginFailed);
        var recovered = counter.Office.Operators.RecoverWithCode("admin", counter.RecoveryCode.ToLowerInvariant(), "brand-new-pass").Value;

        recovered.Operator.Locked.ShouldBeFalse();
        recovered.NextRecoveryCode.ShouldNotBe(counter.RecoveryCode);
        counter.Office.Operators.Login("admin", "brand-new-pass").Success.ShouldBeTrue();
        counter.Office.Operators.RecoverWithCode("admin", counter.RecoveryCode, null).Refusal!.Message.ShouldBe("wrong recovery code");
        counter.Office.Operators.RecoverWithCode("admin", recovered.NextRecoveryCode, null).Success.ShouldBeTrue();
        counter.Office.Queries.OperationLog(counter.Admin, new QueryFilter(Operator: "recovery")).Value.Select(e => e.Action)
            .ShouldBe(["operator recover refused", "operator recover", "operator recover refused", "operator recover"]);
    }

    [Theory, BothStores]
    public async Task Cashier_ManagingOperatorsOrIssuingToolCards_Refused(Store store)
    {
        using var counter = new Counter(store);
        counter.Office.Operators.Add(counter.Admin, "wang", "Wang", SeedRoles.Cashier, "cashier-pass");
        var cashier = counter.Office.Operators.Login("wang", "cashier-pass").Value;

        counter.Office.Operators.Add(cashier, "zhao", "Zhao", SeedRoles.Cashier, "another-pass").Refusal!.Reason.ShouldBe(RefusalReason.NoPermission);
        counter.InsertBlank();
        var tool = await counter.Office.Cards.IssueToolCardAsync(cashier, counter.Reader, Cards.Records.CardKind.Clear, Counter.Group, default);
        tool.Refusal!.Message.ShouldBe("operator 'wang' (role cashier) may not use 'tool-cards'");
    }

    [Theory, BothStores]
    public void SetRole_GrantingToolCardsOutsideAdministrator_Refused(Store store)
    {
        using var counter = new Counter(store);

        var result = counter.Office.Operators.SetRole(counter.Admin, "installer", new HashSet<Permission> { Permission.ToolCards, Permission.Queries });

        result.Refusal!.Message.ShouldContain("tool-cards reserved for the administrator role");
    }

    [Theory, BothStores]
    public void LockedSession_RefusesEverythingUntilUnlocked(Store store)
    {
        using var counter = new Counter(store);
        counter.Office.Operators.Lock(counter.Admin);

        counter.Office.Customers.Search(counter.Admin, "Li").Refusal!.Message.ShouldContain("the counter is locked");
        counter.Office.Operators.Unlock(counter.Admin, "wrong").Success.ShouldBeFalse();
        counter.Office.Operators.Unlock(counter.Admin, Counter.Password).Success.ShouldBeTrue();
        counter.Office.Customers.Search(counter.Admin, "Li").Value.Count.ShouldBe(1);
    }

    [Theory, BothStores]
    public void Disable_LastAdministrator_Refused(Store store)
    {
        using var counter = new Counter(store);

        counter.Office.Operators.SetDisabled(counter.Admin, "admin", true).Refusal!.Message.ShouldContain("last active administrator");
    }

    [Theory, BothStores]
    public void Logout_SessionRefusedAfterwards(Store store)
    {
        using var counter = new Counter(store);
        counter.Office.Operators.Logout(counter.Admin);

        counter.Office.Meters.StockIn(counter.Admin, MeterNumber.From(5), Counter.Group, "").Refusal!.Message.ShouldContain("has logged out");
    }
}
