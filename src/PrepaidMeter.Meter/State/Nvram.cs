using System.Buffers.Binary;
using System.Text;
using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Meter.State;

/// <summary>
/// The meter's NVRAM image (rule N1), version 4, all integers little-endian:
/// <code>
/// "PMNV"  u16 version = 4
/// model block (<see cref="NvramModel"/>): u32 length + UTF-8 of the model file's text,
///         u16 layout count, then u32 length + UTF-8 of each layout file's text, in the order the model names them
/// registers: the model id, meter number, group, keys, life cycle, relay, amounts, parameters, clock, ... the event ring
/// parts (<see cref="NvramParts"/>): a water or gas meter's valve, battery, tamper latch and flow sensor, each behind a
///         presence byte (0 none, 1 kept)
/// tokens (<see cref="NvramTokens"/>): a token meter's identity, key, TID memory, lock-out and pending key sections, behind a presence byte
/// u32 CRC-32 over everything before it
/// </code>
/// The meter keeps the model it was made from, so reading an image rebuilds the model from the texts alone (no file,
/// any directory). A model built in code has no text: its block is empty (length 0, no layouts) and the model is
/// looked up by the id the registers carry — as for a version 1 image (the same without the model block), which is
/// still read, as are version 2 (the same without the parts: a meter of that time had none) and version 3 (without the
/// token block: a card-only meter); the next save writes version 4. Reading a damaged or foreign image is a typed refusal, never an exception.
/// </summary>
internal static class Nvram
{
    public const ushort Version = 4;

    // Version 3 had no token block: every meter then took cards only.
    private const ushort VersionWithoutTokens = 3;

    // Version 1 had no model block: the model was looked up by id (shipped models only).
    private const ushort VersionWithoutModel = 1;

    // Version 2 had no parts: every meter then was an electricity meter with a relay.
    private const ushort VersionWithoutParts = 2;
    private static readonly byte[] Magic = "PMNV"u8.ToArray();

    public static byte[] Write(MeterModel model, MeterRegisters r)
    {
        var kept = NvramModel.Keeps(model) ? model.SourceText.Length + model.Layouts.Sum(l => l.SourceText.Length) : 0;
        using var buffer = new MemoryStream(512 + kept + (r.Events.Length * 80));
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(Version);
            NvramModel.Write(w, model);
            w.Write(r.ModelId);
            w.Write(r.MeterNumber.Value);
            w.Write(r.SupplyGroup.Value);
            w.Write(r.MacKey);
            w.Write(r.Psc);
            w.Write((byte)r.LifeCycle);
            w.Write((byte)r.CreditState);
            w.Write((byte)r.Relay);
            w.Write((ushort)r.OpenReasons);
            foreach (var value in (ReadOnlySpan<long>)[r.Remaining, r.CumulativeEnergy, r.CumulativeLoaded, r.CreditConsumed, r.TransferredOut,
                         r.EmergencyOutstanding, r.EmergencyBorrowedTotal, r.EmergencyRepaidTotal])
            {
                w.Write(value);
            }

            w.Write(r.PurchaseCount.Value);
            w.Write(r.LastCardSerial.Value);
            w.Write(r.Customer.Value);
            w.Write(r.IllegalCards);
            var p = r.Parameters;
            w.Write((byte)p.Alarm1.Unit);
            w.Write(p.Alarm1.Hundredths);
            w.Write(p.Alarm2.Hundredths);
            w.Write(p.OverdraftLimit.Hundredths);
            w.Write(p.PurchaseLimit.Hundredths);
            w.Write(p.PowerLimitWatts);
            w.Write(r.Alarm2Tripped);
            w.Write(r.KeepPowerOn);
            w.Write(r.AlarmOn);
            w.Write(r.Clock.ToUnixTimeSeconds());
            w.Write(r.WattSecondsCarry);
            w.Write(r.Month);
            w.Write(r.MonthEnergy);
            w.Write(r.MonthCharged);
            w.Write(r.OverPowerSince?.ToUnixTimeSeconds() ?? -1);
            w.Write(r.ReconnectAt?.ToUnixTimeSeconds() ?? -1);
            w.Write(r.TripsToday);
            w.Write(r.TripsDay);
            w.Write(r.MonthEnergyByPeriod.Length);
            foreach (var energy in r.MonthEnergyByPeriod)
            {
                w.Write(energy);
            }

            w.Write(r.Events.Length);
            for (var i = 0; i < r.Events.Length; i++)
            {
                w.Write(r.Events[i].Record);
            }

            NvramParts.Write(w, r.Parts);
            NvramTokens.Write(w, r.Tokens);
        }

        var body = buffer.ToArray();
        var image = new byte[body.Length + 4];
        body.CopyTo(image, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(body.Length), Checksums.Compute(ChecksumAlgorithm.Crc32, body));
        return image;
    }

    /// <summary>
    /// Reads an image; <paramref name="model"/> is the model it keeps, null when it keeps none (version 1, or a model
    /// built in code) and the model is to be looked up by the registers' id. On a refusal the message says what is wrong.
    /// </summary>
    public static string? TryRead(byte[] image, out MeterRegisters? registers, out MeterModel? model)
    {
        registers = null;
        model = null;
        if (image.Length < 10 || !image.AsSpan(0, 4).SequenceEqual(Magic))
        {
            return "not a meter NVRAM image (no PMNV header)";
        }

        var body = image.AsSpan(0, image.Length - 4);
        if (Checksums.Compute(ChecksumAlgorithm.Crc32, body) != BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(image.Length - 4)))
        {
            return "the NVRAM image is damaged (CRC-32 mismatch)";
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(4));
        if (version is not (Version or VersionWithoutTokens or VersionWithoutParts or VersionWithoutModel))
        {
            return $"NVRAM version {version} is not one this build reads (it reads {VersionWithoutModel} to {Version})";
        }

        using var reader = new BinaryReader(new MemoryStream(image, 6, image.Length - 10), Encoding.UTF8);
        if (version != VersionWithoutModel && NvramModel.TryRead(reader, out model) is { } modelError)
        {
            return $"the NVRAM's {modelError}";
        }

        try
        {
            registers = Read(reader);
            registers.Parts = version >= VersionWithoutTokens ? NvramParts.Read(reader) : null;
            registers.Tokens = version == Version ? NvramTokens.Read(reader) : null;
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or IOException)
        {
            model = null;
            return $"the NVRAM image is inconsistent: {e.Message}";
        }

        if (model is not null && !string.Equals(model.Id, registers.ModelId, StringComparison.Ordinal))
        {
            var problem = $"the NVRAM image is inconsistent: it keeps model '{model.Id}' but its registers are for '{registers.ModelId}'";
            (registers, model) = (null, null);
            return problem;
        }

        return null;
    }

    private static MeterRegisters Read(BinaryReader r)
    {
        var registers = new MeterRegisters
        {
            ModelId = r.ReadString(),
            MeterNumber = MeterNumber.From(r.ReadUInt64()),
            SupplyGroup = SupplyGroupCode.From(r.ReadUInt32()),
            MacKey = r.ReadBytes(32),
            Psc = r.ReadBytes(3),
            LifeCycle = (LifeCycle)r.ReadByte(),
            CreditState = (CreditState)r.ReadByte(),
            Relay = (RelayState)r.ReadByte(),
            OpenReasons = (OpenReasons)r.ReadUInt16(),
            Remaining = r.ReadInt64(),
            CumulativeEnergy = r.ReadInt64(),
            CumulativeLoaded = r.ReadInt64(),
            CreditConsumed = r.ReadInt64(),
            TransferredOut = r.ReadInt64(),
            EmergencyOutstanding = r.ReadInt64(),
            EmergencyBorrowedTotal = r.ReadInt64(),
            EmergencyRepaidTotal = r.ReadInt64(),
            PurchaseCount = PurchaseCount.From(r.ReadUInt32()),
            LastCardSerial = CardSerial.From(r.ReadUInt32()),
            Customer = CustomerNumber.From(r.ReadUInt64()),
            IllegalCards = r.ReadUInt32(),
        };
        var unit = (CreditUnit)r.ReadByte();
        registers.Parameters = new MeterParameters(
            new(unit, r.ReadInt64()), new(unit, r.ReadInt64()), new(unit, r.ReadInt64()), new(unit, r.ReadInt64()), r.ReadUInt32());
        registers.Alarm2Tripped = r.ReadBoolean();
        registers.KeepPowerOn = r.ReadBoolean();
        registers.AlarmOn = r.ReadBoolean();
        registers.Clock = DateTimeOffset.FromUnixTimeSeconds(r.ReadInt64());
        registers.WattSecondsCarry = r.ReadInt64();
        registers.Month = r.ReadInt32();
        registers.MonthEnergy = r.ReadInt64();
        registers.MonthCharged = r.ReadInt64();
        registers.OverPowerSince = r.ReadInt64() is var since and >= 0 ? DateTimeOffset.FromUnixTimeSeconds(since) : null;
        registers.ReconnectAt = r.ReadInt64() is var reconnect and >= 0 ? DateTimeOffset.FromUnixTimeSeconds(reconnect) : null;
        registers.TripsToday = r.ReadInt32();
        registers.TripsDay = r.ReadInt32();
        registers.MonthEnergyByPeriod = new long[r.ReadInt32()];
        for (var i = 0; i < registers.MonthEnergyByPeriod.Length; i++)
        {
            registers.MonthEnergyByPeriod[i] = r.ReadInt64();
        }

        var count = r.ReadInt32();
        var events = new List<MeterEvent>(Math.Min(count, 1024));
        for (var i = 0; i < count; i++)
        {
            events.Add(new MeterEvent(DateTimeOffset.FromUnixTimeSeconds(r.ReadInt64()), (MeterEventKind)r.ReadByte(), r.ReadString()));
        }

        registers.Events = EventRing.Of(events);

        return registers;
    }
}
