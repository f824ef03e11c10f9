using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PrepaidMeter.Cards.Integrity;

namespace PrepaidMeter.Cards.Tests.Integrity;

/// <summary>The fast checksums (tables, vector sum, library CRC-32, moved by changed bytes) agree with the plain ones on any input.</summary>
public sealed class ChecksumsProperties
{
    private static readonly Gen<byte> Bytes = Gen.Choose(0, 255).Select(b => (byte)b);

    [Property(MaxTest = 500)]
    public Property FastChecksums_AreThePlainOnes()
    {
        // Any running state, as a layout's second or third range starts from, and any bytes.
        var cases =
            from length in Gen.Choose(0, 3000)
            from data in Gen.ArrayOf(Bytes, length)
            from state in Gen.Choose(0, 0xFFFF).Zip(Gen.Choose(0, 0xFFFF)).Select(s => ((uint)s.Item1 << 16) | (uint)s.Item2)
            select (data, state);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            foreach (var algorithm in Enum.GetValues<ChecksumAlgorithm>())
            {
                var width = Checksums.LengthOf(algorithm) == 4 ? uint.MaxValue : (1u << (8 * Checksums.LengthOf(algorithm))) - 1;
                FastChecksums.Compute(algorithm, c.data).ShouldBe(PlainChecksums.Compute(algorithm, c.data), $"{algorithm}");
                FastChecksums.Update(algorithm, c.state & width, c.data)
                    .ShouldBe(PlainChecksums.Update(algorithm, c.state & width, c.data), $"{algorithm} from 0x{c.state & width:X}");
            }
        });
    }

    [Property(MaxTest = 500)]
    public Property ChecksumMovedByTheChangedBytes_IsThePlainChecksumOfTheNewBytes()
    {
        // Old bytes, some of them changed, cut into up to three ranges fed in turn (a layout's covers).
        var cases =
            from length in Gen.Choose(0, 600)
            from before in Gen.ArrayOf(Bytes, length)
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
                    difference = FastChecksums.UpdateDifference(algorithm, difference, c.before.AsSpan(start, end - start), after.AsSpan(start, end - start));
                }

                FastChecksums.ApplyDifference(algorithm, PlainChecksums.Compute(algorithm, c.before), difference)
                    .ShouldBe(PlainChecksums.Compute(algorithm, after), $"{algorithm}");
            }
        });
    }
}
