namespace PrepaidMeter.Hardware.MeterLink.Cjt188;

/// <summary>
/// Serves a CJ/T 188 meter on a serial line: reads requests, answers them through <see cref="Cjt188Responder"/>,
/// until cancelled. The water or gas meter behind it is what a master on the other end of the line talks to.
/// </summary>
public sealed class Cjt188MeterServer(ISerialLine line, ICjt188Meter meter, TimeProvider time)
{
    /// <summary>Requests answered so far.</summary>
    public int Answered { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var reader = new Cjt188FrameReader(line);
        while (!cancellationToken.IsCancellationRequested)
        {
            Cjt188Frame? request;
            try
            {
                request = await reader.NextAsync(TimeSpan.FromMilliseconds(200), time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (request is not null && Cjt188Responder.Respond(meter, request) is { } reply)
            {
                await line.WriteAsync(Cjt188Codec.Encode(reply, wakeUp: 4), cancellationToken).ConfigureAwait(false);
                Answered++;
            }
        }
    }
}
