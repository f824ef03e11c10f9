using System.Globalization;
using System.IO.Ports;
using PrepaidMeter.Hardware.MeterLink;

namespace PrepaidMeter.Lab.Targets;

/// <summary>A serial line's settings in words, as a report names a meter's port.</summary>
internal static class SerialWords
{
    public static string Of(SerialSettings settings) => string.Create(CultureInfo.InvariantCulture,
        $"{settings.BaudRate} baud, {settings.DataBits} data bits, {settings.Parity.ToString().ToLowerInvariant()} parity, {Stop(settings.StopBits)} stop bit{(settings.StopBits == StopBits.One ? "" : "s")}");

    private static string Stop(StopBits bits) => bits switch
    {
        StopBits.One => "1",
        StopBits.OnePointFive => "1.5",
        StopBits.Two => "2",
        _ => "no",
    };
}
