using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Web.Console;

/// <summary>
/// The back-office function a page serves: the page runs only for an operator whose role holds it — the same permission table
/// the CLI's commands check (docs/vending.md, "Permissions"). A page without it needs a signed-in operator and nothing more.
/// On a handler (a form that changes the books on a page others may read) it names that handler's function as well.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = false)]
public sealed class NeedsAttribute(Permission permission) : Attribute
{
    public Permission Permission { get; } = permission;
}
