using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;

namespace PrepaidMeter.Tokens.Tests;

/// <summary>Random token data of every class and subclass, and random decoder keys of both algorithms, for the properties.</summary>
public static class TokenGenerators
{
    private static Gen<int> Nibble => Gen.Choose(0, 15);

    private static Gen<TokenIdentifier> Identifier => Gen.Choose(0, TokenIdentifier.Largest).Select(m => new TokenIdentifier(m));

    private static Gen<uint> Word => ArbMap.Default.GeneratorFor<uint>();

    private static Gen<ushort> Half => Gen.Choose(0, ushort.MaxValue).Select(v => (ushort)v);

    public static Gen<TokenData> AnyToken { get; } = Gen.OneOf(
        from kind in Gen.Choose(0, 7) from random in Nibble from id in Identifier from field in Half
        select (TokenData)new CreditToken((CreditKind)kind, random, id, TransferAmount.FromField(field)),
        from kind in Gen.Elements(ManagementKind.SetMaximumPowerLimit, ManagementKind.ClearCredit, ManagementKind.SetTariffRate,
            ManagementKind.ClearTamperCondition, ManagementKind.SetMaximumPhasePowerUnbalanceLimit, ManagementKind.SetWaterMeterFactor)
        from random in Nibble from id in Identifier from value in Half
        select (TokenData)new ManagementToken(kind, random, id, value),
        from subclass in Gen.Choose(0, 1) from control in ArbMap.Default.GeneratorFor<ulong>() from code in Gen.Choose(0, 9999)
        select (TokenData)new MeterTestToken(subclass, subclass == 0 ? control & ((1UL << 36) - 1) : control & ((1UL << 28) - 1), subclass == 0 ? code % 100 : code),
        from high in Nibble from revision in Nibble from rollover in ArbMap.Default.GeneratorFor<bool>() from four in ArbMap.Default.GeneratorFor<bool>()
        from type in Gen.Choose(0, 3) from key in Word
        select (TokenData)new FirstKeySection(high, revision, rollover, four, type, key),
        from low in Nibble from tariff in Gen.Choose(0, 255) from key in Word
        select (TokenData)new SecondKeySection(low, tariff, key),
        from sgc in Gen.Choose(0, 0xFFF) from key in Word select (TokenData)new ThirdKeySection(sgc, key),
        from sgc in Gen.Choose(0, 0xFFF) from key in Word select (TokenData)new FourthKeySection(sgc, key));

    public static Gen<DecoderKey> AnyKey { get; } = Gen.OneOf(
        Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 8).Select(b => new DecoderKey(EncryptionAlgorithm.Sta, b)),
        Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 16).Select(b => new DecoderKey(EncryptionAlgorithm.Misty1, b)));
}
