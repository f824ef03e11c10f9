using PrepaidMeter.Hardware.MeterLink;

namespace PrepaidMeter.Hardware.Tests.MeterLink;

public sealed class SerialPortLineTests
{
    [Fact]
    public void TryOpen_ThePseudoTerminalItClosedBefore_OpensAgain()
    {
        // A bench runs `prepaid link` again and again on one port; each run opens and closes it.
        using var pair = new SocatPair();
        for (var run = 0; run < 3; run++)
        {
            SerialPortLine.TryOpen(pair.MasterEnd, new SerialSettings(), out var line).ShouldBeNull($"open number {run + 1}");
            line!.Dispose();
        }
    }
}
