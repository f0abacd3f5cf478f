namespace ModelZoo.Models.Transfer;

/// <summary>Parameters trained with their own learning rate (PyTorch's optimizer <c>param_groups</c> entry), e.g. a
/// pretrained backbone at 1e-4 and a new head at 1e-2. <see cref="WeightDecay"/> null keeps the optimizer's.</summary>
public sealed record ParameterGroup(string Name, IReadOnlyList<Parameter> Parameters, double LearningRate, double? WeightDecay = null)
{
    public override string ToString() => FormattableString.Invariant(
        $"{Name}: {Parameters.Count} tensors, {Parameters.Sum(p => p.numel())} values, lr {LearningRate}");
}
