using PrepaidMeter.Cards.Codec;
using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Records;

namespace PrepaidMeter.Cards.Layouts;

/// <summary>One field, resolved once: where, how, and the scaling between record and stored units.</summary>
internal sealed record CompiledField(
    CardField Field,
    string Name,
    int Offset,
    int Length,
    FieldEncoding Encoding,
    long ScaleUp,
    long ScaleDown,
    long Capacity,
    bool Signed)
{
    /// <summary>The largest magnitude in record units before scaling up, so encoding needs no division to check it.</summary>
    public long MaxRecordStored { get; } = Capacity / ScaleUp;

    public bool Rescales { get; } = ScaleUp != 1 || ScaleDown != 1;
}

/// <summary>The fields a card kind carries, in offset order; return-write fields apart because they may be absent.</summary>
internal sealed record KindPlan(CardKind Kind, byte Code, CardContent Content, CompiledField[] Fields, CompiledField[] ReturnWriteFields);

internal sealed record CompiledChecksum(string Name, ChecksumAlgorithm Algorithm, int Offset, int Length, bool LittleEndian, ByteRange[] Covers)
{
    public string Span => string.Join(",", Covers.Select(c => c.ToString()));
}

internal sealed record CompiledMac(int Offset, int Length, ByteRange[] Covers, int CoveredBytes)
{
    public string Span => string.Join(",", Covers.Select(c => c.ToString()));
}
