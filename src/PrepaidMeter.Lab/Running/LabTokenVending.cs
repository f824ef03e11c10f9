using System.Globalization;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.Tokens;
using PrepaidMeter.Tokens;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;

namespace PrepaidMeter.Lab.Running;

/// <summary>
/// The lab's own token vending: for each meter, the STS identity and decoder key the lab installed it with
/// (<see cref="TokenInstall.ForLab"/>) and the last token identifier it issued, so that its tokens are the meter's and no two
/// share a TID (the same-minute bump). A key change moves the meter's record to the new key once the meter accepts the set —
/// unlike a vending system, which cannot see the meter, the lab follows it.
/// </summary>
internal sealed class LabTokenVending(MeterModel model)
{
    private readonly Dictionary<MeterNumber, Account> _accounts = [];

    /// <summary>The key change set last made for each meter, not yet taken by it.</summary>
    private readonly Dictionary<MeterNumber, Account> _issued = [];

    private TokenRule Rule => model.Token ?? throw new InvalidOperationException($"model {model.Id} takes no tokens");

    /// <summary>The identity and key the lab holds for <paramref name="meter"/> now.</summary>
    public MeterIdentity IdentityOf(MeterNumber meter) => AccountOf(meter).Identity;

    /// <summary>A credit token of <paramref name="hundredths"/> (a multiple of 10) of the model's unit; null with the reason when none can be made.</summary>
    public TokenData? Credit(MeterNumber meter, long hundredths, DateTimeOffset now, out string? problem, CreditKind? otherKind = null)
    {
        if (TransferAmount.RoundedUp(hundredths / 10) is not { } amount)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"{hundredths / 100m:0.00} is more than a token carries ({TransferAmount.Largest / 10m:0.0})");
            return null;
        }

        var kind = otherKind ?? model.Utility switch
        {
            Utility.Water => CreditKind.Water,
            Utility.Gas => CreditKind.Gas,
            _ => CreditKind.Electricity,
        };
        return NextId(meter, now, out problem) is { } id ? new CreditToken(kind, id.Minutes & 0xF, id, amount) : null;
    }

    /// <summary>A management token; a power limit's value is watts (the amount encoding), the others the raw field.</summary>
    public TokenData? Management(MeterNumber meter, ManagementKind kind, long value, DateTimeOffset now, out string? problem)
    {
        ushort field;
        if (kind is ManagementKind.SetMaximumPowerLimit or ManagementKind.SetMaximumPhasePowerUnbalanceLimit)
        {
            if (TransferAmount.RoundedUp(value) is not { } watts)
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"{value} W is more than a token carries");
                return null;
            }

            field = watts.Field;
        }
        else if (value is < 0 or > ushort.MaxValue)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"{value} does not fit the token's 16-bit field");
            return null;
        }
        else
        {
            field = (ushort)value;
        }

        return NextId(meter, now, out problem) is { } id ? new ManagementToken(kind, id.Minutes & 0xF, id, field) : null;
    }

    /// <summary>A class 1 test token with the model's manufacturer code, or <paramref name="manufacturerCode"/> (its length picks the subclass).</summary>
    public TokenData Test(ulong control, string? manufacturerCode)
    {
        var code = manufacturerCode ?? Rule.ManufacturerCode;
        return new MeterTestToken(code.Length == 2 ? 0 : 1, control, int.Parse(code, CultureInfo.InvariantCulture));
    }

    /// <summary>The 20 digits of <paramref name="data"/> for <paramref name="meter"/>: encrypted under the key the lab holds for it.</summary>
    public string Encode(MeterNumber meter, TokenData data) => AccountOf(meter).Codec.Encode(data).ToDigits();

    /// <summary>
    /// The key change set to the next key revision (1–9, then 1 again), with the rollover bit and the next base date when
    /// <paramref name="rollover"/> (2035 stays 2035: the meter must refuse that), and <paramref name="keyExpiry"/> or the
    /// present KEN: each section as its 20 digits under the present key, 1st to 4th. A section a 64-bit set has not (3rd, 4th)
    /// is made too, with a zero key word, so that a scenario can show the meter refuse it. The meter's record moves to the new
    /// key only at <see cref="Installed"/>: the lab follows the meter, so that a refused or half-entered set leaves the next
    /// tokens under the key the meter still holds.
    /// </summary>
    public IReadOnlyList<(int Section, string Digits)> KeyChange(MeterNumber meter, bool rollover, int? keyExpiry)
    {
        var account = AccountOf(meter);
        var now = account.Identity;
        var baseDate = rollover ? now.BaseDate.Next() ?? now.BaseDate : now.BaseDate;
        var next = new MeterIdentity(now.Iin, now.Drn, now.KeyType, now.SupplyGroup, now.TariffIndex, (now.KeyRevision % 9) + 1, baseDate, keyExpiry ?? now.KeyExpiry);
        var vendingKey = Convert.FromHexString(TokenInstall.LabVendingKey(Rule));
        var key = DecoderKeys.Derive(Rule.KeyGeneration, vendingKey, next, Rule.Algorithm);
        var sections = KeyChangeTokens.For(key, next, rollover).ToList();
        if (sections.Count == 2)
        {
            sections.Add(new ThirdKeySection(next.SupplyGroup & 0xFFF, 0));
            sections.Add(new FourthKeySection(next.SupplyGroup >> 12, 0));
        }

        var digits = sections.Select((data, i) => (i + 1, account.Codec.Encode(data).ToDigits())).ToList();
        _issued[meter] = new Account(next, key, rollover ? null : account.Last);
        return digits;
    }

    /// <summary>The meter accepted the last key change set made for it: its tokens are made under the new key from now on.</summary>
    public void Installed(MeterNumber meter)
    {
        if (_issued.Remove(meter, out var account))
        {
            _accounts[meter] = account;
        }
    }

    /// <summary>
    /// Another vending station (the site's back office, at the counter) issued <paramref name="id"/> for <paramref name="meter"/>:
    /// the lab's next token for it takes a later TID, as the back office's own do.
    /// </summary>
    public void Issued(MeterNumber meter, TokenIdentifier id)
    {
        var account = AccountOf(meter);
        if (account.Last is not { } last || last.Minutes < id.Minutes)
        {
            _accounts[meter] = account with { Last = id };
        }
    }

    private TokenIdentifier? NextId(MeterNumber meter, DateTimeOffset now, out string? problem)
    {
        var account = AccountOf(meter);
        if (TokenIdentifier.Next(now, account.Identity.BaseDate, account.Last) is not { } id)
        {
            problem = now < account.Identity.BaseDate.Start()
                ? $"{now:yyyy-MM-dd} is before the meter's base date {(int)account.Identity.BaseDate}: no token identifier counts back"
                : $"the meter's base date {(int)account.Identity.BaseDate} has no minutes left: it needs a key change with the rollover bit";
            return null;
        }

        problem = null;
        _accounts[meter] = account with { Last = id };
        return id;
    }

    private Account AccountOf(MeterNumber meter)
    {
        if (!_accounts.TryGetValue(meter, out var account))
        {
            var install = TokenInstall.ForLab(Rule, meter);
            account = new Account(install.Identity, install.Key, null);
            _accounts[meter] = account;
        }

        return account;
    }

    private sealed record Account(MeterIdentity Identity, DecoderKey Key, TokenIdentifier? Last)
    {
        public TokenCodec Codec { get; } = new(Key.Cipher());
    }
}
