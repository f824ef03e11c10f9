namespace PrepaidMeter.Hardware.MeterLink;

/// <summary>How a link exchange failed, for a clear message and the right exit code.</summary>
public enum LinkFailure
{
    None,

    /// <summary>No reply within the timeout, after every retry: wrong address, port, baud rate or wiring.</summary>
    NoReply,

    /// <summary>The meter answered with an abnormal reply; <see cref="LinkResult{T}.Errors"/> says why.</summary>
    Refused,

    /// <summary>The meter answered with something that does not fit the request.</summary>
    BadReply,
}

/// <summary>The outcome of one exchange with a meter.</summary>
public readonly record struct LinkResult<T>(T? Value, LinkFailure Failure, Dlt645Errors Errors, string Message)
{
    public bool Success => Failure == LinkFailure.None;

    public static LinkResult<T> Ok(T value) => new(value, LinkFailure.None, Dlt645Errors.None, "");

    public static LinkResult<T> Fail(LinkFailure failure, string message, Dlt645Errors errors = Dlt645Errors.None) => new(default, failure, errors, message);
}

/// <summary>Retries and the time a meter has to answer.</summary>
public sealed record LinkOptions(int Attempts = 3, TimeSpan? ReplyTimeout = null)
{
    public TimeSpan Timeout => ReplyTimeout ?? TimeSpan.FromMilliseconds(500);
}

/// <summary>
/// The master's side of DL/T 645 over a serial line: read a data identifier, write one, send a control
/// command, read the address of the meter on the line. Each exchange sends the request, waits for the
/// meter's reply to it (skipping an echo of the request and noise), and tries again on silence.
/// </summary>
public sealed class SerialMeterLink(ISerialLine line, LinkOptions options, TimeProvider time)
{
    private readonly FrameReader _reader = new(line);

    public async Task<LinkResult<byte[]>> ReadAsync(Dlt645Address meter, DataIdentifier id, CancellationToken cancellationToken)
    {
        var reply = await ExchangeAsync(Dlt645Messages.Read(meter, id), cancellationToken).ConfigureAwait(false);
        if (!reply.Success)
        {
            return LinkResult<byte[]>.Fail(reply.Failure, reply.Message, reply.Errors);
        }

        var data = reply.Value!.Data;
        return data.Length >= DataIdentifier.Length && DataIdentifier.Read(data) == id
            ? LinkResult<byte[]>.Ok(data[DataIdentifier.Length..].ToArray())
            : LinkResult<byte[]>.Fail(LinkFailure.BadReply, $"meter {meter} answered the read of {id} with data {Convert.ToHexString(data)}");
    }

    public async Task<LinkResult<bool>> WriteAsync(Dlt645Address meter, DataIdentifier id, byte[] authority, byte[] value, CancellationToken cancellationToken)
    {
        var reply = await ExchangeAsync(Dlt645Messages.Write(meter, id, authority, value), cancellationToken).ConfigureAwait(false);
        return reply.Success ? LinkResult<bool>.Ok(true) : LinkResult<bool>.Fail(reply.Failure, reply.Message, reply.Errors);
    }

    public async Task<LinkResult<bool>> ControlAsync(Dlt645Address meter, Dlt645ControlCommand command, byte[] authority, DateTimeOffset validUntil, CancellationToken cancellationToken)
    {
        var reply = await ExchangeAsync(Dlt645Messages.Control(meter, command, authority, validUntil), cancellationToken).ConfigureAwait(false);
        return reply.Success ? LinkResult<bool>.Ok(true) : LinkResult<bool>.Fail(reply.Failure, reply.Message, reply.Errors);
    }

    /// <summary>Broadcast time (08H) to every meter on the line: sent once, answered by none, so nothing says it arrived.</summary>
    public Task BroadcastTimeAsync(DateTimeOffset time, CancellationToken cancellationToken) =>
        line.WriteAsync(Dlt645Codec.Encode(Dlt645Messages.BroadcastTime(time)), cancellationToken);

    public async Task<LinkResult<Dlt645Address>> ReadAddressAsync(CancellationToken cancellationToken)
    {
        var reply = await ExchangeAsync(Dlt645Messages.ReadAddress(), cancellationToken).ConfigureAwait(false);
        return reply.Success ? LinkResult<Dlt645Address>.Ok(reply.Value!.Address) : LinkResult<Dlt645Address>.Fail(reply.Failure, reply.Message, reply.Errors);
    }

    private async Task<LinkResult<Dlt645Frame>> ExchangeAsync(Dlt645Frame request, CancellationToken cancellationToken)
    {
        var function = request.Control.Function;
        for (var attempt = 1; attempt <= options.Attempts; attempt++)
        {
            _reader.Clear();
            await line.WriteAsync(Dlt645Codec.Encode(request), cancellationToken).ConfigureAwait(false);
            while (await _reader.NextAsync(options.Timeout, time, cancellationToken).ConfigureAwait(false) is { } frame)
            {
                if (!frame.Control.IsReply || frame.Control.Function != function
                    || (!request.Address.IsWildcard && frame.Address != request.Address))
                {
                    continue; // our own echo, or a reply that is not to this request
                }

                return frame.Control.IsAbnormal
                    ? LinkResult<Dlt645Frame>.Fail(LinkFailure.Refused, $"meter {frame.Address} refused {function}: {Dlt645ErrorText.Of(Errors(frame))}", Errors(frame))
                    : LinkResult<Dlt645Frame>.Ok(frame);
            }
        }

        return LinkResult<Dlt645Frame>.Fail(LinkFailure.NoReply,
            $"no reply from meter {request.Address} on {line.Name} to {function} after {options.Attempts} tries of {options.Timeout.TotalMilliseconds:0} ms");
    }

    private static Dlt645Errors Errors(Dlt645Frame frame) => frame.Data.Length > 0 ? (Dlt645Errors)frame.Data[0] : Dlt645Errors.Other;
}
