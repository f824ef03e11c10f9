namespace PrepaidMeter.Lab.Targets;

/// <summary>What the virtual target used: the reference model's meters in this process, and no reader or port at all.</summary>
public sealed partial class VirtualTarget : IDescribedTarget
{
    public IReadOnlyList<TargetPart> Describe() =>
    [
        new("meters", "the reference model (VirtualMeter) in this process: no device, no port"),
        .. _meters.OrderBy(m => m.Key.ToString(), StringComparer.Ordinal).Select(m => new TargetPart($"meter {m.Key}", $"in process, model {m.Value.Model.Id}")),
        new("card readers", "in memory: a card goes to the meter as its image and comes back with only the bytes the meter wrote"),
        new("counter's card reader", "in memory, in this process (the back office's)"),
        new("remote link", "method calls on the meter in this process (no DL/T 645 frames)"),
    ];
}
