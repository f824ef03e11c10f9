using PrepaidMeter.Testing;
using PrepaidMeter.Tokens;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;

namespace PrepaidMeter.Web.Tests.Console;

/// <summary>
/// The books of <see cref="ConsoleSite"/> with their group 100001 selling cards and keypad tokens, under the key of vending key
/// <see cref="VendingKey"/> (DKGA02, KT 2, TI 01, KRN 1, base date 2014), and customer 2 "Zhang Min"'s token account 2 on meter
/// 12345679, DRN <see cref="Drn"/>; and a token decoded as that meter decodes it.
/// </summary>
internal static class TokenBooks
{
    public const string VendingKey = "0123456789ABCDEF";
    public const string Drn = "01234567897";

    /// <summary>The console on these books in <paramref name="store"/> (sqlite, postgres); the vending key's file is written in <paramref name="keys"/>.</summary>
    public static async Task<ConsoleSite> StartAsync(TempFolder keys, string store = "sqlite")
    {
        ArgumentNullException.ThrowIfNull(keys);
        var site = await ConsoleSite.StartAsync(store);
        File.WriteAllText(keys.File("vk"), VendingKey);
        (await site.Books.Vend("token", "group", "set", "--code", "100001", "--medium", "both", "--vending-key-file", keys.File("vk"))).Exit.ShouldBe(0);
        (await site.Books.Vend("customer", "add", "--name", "Zhang Min")).Exit.ShouldBe(0);
        (await site.Books.Vend("meter", "stock-in", "12345679", "--group", "100001")).Exit.ShouldBe(0);
        var opened = await site.Books.Vend("token", "open", "--customer", "2", "--meter", "12345679", "--price", "1", "--drn", Drn);
        opened.Exit.ShouldBe(0, opened.Err);
        return site;
    }

    /// <summary>Decodes as the meter of DRN <see cref="Drn"/> in group 100001 holding key revision <paramref name="revision"/> of <paramref name="vendingKey"/> (DKGA02, KT 2, TI 01, 2014).</summary>
    public static TokenData Decode(string vendingKey, int revision, string token)
    {
        var meter = new MeterIdentity(MeterIdentity.DefaultIin, Drn, 2, 100001, 1, revision, BaseDate.Year2014, 255);
        var decoded = new TokenCodec(Dkga02.Generate(Convert.FromHexString(vendingKey), meter).Cipher()).Decode(TokenNumber.Parse(token)!.Value);
        decoded.Succeeded.ShouldBeTrue(decoded.Failure.ToString());
        return decoded.Data!;
    }
}
