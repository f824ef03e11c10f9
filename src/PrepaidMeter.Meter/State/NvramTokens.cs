using System.Collections.Immutable;
using PrepaidMeter.Meter.Tokens;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;

namespace PrepaidMeter.Meter.State;

/// <summary>
/// The token block of the NVRAM image (version 4), after the parts: a presence byte, then the identity (IIN, DRN as
/// strings; KT, SGC, TI, KRN, base date year, KEN as 32-bit integers), the algorithm's EA code and the key (length-prefixed),
/// the TID memory (count, then each TID ascending), the lock-out (invalid in a row, locked-until or <see cref="long.MinValue"/>),
/// the pending key sections (count, then subclass byte, 44 field bits as u64, time entered), and the management values
/// (tariff rate, water factor, phase unbalance limit, each behind a presence byte; credit cleared).
/// </summary>
internal static class NvramTokens
{
    public static void Write(BinaryWriter w, TokenMemory? t)
    {
        w.Write(t is not null);
        if (t is null)
        {
            return;
        }

        w.Write(t.Iin);
        w.Write(t.Drn);
        foreach (var value in (ReadOnlySpan<int>)[t.KeyType, t.SupplyGroup, t.TariffIndex, t.KeyRevision, (int)t.BaseDate, t.KeyExpiry])
        {
            w.Write(value);
        }

        w.Write((byte)t.Algorithm);
        w.Write((byte)t.Key.Length);
        w.Write(t.Key.AsSpan());
        w.Write(t.Tids.Length);
        foreach (var tid in t.Tids)
        {
            w.Write(tid);
        }

        w.Write(t.InvalidInARow);
        w.Write(t.LockedUntil?.ToUnixTimeSeconds() ?? long.MinValue);
        w.Write(t.Pending.Length);
        foreach (var p in t.Pending)
        {
            w.Write((byte)p.Subclass);
            w.Write(p.Fields);
            w.Write(p.At.ToUnixTimeSeconds());
        }

        w.Write(t.TariffRate is not null);
        w.Write(t.TariffRate ?? 0);
        w.Write(t.WaterFactor is not null);
        w.Write(t.WaterFactor ?? 0);
        w.Write(t.PhaseUnbalanceWatts is not null);
        w.Write(t.PhaseUnbalanceWatts ?? 0);
        w.Write(t.ClearedCredit);
    }

    /// <exception cref="ArgumentException">A value no meter writes (caught by the reader as an inconsistent image).</exception>
    public static TokenMemory? Read(BinaryReader r)
    {
        if (!r.ReadBoolean())
        {
            return null;
        }

        var (iin, drn) = (r.ReadString(), r.ReadString());
        var (kt, sgc, ti, krn, year, ken) = (r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32());
        var baseDate = BaseDates.Parse(year.ToString(System.Globalization.CultureInfo.InvariantCulture)) ?? throw new ArgumentException($"base date {year} is not one a meter writes");
        if (MeterIdentity.Problem(iin, drn, kt, sgc, ti, krn, ken) is { } problem)
        {
            throw new ArgumentException($"the token identity: {problem}");
        }

        var algorithm = (EncryptionAlgorithm)r.ReadByte();
        var key = r.ReadBytes(r.ReadByte());
        if (!Enum.IsDefined(algorithm) || key.Length != (algorithm == EncryptionAlgorithm.Sta ? 8 : 16))
        {
            throw new ArgumentException($"a {key.Length}-byte key for algorithm {(int)algorithm} is not one a meter writes");
        }

        var tids = new int[Count(r.ReadInt32())];
        for (var i = 0; i < tids.Length; i++)
        {
            tids[i] = r.ReadInt32();
            if (tids[i] is < 0 or > TokenIdentifier.Largest || (i > 0 && tids[i] <= tids[i - 1]))
            {
                throw new ArgumentException("the TID memory is not ascending 24-bit identifiers");
            }
        }

        var invalid = r.ReadInt32();
        var locked = r.ReadInt64() is var until and not long.MinValue ? DateTimeOffset.FromUnixTimeSeconds(until) : (DateTimeOffset?)null;
        var pending = new PendingSection[Count(r.ReadInt32())];
        for (var i = 0; i < pending.Length; i++)
        {
            pending[i] = new(r.ReadByte(), r.ReadUInt64() & ((1UL << 44) - 1), DateTimeOffset.FromUnixTimeSeconds(r.ReadInt64()));
            if (pending[i].Subclass is not (3 or 4 or 8 or 9) || (key.Length == 8 && pending[i].Subclass > 4))
            {
                throw new ArgumentException($"a pending key section of subclass {pending[i].Subclass}, which is no key section a {key.Length * 8}-bit key takes");
            }
        }

        var hasRate = r.ReadBoolean();
        var rate = r.ReadUInt16();
        var hasFactor = r.ReadBoolean();
        var factor = r.ReadUInt16();
        var hasPhase = r.ReadBoolean();
        var phase = r.ReadInt64();
        return new TokenMemory
        {
            Iin = iin,
            Drn = drn,
            KeyType = kt,
            SupplyGroup = sgc,
            TariffIndex = ti,
            KeyRevision = krn,
            BaseDate = baseDate,
            KeyExpiry = ken,
            Algorithm = algorithm,
            Key = [.. key],
            Tids = [.. tids],
            InvalidInARow = invalid,
            LockedUntil = locked,
            Pending = [.. pending],
            TariffRate = hasRate ? rate : null,
            WaterFactor = hasFactor ? factor : null,
            PhaseUnbalanceWatts = hasPhase ? phase : null,
            ClearedCredit = r.ReadInt64(),
        };
    }

    private static int Count(int count) => count is >= 0 and <= 100_000 ? count : throw new ArgumentException($"a count of {count} is not one a meter writes");
}
