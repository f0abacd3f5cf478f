using TorchSharp.Modules;

namespace ModelZoo.Cam;

/// <summary>
/// Detects, through the model contract alone, whether a classifier's head is global average pooling followed by one
/// linear layer (what plain CAM needs): <see cref="ImageClassifier.GetClassifier"/> is a Linear taking the last feature
/// stage's channels, and on a probe feature map <see cref="ImageClassifier.ForwardHead"/> returns exactly the spatial mean
/// as pre-logits and that Linear applied to it as logits (in eval mode, so dropout is off).
/// </summary>
public static class GapLinearHead
{
    /// <summary>The final Linear when the head is GAP + linear; otherwise null and the reason.</summary>
    public static Linear? Find(ImageClassifier model, out string reason)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.GetClassifier() is not Linear linear)
        {
            reason = $"its classifier '{model.ClassifierName}' is a {model.GetClassifier().GetType().Name}, not one linear layer";
            return null;
        }
        long channels = model.FeatureInfo.Count > 0 ? model.FeatureInfo[^1].Channels : -1;
        if (linear.in_features != channels)
        {
            reason = $"its classifier takes {linear.in_features} features but the last feature stage has {channels} channels, so layers sit between them";
            return null;
        }
        using var scope = torch.NewDisposeScope();
        using var state = ModelStateGuard.EvalFrozen(model);
        using var noGrad = torch.no_grad();
        Device device = linear.weight.device;
        Tensor probe = torch.arange(channels * 12, dtype: linear.weight.dtype, device: device).reshape(1, channels, 3, 4).mul(0.37).sin();
        Tensor pooled, logits;
        try
        {
            pooled = model.ForwardHead(probe, preLogits: true);
            logits = model.ForwardHead(probe);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.Runtime.InteropServices.ExternalException)
        {
            reason = "its head does not accept a feature map of another size, so it is not global pooling";
            return null;
        }
        Tensor mean = probe.mean(new long[] { 2, 3 });
        if (!pooled.shape.SequenceEqual(mean.shape) || !pooled.allclose(mean, rtol: 1e-4, atol: 1e-5))
        {
            reason = "its head does not reduce the feature map to its spatial mean";
            return null;
        }
        if (!logits.allclose(linear.call(mean), rtol: 1e-4, atol: 1e-5))
        {
            reason = "its head does more than one linear layer after the pooling";
            return null;
        }
        reason = "";
        return linear;
    }

    /// <summary>True when <paramref name="model"/>'s head is GAP + linear.</summary>
    public static bool Matches(ImageClassifier model) => Find(model, out _) is not null;

    /// <summary>The final Linear, or a <see cref="NotSupportedException"/> that suggests Grad-CAM.</summary>
    internal static Linear Require(ImageClassifier model) =>
        Find(model, out string reason) ?? throw new NotSupportedException(
            $"Plain CAM needs a head of global average pooling + one linear layer; {model.GetName()} does not have one ({reason}). "
            + "Use Grad-CAM (method 'gradcam'), which explains any model and layer.");
}
