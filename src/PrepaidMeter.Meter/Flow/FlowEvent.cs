namespace PrepaidMeter.Meter.Flow;

public enum FlowEventKind
{
    /// <summary>A flow has lasted the leak rule's window without a break (rule W2).</summary>
    LeakDetected,

    /// <summary>The flow dropped under the leak rule's minimum: the leak flag falls (rule W3).</summary>
    LeakEnded,
}

/// <summary>Something the flow side of a meter noticed, at the second it happened.</summary>
public sealed record FlowEvent(DateTimeOffset At, FlowEventKind Kind, string Detail);
