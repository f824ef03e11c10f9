using System.Collections.Concurrent;
using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Vending.Security;

/// <summary>A supply group's card keys, derived from its secret as the books keep it.</summary>
internal static class GroupKeys
{
    // Key derivation (HKDF) is the same for a secret every time; a sale needs the keys several times.
    private static readonly ConcurrentDictionary<string, SupplyGroupKeys> Derived = new(StringComparer.Ordinal);

    public static SupplyGroupKeys Of(GroupRow group) => Derived.GetOrAdd(group.Secret, secret => SupplyGroupKeys.Derive(Convert.FromHexString(secret)));
}
