using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Lab.Targets;

/// <summary>
/// A bench meter's DL/T 645 link: its registers read into a snapshot (only the facts a link carries are
/// real; the rest stay at their defaults and the bench target does not claim to see them), and its remote
/// commands. A meter that does not answer stops the run: nothing it does can be judged.
/// </summary>
internal sealed class BenchMeterLink(ISerialLine line, SerialMeterLink link, byte[] authority, TimeProvider time) : IDisposable
{
    public async Task<MeterSnapshot> ReadAsync(BenchMeter meter, CancellationToken cancellationToken)
    {
        var (remainingItem, overdraftItem) = CreditItems(meter);
        var remaining = await RegisterAsync(meter, remainingItem, cancellationToken);
        var overdraft = await RegisterAsync(meter, overdraftItem, cancellationToken);
        var status = (RunStatus3)await RegisterAsync(meter, PrepaidItems.RunStatus3, cancellationToken);
        var unit = meter.Model.CreditUnit;
        CreditAmount Amount(long hundredths) => new(unit, hundredths);
        var zero = Amount(0);
        var parameters = new MeterParameters(
            Amount(await RegisterAsync(meter, PrepaidItems.Alarm1, cancellationToken)),
            Amount(await RegisterAsync(meter, PrepaidItems.Alarm2, cancellationToken)),
            Amount(await RegisterAsync(meter, PrepaidItems.OverdraftLimit, cancellationToken)),
            Amount(await RegisterAsync(meter, PrepaidItems.HoardingLimit, cancellationToken)),
            0);
        return new MeterSnapshot(
            meter.Model.Id,
            meter.Model.Sha256,
            meter.Number,
            meter.Group,
            LifeCycle.Bound,
            CreditState.Normal,
            status.HasFlag(RunStatus3.RelayOpen) ? RelayState.Open : RelayState.Closed,
            OpenReasons.None,
            Amount(remaining - overdraft),
            Energy.FromHundredths(await RegisterAsync(meter, PrepaidItems.TotalEnergy, cancellationToken)),
            zero, zero, zero, zero, zero, zero,
            zero,
            PurchaseCount.From((uint)await RegisterAsync(meter, PrepaidItems.PurchaseCount, cancellationToken)),
            default,
            default,
            0,
            parameters,
            KeepPowerOn: false,
            AlarmOn: status.HasFlag(RunStatus3.PreTripAlarm),
            meter.Clock,
            Powered: true,
            []);
    }

    /// <summary>The DL/T 645 registers of the meter's remaining credit and overdraft, in its credit unit.</summary>
    /// <exception cref="InvalidOperationException">A model counting m³: it speaks CJ/T 188, and the bench refuses it when it is installed (RunnableModels.WhyNotOnBench).</exception>
    private static (Dlt645Item Remaining, Dlt645Item Overdraft) CreditItems(BenchMeter meter) => meter.Model.CreditUnit switch
    {
        CreditUnit.Energy => (PrepaidItems.RemainingEnergy, PrepaidItems.OverdraftEnergy),
        CreditUnit.Money => (PrepaidItems.RemainingAmount, PrepaidItems.OverdraftAmount),
        _ => throw new InvalidOperationException(Scenarios.RunnableModels.WhyNotOnBench(meter.Model) ?? $"Model {meter.Model.Id} has no credit unit."),
    };

    /// <returns>False when the meter refused the command.</returns>
    public Task<bool> ControlAsync(BenchMeter meter, RemoteCommand command, CancellationToken cancellationToken) =>
        RemoteCommandSender.SendAsync(link, meter.Number, command, authority, time.GetUtcNow().AddHours(1), "", cancellationToken);

    public void Dispose() => line.Dispose();

    private async Task<long> RegisterAsync(BenchMeter meter, Dlt645Item item, CancellationToken cancellationToken)
    {
        var read = await link.ReadAsync(Dlt645Address.From(meter.Number.Value), item.Id, cancellationToken);
        if (!read.Success)
        {
            throw new LabTargetException(read.Failure == LinkFailure.NoReply
                ? $"no meter answers as {meter.Number} on the bench's link ({read.Message}): is it fitted, powered and wired?"
                : $"meter {meter.Number} refused to read {item.Name} ({item.Id}): {read.Message}");
        }

        return item.Decode(read.Value!) ?? throw new LabTargetException($"meter {meter.Number} answered {item.Name} ({item.Id}) with bytes that are not its format: {Convert.ToHexString(read.Value!)}");
    }
}
