namespace PrepaidMeter.Tokens.Data;

/// <summary>
/// Class 1, InitiateMeterTest/Display (6.2.10): not encrypted, for every meter of one manufacturer. Subclass 0 carries a
/// 36-bit control field (bits 59..24) and a 2-digit manufacturer code (8 bits, 23..16); subclass 1 a 28-bit control field
/// (59..32) and a 4-digit code (16 bits, 31..16). A set control bit asks for one test or display; control 0 asks for all.
/// </summary>
public sealed record MeterTestToken : TokenData
{
    public MeterTestToken(int subclass, ulong control, int manufacturerCode)
    {
        Check(subclass, 1, nameof(subclass));
        Check((long)Math.Min(control, long.MaxValue), subclass == 0 ? (1L << 36) - 1 : (1L << 28) - 1, nameof(control));
        Check(manufacturerCode, subclass == 0 ? 99 : 9999, nameof(manufacturerCode));
        TokenSubclass = subclass;
        Control = control;
        ManufacturerCode = manufacturerCode;
    }

    public int TokenSubclass { get; }

    public ulong Control { get; }

    public int ManufacturerCode { get; }

    public override TokenClass Class => TokenClass.InitiateMeterTest;

    public override int Subclass => TokenSubclass;

    public override ulong Fields => TokenSubclass == 0
        ? (Control << 8) | (uint)ManufacturerCode
        : (Control << 16) | (uint)ManufacturerCode;

    /// <summary>The token, or an unknown one when the manufacturer code is not 2 (or 4) decimal digits.</summary>
    internal static TokenData FromFields(int subclass, ulong fields)
    {
        var (control, code, largest) = subclass == 0 ? (fields >> 8, (int)(fields & 0xFF), 99) : (fields >> 16, (int)(fields & 0xFFFF), 9999);
        return code <= largest ? new MeterTestToken(subclass, control, code) : new UnknownToken(TokenClass.InitiateMeterTest, subclass, fields);
    }
}
