namespace ModelZoo.Models;

/// <summary>One auxiliary head's logits and its weight in the combined loss.</summary>
public sealed record AuxiliaryLogits(string Name, Tensor Logits, double Weight);
