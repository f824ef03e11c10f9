namespace PrepaidMeter.Hardware.MeterLink.Tracing;

/// <summary>Which protocol a traced line speaks: how <see cref="TracingSerialLine"/> cuts its bytes into frames and words them.</summary>
public enum LinkProtocol
{
    /// <summary>DL/T 645-2007, electricity meters (docs/dlt645.md).</summary>
    Dlt645,

    /// <summary>CJ/T 188-2004, water, gas and heat meters (docs/cjt188.md).</summary>
    Cjt188,
}
