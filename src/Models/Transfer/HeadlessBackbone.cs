namespace ModelZoo.Models.Transfer;

/// <summary>
/// A classifier without its top (Keras <c>include_top=False</c>): returns the pooled pre-logits vector
/// [N, <see cref="ImageClassifier.NumFeatures"/>] (<c>pooling="avg"</c>), or with <see cref="Pooled"/> false the last
/// stage's unpooled map [N, C, h, w] (<c>pooling=None</c>). It wraps the model as child "model" (so state_dict keys read
/// <c>model.layer1...</c>) and leaves it intact: the classifier stays registered but is never run. Like any parent
/// module it owns the wrapped model: disposing the backbone disposes the model.
/// </summary>
public sealed class HeadlessBackbone : nn.Module<Tensor, Tensor>
{
    private readonly ImageClassifier model;

    public HeadlessBackbone(ImageClassifier model, bool pooled = true) : base(nameof(HeadlessBackbone))
    {
        this.model = model ?? throw new ArgumentNullException(nameof(model));
        Pooled = pooled;
        RegisterComponents();
    }

    /// <summary>The wrapped classifier.</summary>
    public ImageClassifier Model => model;

    /// <summary>True: pooled [N, NumFeatures]; false: the feature map.</summary>
    public bool Pooled { get; }

    /// <summary>Width of the pooled output.</summary>
    public int NumFeatures => model.NumFeatures;

    public override Tensor forward(Tensor input)
    {
        if (!Pooled) return model.ForwardFeatures(input);
        using Tensor features = model.ForwardFeatures(input);
        return model.ForwardHead(features, preLogits: true);
    }
}
