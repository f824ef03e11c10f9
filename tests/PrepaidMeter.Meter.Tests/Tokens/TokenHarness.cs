using Microsoft.Extensions.Time.Testing;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.Tokens;
using PrepaidMeter.Testing;
using PrepaidMeter.Tokens;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;

namespace PrepaidMeter.Meter.Tests.Tokens;

/// <summary>A token meter on a desk and the vending side that makes its tokens with the same key: tests say only what matters to the rule.</summary>
internal sealed class TokenHarness
{
    public const string Drn = "01234567897";
    public const string OtherDrn = "54321098763";
    public const string VendingKey02 = "0123456789ABCDEF";
    public const string VendingKey04 = "000102030405060708090A0B0C0D0E0F";

    public TokenHarness(MeterModel? model = null, string drn = Drn)
    {
        Model = model ?? Sts;
        var rule = Model.Token!;
        Install = TokenInstall.FromVendingKey(rule, drn, rule.KeyGeneration == KeyGeneration.Dkga02 ? VendingKey02 : VendingKey04, out var problem)
            ?? throw new InvalidOperationException(problem);
        Desk = new MeterHarness(Model, Install);
        Codec = new TokenCodec(Install.Key.Cipher());
    }

    public static MeterModel Sts => Load("pm-sts-energy.json");

    public static MeterModel Dual => Load("pm-dual-energy.json");

    public MeterModel Model { get; }

    public TokenInstall Install { get; }

    public MeterHarness Desk { get; }

    public VirtualMeter Meter => Desk.Meter;

    public MeterSnapshot State => Meter.Snapshot();

    /// <summary>The vending side's codec: the meter's key as installed (a key change test makes another).</summary>
    public TokenCodec Codec { get; set; }

    /// <summary>A model file of fixtures/models, with <paramref name="edit"/> applied to its text.</summary>
    public static MeterModel Load(string file, Func<string, string>? edit = null)
    {
        var json = File.ReadAllText(RepoPaths.Fixtures("models", file));
        return MeterModelLoader.Load(edit?.Invoke(json) ?? json, file, RepoPaths.Fixtures("layouts")).GetModelOrThrow();
    }

    public string Credit(long tenths, int tid, CreditKind kind = CreditKind.Electricity, int random = 0) =>
        Codec.Encode(new CreditToken(kind, random, new TokenIdentifier(tid), TransferAmount.RoundedUp(tenths)!.Value)).ToString();

    public string Management(ManagementKind kind, int tid, ushort value) =>
        Codec.Encode(new ManagementToken(kind, 0, new TokenIdentifier(tid), value)).ToString();

    public string Encode(TokenData data) => Codec.Encode(data).ToString();

    public TokenOutcome Enter(string digits) => Meter.EnterToken(digits);

    public void Wait(TimeSpan time) => Meter.Advance(time, LoadProfile.Constant(0));

    /// <summary>Hundredths of a kWh the meter holds.</summary>
    public long Remaining => State.Remaining.Hundredths;
}
