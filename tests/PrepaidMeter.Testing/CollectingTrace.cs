using PrepaidMeter.Hardware.Traces;

namespace PrepaidMeter.Testing;

/// <summary>A trace that keeps its exchanges in a list (Serilog's CollectingSink), on the clock the test gives.</summary>
public sealed class CollectingTrace(TimeProvider time) : ICardTrace
{
    public List<ApduExchange> Exchanges { get; } = [];

    public TimeProvider Time { get; } = time;

    public void Record(ApduExchange exchange) => Exchanges.Add(exchange);
}
