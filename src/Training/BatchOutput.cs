
namespace ModelZoo.Training;

/// <summary>
/// What one training batch produced, handed to <see cref="Callbacks.ITrainerCallback.OnBatchEnd"/>. The tensors live on
/// the training device and are disposed when the step ends: read them (or fold them into tensors of your own, e.g.
/// with an in-place add) during the call, never keep them. <see cref="Loss"/> is the batch's mean loss, not divided by
/// the gradient-accumulation factor; reading it with <c>item()</c> synchronises a CUDA device, so do it only when needed.
/// </summary>
public readonly record struct BatchOutput(Tensor Loss, Tensor Logits, Tensor Targets, int BatchSize, int Epoch, int BatchIndex, long GlobalStep);
