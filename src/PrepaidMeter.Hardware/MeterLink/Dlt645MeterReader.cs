using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;

namespace PrepaidMeter.Hardware.MeterLink;

/// <summary>
/// Reads a DL/T 645 meter's registers for the back office (<see cref="IMeterLinkReader"/>): total energy (00000000),
/// the remaining register of the meter's credit unit (00900100 energy, 00900200 money) and, when it is 0, the
/// overdraft in use (00900101, 00900201) as a negative remaining, the purchase count (03330201), run status word 3
/// (04000503), and the meter's clock (04000101, 04000102) — one exchange each, in that order, each with the link's
/// bounded wait and tries. A meter silent to the first read costs the line tries × timeout, and is not asked the rest.
/// </summary>
public sealed class Dlt645MeterReader(SerialMeterLink link, string name) : IMeterLinkReader
{
    public string Name { get; } = name;

    public async Task<LinkReading> ReadAsync(MeterNumber meter, CreditUnit unit, CancellationToken cancellationToken)
    {
        var (remainingItem, overdraftItem) = unit switch
        {
            CreditUnit.Energy => (PrepaidItems.RemainingEnergy, PrepaidItems.OverdraftEnergy),
            CreditUnit.Money => (PrepaidItems.RemainingAmount, PrepaidItems.OverdraftAmount),
            _ => (null, null),
        };
        if (remainingItem is null || overdraftItem is null)
        {
            return LinkReading.Refused($"meter {meter} counts {unit.Name()}: a water or gas meter is read over CJ/T 188, not DL/T 645");
        }

        var address = Dlt645Address.From(meter.Value);
        var values = new long[5];
        Dlt645Item[] items = [PrepaidItems.TotalEnergy, remainingItem, PrepaidItems.PurchaseCount, PrepaidItems.RunStatus3, PrepaidItems.Date];
        for (var i = 0; i < items.Length; i++)
        {
            var read = await ReadItemAsync(address, items[i], answeredBefore: i, cancellationToken).ConfigureAwait(false);
            if (read.Failure is { } failure)
            {
                return failure;
            }

            values[i] = read.Value;
        }

        var time = await ReadItemAsync(address, PrepaidItems.Time, answeredBefore: items.Length, cancellationToken).ConfigureAwait(false);
        if (time.Failure is { } timeFailure)
        {
            return timeFailure;
        }

        // The date and the time are two exchanges: a date read just before midnight and a time just after would stamp the
        // reading a day early. A time in the first minute of the day asks for the date again (hhmmss, as the meter sends it).
        if (time.Value < 100)
        {
            var again = await ReadItemAsync(address, PrepaidItems.Date, answeredBefore: items.Length + 1, cancellationToken).ConfigureAwait(false);
            if (again.Failure is { } againFailure)
            {
                return againFailure;
            }

            values[4] = again.Value;
        }

        var remaining = values[1];
        if (remaining == 0)
        {
            var overdraft = await ReadItemAsync(address, overdraftItem, answeredBefore: items.Length + 1, cancellationToken).ConfigureAwait(false);
            if (overdraft.Failure is { } overdraftFailure)
            {
                return overdraftFailure;
            }

            remaining = -overdraft.Value;
        }

        if (Dlt645Clock.TryRead(values[4], time.Value) is not { } clock)
        {
            return LinkReading.Refused($"meter {meter} answered a clock that is no date: {values[4]:D8} {time.Value:D6}");
        }

        return LinkReading.Read(new ReturnWriteBlock(meter, PurchaseCount.From(checked((uint)values[2])), new CreditAmount(unit, remaining),
            Energy.FromHundredths(values[0]), StatusOf((RunStatus3)values[3], remaining), clock));
    }

    /// <summary>
    /// Run status word 3 as the return-write's flags: relay open (bit 4) as relay open, the pre-trip alarm (bit 7) as
    /// alarm 2, and a negative remaining as overdraft in use. The word says nothing of the other flags.
    /// </summary>
    public static ReturnWriteStatus StatusOf(RunStatus3 word, long remaining)
    {
        var status = ReturnWriteStatus.None;
        if ((word & RunStatus3.RelayOpen) != 0)
        {
            status |= ReturnWriteStatus.RelayOpen;
        }

        if ((word & RunStatus3.PreTripAlarm) != 0)
        {
            status |= ReturnWriteStatus.Alarm2;
        }

        if (remaining < 0)
        {
            status |= ReturnWriteStatus.OverdraftInUse;
        }

        return status;
    }

    private async Task<(long Value, LinkReading? Failure)> ReadItemAsync(Dlt645Address address, Dlt645Item item, int answeredBefore, CancellationToken cancellationToken)
    {
        var read = await link.ReadAsync(address, item.Id, cancellationToken).ConfigureAwait(false);
        if (!read.Success)
        {
            var message = answeredBefore == 0 ? read.Message : $"{read.Message} (it answered {answeredBefore} read(s) before)";
            return (0, read.Failure == LinkFailure.NoReply ? LinkReading.Silent(message) : LinkReading.Refused(message));
        }

        return item.Decode(read.Value) is { } value
            ? (value, null)
            : (0, LinkReading.Refused($"meter {address} answered {item.Id} ({item.Name}) with {Convert.ToHexString(read.Value!)}: not {item.Format}"));
    }
}
