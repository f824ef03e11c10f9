namespace PrepaidMeter.Hardware.MeterLink;

/// <summary>
/// Serves a meter on a serial line: reads requests, answers them through <see cref="Dlt645Responder"/>,
/// until cancelled. The virtual meter behind it is what a harness on the other end of the line talks to. Given a
/// <see cref="Dlt645Bus"/>, it serves several meters on the one line, each answering its own address.
/// </summary>
public sealed class SerialMeterServer
{
    private readonly ISerialLine _line;
    private readonly Func<Dlt645Frame, Dlt645Frame?> _respond;
    private readonly TimeProvider _time;

    public SerialMeterServer(ISerialLine line, IDlt645Meter meter, TimeProvider time)
        : this(line, request => Dlt645Responder.Respond(meter, request), time)
    {
    }

    public SerialMeterServer(ISerialLine line, Dlt645Bus bus, TimeProvider time)
        : this(line, (bus ?? throw new ArgumentNullException(nameof(bus))).Respond, time)
    {
    }

    private SerialMeterServer(ISerialLine line, Func<Dlt645Frame, Dlt645Frame?> respond, TimeProvider time)
    {
        _line = line;
        _respond = respond;
        _time = time;
    }

    /// <summary>Requests answered so far.</summary>
    public int Answered { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var reader = new FrameReader(_line);
        while (!cancellationToken.IsCancellationRequested)
        {
            Dlt645Frame? request;
            try
            {
                request = await reader.NextAsync(TimeSpan.FromMilliseconds(200), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (request is not null && _respond(request) is { } reply)
            {
                await _line.WriteAsync(Dlt645Codec.Encode(reply, wakeUp: 4), cancellationToken).ConfigureAwait(false);
                Answered++;
            }
        }
    }
}
