namespace PrepaidMeter.Core;

/// <summary>Taking what a reused list gathered: the meter's parts gather their events in one list each, kept between calls.</summary>
public static class ListDrain
{
    /// <summary>The items as an array, the list emptied; an empty list gives the shared empty array, allocating nothing.</summary>
    public static T[] Drain<T>(this List<T> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (list.Count == 0)
        {
            return [];
        }

        T[] items = [.. list];
        list.Clear();
        return items;
    }
}
