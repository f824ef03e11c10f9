using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Setup;

namespace PrepaidMeter.Vending.Tests.Setup;

public sealed class PortServiceTests
{
    private static readonly NamedPort Counter1 = new("counter1", PortKind.Reader, "pcsc:Virtual PCD 00 00");
    private static readonly NamedPort Bus = new("bus-line3", PortKind.Serial, "/dev/ttyUSB0", 2400, "8E1");

    [Theory, BothStores]
    public void Set_ReaderAndSerial_AreListedByNameAndFound(Store store)
    {
        using var counter = new Counter(store);

        counter.Office.Ports.Set(counter.Admin, Counter1).Value.ShouldBe(Counter1);
        counter.Office.Ports.Set(counter.Admin, Bus).Value.ShouldBe(Bus);

        counter.Office.Ports.List(counter.Admin).Value.ShouldBe([Bus, Counter1]);
        counter.Office.Ports.Find("bus-line3").Value.Describe.ShouldBe("/dev/ttyUSB0 2400 8E1");
        counter.Office.Ports.Find("counter2").Refusal!.Message.ShouldBe("no port named 'counter2' (vend port list)");
    }

    [Theory, BothStores]
    public void Set_AnExistingName_ReplacesWhatItStandsFor_LoggingTheBefore(Store store)
    {
        using var counter = new Counter(store);
        counter.Office.Ports.Set(counter.Admin, Counter1).Success.ShouldBeTrue();

        counter.Office.Ports.Set(counter.Admin, Counter1 with { Device = "pcsc:Virtual PCD 00 01" }).Success.ShouldBeTrue();

        counter.Office.Ports.Find("counter1").Value.Device.ShouldBe("pcsc:Virtual PCD 00 01");
        counter.Office.Queries.OperationLog(counter.Admin, new QueryFilter()).Value.Last(e => e.Action == "port set").Detail
            .ShouldBe("pcsc:Virtual PCD 00 00 -> pcsc:Virtual PCD 00 01");
    }

    [Theory, BothStores]
    public void Set_BadNameDeviceRateOrFrame_IsRefusedAndNothingStored(Store store)
    {
        using var counter = new Counter(store);

        NamedPort[] bad =
        [
            Counter1 with { Name = "Counter1" }, Counter1 with { Name = "1counter" }, Counter1 with { Name = "" }, Counter1 with { Name = new string('c', PortService.MaxName + 1) },
            Counter1 with { Device = "memory" }, Counter1 with { Device = "pcsc:" }, Counter1 with { Device = "port:counter2" }, Counter1 with { Baud = 2400 },
            Bus with { Baud = 115200 }, Bus with { Frame = "7E1" }, Bus with { Frame = null }, Bus with { Device = "" },
        ];
        foreach (var port in bad)
        {
            counter.Office.Ports.Set(counter.Admin, port).Refusal!.Reason.ShouldBe(RefusalReason.Invalid, port.ToString());
        }

        counter.Office.Ports.List(counter.Admin).Value.ShouldBeEmpty();
    }

    [Theory, BothStores]
    public void Remove_TakesTheNameAway_AndTheBooksVerify(Store store)
    {
        using var counter = new Counter(store);
        counter.Office.Ports.Set(counter.Admin, Bus).Success.ShouldBeTrue();

        counter.Office.Ports.Remove(counter.Admin, "bus-line3").Value.ShouldBe(Bus);

        counter.Office.Ports.Find("bus-line3").Refusal!.Reason.ShouldBe(RefusalReason.NotFound);
        counter.Office.Ports.Remove(counter.Admin, "bus-line3").Refusal!.Reason.ShouldBe(RefusalReason.NotFound);
        counter.VerifyLog().ShouldBeEmpty();
    }

    [Theory, BothStores]
    public void Set_AsACashier_IsRefused_ButListingIsAQuery(Store store)
    {
        using var counter = new Counter(store);
        counter.Office.Operators.Add(counter.Admin, "wang", "Wang", SeedRoles.Cashier, "cashier-pass").Success.ShouldBeTrue();
        var cashier = counter.Office.Operators.Login("wang", "cashier-pass").Value;

        counter.Office.Ports.Set(cashier, Counter1).Refusal!.Message.ShouldBe("operator 'wang' (role cashier) may not use 'ports'");

        counter.Office.Ports.List(cashier).Success.ShouldBeTrue();
        SeedRoles.IsAdministrative(Permission.PortSet).ShouldBeTrue();
    }
}
