using System.Diagnostics;
using ModelZoo.Training.Callbacks;
using ModelZoo.Training.Losses;
using ModelZoo.Training.Metrics;

namespace ModelZoo.Training;

/// <summary>
/// The batches of one epoch of <see cref="Trainer.Fit"/>: forward under the precision context, the loss, backward,
/// every <see cref="TrainerOptions.AccumulateGradBatches"/> batches an optimizer step through the precision strategy,
/// and the events around each. Loss and accuracy sums stay on the device; they are read every
/// <see cref="TrainerOptions.LogEveryNSteps"/> batches and at the end of the epoch.
/// </summary>
internal sealed class StepLoop
{
    private readonly TrainerContext _context;
    private readonly ITrainerCallback[] _callbacks;
    private readonly Func<Tensor, Tensor, Tensor> _lossFunction;

    public StepLoop(TrainerContext context, ITrainerCallback[] callbacks, ILossFunction loss)
    {
        _context = context;
        _callbacks = callbacks;
        _lossFunction = loss.Compute;
    }

    public (double Loss, double Correct, int Seen) TrainEpoch(IBatchSource train, int epoch, Stopwatch clock, CancellationToken ct)
    {
        TrainerContext context = _context;
        ImageClassifier model = context.Model;
        model.train();
        int accumulate = context.Options.AccumulateGradBatches, logEvery = context.Options.LogEveryNSteps, batches = train.BatchCount;
        using Tensor lossSum = torch.zeros(Array.Empty<long>(), ScalarType.Float64, device: context.Device).DetachFromDisposeScope();
        using Tensor correctSum = torch.zeros(Array.Empty<long>(), ScalarType.Float64, device: context.Device).DetachFromDisposeScope();
        int seen = 0, index = 0;
        bool pending = false;
        double running = double.NaN;
        var epochClock = Stopwatch.StartNew();
        foreach (Batch batch in train.GetBatches(epoch - 1, ct))
        {
            context.BatchIndex = index;
            using (batch)
            using (torch.NewDisposeScope())
            {
                // Gradients are zeroed when an accumulation window starts, so callbacks after the optimizer step still
                // see the step's gradients. Zero-filling, not dropping them (Optimizers.ClearGradients): measured on the
                // LeNet-5 overhead bench, dropping made Trainer.Fit 3.6 % slower than a hand loop, zero-filling 2.7 % faster.
                if (index % accumulate == 0) context.Optimizer.zero_grad();
                Tensor x = batch.Inputs.to(context.Device), y = batch.Targets.to(context.Device);
                Tensor logits, loss;
                using (context.Precision.ForwardContext())
                {
                    ModelOutput forward = model is IAuxiliaryOutputs aux && aux.HasActiveAuxiliaryHeads
                        ? aux.ForwardWithAuxiliary(x)
                        : new ModelOutput(model.call(x));
                    logits = forward.Logits;
                    loss = forward.CombinedLoss(_lossFunction, y);
                }
                Tensor objective = accumulate == 1 ? loss : loss / accumulate;
                foreach (ITrainerCallback c in _callbacks) c.OnBeforeBackward(context, objective);
                context.Precision.Backward(objective);
                foreach (ITrainerCallback c in _callbacks) c.OnAfterBackward(context);
                pending = true;
                if ((index + 1) % accumulate == 0 || index + 1 == batches)
                {
                    OptimizerStep();
                    pending = false;
                }
                Tensor detached = loss.detach();
                lossSum.add_(detached.to_type(ScalarType.Float64).mul(batch.Size));
                correctSum.add_(SoftTargets.Correct(logits.detach(), y));
                seen += batch.Size;
                var output = new BatchOutput(detached, logits, y, batch.Size, epoch, index, context.GlobalStep);
                foreach (ITrainerCallback c in _callbacks) c.OnBatchEnd(context, output);
            }
            index++;
            if (index % logEvery == 0 || index == 1 || index == batches) running = lossSum.item<double>() / seen;
            var progress = new TrainingProgress(epoch, context.Options.Epochs, index, batches, running,
                seen / Math.Max(1e-9, epochClock.Elapsed.TotalSeconds), clock.Elapsed);
            foreach (ITrainerCallback c in _callbacks) c.OnStepEnd(context, progress);
            if (context.StopRequested) break;
        }
        if (pending && !context.StopRequested) OptimizerStep();   // fewer batches than announced (skipped samples)
        return (lossSum.item<double>(), correctSum.item<double>(), seen);
    }

    private void OptimizerStep()
    {
        TrainerContext context = _context;
        context.GradientsFinite = context.Precision.UnscaleGradients(context.Optimizer);
        foreach (ITrainerCallback c in _callbacks) c.OnBeforeOptimizerStep(context);
        bool applied = context.Precision.Step(context.Optimizer);
        context.GlobalStep++;
        context.GradientsFinite = true;
        foreach (ITrainerCallback c in _callbacks) c.OnAfterOptimizerStep(context, applied);
    }
}
