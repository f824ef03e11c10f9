using PrepaidMeter.Devices.Link;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Devices.Tests.Link;

public sealed class RemoteOnTheLinkTests
{
    [Fact]
    public void ToLinkThenFromLink_EveryRemoteCommand_ComesBackAsItWent()
    {
        foreach (var command in Enum.GetValues<RemoteCommand>())
        {
            RemoteOnTheLink.FromLink(RemoteOnTheLink.ToLink(command)).ShouldBe(command);
        }
    }

    [Fact]
    public void ToLink_TwoRemoteCommands_NeverShareALinkCommand() =>
        Enum.GetValues<RemoteCommand>().Select(RemoteOnTheLink.ToLink).ShouldBeUnique();
}
