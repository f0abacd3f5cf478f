namespace ModelZoo.Cam.Methods;

/// <summary>HiResCAM (Draelos and Carin 2020): map = Σ_k (∂y_c/∂A_k ⊙ A_k), the element-wise product without pooling
/// the gradients, so the map is faithful to the model's computation.</summary>
public sealed class HiResCam(ImageClassifier model, CamOptions? options = null) : GradientCamBase(model, options)
{
    public override string Name => "hirescam";

    protected override Tensor LayerMap(CamLayerContext layer) => (layer.RequireGradients() * layer.Activations).sum(1);
}
