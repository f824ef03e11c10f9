namespace PrepaidMeter.Hardware.MeterLink;

/// <summary>
/// Serves a meter on a serial line: reads requests, answers them through <see cref="Dlt645Responder"/>,
/// until cancelled. The virtual meter behind it is what a harness on the other end of the line talks to.
/// </summary>
public sealed class SerialMeterServer(ISerialLine line, IDlt645Meter meter, TimeProvider time)
{
    /// <summary>Requests answered so far.</summary>
    public int Answered { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var reader = new FrameReader(line);
        while (!cancellationToken.IsCancellationRequested)
        {
            Dlt645Frame? request;
            try
            {
                request = await reader.NextAsync(TimeSpan.FromMilliseconds(200), time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (request is not null && Dlt645Responder.Respond(meter, request) is { } reply)
            {
                await line.WriteAsync(Dlt645Codec.Encode(reply, wakeUp: 4), cancellationToken).ConfigureAwait(false);
                Answered++;
            }
        }
    }
}
