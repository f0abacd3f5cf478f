namespace ModelZoo.Models.Weights.Loading;

/// <summary>How <see cref="StateDictLoader"/> pairs checkpoint tensors with the model's (<see cref="LoadOptions.MatchBy"/>).</summary>
public enum KeyMatching
{
    /// <summary>By key, after <see cref="LoadOptions.StripPrefixes"/>, <see cref="LoadOptions.KeyMapRules"/> and
    /// <see cref="LoadOptions.KeyMap"/> (default, as PyTorch).</summary>
    Name,

    /// <summary>By position: the checkpoint's n-th tensor goes to the model's n-th (both in state_dict order,
    /// <c>num_batches_tracked</c> not counted). The counts must be equal and every pair must have equal shapes;
    /// the first mismatch is refused by name. For a checkpoint of the same architecture saved with other key names.</summary>
    Position,
}
