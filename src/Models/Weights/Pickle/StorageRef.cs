namespace ModelZoo.Models.Weights.Pickle;

/// <summary>A storage named by a persistent id inside a checkpoint pickle: its record key, element type,
/// declared element count, saved device and, for legacy storage views, the element offset into the root storage.
/// Nothing is read until the tensors are materialised.</summary>
internal sealed record StorageRef(string Key, ElementType Type, long Numel, string Location, long ViewOffset = 0);
