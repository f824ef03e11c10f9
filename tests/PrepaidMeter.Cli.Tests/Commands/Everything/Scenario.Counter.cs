namespace PrepaidMeter.Cli.Tests.Commands.Everything;

/// <summary>
/// The counter on card files: blank stock and tool cards, an account opened and sold to, corrected and cancelled, a
/// partner's payment collected, the card reissued, the meter changed, the account transferred — each card carried to the virtual meter
/// (`prepaid meter insert`) where the next command needs the meter's word on it.
/// </summary>
internal static partial class Scenario
{
    private static IEnumerable<Move> Counter() =>
    [
        new CliStep("vend card blank", "--group", Group) { Card = "set", Shows = "blank card of group" },
        new CliStep("vend card tool", "set", "--group", Group) { Card = "set" },
        SetUp.Insert("m.nvram", "set", "Configured"),
        SetUp.Insert("m2.nvram", "set", "Configured"),
        new CliStep("vend card recycle") { Card = "set", Shows = "is blank", Keeps = false },

        Blank("li"),
        new CliStep("vend account open", "--customer", "{customer}", "--meter", OldMeter, "--price", "{price}", "--energy", "50")
        {
            Card = "li", Json = true, Capture = Keep("account", "accountId"),
        },
        SetUp.Insert("m.nvram", "li", "Loaded"),
        new CliStep("vend account charge", "{account}", "--amount", "1", "--reason", "meter box") { Shows = "1.00", Keeps = false },
        new CliStep("vend account list", "--customer", "{customer}") { Shows = "Li Wei", Keeps = false },
        new CliStep("vend account search", "Li Wei") { Shows = "Li Wei", Keeps = false },

        // Amendments: a type from a later day (sales now keep the old one), a capacity written by a set card the meter takes.
        SetUp.Vend("a second price type", new CliStep("vend price add", "--group", Group, "--name", "commercial", "--flat", "0.9") { Json = true, Capture = Keep("commercial", "id") }),
        new CliStep("vend amend power-type", "{account}", "--price", "{commercial}", "--from", "2099-06-01", "--reason", "shop") { Shows = "2099-06-01", Keeps = false },
        Blank("cap"),
        new CliStep("vend amend capacity", "{account}", "--watts", "3000", "--reason", "air conditioner") { Card = "cap", Shows = "3000" },
        SetUp.Insert("m.nvram", "cap", "Configured"),
        new CliStep("vend amend history", "{account}") { Shows = "3000", Keeps = false },
        new CliStep("vend query amendments", "--customer", "{customer}") { Shows = "air conditioner", Keeps = false },

        // Proportion of energy consuming: a shop in the house takes 40% of the meter's energy at the commercial price, till it closes.
        SetUp.Vend("a sharer", new CliStep("vend customer add", "--name", "Zhang Min") { Json = true, Capture = Keep("sharer", "number") }),
        new CliStep("vend split set", "{account}", "--share", "{customer}:{price}:60", "--share", "{sharer}:{commercial}:40", "--reason", "shop in the house")
        {
            Shows = "40.00%",
        },
        new CliStep("vend split show", "{account}") { Shows = "shop in the house", Keeps = false },
        new CliStep("vend card read") { Card = "li", Shows = "a new sale is allowed", Keeps = false },
        new CliStep("vend sell", "--energy", "10") { Card = "li", Shows = "10.00 kWh" },
        new CliStep("vend correct", "--energy", "12") { Card = "li", Shows = "12.00 kWh" },

        // The card goes back to purchase 1, which the meter loaded: the next sale is allowed.
        new CliStep("vend cancel") { Card = "li", Shows = "cancelled" },
        new CliStep("vend query shares", "--customer", "{sharer}") { Json = true, Shows = "Zhang Min", Keeps = false },
        new CliStep("vend split end", "{account}", "--reason", "shop closed") { Shows = "shop closed" },

        new CliStep("vend partner add", "bank") { Json = true, Capture = Keep("apikey", "apiKey") },
        new CliStep("vend payments serve", "--listen", "127.0.0.1:0") { RunsAs = PaymentServe.Run, Instead = PaymentServe.PayThroughTheApiInProcess },
        new CliStep("vend payments waiting", "--account", "{account}") { Shows = "5.00", Keeps = false },
        new CliStep("vend collect") { Card = "li", Shows = "sale" },
        SetUp.Insert("m.nvram", "li", "Loaded"),
        new CliStep("vend partner disable", "bank") { Keeps = false },

        // The new card repeats purchase 2, which the meter has: it takes the card's return-write and loads nothing.
        Blank("li2"),
        new CliStep("vend card reissue", "--account", "{account}", "--reason", "lost") { Card = "li2" },
        SetUp.Insert("m.nvram", "li2", "AlreadyLoaded"),
        new CliStep("vend card reading") { Card = "li2", Shows = "return-write", Keeps = false },

        // The meter loads purchase 3 from a copy of the card and the card never gets the return-write: a check card read
        // since shows the meter has it, so an administrator sells past "card not swiped" (purchase 4), which loads once.
        SetUp.Vend("purchase 3", new CliStep("vend sell", "--energy", "3") { Card = "li2" }),
        new SetUp("li2 copied to li2x", books => CopyCard(books, "li2", "li2x")),
        SetUp.Insert("m.nvram", "li2x", "Loaded"),
        Blank("chk"),
        SetUp.Vend("check card", new CliStep("vend card tool", "check", "--group", Group, "--meter", OldMeter) { Card = "chk" }),
        SetUp.Insert("m.nvram", "chk", "Read"),
        SetUp.Vend("check card read", new CliStep("vend card reading") { Card = "chk" }),
        new CliStep("vend tolerance sell", "--energy", "4", "--reason", "meter writes nothing back") { Card = "li2", Shows = "reading" },
        SetUp.Insert("m.nvram", "li2", "Loaded"),

        // The card's purchase area torn: the card is written again from the books (purchase 4), which the meter has.
        new SetUp("li2 damaged", books => DamageCard(books, "li2")),
        new CliStep("vend tolerance reset", "--account", "{account}", "--reason", "purchase area torn") { Card = "li2", Shows = "unreadable" },
        SetUp.Insert("m.nvram", "li2", "AlreadyLoaded"),
        new CliStep("vend query tolerance") { Json = true, Shows = "purchase area torn", Keeps = false },

        Blank("chg"),
        new CliStep("vend meter-change card", "--account", "{account}", "--user-card", "li2") { Card = "chg" },
        SetUp.Insert("m.nvram", "chg", "CreditTransferred"),
        new CliStep("vend meter-change complete", "--change-card", "chg", "--new-meter", NewMeter) { Card = "li2", Shows = "transfer" },
        new CliStep("vend meter restore", OldMeter) { Shows = "stock", Keeps = false },

        // The premises change hands: the card (its transfer purchase loaded by the new meter) goes on under the buyer's account.
        SetUp.Insert("m2.nvram", "li2", "Loaded"),
        SetUp.Vend("the buyer", new CliStep("vend customer add", "--name", "Zhang San", "--line", "L01") { Json = true, Capture = Keep("buyer", "number") }),
        new CliStep("vend account transfer", "--to", "{buyer}", "--reason", "sold") { Card = "li2", Shows = "Zhang San" },

        // Nothing is pending: settling finds nothing to do, and the list is empty.
        new CliStep("vend recover") { Card = "li2", Shows = "(none)", Keeps = false },
        new CliStep("vend recover --list") { Shows = "(none)", Keeps = false },
    ];

    private static Task CopyCard(Books books, string card, string copy)
    {
        File.Copy(Path.Combine(books.Cards, card + ".hex"), Path.Combine(books.Cards, copy + ".hex"), overwrite: true);
        return Task.CompletedTask;
    }

    /// <summary>One byte of the card's purchase amount changed, as a torn write leaves it: the card no longer decodes.</summary>
    private static async Task DamageCard(Books books, string card)
    {
        var path = Path.Combine(books.Cards, card + ".hex");
        Cards.Codec.CardImageHex.TryParse(await File.ReadAllTextAsync(path), out var image, out var headers).ShouldBeNull();
        image[61] ^= 0x5A;
        await File.WriteAllTextAsync(path, Cards.Codec.CardImageHex.Format(image, headers.Select(h => $"{h.Key}: {h.Value}")));
    }

    /// <summary>A blank of the group's stock as card file <paramref name="card"/>, issued by the administrator.</summary>
    private static SetUp Blank(string card) => SetUp.Vend($"blank card {card}", new CliStep("vend card blank", "--group", Group) { Card = card });
}
