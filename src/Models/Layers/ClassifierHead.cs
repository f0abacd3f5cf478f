namespace ModelZoo.Models.Layers;

/// <summary>
/// The final classifier layer as every zoo model builds it: Linear(inFeatures, classes), or an identity for 0 classes
/// (the model then returns pre-logits), and the in-place swap behind <see cref="ImageClassifier.ResetClassifier"/>.
/// </summary>
internal static class ClassifierHead
{
    /// <summary>Linear(<paramref name="inFeatures"/>, <paramref name="numClasses"/>), or Identity when it is 0.</summary>
    public static nn.Module<Tensor, Tensor> Create(long inFeatures, int numClasses) =>
        numClasses == 0 ? nn.Identity() : nn.Linear(inFeatures, numClasses);

    /// <summary>Output width of <paramref name="head"/>: its out_features, 0 for an identity.</summary>
    public static int NumClasses(nn.Module head) => head is Linear linear ? (int)linear.out_features : 0;

    /// <summary>torchvision's pooled head: <paramref name="avgpool"/> → flatten → [<paramref name="dropout"/>] →
    /// <paramref name="head"/>; with <paramref name="preLogits"/> the pooled [N, C] vector that enters the dropout.</summary>
    public static Tensor PoolAndClassify(Tensor features, nn.Module<Tensor, Tensor> avgpool, nn.Module<Tensor, Tensor>? dropout,
        nn.Module<Tensor, Tensor> head, bool preLogits)
    {
        ArgumentNullException.ThrowIfNull(features);
        using Tensor pooled = avgpool.call(features);
        Tensor flat = pooled.flatten(1);
        if (preLogits) return flat;
        using (flat)
        {
            if (dropout is null) return head.call(flat);
            using Tensor dropped = dropout.call(flat);
            return head.call(dropped);
        }
    }

    public static void ThrowIfNegative(int numClasses)
    {
        if (numClasses < 0)
            throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "numClasses must be >= 0 (0 = identity, pre-logits output).");
    }

    /// <summary>Builds a fresh head (<see cref="Create"/>), lets <paramref name="init"/> re-initialise it when it is a
    /// Linear, moves it to the dtype and device of <paramref name="like"/> and swaps it in at <paramref name="path"/>
    /// of <paramref name="model"/> (same key and position; the old head is disposed). Returns the new head, for
    /// callers that also keep it in a field.</summary>
    public static nn.Module<Tensor, Tensor> Replace(nn.Module model, string path, long inFeatures, int numClasses,
        Tensor like, Action<Linear>? init = null)
    {
        ThrowIfNegative(numClasses);
        nn.Module<Tensor, Tensor> head = Create(inFeatures, numClasses);
        if (init is not null && head is Linear linear) init(linear);
        head.to(like.dtype).to(like.device);
        ModuleSurgery.Replace(model, path, head).Dispose();
        return head;
    }
}
