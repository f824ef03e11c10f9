using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;

namespace PrepaidMeter.Vending.Tests.Security;

public sealed class GrantTests
{
    private static OperatorSession Clerk() => new(7, "clerk", "clerk", new HashSet<Permission> { Permission.Sales });

    [Fact]
    public void Check_PermissionHeld_GrantsItToTheSession()
    {
        var session = Clerk();
        var grant = Grant.Check(session, Permission.Sales);
        grant.Success.ShouldBeTrue();
        grant.Value.Session.ShouldBeSameAs(session);
        grant.Value.Permission.ShouldBe(Permission.Sales);
    }

    [Fact]
    public void Check_PermissionNotHeld_RefusesWithTheSessionsReason()
    {
        var grant = Grant.Check(Clerk(), Permission.SiteManagement);
        grant.Success.ShouldBeFalse();
        grant.Refusal.Reason.ShouldBe(RefusalReason.NoPermission);
        grant.Refusal.Message.ShouldContain("may not use");
    }

    [Fact]
    public void Check_LockedCounter_Refuses()
    {
        var session = Clerk();
        session.IsLocked = true;
        var grant = Grant.Check(session, Permission.Sales);
        grant.Success.ShouldBeFalse();
        grant.Refusal.Message.ShouldContain("locked");
    }
}
