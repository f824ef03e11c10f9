namespace PrepaidMeter.Hardware.MeterLink.Cjt188;

/// <summary>
/// The master's side of CJ/T 188 over a serial line: read an item (metering data 901F), read the address of the
/// meter on the line, open or close its valve. Each exchange numbers its request (SER), sends it, waits for the
/// meter's reply with that SER (skipping an echo of the request, late replies and noise), and tries again on silence.
/// </summary>
public sealed class Cjt188MeterLink(ISerialLine line, LinkOptions options, TimeProvider time)
{
    private readonly Cjt188FrameReader _reader = new(line);
    private byte _ser;

    /// <summary>An item's bytes after DI0 DI1 SER.</summary>
    public async Task<Cjt188LinkResult<byte[]>> ReadAsync(Cjt188MeterType type, Cjt188Address meter, Cjt188DataIdentifier id, CancellationToken cancellationToken)
    {
        var reply = await ExchangeAsync(Cjt188Messages.Read(type, meter, id, NextSer()), cancellationToken).ConfigureAwait(false);
        return reply.Success
            ? Cjt188LinkResult<byte[]>.Ok(reply.Value.Data[Cjt188Messages.HeadLength..].ToArray())
            : Cjt188LinkResult<byte[]>.Fail(reply.Failure, reply.Message, reply.Status);
    }

    /// <summary>901F: the accumulated flow, the settlement-date flow, the meter's time and status.</summary>
    public async Task<Cjt188LinkResult<Cjt188MeteringData>> ReadMeteringDataAsync(Cjt188MeterType type, Cjt188Address meter, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(type, meter, Cjt188DataIdentifier.MeteringData, cancellationToken).ConfigureAwait(false);
        if (!read.Success)
        {
            return Cjt188LinkResult<Cjt188MeteringData>.Fail(read.Failure, read.Message, read.Status);
        }

        return Cjt188MeteringData.TryRead(read.Value, out var data)
            ? Cjt188LinkResult<Cjt188MeteringData>.Ok(data, data.Status)
            : Cjt188LinkResult<Cjt188MeteringData>.Fail(Cjt188LinkFailure.BadReply,
                $"meter {meter} answered 901F with {Convert.ToHexString(read.Value)}: not {Cjt188MeteringData.Length} bytes of BCD flows, time and status");
    }

    /// <summary>Read address (03H) to the all-AAH wildcard: the type and address of the one meter on the line.</summary>
    public async Task<Cjt188LinkResult<Cjt188MeterId>> ReadAddressAsync(CancellationToken cancellationToken)
    {
        var reply = await ExchangeAsync(Cjt188Messages.ReadAddress(NextSer()), cancellationToken).ConfigureAwait(false);
        return reply.Success
            ? Cjt188LinkResult<Cjt188MeterId>.Ok(new(reply.Value.MeterType, reply.Value.Address))
            : Cjt188LinkResult<Cjt188MeterId>.Fail(reply.Failure, reply.Message, reply.Status);
    }

    /// <summary>Valve control (A017); succeeds only when the status the meter answers shows the valve where it was told to go.</summary>
    public async Task<Cjt188LinkResult<Cjt188Status>> SetValveAsync(Cjt188MeterType type, Cjt188Address meter, Cjt188ValveCommand command, CancellationToken cancellationToken)
    {
        var reply = await ExchangeAsync(Cjt188Messages.Valve(type, meter, command, NextSer()), cancellationToken).ConfigureAwait(false);
        if (!reply.Success)
        {
            return Cjt188LinkResult<Cjt188Status>.Fail(reply.Failure, reply.Message, reply.Status);
        }

        var data = reply.Value.Data;
        if (data.Length < Cjt188Messages.HeadLength + Cjt188Status.Length)
        {
            return Cjt188LinkResult<Cjt188Status>.Fail(Cjt188LinkFailure.BadReply, $"meter {meter} answered valve control without a status: {Convert.ToHexString(data)}");
        }

        var status = Cjt188Status.Read(data[Cjt188Messages.HeadLength..]);
        var wanted = command == Cjt188ValveCommand.Open ? Cjt188ValveState.Open : Cjt188ValveState.Closed;
        return status.Valve == wanted
            ? Cjt188LinkResult<Cjt188Status>.Ok(status, status)
            : Cjt188LinkResult<Cjt188Status>.Fail(Cjt188LinkFailure.ValveNotMoved, $"meter {meter} took the {command.ToString().ToLowerInvariant()} command but reports {status}", status);
    }

    private byte NextSer() => _ser = unchecked((byte)(_ser + 1));

    private async Task<Cjt188LinkResult<Cjt188Frame>> ExchangeAsync(Cjt188Frame request, CancellationToken cancellationToken)
    {
        var function = request.Control.Function;
        var id = Cjt188DataIdentifier.Read(request.Data);
        var ser = request.Data[Cjt188DataIdentifier.Length];
        for (var attempt = 1; attempt <= options.Attempts; attempt++)
        {
            _reader.Clear();
            await line.WriteAsync(Cjt188Codec.Encode(request), cancellationToken).ConfigureAwait(false);
            while (await _reader.NextAsync(options.Timeout, time, cancellationToken).ConfigureAwait(false) is { } frame)
            {
                if (!frame.Control.IsReply || frame.Control.Function != function
                    || (!request.Address.IsWildcard && frame.Address != request.Address))
                {
                    continue; // our own echo, or a reply that is not to this request
                }

                var data = frame.Data;
                if (frame.Control.IsAbnormal)
                {
                    if (data.Length >= 1 + Cjt188Status.Length && data[0] != ser)
                    {
                        continue; // a late refusal of an earlier request
                    }

                    var status = data.Length >= 1 + Cjt188Status.Length ? Cjt188Status.Read(data[1..]) : (Cjt188Status?)null;
                    return Cjt188LinkResult<Cjt188Frame>.Fail(Cjt188LinkFailure.Refused,
                        $"meter {frame.Address} refused {function} of {id.Name} (abnormal reply {frame.Control.Value:X2}H){(status is { } s ? $", status: {s}" : "")}", status);
                }

                if (data.Length < Cjt188Messages.HeadLength)
                {
                    return Cjt188LinkResult<Cjt188Frame>.Fail(Cjt188LinkFailure.BadReply, $"meter {frame.Address} answered {function} with data {Convert.ToHexString(data)}");
                }

                if (data[Cjt188DataIdentifier.Length] != ser)
                {
                    continue; // a late answer to an earlier request
                }

                return id.Matches(Cjt188DataIdentifier.Read(data))
                    ? Cjt188LinkResult<Cjt188Frame>.Ok(frame)
                    : Cjt188LinkResult<Cjt188Frame>.Fail(Cjt188LinkFailure.BadReply, $"meter {frame.Address} answered {id.Name} with identifier {Cjt188DataIdentifier.Read(data)}");
            }
        }

        return Cjt188LinkResult<Cjt188Frame>.Fail(Cjt188LinkFailure.NoReply,
            $"no reply from meter {request.Address} ({request.MeterType}) on {line.Name} to {function} of {id.Name} after {options.Attempts} tries of {options.Timeout.TotalMilliseconds:0} ms");
    }
}
