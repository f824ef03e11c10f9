namespace PrepaidMeter.Vending.Reports;

/// <summary>How big a made-up district is, and where its history starts.</summary>
/// <param name="Customers">Customers, each with a meter and an account.</param>
/// <param name="Months">Months of history from <paramref name="Start"/>.</param>
/// <param name="SalesPerCustomer">Purchases each customer makes over the whole history.</param>
public sealed record DistrictShape(int Customers, int Months, DateTimeOffset Start, int SalesPerCustomer)
{
    public int Lines { get; init; } = 20;

    public int Seed { get; init; } = 20_261_130;
}

/// <summary>What a made-up district holds, for checking reports against.</summary>
public sealed record DistrictFacts(int Customers, long Sales, long Energy, long Money, int Readings, IReadOnlyList<string> Dropped, IReadOnlyList<string> Silent);

/// <summary>
/// A deterministic district for benchmarks and demos: customers on lines and transformer areas, each with
/// a monthly consumption (a base of 100–600 kWh, seasons within 10%, ±8% noise), purchases spread over the
/// history buying what they use at the price, a reading near each month's end (every 50th customer misses
/// a quarter of them, so two lines in twenty have gaps), a summary
/// meter per line reading at each month's start with the line's loss (3–12%) on top, and a few planted
/// oddities: every 97th customer uses 30% in the last month, every 101st goes silent for the last three.
/// </summary>
public static class SyntheticDistrict
{
    /// <summary>Price per kWh in hundredths of a hundredth (0.5000).</summary>
    private const long PricePerKwh = 5_000;

    public static DistrictFacts Write(DistrictWriter writer, DistrictShape shape)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(shape);
        // Not for security: a seeded generator, so the same shape writes the same district.
#pragma warning disable CA5394
        var random = new Random(shape.Seed);
        var monthStarts = Enumerable.Range(0, shape.Months + 1).Select(m => shape.Start.AddMonths(m)).ToArray();
        var lineEnergy = new long[shape.Lines, shape.Months + 1];
        long sales = 0, energy = 0, money = 0;
        var readings = 0;
        var dropped = new List<string>();
        var silent = new List<string>();
        for (var i = 1; i <= shape.Customers; i++)
        {
            var line = (i % shape.Lines) + 1;
            var (account, meterId, _) = writer.AddCustomer($"Customer {i}", $"R{(i % 4) + 1}", $"L{line:00}", $"T{(i % (shape.Lines * 5)) + 1:000}",
                i % 5 == 0 ? "commercial" : "residential", shape.Start);
            var basis = random.Next(10_000, 60_001); // hundredths of a kWh a month
            var used = new long[shape.Months];
            for (var m = 0; m < shape.Months; m++)
            {
                var season = 100 + (10 * Math.Abs(6 - (monthStarts[m].Month % 12)) / 6); // winter up to +10%
                used[m] = basis * season / 100 * random.Next(92, 109) / 100;
            }

            var isDropped = i % 97 == 0;
            var isSilent = i % 101 == 0;
            if (isDropped)
            {
                used[^1] = used[^1] * 30 / 100;
                dropped.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var quietFrom = isSilent ? shape.Start.AddMonths(shape.Months - 3) : DateTimeOffset.MaxValue;
            if (isSilent)
            {
                silent.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            // Cumulative energy at each month start: what the branch meters see of this customer.
            long cumulative = 0;
            for (var m = 0; m <= shape.Months; m++)
            {
                lineEnergy[line - 1, m] += cumulative;
                if (m == shape.Months)
                {
                    break;
                }

                var readAt = monthStarts[m + 1].AddDays(-random.Next(0, 3)).AddHours(-random.Next(1, 12));
                var fraction = (readAt - monthStarts[m]).Ticks;
                var span = (monthStarts[m + 1] - monthStarts[m]).Ticks;
                if (readAt < quietFrom && (i % 50 != 7 || random.Next(4) != 0))
                {
                    writer.AddReading(meterId, readAt, cumulative + (long)(used[m] * (decimal)fraction / span));
                    readings++;
                }

                cumulative += used[m];
            }

            var total = used.Sum();
            var period = monthStarts[^1] - shape.Start;
            for (var s = 0; s < shape.SalesPerCustomer; s++)
            {
                var at = shape.Start + (period * (s + 0.5) / shape.SalesPerCustomer) + TimeSpan.FromMinutes(random.Next(-600, 600));
                if (at >= quietFrom || at < shape.Start)
                {
                    continue;
                }

                var kwh = total / shape.SalesPerCustomer;
                var paid = kwh * PricePerKwh / 10_000;
                writer.AddSale(account, meterId, at, kwh, paid, $"cashier{(s % 3) + 1}");
                sales++;
                energy += kwh;
                money += paid;
            }

        }

        for (var l = 0; l < shape.Lines; l++)
        {
            var id = writer.AddBranchMeter(BranchKind.Line, $"L{l + 1:00}", $"S{l + 1:0000}");
            var loss = 3 + (l * 9 / Math.Max(1, shape.Lines - 1)); // 3% .. 12%
            for (var m = 0; m <= shape.Months; m++)
            {
                writer.AddBranchReading(id, monthStarts[m], lineEnergy[l, m] * (100 + loss) / 100);
            }
        }
#pragma warning restore CA5394

        return new DistrictFacts(shape.Customers, sales, energy, money, readings, dropped, silent);
    }
}
