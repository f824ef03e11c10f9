using System.Diagnostics.CodeAnalysis;

namespace PrepaidMeter.Hardware.MeterLink.Cjt188;

/// <summary>How a CJ/T 188 exchange failed, for a clear message and the right exit code.</summary>
public enum Cjt188LinkFailure
{
    None,

    /// <summary>No reply within the timeout, after every retry: wrong address or type, port, baud rate or wiring.</summary>
    NoReply,

    /// <summary>The meter answered with an abnormal reply; <see cref="Cjt188LinkResult{T}.Status"/> is the status it sent.</summary>
    Refused,

    /// <summary>The meter answered with something that does not fit the request.</summary>
    BadReply,

    /// <summary>The meter acknowledged a valve command but its status says the valve is not where it was told to go.</summary>
    ValveNotMoved,
}

/// <summary>The outcome of one exchange with a CJ/T 188 meter; <see cref="Status"/> is the meter's ST when its reply carried one.</summary>
public readonly record struct Cjt188LinkResult<T>(T? Value, Cjt188LinkFailure Failure, Cjt188Status? Status, string Message)
{
    [MemberNotNullWhen(true, nameof(Value))]
    public bool Success => Failure == Cjt188LinkFailure.None;

    public static Cjt188LinkResult<T> Ok(T value, Cjt188Status? status = null) => new(value, Cjt188LinkFailure.None, status, "");

    public static Cjt188LinkResult<T> Fail(Cjt188LinkFailure failure, string message, Cjt188Status? status = null) => new(default, failure, status, message);
}

/// <summary>A meter found on the line by read address: its type and address.</summary>
public readonly record struct Cjt188MeterId(Cjt188MeterType MeterType, Cjt188Address Address);
