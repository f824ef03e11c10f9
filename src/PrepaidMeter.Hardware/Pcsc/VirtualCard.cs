using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using PrepaidMeter.Cards.Readers;

namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>
/// The project's own virtual card behind pcscd's vsmartcard-vpcd driver: connecting to 127.0.0.1:35963
/// (slot 0) or 35964 (slot 1) puts the card in reader "Virtual PCD 00 00" or "... 00 01"; closing the
/// connection pulls it out. Every message is a 2-byte big-endian length and a payload: one byte 00, 01,
/// 02 or 04 is control (off, on, reset, get ATR — only the ATR is answered), anything else is an APDU,
/// answered by the medium: a memory card behind an ACS reader or an ISO 7816-4 CPU card
/// (<see cref="IVirtualCardMedium"/>). A one-byte APDU (a client's typing slip: <c>FF</c>) is an APDU too, and
/// the medium answers it <c>67 00</c>, wrong length: vpcd waits for an answer, and a card that kept silent would
/// hang the reader. Only the four control bytes cannot reach the card as APDUs: vpcd's protocol gives one-byte
/// messages to control, so they mean power and ATR whoever sent them.
/// Inserted with <see cref="CardFaults"/>, it misbehaves as they say (<see cref="FaultedInsertion"/>), counting APDUs
/// from each insertion; a card that leaves by a fault closes the connection without answering.
/// </summary>
public sealed class VirtualCard : IAsyncDisposable
{
    private static readonly byte[] On = BitConverter.GetBytes(1);

    // vpcd's control messages: one byte each.
    private const byte VpcdOff = 0, VpcdOn = 1, VpcdReset = 2, VpcdAtr = 4;

    // How long a card waits for vpcd to free a slot it was just pulled out of.
    private static readonly TimeSpan ReinsertPatience = TimeSpan.FromSeconds(10);

    private readonly TcpClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly FaultedInsertion _insertion;
    private readonly TimeProvider _time;

    private VirtualCard(TcpClient client, IVirtualCardMedium medium, CardFaults faults, TimeProvider time)
    {
        _client = client;
        Medium = medium;
        _insertion = new FaultedInsertion(medium, faults);
        _time = time;
        // A thread of its own blocked in recv wakes the moment vpcd writes: no hop from the socket poller to a
        // pool thread that may have gone to sleep while the counter was busy committing.
        _loop = Task.Factory.StartNew(() => Serve(_stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public IVirtualCardMedium Medium { get; }

    /// <summary>What this insertion does wrong on purpose; <see cref="CardFaults.None"/> for a card that behaves.</summary>
    public CardFaults Faults => _insertion.Faults;

    /// <summary>APDUs received since insertion (one the card left at included).</summary>
    public int Exchanges => _insertion.Apdus;

    /// <summary>Whether the card has left the reader by a fault (the connection is closed; dispose it all the same).</summary>
    public bool HasLeft => _insertion.HasLeft;

    /// <summary>The reader name pcscd gives vpcd slot <paramref name="slot"/>.</summary>
    public static string ReaderName(int slot) => $"Virtual PCD 00 0{slot}";

    /// <exception cref="SocketException">Nothing listens on the slot's port: pcscd with vsmartcard-vpcd is not running.</exception>
    public static Task<VirtualCard> InsertAsync(int slot, MemoryCard card, CancellationToken cancellationToken) =>
        InsertAsync(slot, card, CardFaults.None, cancellationToken);

    /// <summary>The card in the medium its own medium says, misbehaving as <paramref name="faults"/> say.</summary>
    /// <exception cref="SocketException">Nothing listens on the slot's port: pcscd with vsmartcard-vpcd is not running.</exception>
    public static Task<VirtualCard> InsertAsync(int slot, MemoryCard card, CardFaults faults, CancellationToken cancellationToken) =>
        InsertAsync(slot, MediumOf(card), faults, cancellationToken);

    /// <exception cref="SocketException">Nothing listens on the slot's port: pcscd with vsmartcard-vpcd is not running.</exception>
    public static Task<VirtualCard> InsertAsync(int slot, IVirtualCardMedium medium, CancellationToken cancellationToken) =>
        InsertAsync(slot, medium, CardFaults.None, cancellationToken);

    /// <summary>
    /// Puts the card into vpcd slot <paramref name="slot"/>, misbehaving as <paramref name="faults"/> say, its answer delay on the
    /// system's clock. <see cref="CardFaults.TriesLeft"/> is the card maker's to apply (<see cref="CardFaults.ApplyTries"/>)
    /// before the first insertion: a card's tries are its own, not an insertion's.
    /// </summary>
    /// <exception cref="SocketException">Nothing listens on the slot's port: pcscd with vsmartcard-vpcd is not running.</exception>
    public static Task<VirtualCard> InsertAsync(int slot, IVirtualCardMedium medium, CardFaults faults, CancellationToken cancellationToken) =>
        InsertAsync(slot, medium, faults, TimeProvider.System, cancellationToken);

    /// <summary>As <see cref="InsertAsync(int, IVirtualCardMedium, CardFaults, CancellationToken)"/>, the answer delay on <paramref name="time"/>.</summary>
    /// <exception cref="SocketException">Nothing listens on the slot's port: pcscd with vsmartcard-vpcd is not running.</exception>
    public static async Task<VirtualCard> InsertAsync(int slot, IVirtualCardMedium medium, CardFaults faults, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(medium);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slot, 1);
        // vpcd takes a new card in a slot only once it has noticed the last one leave (it polls), and until then
        // a connect hangs in the listen queue: try for a while, one bounded attempt at a time.
        var deadline = Environment.TickCount64 + (long)ReinsertPatience.TotalMilliseconds;
        TcpClient client;
        while (true)
        {
            client = new TcpClient { NoDelay = true };
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(TimeSpan.FromSeconds(1));
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, 35963 + slot, attempt.Token).ConfigureAwait(false);
                break;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested && Environment.TickCount64 < deadline)
            {
                client.Dispose();
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                client.Dispose();
                throw new SocketException((int)SocketError.TimedOut);
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }

        return new VirtualCard(client, medium, faults, time);
    }

    /// <summary>The medium a card of its own medium is served as: a CPU card, or a memory card behind an ACS reader.</summary>
    public static IVirtualCardMedium MediumOf(MemoryCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return card.Medium.IsCpu ? new CpuCard(card) : new MemoryCardOnAcsReader(card);
    }

    /// <summary>
    /// Pulls the card out of this slot and puts it into <paramref name="slot"/>: the card a bench carries from counter to meter.
    /// Its faults go with it, counted afresh from the new insertion.
    /// </summary>
    public async Task<VirtualCard> MoveToAsync(int slot, CancellationToken cancellationToken)
    {
        await DisposeAsync().ConfigureAwait(false);
        return await InsertAsync(slot, Medium, Faults, _time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The hand that pulls the card out too early: the next write command reaches the card only half-way (the
    /// first half of its bytes land) and the card leaves the reader without answering.
    /// </summary>
    public void PullOutDuringNextWrite() => _insertion.TearNextWriteHalfway();

    /// <summary>Pulls the card out of the reader.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _client.Dispose();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or SocketException or EndOfStreamException)
        {
            // The connection is gone, which is what removing the card means.
        }

        Medium.EndSession();
        _stop.Dispose();
    }

    /// <summary>
    /// vpcd sends a message's length and its payload in two writes; with Nagle on its side and a delayed ACK on
    /// ours, the payload waits for our ACK. Linux's TCP_QUICKACK (re-armed before every read) ACKs at once.
    /// </summary>
    private void QuickAck()
    {
        if (OperatingSystem.IsLinux())
        {
            const int IpProtocolTcp = 6, TcpQuickAck = 12;
            _client.Client.SetRawSocketOption(IpProtocolTcp, TcpQuickAck, On);
        }
    }

    private void Serve(CancellationToken token)
    {
        var stream = _client.GetStream();
        var header = new byte[2];
        while (!token.IsCancellationRequested)
        {
            QuickAck();
            stream.ReadExactly(header);
            QuickAck();
            var payload = new byte[BinaryPrimitives.ReadUInt16BigEndian(header)];
            stream.ReadExactly(payload);
            byte[]? answer;
            if (payload is [VpcdOff or VpcdOn or VpcdReset or VpcdAtr])
            {
                if (payload[0] is VpcdOff or VpcdReset)
                {
                    Medium.EndSession(); // power off or reset: writes need the PSC (or authentication) again
                }

                answer = payload[0] == VpcdAtr ? _insertion.Atr.ToArray() : null;
            }
            else
            {
                answer = _insertion.Take(payload);
                if (answer is null)
                {
                    // Left by a fault: vpcd finds the connection closed instead of an answer, as when a card is pulled out.
                    _client.Client.Shutdown(SocketShutdown.Both);
                    return;
                }

                if (Faults.Delay > TimeSpan.Zero)
                {
                    Task.Delay(Faults.Delay, _time, token).GetAwaiter().GetResult();
                }
            }

            if (answer is not null)
            {
                var message = new byte[2 + answer.Length];
                BinaryPrimitives.WriteUInt16BigEndian(message, (ushort)answer.Length);
                answer.CopyTo(message, 2);
                stream.Write(message);
            }
        }
    }
}
