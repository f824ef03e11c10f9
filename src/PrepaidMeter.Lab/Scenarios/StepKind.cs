namespace PrepaidMeter.Lab.Scenarios;

/// <summary>What a scenario step does. Each is documented, with an example, in docs/scenarios.md.</summary>
public enum StepKind
{
    /// <summary>Installs the meter (a set card from the counter) and opens the account with a first sale onto a new user card.</summary>
    OpenAccount,

    /// <summary>Sells energy or money onto the user card at the counter.</summary>
    Sell,

    /// <summary>Changes the amount of the last sale while its card has not been swiped.</summary>
    Correct,

    /// <summary>Cancels the last sale while its card has not been swiped.</summary>
    Cancel,

    /// <summary>Charges the account a fee the next sale collects first (restricted purchase).</summary>
    ChargeArrears,

    /// <summary>Reads the user card's return-write at the counter as a meter reading.</summary>
    TakeReading,

    /// <summary>Puts the user card into the meter (optionally cutting power inside the card handling) and takes it back.</summary>
    Swipe,

    /// <summary>Remembers the user card's image as it is now, to replay it later.</summary>
    KeepImage,

    /// <summary>Inserts a copy of a remembered image into the meter: a copied or old card.</summary>
    Replay,

    /// <summary>The customer loses the user card; its image is remembered as "lost".</summary>
    LoseCard,

    /// <summary>Writes a new user card for the account (a new serial) on a blank card.</summary>
    Reissue,

    /// <summary>Writes a tool card (set, clear, zero, check, test) at the counter and inserts it in the meter.</summary>
    ToolCard,

    /// <summary>Moves the account to another meter: meter-change card, new meter installed, credit transferred onto the user card.</summary>
    ChangeMeter,

    /// <summary>Inserts a user card made by another supply group into the meter.</summary>
    ForeignCard,

    /// <summary>Changes one byte of the user card in hand, as someone editing a card image by hand would.</summary>
    TamperCard,

    /// <summary>
    /// Edits the purchase amount of the user card in hand as a forger would: the layout's checksums computed
    /// again, any MAC made without the supply group's secret. A layout with a MAC is refused (C1); one without
    /// cannot tell the forged card from a sold one.
    /// </summary>
    ForgeCard,

    /// <summary>Inserts a factory-new card of the group's stock into the meter.</summary>
    BlankCard,

    /// <summary>
    /// Inserts a copy of the user card carrying the next purchase, of more than the meter's purchase limit,
    /// written with the group's keys past the counter (which would refuse such a sale): what a rogue
    /// vending station could make.
    /// </summary>
    OverLimitCard,

    /// <summary>Lets time pass under a load: constant power, or a daily curve.</summary>
    Consume,

    /// <summary>Lets time pass with nothing switched on.</summary>
    Advance,

    /// <summary>Cuts the meter's power.</summary>
    CutPower,

    /// <summary>Restores the meter's power; it restarts from its NVRAM.</summary>
    RestorePower,

    /// <summary>A remote command over the meter link (trip, close permitted, direct close, alarm, keep power).</summary>
    Remote,

    /// <summary>
    /// The customer's card in the counter's reader and `vend recover` run: every card write a pulled card or a power cut
    /// left pending is settled by what the card holds (the new image commits, the old or a torn one is put back and discards).
    /// </summary>
    Recover,

    /// <summary>
    /// Reads a meter's registers (the account's, or any in stock — one replaced by a meter change too) and the back office's
    /// last reading of it; the step's meter expectations read that meter.
    /// </summary>
    ReadMeter,

    /// <summary>Lets time pass at a water or gas meter with a flow drawn through it: constant litres an hour, or a daily curve (the twin of consume).</summary>
    Flow,

    /// <summary>A magnet put at a water or gas meter's flow sensor (tamper rule T1).</summary>
    ApplyMagnet,

    /// <summary>The magnet taken away: the latch stays (T1) until a tool card or the quiet period clears it.</summary>
    RemoveMagnet,

    /// <summary>The meter's case opened (T2, on a model with a case switch).</summary>
    OpenCase,

    /// <summary>The case closed again.</summary>
    CloseCase,

    /// <summary>A fresh battery fitted (B4): a critical battery's hold on the valve ends.</summary>
    ChangeBattery,

    /// <summary>The valve seizes: its motor runs but it does not move (V5, V6) — a fault the lab injects.</summary>
    SeizeValve,

    /// <summary>The seized valve moves again.</summary>
    FreeValve,

    /// <summary>The lab's vending side makes a token for a meter and keeps it under a name, without entering it (an old token, one for later).</summary>
    MakeToken,

    /// <summary>A token typed at a meter's keypad and entered: made now, an earlier one kept, mistyped, another meter's, or keys as written.</summary>
    EnterToken,

    /// <summary>A key change campaign at a meter: its key change set under the current key, optionally rolling the base date over, then a credit token.</summary>
    KeyChange,

    /// <summary>A credit token sold at the counter by the back office (`prepaid vend token sell`), kept under a name and/or typed in at once.</summary>
    SellToken,
}
