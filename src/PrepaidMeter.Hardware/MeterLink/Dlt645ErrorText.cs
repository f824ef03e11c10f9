namespace PrepaidMeter.Hardware.MeterLink;

/// <summary>An abnormal reply's error byte in words, every bit set named: what the link's failures and its traces say.</summary>
public static class Dlt645ErrorText
{
    private static readonly (Dlt645Errors Bit, string Name)[] Names =
    [
        (Dlt645Errors.Other, "other error"), (Dlt645Errors.NoSuchData, "no such data"), (Dlt645Errors.Unauthorised, "unauthorised (password)"),
        (Dlt645Errors.BaudRateUnchangeable, "baud rate cannot change"), (Dlt645Errors.TooManyYearZones, "too many year zones"),
        (Dlt645Errors.TooManyDayPeriods, "too many day periods"), (Dlt645Errors.TooManyTariffs, "too many tariffs"),
    ];

    /// <summary>Each bit of the error byte named, as docs/dlt645.md lists them.</summary>
    public static string Of(Dlt645Errors errors) =>
        errors == Dlt645Errors.None ? "no error bit set" : string.Join(", ", Names.Where(n => errors.HasFlag(n.Bit)).Select(n => n.Name));
}
