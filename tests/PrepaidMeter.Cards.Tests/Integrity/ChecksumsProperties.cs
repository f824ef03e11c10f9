using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PrepaidMeter.Cards.Integrity;

namespace PrepaidMeter.Cards.Tests.Integrity;

/// <summary>The fast paths (vector sum, slicing-by-2 CRC-16, library CRC-32) agree with the bit-by-bit definitions on any input.</summary>
public sealed class ChecksumsProperties
{
    private static uint NaiveSum8(byte[] data) => (uint)data.Sum(b => b) & 0xFF;

    private static uint BitwiseCrc16Modbus(byte[] data)
    {
        uint crc = 0xFFFF;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1;
            }
        }

        return crc;
    }

    [Property(MaxTest = 500)]
    public Property FastChecksums_MatchTheirDefinitions()
    {
        var data = Gen.Choose(0, 3000).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n));
        return Prop.ForAll(data.ToArbitrary(), bytes =>
            Checksums.Compute(ChecksumAlgorithm.Sum8, bytes) == NaiveSum8(bytes)
            && Checksums.Compute(ChecksumAlgorithm.Crc16Modbus, bytes) == BitwiseCrc16Modbus(bytes)
            && Checksums.Compute(ChecksumAlgorithm.Crc32, bytes)
                == Checksums.Finish(ChecksumAlgorithm.Crc32, Checksums.Update(ChecksumAlgorithm.Crc32, Checksums.Initial(ChecksumAlgorithm.Crc32), bytes)));
    }

    [Property(MaxTest = 500)]
    public Property ChecksumMovedByTheChangedBytes_IsTheChecksumOfTheNewBytes()
    {
        // Old bytes, some of them changed, cut into up to three ranges fed in turn (a layout's covers).
        var cases =
            from length in Gen.Choose(0, 600)
            from before in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length)
            from edits in Gen.ListOf(Gen.Choose(0, Math.Max(0, length - 1)).Zip(Gen.Choose(0, 255)))
            from cuts in Gen.ListOf(Gen.Choose(0, length)).Select(c => c.Take(2).Order().ToArray())
            select (before, edits, cuts);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var after = (byte[])c.before.Clone();
            foreach (var (at, value) in c.edits.Where(_ => after.Length > 0))
            {
                after[at] = (byte)value;
            }

            int[] bounds = [0, .. c.cuts, after.Length];
            foreach (var algorithm in Enum.GetValues<ChecksumAlgorithm>())
            {
                var difference = 0u;
                for (var i = 0; i + 1 < bounds.Length; i++)
                {
                    var (start, end) = (bounds[i], bounds[i + 1]);
                    difference = Checksums.UpdateDifference(algorithm, difference, c.before.AsSpan(start, end - start), after.AsSpan(start, end - start));
                }

                Checksums.ApplyDifference(algorithm, Checksums.Compute(algorithm, c.before), difference)
                    .ShouldBe(Checksums.Compute(algorithm, after), $"{algorithm}");
            }
        });
    }
}
