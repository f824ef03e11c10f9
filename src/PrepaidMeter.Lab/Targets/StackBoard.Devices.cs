namespace PrepaidMeter.Lab.Targets;

public sealed partial class StackBoard
{
    /// <summary>The meter devices started on the board so far, by slot: what a report names as the stack target's readers and ports.</summary>
    public IReadOnlyList<StackDevice> Devices => [.. _devices.OfType<StackMeter>().OrderBy(d => d.Slot).Select(d => d.Device)];
}
