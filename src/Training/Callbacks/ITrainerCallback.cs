
namespace ModelZoo.Training.Callbacks;

/// <summary>
/// Handles the trainer's named events (Lightning's hook names as a guide). Every method has a no-op default; callbacks
/// run in ascending <see cref="Order"/>. Set <see cref="TrainerContext.StopRequested"/> to end training after the
/// current step. Per batch the events come in this order: <see cref="OnBeforeBackward"/>, <see cref="OnAfterBackward"/>,
/// then on the batches that step the optimizer (every <see cref="TrainerOptions.AccumulateGradBatches"/>-th, and the
/// last of the epoch) <see cref="OnBeforeOptimizerStep"/> and <see cref="OnAfterOptimizerStep"/>, then
/// <see cref="OnBatchEnd"/> and <see cref="OnStepEnd"/>. After each epoch's training batches, when there is an evaluation
/// set: <see cref="OnValidationStart"/>, the evaluation, <see cref="OnValidationEnd"/>; then <see cref="OnEpochEnd"/>.
/// The per-batch events up to <see cref="OnBatchEnd"/> run inside the step's dispose scope: a tensor a callback creates
/// there is disposed when the step ends unless it calls <c>DetachFromDisposeScope()</c> (in-place updates of tensors
/// made in <see cref="OnFitStart"/> are the usual way to keep state).
/// </summary>
public interface ITrainerCallback
{
    int Order => 0;
    void OnFitStart(TrainerContext context) { }
    void OnEpochStart(TrainerContext context, int epoch) { }

    /// <summary>Before backward; <paramref name="loss"/> is what backward will differentiate (divided by the
    /// accumulation factor, before any loss scaling).</summary>
    void OnBeforeBackward(TrainerContext context, Tensor loss) { }

    void OnAfterBackward(TrainerContext context) { }

    /// <summary>Before the optimizer step, after the precision strategy unscaled the gradients (fp16): the place to
    /// clip or inspect gradients. <see cref="TrainerContext.GradientsFinite"/> says whether the step will be applied.</summary>
    void OnBeforeOptimizerStep(TrainerContext context) { }

    /// <summary>After the optimizer step (the step's gradients are still there: they are zeroed when the next
    /// accumulation window starts); <paramref name="applied"/> is false when the precision strategy skipped it
    /// (fp16 overflow). <see cref="TrainerContext.GlobalStep"/> already counts it.</summary>
    void OnAfterOptimizerStep(TrainerContext context, bool applied) { }

    void OnBatchEnd(TrainerContext context, BatchOutput output) { }
    void OnStepEnd(TrainerContext context, TrainingProgress progress) { }
    void OnValidationStart(TrainerContext context) { }
    void OnValidationEnd(TrainerContext context, EvaluationResult result) { }
    void OnEpochEnd(TrainerContext context, EpochMetrics metrics) { }
    void OnFitEnd(TrainerContext context, TrainingResult result) { }
}
