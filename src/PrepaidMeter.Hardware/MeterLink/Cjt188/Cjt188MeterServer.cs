namespace PrepaidMeter.Hardware.MeterLink.Cjt188;

/// <summary>
/// Serves a CJ/T 188 meter on a serial line: reads requests, answers them through <see cref="Cjt188Responder"/>,
/// until cancelled. The water or gas meter behind it is what a master on the other end of the line talks to. Given a
/// <see cref="Cjt188Bus"/>, it serves several meters on the one line, each answering its own address.
/// </summary>
public sealed class Cjt188MeterServer
{
    private readonly ISerialLine _line;
    private readonly Func<Cjt188Frame, Cjt188Frame?> _respond;
    private readonly TimeProvider _time;

    public Cjt188MeterServer(ISerialLine line, ICjt188Meter meter, TimeProvider time)
        : this(line, request => Cjt188Responder.Respond(meter, request), time)
    {
    }

    public Cjt188MeterServer(ISerialLine line, Cjt188Bus bus, TimeProvider time)
        : this(line, (bus ?? throw new ArgumentNullException(nameof(bus))).Respond, time)
    {
    }

    private Cjt188MeterServer(ISerialLine line, Func<Cjt188Frame, Cjt188Frame?> respond, TimeProvider time)
    {
        _line = line;
        _respond = respond;
        _time = time;
    }

    /// <summary>Requests answered so far.</summary>
    public int Answered { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var reader = new Cjt188FrameReader(_line);
        while (!cancellationToken.IsCancellationRequested)
        {
            Cjt188Frame? request;
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
                await _line.WriteAsync(Cjt188Codec.Encode(reply, wakeUp: 4), cancellationToken).ConfigureAwait(false);
                Answered++;
            }
        }
    }
}
