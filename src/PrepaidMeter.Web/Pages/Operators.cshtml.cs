using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages;

/// <summary>The site's operators (function "operators": administrators).</summary>
[Needs(Permission.OperatorManagement)]
public sealed class OperatorsModel : ConsolePage
{
    public IReadOnlyList<OperatorInfo> All { get; private set; } = [];

    public string? Refused { get; private set; }

    public void OnGet()
    {
        var listed = Office.Operators.List(Operator);
        if (listed.Success)
        {
            All = listed.Value;
        }
        else
        {
            Refused = listed.Refusal.Message;
        }
    }
}
