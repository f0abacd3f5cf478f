using ModelZoo.Models.Weights.Loading;

namespace ModelZoo.Training.Jobs;

/// <summary>The evaluation, and for a plain weights file how its tensors were matched (null for a ModelZoo checkpoint).</summary>
public sealed record EvaluateJobResult(EvaluationResult Evaluation, LoadResult? Load);
