using ModelZoo.Models.Layers;

namespace ModelZoo.Models.GoogLeNets;

/// <summary>
/// GoogLeNet's auxiliary classifier (torchvision layout): adaptive avg-pool to 4×4 → <c>conv</c> BasicConv2d 1×1 to 128
/// → flatten (2048) → <c>fc1</c> 2048→1024 → ReLU → <c>dropout</c> (0.7) → <c>fc2</c> 1024→classes.
/// </summary>
public sealed class InceptionAux : nn.Module<Tensor, Tensor>
{
    private readonly BasicConv2d conv;
    private readonly Linear fc1;
    private nn.Module<Tensor, Tensor> fc2;
    private readonly Dropout dropout;

    public InceptionAux(long inChannels, int numClasses, double dropout = 0.7) : base(nameof(InceptionAux))
    {
        conv = new BasicConv2d(inChannels, 128, 1);
        fc1 = nn.Linear(2048, 1024);
        fc2 = ClassifierHead.Create(1024, numClasses);
        this.dropout = nn.Dropout(dropout);
        RegisterComponents();
    }

    /// <summary>Output width of fc2 (0 when it was reset to the identity).</summary>
    public int NumClasses => ClassifierHead.NumClasses(fc2);

    public override Tensor forward(Tensor input)
    {
        using Tensor pooled = nn.functional.adaptive_avg_pool2d(input, new long[] { 4, 4 });
        using Tensor c = conv.call(pooled);
        using Tensor flat = c.flatten(1);
        using Tensor h = fc1.call(flat);
        using Tensor a = nn.functional.relu(h);
        using Tensor d = dropout.call(a);
        return fc2.call(d);
    }

    /// <summary>Replaces fc2 by a fresh Linear(1024, <paramref name="numClasses"/>) (identity for 0) on fc1's device and dtype.</summary>
    internal void ResetClassifier(int numClasses) =>
        fc2 = ClassifierHead.Replace(this, nameof(fc2), 1024, numClasses, fc1.weight);
}
