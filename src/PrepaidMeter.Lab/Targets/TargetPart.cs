namespace PrepaidMeter.Lab.Targets;

/// <summary>One thing a target used to reach its meters — a meter, a card reader, a serial port, a process — in words.</summary>
/// <param name="Label">What it is ("slot 1 card reader").</param>
/// <param name="Value">What exactly it was ("Virtual PCD 00 01 (vpcd slot 1)").</param>
/// <param name="RunSpecific">
/// True when the value changes from machine to machine or run to run (a pseudo-terminal's path, a process id, a
/// temporary folder): results.json keeps it under "run" with the time fields, so the rest stays byte for byte the same.
/// </param>
public sealed record TargetPart(string Label, string Value, bool RunSpecific = false);
