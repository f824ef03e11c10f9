using Microsoft.AspNetCore.Mvc;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages.Books;

/// <summary>
/// Supply groups (供电组) as `vend group list` lists them, but without the maintenance code at all: not even its masked form
/// reaches the page, so neither the page nor its HTML source carries any part of the secret the card keys derive from. Beside
/// each, its medium (card, token, both) and token keys as `vend token group show` shows them — never the vending key, which the
/// back office hands out to no one. The medium can be set here (token-keys); a key is given on the CLI only (docs/web.md).
/// </summary>
[Needs(Permission.Queries)]
public sealed class GroupsModel : BooksPage
{
    public IReadOnlyList<SupplyGroup> All { get; private set; } = [];

    /// <summary>Each group's medium and token keys, by group code.</summary>
    public IReadOnlyDictionary<string, TokenGroup> Media { get; private set; } = new Dictionary<string, TokenGroup>();

    /// <summary>The group whose medium was just set (after the redirect), said once.</summary>
    [BindProperty(SupportsGet = true, Name = "set")]
    public string? SetGroup { get; set; }

    [BindProperty]
    public string Code { get; set; } = "";

    [BindProperty]
    public string Medium { get; set; } = "";

    public void OnGet()
    {
        if (!string.IsNullOrWhiteSpace(SetGroup))
        {
            Done = L["The medium of supply group {0} is set.", SetGroup];
        }

        Read();
    }

    /// <summary>Sets a group's medium (`vend token group set --medium`, without a key): token or both needs a key the group has already.</summary>
    [Needs(Permission.TokenKeys)]
    public IActionResult OnPostMedium()
    {
        var code = SupplyGroupCode.Parse(Code);
        if (!code.TryGetValue(out var group))
        {
            Refused = L["supply group: {0}", code.Error ?? ""];
        }
        else if (SupplyMedia.Parse(Medium) is not { } medium)
        {
            Refused = L["a medium is card, token or both, not '{0}'", Medium];
        }
        else if (Shown(Office.TokenGroups.Set(Operator, group, medium, null)) is not null)
        {
            return RedirectToPage("/Books/Groups", new { set = group.ToString() });
        }

        Read();
        return Page();
    }

    private void Read()
    {
        All = Shown(Office.Groups.List(Operator)) ?? [];
        var media = new Dictionary<string, TokenGroup>(StringComparer.Ordinal);
        foreach (var group in All)
        {
            if (Office.TokenGroups.Get(Operator, group.Code) is { Success: true } token)
            {
                media[group.Code.ToString()] = token.Value;
            }
        }

        Media = media;
    }
}
