using ModelZoo.Data.Loading;
using ModelZoo.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Training;

/// <summary>Loss and top-1 accuracy of a model over a loader, in eval mode without gradients.</summary>
public static class Evaluator
{
    public static EvaluationResult Evaluate(ImageClassifier model, DataLoader loader, Device? device = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loader);
        device ??= model.parameters().FirstOrDefault()?.device ?? torch.CPU;
        bool wasTraining = model.training;
        model.eval();
        double lossSum = 0;
        int correct = 0, count = 0;
        try
        {
            using var noGrad = torch.no_grad();
            foreach (Batch batch in loader.GetBatches(0, cancellationToken))
            {
                using (batch)
                using (torch.NewDisposeScope())
                {
                    Tensor x = batch.Inputs.to(device), y = batch.Targets.to(device);
                    Tensor logits = model.call(x);
                    lossSum += Trainer.CrossEntropy(logits, y).item<float>() * batch.Size;
                    correct += (int)logits.argmax(1).eq(y).sum().item<long>();
                    count += batch.Size;
                }
            }
        }
        finally
        {
            model.train(wasTraining);
        }
        return new EvaluationResult(lossSum / Math.Max(1, count), correct, count);
    }
}
